"""Bad input gets a clear CIDError; an Equilibrium reads well as text, Markdown and HTML."""

from __future__ import annotations

import pytest

import cid
from cid import games
from zoo import games as zoo_games


def _no_utility_for_b() -> cid.Model:
    d = cid.Diagram.from_edges(["D1 -> U", "D2 -> U"], decisions={"a": ["D1"], "b": ["D2"]},
                               utilities={"a": ["U"]})
    return cid.Model(d, cpds={"U": lambda D1, D2: float(D1 == D2)},
                     domains={"D1": [0, 1], "D2": [0, 1]})


@pytest.mark.parametrize("solve", [games.pure_nash_equilibria,
                                   games.subgame_perfect_equilibria])
def test_an_agent_without_utility_is_named(solve: object) -> None:
    with pytest.raises(cid.DiagramError, match="agent 'b' .* no utility node"):
        solve(_no_utility_for_b())  # type: ignore[operator]


def test_a_policy_for_an_unknown_decision_is_refused() -> None:
    model = zoo_games.model("taxi_competition")
    with pytest.raises(cid.NodeNotFoundError, match="D3"):
        games.pure_nash_equilibria(model, policy={"D3": "e"})
    with pytest.raises(cid.DiagramError, match="U1 is a utility node"):
        games.pure_nash_equilibria(model, policy={"U1": 1.0})
    with pytest.raises(cid.NodeNotFoundError, match="D3"):
        games.subgame(model, ["D2"], policy={"D3": "e"})


def test_a_fixed_rule_restricts_the_search() -> None:
    model = zoo_games.model("taxi_competition")
    found = games.pure_nash_equilibria(model, policy={"D1": "c"})
    assert [eq.profile["D2"] for eq in found] == ["e", {("e",): "c", ("c",): "e"}]


def test_subgame_and_solver_arguments_are_checked() -> None:
    model = zoo_games.model("taxi_competition")
    with pytest.raises(cid.DiagramError, match="not closed: D1 relies on D2"):
        games.subgame(model, ["D1"])
    with pytest.raises(cid.DiagramError, match="belong to the subgame"):
        games.subgame(model, ["D2"], policy={"D2": "e"})
    with pytest.raises(cid.DiagramError, match="unknown solver"):
        games.nash_equilibria(model, solver="magic")  # type: ignore[arg-type]
    with pytest.raises(cid.DiagramError, match="needs a cid.Model"):
        games.pure_nash_equilibria(model.diagram)  # type: ignore[arg-type]
    with pytest.raises(cid.DiagramError, match="tol"):
        games.pure_nash_equilibria(model, tol=2)


def test_equilibrium_displays() -> None:
    (eq,) = games.subgame_perfect_equilibria(zoo_games.model("taxi_competition"))
    text = str(eq)
    assert text.splitlines() == [
        "pure subgame perfect equilibrium (backward induction): 1 5, 2 3",
        "  D1 = 'e'",
        "  D2 = D1='e' → 'c'; D1='c' → 'e'"]
    md = eq._repr_markdown_()
    assert "| D2 | 2 | D1='e' → 'c'; D1='c' → 'e' |" in md
    html = eq._repr_html_()
    assert "<td>D1</td><td>1</td><td>&#x27;e&#x27;</td>" in html
    assert repr(eq).startswith("<Equilibrium pure subgame perfect: D1='e'")
    data = eq.to_dict()
    assert data["expected_utility"] == {"1": 5.0, "2": 3.0}
    assert data["policy"]["D2"] == [{"observed": {"D1": "e"}, "action": "c"},
                                    {"observed": {"D1": "c"}, "action": "e"}]
