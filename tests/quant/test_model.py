"""Model: domains, missing pieces listed by check(), value semantics."""

from __future__ import annotations

import pytest

import cid
from cid.quant import Model


def _mdp() -> cid.Diagram:
    d = cid.Diagram("mdp")
    d = d.chance("S1").decision("A1", ["S1"]).chance("S2", ["A1", "S1"]).utility("R2", ["S2"])
    return d


def test_check_lists_every_missing_piece() -> None:
    m = Model(_mdp(), {"S1": [0.5, 0.5]})
    assert not m.is_complete
    with pytest.raises(cid.ModelIncompleteError) as err:
        m.check()
    text = str(err.value)
    assert "A1: decision without a domain" in text
    assert "S2: no CPD for chance node S2" in text
    assert "R2: no utility for utility node R2" in text
    with pytest.raises(cid.ModelIncompleteError, match="A1: decision without a domain"):
        cid.solve(m)


def test_unknown_nodes_are_named() -> None:
    with pytest.raises(cid.NodeNotFoundError, match="'S9'"):
        Model(_mdp(), {"S9": [1.0]})


def test_decision_cpd_is_refused_with_a_hint() -> None:
    with pytest.raises(cid.ModelIncompleteError, match="A1: is a decision"):
        Model(_mdp(), {"A1": [0.5, 0.5]})


def test_parent_order_is_the_diagrams_and_the_diagram_is_not_touched() -> None:
    d = _mdp()
    before = d.to_json()
    table = [[[1.0, 0.0], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]]  # (A1, S1, S2)
    m = Model(d, {"S1": [1.0, 0.0], "S2": table, "R2": lambda S2: float(S2)},
              {"A1": ["stay", "go"]})
    assert m.cpd("S2").parents == ("A1", "S1") == m.diagram.parents("S2")
    assert m.diagram.parents("R2") == ("S2",)
    d = d.chance("Extra")
    assert "Extra" not in m.diagram and d.to_json() != before
    assert cid.solve(m).policy["A1"](S1=0) == "go"


def test_domains_from_node_records_and_overrides() -> None:
    d = cid.Diagram("x")
    d = d.chance("W", domain=["rain", "sun"]).decision("D", ["W"], domain=["u", "n"])
    d = d.utility("U", ["W", "D"])
    m = Model(d, {"W": [0.3, 0.7], "U": lambda W, D: float((W == "rain") == (D == "u"))})
    assert m.domain("W") == ("rain", "sun") and m.domain("D") == ("u", "n")
    m2 = Model(d, {"W": [0.3, 0.7], "U": lambda W, D: 1.0}, {"D": ["a", "b", "c"]})
    assert m2.domains["D"] == ("a", "b", "c")


def test_with_cpds_returns_a_new_model() -> None:
    m = Model(_mdp(), {"S1": [0.5, 0.5], "S2": lambda A1, S1: A1, "R2": lambda S2: float(S2)},
              {"A1": [0, 1]})
    m2 = m.with_cpds({"R2": lambda S2: 2.0 * S2})
    assert cid.solve(m).meu == 1.0 and cid.solve(m2).meu == 2.0


def test_utility_observed_by_a_later_decision_is_a_variable() -> None:
    d = cid.Diagram("obs")
    d = d.chance("S").utility("R1", ["S"]).decision("A", ["R1"]).utility("R2", ["S", "A"])
    m = Model(d, {"S": [0.5, 0.5], "R1": lambda S: 10.0 * S,
                  "R2": lambda S, A: float(S == A)}, {"A": [0, 1]})
    assert m.domain("R1") == (0.0, 10.0)
    sol = cid.solve(m)
    assert sol.meu == pytest.approx(6.0)
    assert sol.policy["A"](R1=10.0) == 1 and sol.policy["A"](R1=0.0) == 0


def test_distribution_as_dict_keeps_values_of_probability_zero() -> None:
    """Every value of the domain is listed, in domain order, zeros included (a consumer
    iterating over the result must see the whole domain)."""
    from cid.quant import marginal

    d = cid.Diagram.from_edges(["X -> Y"])
    m = cid.Model(d, {"X": {"a": 0.0, "b": 1.0, "c": 0.0},
                      "Y": [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]})
    assert marginal(m, "X").as_dict() == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert list(marginal(m, "X").as_dict()) == ["a", "b", "c"]
    joint = marginal(m, ["X", "Y"]).as_dict()
    assert len(joint) == 6 and joint[("b", 1)] == 1.0 and joint[("a", 0)] == 0.0
