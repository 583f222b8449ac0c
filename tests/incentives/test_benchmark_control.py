"""benchmarks/control.py runs, on its smallest sizes, so that it cannot rot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "control.py"


def test_smoke_run_agrees_with_the_baseline(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("benchmark_control", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_control", module)
    spec.loader.exec_module(module)
    assert module.main(["--smoke", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "MISMATCH" not in out and "growth exponent" in out
    assert len(out.splitlines()) == 4  # header, two sizes, exponent
