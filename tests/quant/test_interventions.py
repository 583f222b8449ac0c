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


def _observed_reward() -> Model:
    """S -> R1 -> A (a decision sees its past reward R1 = 10 S), R2 = [S == A]."""
    d = cid.Diagram("obs")
    d = d.chance("S").utility("R1", ["S"]).decision("A", ["R1"]).utility("R2", ["S", "A"])
    return Model(d, {"S": [0.5, 0.5], "R1": lambda S: 10.0 * S,
                     "R2": lambda S, A: float(S == A)}, {"A": [0, 1]})


def test_soft_do_on_an_observed_utility_takes_its_new_values() -> None:
    m = _observed_reward()
    m2 = do(m, soft={"R1": lambda S: 20.0 * S})
    assert m2.domain("R1") == (0.0, 20.0) and m.domain("R1") == (0.0, 10.0)
    assert marginal(m2, "R1").as_dict() == {0.0: 0.5, 20.0: 0.5}
    sol = cid.solve(m2)
    assert sol.meu == pytest.approx(0.5 * 20 + 1)  # A still reads S off R1
    assert sol.policy["A"](R1=20.0) == 1
    assert cid.solve(m).meu == pytest.approx(0.5 * 10 + 1)  # the model given is unchanged


def test_hard_do_on_a_utility_may_leave_its_old_values() -> None:
    m = _observed_reward()
    m5 = do(m, {"R1": 5.0})
    assert m5.domain("R1") == (5.0,) and m5.diagram.parents("R1") == ()
    assert cid.solve(m5).meu == pytest.approx(5.0 + 0.5)  # R1 no longer tells S
    assert do(m, {"R1": 10.0}).domain("R1") == (0.0, 10.0)  # a value it had: domain kept
    with pytest.raises(cid.ModelIncompleteError, match=r"do\(R1='x'\): a utility is set to a"):
        do(m, {"R1": "x"})


def test_children_of_a_rewired_utility_are_re_resolved_or_refused() -> None:
    d = cid.Diagram("child")
    d = d.chance("S").utility("R1", ["S"]).chance("C", ["R1"]).decision("A", ["C"])
    d = d.utility("R2", ["S", "A"])
    specs = {"S": [0.5, 0.5], "R1": lambda S: 10.0 * S, "R2": lambda S, A: float(S == A)}
    m = Model(d, {**specs, "C": lambda R1: int(R1 > 5)}, {"A": [0, 1]})
    m2 = do(m, soft={"R1": lambda S: 3.0 + 7.0 * S})  # values (3, 10): C re-read from its spec
    assert m2.domain("R1") == (3.0, 10.0)
    assert m2.cpd("C").distribution(R1=10.0) == {1: 1.0}
    assert cid.solve(m2).meu == pytest.approx(0.5 * 3 + 0.5 * 10 + 1)
    tabled = Model(d, {**specs, "C": [[1.0, 0.0], [0.0, 1.0]]}, {"A": [0, 1]})
    with pytest.raises(cid.ModelIncompleteError,
                       match=r"R1 now takes \(3.0, 10.0\), not \(0.0, 10.0\); C's CPD is a "
                             r"table over the old values: give C a new mechanism in soft="):
        do(tabled, soft={"R1": lambda S: 3.0 + 7.0 * S})
    both = do(tabled, soft={"R1": lambda S: 3.0 + 7.0 * S, "C": lambda R1: int(R1 > 5)})
    assert cid.solve(both).meu == pytest.approx(cid.solve(m2).meu)


def test_chance_nodes_keep_their_domain(m: Model) -> None:
    with pytest.raises(cid.ModelIncompleteError, match=r"do\(Z=2\): not in Z's domain \(0, 1\)"):
        do(m, {"Z": 2})
    with pytest.raises(cid.ModelIncompleteError, match="must be a mapping"):
        do(m, [("Z", 1)])  # type: ignore[arg-type]
