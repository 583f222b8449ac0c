"""``cid equilibria``: the equilibria of the numeric zoo games, as text and JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import cid
from cid import games
from tests.support.cli import assert_clean_error, run
from zoo import games as zoo_games


def test_spe_text_lists_every_equilibrium(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "equilibria", "zoo:modified_taxi_competition", "--spe")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2 pure subgame-perfect equilibria of 'modified_taxi_competition'"
    assert sum(line.startswith("pure subgame perfect equilibrium") for line in lines) == 2


def test_pure_json_matches_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "equilibria", "zoo:job_market", "--pure", "--format", "json")
    assert code == 0
    data = json.loads(out)
    expected = games.pure_nash_equilibria(zoo_games.model("job_market"))
    assert data["game"] == "job_market" and data["solution"] == "pure Nash"
    assert [e["expected_utility"] for e in data["equilibria"]] == [
        eq.expected_utility for eq in expected]
    assert [e["policy"] for e in data["equilibria"]] == [
        eq.to_dict()["policy"] for eq in expected]


def test_a_diagram_without_numbers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "equilibria", "zoo:mdp", "--pure")
    assert code == 1
    assert_clean_error(err, "'mdp' is not a numeric zoo game", "prisoners_dilemma")
    code, _, err = run(capsys, "equilibria", "game.json", "--pure")
    assert code == 1
    assert_clean_error(err, "cannot read game.json")


def test_a_model_file_is_a_game(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from zoo.games import model

    path = tmp_path / "pd.json"
    cid.save(model("prisoners_dilemma"), path)
    from_file = run(capsys, "equilibria", str(path), "--pure", "--format", "json")
    from_zoo = run(capsys, "equilibria", "zoo:prisoners_dilemma", "--pure", "--format", "json")
    assert from_file[0] == from_zoo[0] == 0
    assert json.loads(from_file[1])["equilibria"] == json.loads(from_zoo[1])["equilibria"]


def test_mixed_without_gambit_says_how_to_install(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("pygambit") is not None:
        import sys

        monkeypatch.setitem(sys.modules, "pygambit", None)
    code, _, err = run(capsys, "equilibria", "zoo:matching_pennies")
    assert code == 1
    assert_clean_error(err, "pip install", "[games]")
