"""benchmarks/crossings.py runs (smoke) and its table adds up."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crossings", ROOT / "benchmarks" / "crossings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.needs_dot
def test_smoke_table_counts_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    assert bench.main(["--smoke"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["entry", "layout"]
    rows = [line.split() for line in lines[1:-1]]
    assert [r[0] for r in rows] == list(bench.SMOKE)
    total = lines[-1].split()
    assert int(total[1]) == sum(int(r[2]) for r in rows)
    assert int(total[2]) == sum(int(r[3]) for r in rows)
