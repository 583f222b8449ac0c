"""The current version of ``cid`` against an older commit, in the same run (for
``benchmarks/incentives.py``): each point is timed in a worker process per version
(``_report_worker.py``), and the two must give the same answers."""

from __future__ import annotations

import io
import json
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["base_tree", "before_after_table", "import_time", "many_decisions_table"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORKER = HERE / "_report_worker.py"


@contextmanager
def base_tree(commit: str) -> Iterator[str | None]:
    """The ``cid`` package of ``commit``, extracted into a temporary directory (its path),
    or ``None`` (with a note) when git cannot give it."""
    try:
        tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "cid"],
                             check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"(no base version: git archive {commit} failed: {err})")
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="cid-base-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(tmp, filter="data")
        yield tmp


def run(root: str, family: str, n: int, k: int, repeat: int,
        limit: float | None = None, *, plain: bool = False) -> dict[str, Any] | None:
    """One worker run (``None`` if it took longer than ``limit`` seconds); ``plain``: no
    numpy levels."""
    try:
        out = subprocess.run([sys.executable, str(WORKER), root, family, str(n), str(k),
                              str(repeat), *(["plain"] if plain else [])], check=True,
                             capture_output=True, text=True, timeout=limit).stdout
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(out)
    return result


def _slope(points: list[tuple[float, float]]) -> float:
    pts = [(math.log(x), math.log(y)) for x, y in points if y > 0]
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def _compare(now: dict[str, Any], base: str | None, family: str, n: int, k: int, repeat: int,
             limit: float) -> str:
    """The base version's report time (wall and CPU) and the ratios now / base, checking
    that the answers are the same."""
    if base is None:
        return ""
    before = run(base, family, n, k, repeat, limit)
    if before is None:
        return f"{'>' + str(int(limit)):>8} {'':>8} {'<' + format(now['report'] / limit, '.3f'):>7}"
    if before["digest"] != now["digest"]:
        raise SystemExit(f"{family} n={n} k={k}: the answers differ from the base version")
    return (f"{before['report']:>8.3f} {before['report_cpu']:>8.3f} "
            f"{now['report'] / before['report']:>7.3f} "
            f"{now['report_cpu'] / before['report_cpu']:>7.3f}")


def many_decisions_table(ns: list[int], ks: list[int], base: str | None, *, limit: float
                         ) -> None:
    """The full report on the many-decisions family, now and with the base version."""
    print(f"\nmany decisions (full report = analyze + every incentive; ratio = now / base)\n"
          f"{'nodes':>7} {'dec':>4} {'incentives':>10} {'analyze s':>10} {'report s':>9} "
          f"{'cpu s':>7} {'us/node/dec':>11} {'base s':>8} {'base cpu':>8} {'ratio':>7} "
          f"{'cpu rat':>7}")
    points, cpu = [], []
    for n in ns:
        for k in ks:
            repeat = 3 if n * k <= 100_000 else 1
            now = run(str(ROOT), "many", n, k, repeat)
            assert now is not None
            old = _compare(now, base, "many", n, k, repeat, limit)
            points.append((n * k, now["report"]))
            cpu.append((n * k, now["report_cpu"]))
            print(f"{n:>7} {k:>4} {now['incentives']:>10} {now['analyze']:>10.3f} "
                  f"{now['report']:>9.3f} {now['report_cpu']:>7.3f} "
                  f"{1e6 * now['report'] / n / k:>11.1f} {old}", flush=True)
    if len(points) >= 2:
        print(f"fitted growth exponent of the report time against nodes x decisions: "
              f"{_slope(points):.2f} (wall), {_slope(cpu):.2f} (CPU), {len(points)} points")


def before_after_table(ns: list[int], base: str | None, *, decisions: int, limit: float
                       ) -> None:
    """The full report on the layered family, now, now without numpy levels (``plain``),
    and with the base version; CPU ratios now / base and now / plain."""
    print(f"\nbefore/after on the layered family ({decisions} decisions; CPU ratios, at most 1 "
          f"is no slower)\n"
          f"{'nodes':>7} {'incentives':>10} {'report s':>9} {'cpu s':>7} {'plain cpu':>9} "
          f"{'base s':>8} {'base cpu':>8} {'/base':>6} {'/plain':>6}")
    for n in ns:
        repeat = 3 if n <= 10_000 else 2
        now = run(str(ROOT), "layered", n, decisions, repeat)
        plain = run(str(ROOT), "layered", n, decisions, repeat, plain=True)
        before = None if base is None else run(base, "layered", n, decisions, repeat, limit)
        assert now is not None and plain is not None
        for other in (plain, before):
            if other is not None and other["digest"] != now["digest"]:
                raise SystemExit(f"layered n={n}: the answers differ")
        row = (f"{n:>7} {now['incentives']:>10} {now['report']:>9.3f} {now['report_cpu']:>7.3f} "
               f"{plain['report_cpu']:>9.3f} ")
        if before is None:
            row += f"{'>' + str(int(limit)) if base else '':>8} {'':>8} {'':>6} "
        else:
            row += (f"{before['report']:>8.3f} {before['report_cpu']:>8.3f} "
                    f"{now['report_cpu'] / before['report_cpu']:>6.3f} ")
        print(row + f"{now['report_cpu'] / plain['report_cpu']:>6.3f}", flush=True)


def import_time(root: str | Path = ROOT, runs: int = 7) -> float:
    """Seconds ``import cid`` (from ``root``) takes in a fresh interpreter (median, minus an
    empty interpreter)."""
    def median(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return max(0.0, median("import cid") - median("pass"))
