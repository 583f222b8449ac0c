"""do(): hard and soft interventions return new models and leave the old one alone."""

from __future__ import annotations

import pytest

import cid
from cid.quant import Model, do, expected_utility, marginal


@pytest.fixture
def m() -> Model:
    d = cid.Diagram.from_edges(["Z -> X -> Y", "Z -> Y", "Y -> U", "X -> D -> U"],
                               decisions=["D"], utilities=["U"])
    return Model(d, {"Z": [0.5, 0.5], "X": lambda Z: {Z: 0.8, 1 - Z: 0.2},
                     "Y": lambda X, Z: float(X and Z) and 1 or 0,
                     "U": lambda Y, D: float(Y) + float(D == "go")},
                 {"D": ["stay", "go"]})


def test_hard_do_cuts_incoming_edges(m: Model) -> None:
    before = marginal(m, "Y")[1]
    m1 = do(m, {"X": 1})
    assert m1.diagram.parents("X") == () and m.diagram.parents("X") == ("Z",)
    assert marginal(m1, "Y")[1] == pytest.approx(0.5)  # P(Z=1), X no longer tracks Z
    assert marginal(m, "Y")[1] == before == pytest.approx(0.4)


def test_soft_do_keeps_parents(m: Model) -> None:
    m1 = do(m, soft={"X": lambda Z: 1 - Z})
    assert m1.diagram.parents("X") == ("Z",)
    assert marginal(m1, "Y")[1] == 0.0


def test_do_on_a_decision_makes_it_a_set_chance_node(m: Model) -> None:
    m1 = do(m, {"D": "go"})
    assert m1.diagram.kind("D") == "chance" and m1.diagram.parents("D") == ()
    assert expected_utility(m1) == pytest.approx(1.4)
    assert cid.solve(m).meu == pytest.approx(1.4)


def test_do_on_a_utility_sets_its_value(m: Model) -> None:
    m1 = do(m, {"U": 5.0})
    assert cid.solve(m1).meu == 5.0


def test_bad_values_are_named(m: Model) -> None:
    with pytest.raises(cid.ModelIncompleteError, match=r"do\(X=7\)"):
        do(m, {"X": 7})
    with pytest.raises(cid.ModelIncompleteError, match="both a value and a new mechanism"):
        do(m, {"X": 1}, soft={"X": [0.5, 0.5]})
    with pytest.raises(cid.NodeNotFoundError):
        do(m, {"Nope": 1})
