"""benchmarks/games.py runs in its --smoke mode, so that it cannot rot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "games.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_games", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmark_games", module)
    spec.loader.exec_module(module)
    return module


def test_smoke_run_prints_a_row_per_game(bench: ModuleType,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--smoke"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in out[2:]}
    assert set(rows) == {"prisoners_dilemma", "taxi_competition", "random_2"}
    assert rows["prisoners_dilemma"][1:3] == ["1", "1"]
    assert rows["taxi_competition"][1:3] == ["3", "1"]


def test_payoff_keys_are_distinct_vectors_in_agent_order(bench: ModuleType) -> None:
    from cid import games
    from zoo import games as zoo_games

    model = zoo_games.model("taxi_competition")
    found = games.pure_nash_equilibria(model)
    assert bench.payoff_keys(model, found) == ["[3.0, 5.0]", "[5.0, 3.0]"]
