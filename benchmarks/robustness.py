"""Benchmark: single-edit sensitivity of the zoo, random-diagram surveys on Dask, growth.

    python benchmarks/robustness.py             # the zoo, 10^5 random diagrams, sizes to 48
    python benchmarks/robustness.py --count 20000
    python benchmarks/robustness.py --smoke     # a few seconds (the test suite runs this)

Three tables, each comparing against a baseline run in the same process:

1. **Zoo.** :func:`cid.robustness.sensitivity` of every zoo entry with every single edit:
   edits per second with the incremental rule (edits outside the agent's ``An*(U ∪ D)``
   cost one value-of-information pass) against naive re-analysis of every edited diagram
   (``incremental=False``), and their ratio; both give the same flips (checked here too).
2. **Survey.** The incentive survey of ``--count`` random diagrams
   (:func:`cid.sweeps.tasks.incentive_survey`) in one process (Dask's synchronous scheduler)
   and on a 2-worker local process cluster: diagrams per second and the throughput ratio;
   the two tables are checked equal.
3. **Growth.** The time of ``sensitivity`` on random diagrams of growing size; the exponent
   is the slope of log time against log size (every single edit of an ``n``-node diagram is
   about ``n^2`` edits, each a linear-time analysis).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cid  # noqa: E402
import zoo  # noqa: E402
from cid.robustness import sensitivity  # noqa: E402


def _timed(f: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """The best time of ``repeat`` runs (the machine may be shared), and the result."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def _flips(report: Any) -> set[tuple[Any, ...]]:
    return {(f.edit, v.decision, v.kind, v.node) for v in report.verdicts for f in v.flips}


def zoo_table(names: Sequence[str], repeat: int) -> tuple[float, float]:
    """Print the zoo table; return (incremental, naive) total seconds."""
    print(f"{'entry':<34} {'nodes':>5} {'edits':>6} {'local':>6} {'inc s':>8} {'naive s':>8} "
          f"{'ratio':>6}")
    inc_total = naive_total = edits_total = local_total = 0.0
    for name in names:
        d = zoo.build(name)
        if not d.decisions:
            continue
        t_inc, fast = _timed(lambda d=d: sensitivity(d), repeat)
        t_naive, slow = _timed(lambda d=d: sensitivity(d, incremental=False), repeat)
        if _flips(fast) != _flips(slow):
            raise SystemExit(f"{name}: incremental and naive flips differ")
        inc_total += t_inc
        naive_total += t_naive
        edits_total += len(fast.edits)
        local_total += fast.incremental
        print(f"{name:<34} {len(d):>5} {len(fast.edits):>6} {fast.incremental:>6} "
              f"{t_inc:>8.3f} {t_naive:>8.3f} {t_naive / t_inc:>6.2f}")
    print(f"{'whole zoo':<34} {'':>5} {int(edits_total):>6} {'':>6} {inc_total:>8.3f} "
          f"{naive_total:>8.3f} {naive_total / inc_total:>6.2f}")
    print(f"edits per second: incremental {edits_total / inc_total:,.0f}, "
          f"naive {edits_total / naive_total:,.0f}; "
          f"{local_total / edits_total:.0%} of the edits answered incrementally\n")
    return inc_total, naive_total


def survey_table(count: int, size: int) -> float:
    """Print the survey table; return the throughput ratio (cluster / one process)."""
    from cid.sweeps import survey_inputs
    from cid.sweeps.tasks import incentive_survey

    inputs = survey_inputs(count, n=size, decisions=2, utilities=2, seed=0)
    t_one, one = _timed(lambda: cid.sweep(incentive_survey, inputs, scheduler="in-process",
                                          progress=False))
    t_two, two = _timed(lambda: cid.sweep(incentive_survey, inputs, scheduler="local",
                                          workers=2, progress=False))
    if not one.table.equals(two.table):
        raise SystemExit("the survey tables differ between the schedulers")
    print(f"{'survey of ' + str(count) + ' diagrams, ' + str(size) + ' nodes':<40} "
          f"{'seconds':>8} {'diagrams/s':>11}")
    print(f"{'1 process (in-process)':<40} {t_one:>8.2f} {count / t_one:>11,.0f}")
    print(f"{'local cluster, 2 worker processes':<40} {t_two:>8.2f} {count / t_two:>11,.0f}")
    print(f"throughput ratio (2 workers / 1 process, cluster start-up included): "
          f"{t_one / t_two:.2f}\n")
    return t_one / t_two


def growth_table(sizes: Sequence[int], seeds: int, repeat: int) -> float:
    """Print the growth table; return the fitted exponent."""
    import numpy as np

    print(f"{'nodes':>5} {'edits':>7} {'seconds':>9} {'us/edit':>8}")
    times = []
    for n in sizes:
        total = edits = 0.0
        for seed in range(seeds):
            d = cid.random_diagram(n, decisions=2, utilities=2, density=4 / n, seed=seed)
            t, report = _timed(lambda d=d: sensitivity(d), repeat)
            total += t
            edits += len(report.edits)
        times.append(total / seeds)
        print(f"{n:>5} {edits / seeds:>7.0f} {total / seeds:>9.4f} "
              f"{1e6 * total / edits:>8.1f}")
    slope = float(np.polyfit([math.log(n) for n in sizes], [math.log(t) for t in times], 1)[0])
    print(f"growth exponent of sensitivity (time ~ n^k): k = {slope:.2f}\n")
    return slope


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument("--count", type=int, default=100_000, help="random diagrams to survey")
    parser.add_argument("--size", type=int, default=10, help="nodes of the surveyed diagrams")
    parser.add_argument("--no-survey", action="store_true", help="skip the Dask survey")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    names = ["mdp", "supervised_learning", "wireheading"] if args.smoke else zoo.names()
    repeat = 1 if args.smoke else args.repeat
    zoo_table(names, repeat)
    if not args.no_survey:
        survey_table(200 if args.smoke else args.count, args.size)
    growth_table([6, 8, 12] if args.smoke else [8, 12, 16, 24, 32, 48], 1 if args.smoke else 3,
                 repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
