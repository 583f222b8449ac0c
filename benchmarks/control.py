"""Benchmark: direct and indirect value of control on random DAGs of growing size.

    python benchmarks/control.py            # 250 ... 4,000 nodes (about a minute)
    python benchmarks/control.py --smoke    # two tiny sizes (what the test suite runs)

Each diagram has ``n`` nodes, each with three parents among the previous 50, five decisions of
one agent and five utility nodes at the end. For the first decision the table shows the time
of :func:`cid.value_of_control` (the reference: one minimal d-reduction and a search), of
:func:`cid.direct_value_of_control` and :func:`cid.indirect_value_of_control`, each as a ratio
to value of control, and the growth exponent of the indirect one (slope of log time against
log size).

The baseline is the previous method (the zoo's helper before it moved into :mod:`cid`): one
Bayes-ball from every candidate ``X`` in ``G*`` without ``X``'s outgoing edges. It is run in
the same process up to ``--baseline-max`` nodes; its answers must equal the library's, or the
script exits with status 1.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx

import cid
from cid.graph import bayes_ball, minimal_d_reduction

MARK = ("benchmark", "given")


def diagram(n: int, *, seed: int = 0) -> cid.Diagram:
    """``n`` nodes, three parents each among the previous 50, five decisions, five utilities."""
    rng = random.Random(seed)
    names = [f"N{i}" for i in range(n)]
    edges = [(names[j], names[i]) for i in range(1, n)
             for j in rng.sample(range(max(0, i - 50), i), min(3, i))]
    decisions = [names[i] for i in sorted(rng.sample(range(n // 4, n // 2), 5))]
    return cid.Diagram.from_edges(edges, nodes=names, decisions=decisions,
                                  utilities=names[-5:], name=f"random{n}")


def baseline_indirect(d: cid.Diagram, decision: str) -> frozenset[str]:
    """One Bayes-ball per candidate, from ``X`` upwards (the previous method)."""
    agent = d.agent_of(decision)
    graph: nx.DiGraph[Hashable] = nx.DiGraph()
    graph.add_nodes_from(d.nodes)
    graph.add_edges_from(d.edge_list)
    reduced = minimal_d_reduction(graph, decisions=d.decisions_of(agent),
                                  utilities=d.utilities_of(agent))
    after = set(d.utilities_of(agent)) & nx.descendants(reduced, decision)
    upstream = nx.ancestors(reduced, decision)
    out = set()
    for x in cid.value_of_control(d, decision):
        if x not in upstream:
            continue
        given = {decision, *d.parents(decision)} - {x}
        cut = reduced.copy()
        cut.remove_edges_from(list(reduced.out_edges(x)))
        if given & nx.descendants(reduced, x):
            cut.add_edge(x, MARK)
            given.add(MARK)  # type: ignore[arg-type]
        reached = bayes_ball(cut, x, given=given).reached
        if any(u in reached and u not in given for u in after):
            out.add(x)
    return frozenset(out)


def best(fn: Callable[[cid.Diagram, str], Any], n: int, repeat: int) -> tuple[float, Any]:
    """The best time of ``fn(diagram, decision)`` over ``repeat`` fresh copies of the diagram
    (so that nothing an earlier call computed is reused), and its answer."""
    times, result = [], None
    for _ in range(repeat):
        d = diagram(n)
        start = time.perf_counter()
        result = fn(d, d.decisions[0])
        times.append(time.perf_counter() - start)
    return min(times), result


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum(
        (a - mx) ** 2 for a in lx)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="two tiny sizes")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--baseline-max", type=int, default=2000,
                        help="run the baseline up to this many nodes")
    args = parser.parse_args(argv)
    sizes = [60, 120] if args.smoke else [250, 500, 1000, 2000, 4000]
    print(f"{'nodes':>6} {'VoC':>5} {'direct':>6} {'indir':>5} {'VoC s':>8} "
          f"{'direct/VoC':>10} {'indirect/VoC':>12} {'baseline/indirect':>17}")
    ns, indirect_times, status = [], [], 0
    for n in sizes:
        t_voc, voc = best(cid.value_of_control, n, args.repeat)
        t_dir, direct = best(cid.direct_value_of_control, n, args.repeat)
        t_ind, indirect = best(cid.indirect_value_of_control, n, args.repeat)
        ratio = "-"
        if n <= args.baseline_max:
            t_base, base = best(baseline_indirect, n, 1)
            ratio = f"{t_base / t_ind:.1f}x"
            if base != indirect:
                print(f"MISMATCH at {n} nodes: baseline {sorted(base)} vs {sorted(indirect)}")
                status = 1
        ns.append(n)
        indirect_times.append(t_ind)
        print(f"{n:>6} {len(voc):>5} {len(direct):>6} {len(indirect):>5} {t_voc:>8.3f} "
              f"{t_dir / t_voc:>9.1f}x {t_ind / t_voc:>11.1f}x {ratio:>17}")
    print(f"growth exponent of indirect value of control: {slope(ns, indirect_times):.2f}")
    return status


if __name__ == "__main__":
    sys.exit(main())
