"""benchmarks/incentives.py runs on its smoke sizes (so that it cannot rot), and its
worker gives the same answers as the library in this process."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cid

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("benchmark_incentives",
                                                  BENCHMARKS / "incentives.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_incentives", module)
    spec.loader.exec_module(module)
    return module


def test_smoke_run(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--smoke"]) == 0
    out = capsys.readouterr().out
    for title in ("many decisions", "fitted growth exponent of the report time",
                  "layered, in process", "adversarial VoI", "import cid:"):
        assert title in out


def test_worker_reports_the_library_answers(bench: ModuleType) -> None:
    import _families
    import _versions

    result = _versions.run(str(BENCHMARKS.parent), "many", 120, 4, 1)
    assert result is not None
    d = cid.Diagram.from_edges(**_families.many_decisions(120, 4))
    assert result["incentives"] == len(cid.analyze(d).incentives())
    assert result["decisions"] == 4 and result["nodes"] == 120
