"""benchmarks/solve.py runs, on the smallest sizes, so that it cannot rot."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "solve.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    with warnings.catch_warnings():  # the naive baseline needs pgmpy (slow to import once)
        warnings.simplefilter("ignore", FutureWarning)
        pytest.importorskip("pgmpy.inference")
    spec = importlib.util.spec_from_file_location("benchmark_solve", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_solve", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.filterwarnings("ignore:builtin type:DeprecationWarning")  # pyAgrum's SWIG types
def test_smoke_run_checks_every_meu(bench: ModuleType, capsys: pytest.CaptureFixture[str]
                                    ) -> None:
    assert bench.main(["--smoke", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for title in ("MDP, k=10 states", "POMDP with memory", "memoryless POMDP",
                  "naive baselines"):
        assert title in out
    assert "max |ΔMEU| between exact solvers:" in out and "all MEU checks passed" in out


def test_a_wrong_meu_fails_the_run(bench: ModuleType, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench, "naive_pgmpy", lambda model: 123.0)
    monkeypatch.setattr(bench, "_agrum", lambda: None)
    assert bench.main(["--smoke", "--repeat", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAILED: naive, T=1: MEU" in out and "!= 123.0 (naive)" in out
    assert "1 MEU check FAILED" in out
    delta = float(out.split("max |ΔMEU| between exact solvers: ")[1].split()[0])
    assert delta > 100
