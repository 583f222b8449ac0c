"""The numeric zoo games: each claim about its equilibria holds, and the textbook cases."""

from __future__ import annotations

import importlib.util
from collections.abc import Hashable, Mapping
from typing import Any

import pytest

import cid
from cid import games
from zoo import games as zoo_games

HAS_GAMBIT = importlib.util.find_spec("pygambit") is not None

CLAIMS = [(g.name, i) for g in zoo_games.games() for i in range(len(g.claims))]


def _matches(eq: games.Equilibrium, profile: Mapping[str, Any]) -> bool:
    shown = eq.profile
    return all(_same(shown[D], want) for D, want in profile.items())


def _same(got: Hashable | Mapping[Any, Any], want: Any) -> bool:
    if isinstance(want, Mapping) and isinstance(got, Mapping):
        return set(got) == set(want) and all(
            abs(float(got[k]) - float(want[k])) < 1e-6 if isinstance(want[k], float)
            else got[k] == want[k] for k in want)
    if isinstance(want, Mapping):  # a mixed claim of a pure action: {action: 1.0}
        return len(want) == 1 and next(iter(want)) == got
    return bool(got == want)


def _solve(name: str, solution: str) -> list[games.Equilibrium]:
    model = zoo_games.model(name)
    if solution == "pure_nash":
        return games.pure_nash_equilibria(model)
    if solution == "subgame_perfect":
        return games.subgame_perfect_equilibria(model)
    if not HAS_GAMBIT:
        pytest.skip("mixed equilibria need pygambit (pip install 'cid-incentives[games]')")
    return games.nash_equilibria(model)


@pytest.mark.parametrize(("name", "index"), CLAIMS)
def test_claim_holds(name: str, index: int) -> None:
    claim = zoo_games.game(name).claims[index]
    found = _solve(name, claim.solution)
    if claim.count is not None:
        assert len(found) == claim.count, claim.statement
    for k, profile in enumerate(claim.includes):
        hits = [eq for eq in found if _matches(eq, profile)]
        assert hits, f"{claim.statement}: {profile} not found"
        if claim.utilities is not None:
            for a, v in claim.utilities[k].items():
                assert hits[0].expected_utility[a] == pytest.approx(v)


def test_textbook_answers() -> None:
    pd = games.pure_nash_equilibria(zoo_games.model("prisoners_dilemma"))
    assert [eq.profile for eq in pd] == [{"D1": "d", "D2": "d"}]
    assert games.pure_nash_equilibria(zoo_games.model("matching_pennies")) == []
    assert len(games.subgame_perfect_equilibria(
        zoo_games.model("modified_taxi_competition"))) == 2
    assert len(games.subgame_perfect_equilibria(zoo_games.model("taxi_competition"))) == 1


def test_every_game_has_claims_and_a_summary() -> None:
    for g in zoo_games.games():
        assert g.claims and g.summary and g.reference
        assert all(c.statement for c in g.claims)
        if g.numbers_ours:
            assert "ours" in g.reference


def test_unknown_game_names_the_games() -> None:
    with pytest.raises(cid.CIDError, match="the games are"):
        zoo_games.game("prisoner")
