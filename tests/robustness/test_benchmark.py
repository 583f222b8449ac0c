"""benchmarks/robustness.py runs in its smoke mode, so that it cannot rot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "robustness.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_robustness", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_robustness", module)
    spec.loader.exec_module(module)
    return module


def test_smoke_run_prints_the_three_tables(bench: ModuleType,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed", reason="the [scale] extra is not installed")
    assert bench.main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert "whole zoo" in out and "edits per second" in out
    assert "throughput ratio" in out and "growth exponent" in out
