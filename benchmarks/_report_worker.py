"""Time the full incentive report with one version of ``cid`` (a worker process).

    python benchmarks/_report_worker.py ROOT FAMILY N K REPEAT [plain]

``ROOT`` is the directory that holds the ``cid`` package to use (the repository, or an
extracted older commit); ``FAMILY`` is ``layered`` or ``many`` (:mod:`_families`, with ``K``
decisions). Prints one JSON object: the best wall-clock and CPU times of ``cid.analyze`` and
of the full report (``cid.analyze`` plus ``report.incentives()``, every incentive with its
lazy witness), the number of incentives, and a digest of every decision's four sets, so that
two versions can be checked to give the same answers. With ``plain``, the searches never
expand a level with numpy (``cid.graph._compact.VECTOR_NODES`` set out of reach).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import warnings
from pathlib import Path


def main() -> None:
    root, family, n, k, repeat = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    sys.path.insert(0, root)
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    import _families

    import cid

    if sys.argv[6:] == ["plain"]:
        from cid.graph import _compact

        _compact.VECTOR_NODES = 1 << 62
    spec = (_families.layered(n, decisions=k) if family == "layered"
            else _families.many_decisions(n, k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = cid.Diagram.from_edges(**spec)
    best = {"analyze": float("inf"), "analyze_cpu": float("inf"),
            "report": float("inf"), "report_cpu": float("inf")}
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        report = cid.analyze(d)
        best["analyze"] = min(best["analyze"], time.perf_counter() - wall)
        best["analyze_cpu"] = min(best["analyze_cpu"], time.process_time() - cpu)
        count = len(report.incentives())
        best["report"] = min(best["report"], time.perf_counter() - wall)
        best["report_cpu"] = min(best["report_cpu"], time.process_time() - cpu)
    answers = [[r.decision, r.value_of_information, r.response_incentive, r.value_of_control,
                r.instrumental_control_incentive] for r in report]
    digest = hashlib.sha256(json.dumps(answers).encode()).hexdigest()[:16]
    print(json.dumps({**best, "incentives": count, "nodes": len(d.nodes),
                      "decisions": len(d.decisions), "digest": digest}))


if __name__ == "__main__":
    main()
