"""benchmarks/core.py runs on the smallest size, so that it cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_run_times_every_workload() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "core.py"), "--smoke"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    rows = out.splitlines()[1:]
    assert [r.split()[1] for r in rows] == ["build", "from_edges", "json", "query"]
    assert all(float(r.split()[-3]) > 0 for r in rows)  # this checkout's seconds
