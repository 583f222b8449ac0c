"""Building and reading diagrams: this checkout against a baseline checkout, in one run.

Each row times one workload on a random layered DAG of ``n`` nodes (each node up to 3
parents among the previous 50, one decision in 20, one utility in 20), in fresh worker
processes: one imports ``cid`` from this checkout, the other from ``--baseline`` (e.g. a
``git worktree add`` of the commit before the immutable diagram). The ratio column is
baseline time / this time (above 1: this checkout is faster).

Workloads: ``build`` adds the nodes one by one (a ``cid.DiagramBuilder`` where there is one,
else the old mutable ``cid.Diagram``), ``from_edges`` reads the edge list in one go,
``json round trip`` writes the spec and reads it back, ``query`` asks for the topological
order, the edges and each node's parents.

    python benchmarks/core.py --baseline /tmp/cid-base [--sizes 1000 10000] [--repeat 5]
    python benchmarks/core.py --smoke        # this checkout only, tiny sizes
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _spec(n: int, seed: int = 0) -> list[tuple[str, str, list[str]]]:
    """``(kind, name, parents)`` in topological order."""
    rng = random.Random(seed)
    out: list[tuple[str, str, list[str]]] = []
    for i in range(n):
        pool = [name for _, name, _ in out[max(0, i - 50):i] if not name.startswith("U")]
        parents = rng.sample(pool, min(len(pool), rng.randint(0, 3)))
        kind = "decision" if i % 20 == 10 else "utility" if i % 20 == 19 else "chance"
        out.append((kind, f"{kind[0].upper()}{i}", parents))
    return out


def _timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def worker(n: int, repeat: int) -> dict[str, float]:
    """Time the workloads with the ``cid`` found on ``sys.path``."""
    import cid

    spec = _spec(n)
    edges = [(p, name) for _, name, ps in spec for p in ps]
    decisions = [name for kind, name, _ in spec if kind == "decision"]
    utilities = [name for kind, name, _ in spec if kind == "utility"]
    nodes = [name for _, name, _ in spec]

    def build() -> Any:
        b = cid.DiagramBuilder("b") if hasattr(cid, "DiagramBuilder") else cid.Diagram("b")
        for kind, name, parents in spec:
            getattr(b, kind)(name, parents)
        return b.build() if hasattr(b, "build") else b

    def from_edges() -> Any:
        return cid.Diagram.from_edges(edges, decisions=decisions, utilities=utilities,
                                      nodes=nodes)

    d = from_edges()
    assert len(d) == n and len(build()) == n

    def round_trip() -> Any:
        return cid.Diagram.from_json(d.to_json())

    def query() -> Any:
        fresh = from_edges()
        return fresh.topological_order, fresh.edge_list, [fresh.parents(x) for x in nodes]

    return {"build": _timed(build, repeat), "from_edges": _timed(from_edges, repeat),
            "json round trip": _timed(round_trip, repeat), "query (incl. from_edges)":
            _timed(query, repeat)}


def _run(path: Path, n: int, repeat: int) -> dict[str, float]:
    code = (f"import sys; sys.path.insert(0, {str(path)!r}); sys.path.insert(1, "
            f"{str(ROOT / 'benchmarks')!r}); import core, json; "
            f"print(json.dumps(core.worker({n}, {repeat})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=path)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of cid to compare with")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat")
    args = parser.parse_args(argv)
    sizes, repeat = ([50], 1) if args.smoke else (args.sizes, args.repeat)
    print(f"{'nodes':>7}  {'workload':26} {'this (s)':>9} {'baseline (s)':>13} {'ratio':>7}")
    for n in sizes:
        mine = _run(ROOT, n, repeat)
        base = _run(args.baseline, n, repeat) if args.baseline else None
        for key, seconds in mine.items():
            other = f"{base[key]:13.4f}" if base else f"{'-':>13}"
            ratio = f"{base[key] / seconds:6.2f}x" if base else f"{'-':>7}"
            print(f"{n:7d}  {key:26} {seconds:9.4f} {other} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
