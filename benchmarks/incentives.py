"""Benchmark: the full incentive report on random diagrams, against the base version and
against a naive by-definition implementation, in the same run.

    python benchmarks/incentives.py            # everything (several minutes)
    python benchmarks/incentives.py --quick    # up to 10^4 nodes
    python benchmarks/incentives.py --smoke    # tiny sizes, to check that it runs (a test)

**Many decisions.** ``n`` nodes in a row, each with one to three parents among the 50 before
it, ``k`` random decisions of one agent, about 2% utility nodes (``benchmarks/_families.py``),
for ``k`` = 10, 20, 40, 100 at 10^3 and 10^4 nodes. The *full report* is ``cid.analyze`` plus
``report.incentives()`` (every incentive with its lazy witness); its output grows like
``n k``, and the table fits the growth exponent of the time against ``n k``. Each point is
also run with the base version of the library (``--base``, default the commit before this
work), extracted by ``git archive`` into a temporary directory and imported by path in a
worker process (``benchmarks/_report_worker.py``), like the current version; the two must
give the same answers (a digest of every decision's four sets). The base version is given
``--before-limit`` seconds per point (shown ``>limit``; ten times that in the before/after
table). Times are best-of-a-few wall-clock
seconds, and CPU seconds (``cpu``: the machine may be shared).

**Before/after.** The same comparison on the layered family (``sqrt(n)`` layers of ``sqrt(n)``
nodes, two parents in the two layers above, six decisions of two agents, utilities shared)
at 10^4 and 10^5 nodes: the ratio must stay at or below 1.

**Layered, in process.** ``cid.analyze`` on the layered family from 10^2 to 10^5 nodes, the
report with every witness path built (``eager``) and the naive baseline: d-separation by
``networkx.is_d_separator`` for each information link, the reduction as repeated passes, and
value of information by one reduction per candidate (run on the small sizes only; where it
would take too long its value-of-information part is timed on a sample of candidates and
extrapolated, marked ``~``). ``checks`` counts the value-of-information candidates decided by
the definition (see ``docs/incentives.md``).

The **adversarial VoI** table times the shape ``X_i -> Y -> D1 -> U <- D2 -> D1`` (decisions
``D1, D2``, utility ``U``, ``m`` nodes ``X_i``), where the one-pass bounds of value of
information disagree on every ``X_i`` for ``D2``; ``per-candidate s`` is the method before
the replay (one reduction per candidate between the bounds) on the same diagram.

``import cid`` is timed in fresh interpreters (median, minus an empty interpreter), for both
versions; the target is under 50 ms.

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
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _families  # noqa: E402
from _versions import base_tree, before_after_table, import_time, many_decisions_table  # noqa: E402

import cid  # noqa: E402


def layered_diagram(n: int, *, decisions: int = 6, seed: int = 0) -> cid.Diagram:
    """A layered random diagram with ``n`` nodes, ``decisions`` decisions of two agents."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cid.CIDWarning)
        return cid.Diagram.from_edges(**_families.layered(n, decisions=decisions, seed=seed))


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
            if x in a.reduce_with(x, D).graph.pred[D]:
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
            d = cid.Diagram.from_edges(
                edges, nodes=names, name="exhaustive",
                decisions=[v for v, k in zip(names, kinds, strict=True) if k == "d"],
                utilities=[v for v, k in zip(names, kinds, strict=True) if k == "u"])
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


def layered_table(sizes: list[int], decisions: int) -> None:
    """``cid.analyze`` on the layered family in this process, against the naive baseline."""
    baseline_sizes = {100: None, 300: 10, 1_000: 5}
    print(f"\nlayered, in process\n"
          f"{'nodes':>7} {'edges':>7} {'dec':>4} {'checks':>6} {'analyze s':>10} "
          f"{'us/node/dec':>11} {'+witnesses s':>12} {'eager s':>8} {'naive s':>10} "
          f"{'speed-up':>9}")
    points = []
    for n in sizes:
        d = layered_diagram(n, decisions=decisions)
        repeat = 3 if n <= 10_000 else 2
        t = best_of(lambda d=d: cid.analyze(d), repeat)  # type: ignore[misc]
        report = cid.analyze(d)
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
        ndec = len(d.decisions)
        print(f"{len(d):>7} {len(d.edge_list):>7} {ndec:>4} {checks:>6} {t:>10.3f} "
              f"{1e6 * t / len(d) / ndec:>11.1f} {tw:>12.3f} {te:>8.3f} {naive:>10} "
              f"{ratio:>9}", flush=True)
    fit(points, "(log-log slope of analyze time)")
    fit([(x, y) for x, y in points if x >= 900], "from the 10^3-node point on")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="sizes up to 10^4 only")
    size.add_argument("--smoke", action="store_true", help="tiny sizes (a few seconds)")
    ap.add_argument("--decisions", type=int, default=6, help="decisions of the layered family")
    ap.add_argument("--base", default="a373a46", help="the commit to compare with")
    ap.add_argument("--before-limit", type=float, default=60.0,
                    help="seconds the base version gets per point")
    ap.add_argument("--exhaustive", type=int, metavar="N",
                    help="check every diagram of N nodes against the oracle, then stop")
    ap.add_argument("--jobs", type=int, default=2, help="processes for --exhaustive")
    args = ap.parse_args(argv)
    if args.exhaustive:
        return exhaustive_check(args.exhaustive, args.jobs)
    if args.smoke:
        many_ns, many_ks, versus = [200], [3, 6], [300]
        sizes, adversarial = [60], [100, 200]
    else:
        many_ns, many_ks = [1_000, 10_000], [10, 20, 40, 100]
        versus = [10_000] + ([] if args.quick else [100_000])
        sizes = [100, 300, 1_000, 3_000, 10_000] + ([] if args.quick else [30_000, 100_000])
        adversarial = [2_000, 4_000, 8_000] + ([] if args.quick else [16_000, 32_000])
    with base_tree(args.base) as base:
        many_decisions_table(many_ns, many_ks, base, limit=args.before_limit)
        before_after_table(versus, base, decisions=args.decisions,
                           limit=10 * args.before_limit)
        old = "" if base is None else f", base version {1000 * import_time(base):.0f} ms"
        print(f"\nimport cid: {1000 * import_time():.0f} ms{old} (target: under 50 ms)")
    layered_table(sizes, args.decisions)
    adversarial_table(adversarial)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
