"""Mixed equilibria through pygambit, and the .efg export (skipped without pygambit)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cid import games
from tests.games.oracle import Oracle, random_maid
from zoo import games as zoo_games

gbt = pytest.importorskip("pygambit", reason="needs pygambit: pip install 'cid-incentives[games]'")


def test_matching_pennies_has_one_equilibrium_at_one_half() -> None:
    (eq,) = games.nash_equilibria(zoo_games.model("matching_pennies"))
    assert not eq.pure
    for D in ("D1", "D2"):
        assert np.allclose(eq.policy[D].table, [0.5, 0.5])
    assert eq.expected_utility == pytest.approx({"1": 0.0, "2": 0.0})


def test_prisoners_dilemma_and_battle_of_the_sexes() -> None:
    (pd,) = games.nash_equilibria(zoo_games.model("prisoners_dilemma"))
    assert pd.pure and pd.profile == {"D1": "d", "D2": "d"}
    bos = games.nash_equilibria(zoo_games.model("battle_of_the_sexes"))
    assert sorted(eq.pure for eq in bos) == [False, True, True]


def test_efg_file_is_read_back_by_gambit_with_the_same_equilibria(tmp_path: Path) -> None:
    model = zoo_games.model("battle_of_the_sexes")
    path = tmp_path / "bos.efg"
    text = games.to_gambit(model, path)
    assert text.startswith("EFG 2 R") and path.read_text(encoding="utf-8") == text
    read = gbt.read_efg(str(path)) if hasattr(gbt, "read_efg") else gbt.Game.read_game(str(path))
    theirs = gbt.nash.enummixed_solve(read, rational=False).equilibria
    players = list(read.players)
    got = sorted(tuple(round(float(p.payoff(pl)), 6) for pl in players) for p in theirs)
    ours = sorted(tuple(round(eq.expected_utility[a], 6) for a in ("F", "M"))
                  for eq in games.nash_equilibria(model))
    assert got == ours


def test_taxi_tree_has_one_information_set_per_observation() -> None:
    tree = games.to_gambit_game(zoo_games.model("taxi_competition"))
    labels = sorted(i.label for p in tree.players for i in p.infosets)
    assert labels == ["D1|", "D2|D1=c", "D2|D1=e"]


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_every_mixed_equilibrium_is_an_equilibrium_of_the_oracle(seed: int) -> None:
    model = random_maid(seed, max_profiles=64)
    oracle = Oracle(model)
    d = model.diagram
    try:
        found = games.nash_equilibria(model, solver="enummixed")
    except Exception:  # noqa: BLE001 - imperfect recall: no behaviour profiles to compare
        return
    pure_payoffs = {tuple(round(v, 6) for v in oracle.values(p).values())
                    for p in oracle.pure_ne()}
    ours = set()
    for eq in found:
        tables = {D: eq.policy[D].table for D in d.decisions}
        values = oracle.values(tables)
        ours.add(tuple(round(v, 6) for v in values.values()))
        for a in d.agents:
            own = [D for D in d.decisions if d.agent_of(D) == a]
            best = max(oracle.values({**tables, **p})[a] for p in oracle.profiles(own))
            assert best <= values[a] + 1e-6
    assert pure_payoffs <= ours
