"""Benchmark: the full incentive report on layered random diagrams, 10^2 ... 10^5 nodes.

    python benchmarks/incentives.py            # all sizes (about a minute)
    python benchmarks/incentives.py --quick    # up to 10^4 nodes

Each diagram has ``sqrt(n)`` layers of ``sqrt(n)`` nodes; every node has two parents in the
two layers above; several decisions (two agents) observe three nodes of the layer above;
about 2% of the nodes below the first decision are utility nodes, some shared by both agents.
The time is that of :func:`cid.analyze` (all four criteria for every decision, best of a few
runs); the table also shows the time to build the report and list every incentive with its
(lazy) witness (``report.incentives()``), the time to build every witness path as well
(``eager``: the total length of the paths grows like ``n^1.5`` on these layered graphs), and
the fitted growth exponent (slope of log time against log size).

``checks`` counts the value-of-information candidates decided by the definition (one
reduction each, see ``docs/incentives.md``) and ``passes`` the Bayes-ball passes; the work
per pass is linear, so ``ns/node/pass`` stays flat while the number of passes depends on how
many information links are nonrequisite.

The baseline is a naive by-definition implementation in the style of the older library:
d-separation by ``networkx.is_d_separator`` for each information link, the reduction as
repeated reverse passes, and value of information by one reduction per candidate node. It is
run on the small sizes only; where it would take too long, its value-of-information part is
timed on a sample of candidates and extrapolated (marked ``~``).

The **adversarial VoI** table times the shape ``X_i -> Y -> D1 -> U <- D2 -> D1`` (decisions
``D1, D2``, utility ``U``, ``m`` nodes ``X_i``), where the one-pass bounds of value of
information disagree on every ``X_i`` for ``D2``; ``per-candidate s`` is the previous method
(one reduction per candidate between the bounds) on the same diagram, run in the same process.

    python benchmarks/incentives.py --exhaustive 5 --jobs 2

checks value of information and response incentives against the brute-force oracle
(``tests/support/oracle.py``) on every diagram of 5 nodes with several decisions (a few
minutes): the lower bound of value of information is a lemma the engine relies on without a
proof (see :mod:`cid.incentives.voi`).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cid  # noqa: E402
from cid.graph import _compact  # noqa: E402

PASSES = _compact.passes  # Bayes-ball passes made by the engine (counted by the search)


def layered_diagram(n: int, *, decisions: int = 6, seed: int = 0) -> cid.Diagram:
    """A layered random diagram with ``n`` nodes, ``decisions`` decisions of two agents."""
    rng = random.Random(seed)
    width = max(5, round(math.sqrt(n)))
    depth = max(4, n // width)
    dec_layers = sorted(set(round(1 + i * (depth - 3) / max(1, decisions - 1))
                            for i in range(decisions)))
    first = dec_layers[0]
    b = cid.DiagramBuilder(f"layered_{n}")
    layers: list[list[str]] = []
    count = 0
    for layer in range(depth):
        names = []
        dec_slot = rng.randrange(width) if layer in dec_layers else -1
        for j in range(width):
            name = f"L{layer}_{j}"
            above = layers[-1] + (layers[-2] if layer > 1 else []) if layer else []
            if j == dec_slot:
                agent = "robot" if dec_layers.index(layer) % 3 else "human"
                b.decision(name, rng.sample(layers[-1], min(3, len(layers[-1]))), agent=agent)
            else:
                parents = rng.sample(above, min(2, len(above)))
                if layer > first and rng.random() < 0.02:
                    owners = rng.choice([["robot"], ["robot"], ["human"], ["human", "robot"]])
                    b.utility(name, parents, agent=owners)
                else:
                    b.chance(name, parents)
            names.append(name)
            count += 1
        layers.append(names)
    last = layers[-1][0]
    d = b.build()
    if not d.utilities_of("robot") if "robot" in d.agents else True:
        d = d.utility("U_robot", [last], agent="robot")
    if "human" in d.agents and not d.utilities_of("human"):
        d = d.utility("U_human", [last], agent="human")
    return d


# --------------------------------------------------------------------------- naive baseline
def _naive_reduction(G: nx.DiGraph, ds: list[str], us: set[str]) -> nx.DiGraph:
    H = G.copy()
    changed = True
    while changed:
        changed = False
        for D in reversed(ds):
            u_d = us & nx.descendants(H, D)
            fam = set(H.predecessors(D)) | {D}
            for x in list(H.predecessors(D)):
                if not u_d or nx.is_d_separator(H, {x}, u_d, fam - {x}):
                    H.remove_edge(x, D)
                    fam.discard(x)
                    changed = True
    return H


def naive_report(d: cid.Diagram, *, voi_sample: int | None = None,
                 rng: random.Random | None = None) -> tuple[dict[str, object], float]:
    """All four criteria by their definitions; returns (answers, VoI extrapolation factor)."""
    G = d.to_networkx()
    out: dict[str, object] = {}
    factor = 1.0
    for agent in d.agents:
        ds = list(d.decisions_of(agent))
        us = set(d.utilities_of(agent))
        R = _naive_reduction(G, ds, us)
        for D in ds:
            desc = nx.descendants(G, D)
            cands = [x for x in G if x != D and x not in desc]
            if voi_sample is not None and len(cands) > voi_sample:
                factor = max(factor, len(cands) / voi_sample)
                cands = (rng or random.Random(0)).sample(cands, voi_sample)
            voi = set()
            for x in cands:
                H = G.copy()
                H.add_edge(x, D)
                if _naive_reduction(H, ds, us).has_edge(x, D):
                    voi.add(x)
            ri = {x for x in G if x != D and nx.has_path(R, x, D)}
            voc = {x for x in G if x not in ds and any(nx.has_path(R, x, u) for u in us)}
            ici = {x for x in G if nx.has_path(G, D, x) and any(nx.has_path(G, x, u) for u in us)}
            out[D] = (voi, ri, voc, ici)
    return out, factor


def eager_witnesses(d: cid.Diagram) -> int:
    """The report with every witness path built, the way the engine used to list them (each
    path found at once, its edges oriented by looking each one up in the graph)."""
    from cid.incentives.witness import oriented_edges

    succ = {n: set(d.children(n)) for n in d.nodes}
    total = 0
    for i in cid.analyze(d).incentives():
        total += len(oriented_edges(succ, i.witness.path))  # type: ignore[arg-type]
    return total


# --------------------------------------------------------------------------- timing
def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def slope(points: Iterable[tuple[float, float]]) -> float:
    pts = [(math.log(x), math.log(y)) for x, y in points if y > 0]
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def fit(points: list[tuple[float, float]], label: str) -> None:
    """Print the fitted growth exponent of ``points`` and how many points the fit used."""
    if len(points) >= 2:
        print(f"fitted growth exponent {label}: {slope(points):.2f} ({len(points)} points)")


# --------------------------------------------------------------------------- adversarial VoI
def adversarial_diagram(m: int) -> cid.Diagram:
    """``X_i -> Y -> D1 -> U <- D2 -> D1``: ``Y -> D1`` is nonrequisite, and the bounds of value
    of information for ``D2`` disagree on ``Y`` and every ``X_i``."""
    edges = [f"X{i} -> Y" for i in range(m)] + ["Y -> D1", "D1 -> U", "D2 -> U", "D2 -> D1"]
    return cid.Diagram.from_edges(edges, decisions=["D1", "D2"], utilities=["U"])


def per_candidate_voi(d: cid.Diagram, decision: str) -> set[str]:
    """The previous method: one reduction for every candidate between the one-pass bounds."""
    from cid.incentives.criteria import agent_view

    a = agent_view(d, d.agent_of(decision))
    g = a.base.compact
    D = g.index[decision]
    r = a.decision(decision)
    outside = set(r.descendants) | {decision}
    parents = set(g.pred[D])
    kept = set(a.reduced_compact.pred[D])
    lower = {x for x in a.ball_in_reduced(D).reached_ids()
             if g.names[x] not in outside and (x not in parents or x in kept)}
    out = set(lower)
    for x in a.ball_in_g(D).reached_ids():
        if g.names[x] not in outside and x not in parents and x not in lower:
            h, _ = a.reduce_with(x, D)
            if x in h.pred[D]:
                out.add(x)
    return {str(g.names[x]) for x in out}


def adversarial_table(sizes: list[int]) -> None:
    print(f"\nadversarial VoI: X_i -> Y -> D1 -> U <- D2 -> D1\n"
          f"{'m':>7} {'checks':>6} {'analyze s':>10} {'per-candidate s':>15} {'speed-up':>9}")
    points = []
    for m in sizes:
        d = adversarial_diagram(m)
        t = best_of(lambda d=d: cid.analyze(d), 3)  # type: ignore[misc]
        report = cid.analyze(d)
        checks = sum(r.definition_checks for r in report)
        old = ""
        ratio = ""
        if m <= 4_000:
            start = time.perf_counter()
            answer = per_candidate_voi(d, "D2")
            t_old = time.perf_counter() - start
            assert answer == set(report["D2"].value_of_information)
            old, ratio = f"{t_old:.3f}", f"{t_old / t:.0f}x"
        points.append((m, t))
        print(f"{m:>7} {checks:>6} {t:>10.4f} {old:>15} {ratio:>9}", flush=True)
    fit(points, "(analyze time against m)")


# --------------------------------------------------------------------------- exhaustive check
def _exhaustive_part(args: tuple[int, int, int]) -> tuple[int, int]:
    import itertools

    from tests.support import oracle

    n, part, parts = args
    names = [f"N{i}" for i in range(n)]
    pairs = [(names[i], names[j]) for j in range(n) for i in range(j)]
    kind_sets = [k for k in itertools.product("cdu", repeat=n)
                 if k.count("d") >= 2 and "u" in k]
    count = bad = 0
    for mask in range(part, 1 << len(pairs), parts):
        edges = [p for b, p in enumerate(pairs) if mask >> b & 1]
        for kinds in kind_sets:
            builder = cid.DiagramBuilder("exhaustive")
            for v, k in zip(names, kinds, strict=True):
                parents = [a for a, b in edges if b == v]
                {"c": builder.chance, "d": builder.decision, "u": builder.utility}[k](v, parents)
            d = builder.build()
            for D in d.decisions:
                count += 1
                if (cid.value_of_information(d, D) != oracle.voi(d, D)
                        or cid.response_incentives(d, D) != oracle.ri(d, D)):
                    bad += 1
                    print("MISMATCH", edges, "".join(kinds), D, flush=True)
    return count, bad


def exhaustive_check(n: int, jobs: int) -> int:
    """VoI and RI against the oracle on every diagram of ``n`` nodes with several decisions."""
    from multiprocessing import Pool

    start = time.perf_counter()
    with Pool(jobs) as pool:
        results = pool.map(_exhaustive_part, [(n, i, 4 * jobs) for i in range(4 * jobs)])
    count = sum(c for c, _ in results)
    bad = sum(b for _, b in results)
    print(f"{n} nodes: {count} decisions checked, {bad} mismatches "
          f"({time.perf_counter() - start:.0f} s)")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes up to 10^4 only")
    ap.add_argument("--decisions", type=int, default=6)
    ap.add_argument("--exhaustive", type=int, metavar="N",
                    help="check every diagram of N nodes against the oracle, then stop")
    ap.add_argument("--jobs", type=int, default=2, help="processes for --exhaustive")
    args = ap.parse_args(argv)
    if args.exhaustive:
        return exhaustive_check(args.exhaustive, args.jobs)
    sizes = [100, 300, 1_000, 3_000, 10_000] + ([] if args.quick else [30_000, 100_000])
    baseline_sizes = {100: None, 300: 10, 1_000: 5}
    print(f"{'nodes':>7} {'edges':>7} {'dec':>4} {'checks':>6} {'passes':>6} {'analyze s':>10} "
          f"{'us/node/dec':>11} {'ns/node/pass':>12} {'+witnesses s':>12} {'eager s':>8} "
          f"{'naive s':>10} {'speed-up':>9}")
    points = []
    for n in sizes:
        d = layered_diagram(n, decisions=args.decisions)
        before = d.to_json() if n <= 1_000 else None
        repeat = 3 if n <= 10_000 else 2
        t = best_of(lambda d=d: cid.analyze(d), repeat)  # type: ignore[misc]
        PASSES[0] = 0
        report = cid.analyze(d)
        passes = PASSES[0]
        checks = sum(r.definition_checks for r in report)
        tw = best_of(lambda d=d: len(cid.analyze(d).incentives()), 1)  # type: ignore[misc]
        te = best_of(lambda d=d: eager_witnesses(d), 1)  # type: ignore[misc]
        points.append((len(d), t))
        naive = ""
        ratio = ""
        if n in baseline_sizes:
            sample = baseline_sizes[n]
            start = time.perf_counter()
            answers, factor = naive_report(d, voi_sample=sample)
            tn = time.perf_counter() - start
            if factor == 1.0:
                for r in report:  # the baseline agrees with the engine
                    voi, ri, voc, ici = answers[r.decision]  # type: ignore[misc]
                    assert set(r.value_of_information) == voi and set(r.response_incentive) == ri
                    assert set(r.value_of_control) == voc
                    assert set(r.instrumental_control_incentive) == ici
            est = tn * factor  # the VoI loop dominates; scale it to all candidates
            naive = f"{'~' if factor > 1 else ''}{est:.2f}"
            ratio = f"{'~' if factor > 1 else ''}{est / t:.0f}x"
        if before is not None:
            assert d.to_json() == before
        ndec = len(d.decisions)
        print(f"{len(d):>7} {len(d.edge_list):>7} {ndec:>4} {checks:>6} {passes:>6} {t:>10.3f} "
              f"{1e6 * t / len(d) / ndec:>11.1f} {1e9 * t / len(d) / passes:>12.0f} "
              f"{tw:>12.3f} {te:>8.3f} {naive:>10} {ratio:>9}", flush=True)
    fit(points, "(log-log slope of analyze time)")
    fit([(x, y) for x, y in points if x >= 900], "from the 10^3-node point on")
    adversarial_table([2_000, 4_000, 8_000] + ([] if args.quick else [16_000, 32_000]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
