"""Quantitative incentives versus the graphical criteria.

Soundness: where the graph admits no incentive, the quantitative value is zero for random
CPDs. Completeness spot checks: where the graph admits one, a search over random CPDs finds a
positive value.
"""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import (
    control_value,
    information_value,
    instrumental_control_effect,
    response_probability,
    total_effect,
)
from tests.support.random_models import random_model

CRITERIA = {
    "value_of_information": (cid.value_of_information, information_value),
    "response_incentive": (cid.response_incentives, response_probability),
    "value_of_control": (cid.value_of_control, control_value),
    "instrumental_control_incentive": (cid.instrumental_control_incentives,
                                       instrumental_control_effect),
}


def _candidates(d: cid.Diagram, decision: str, kind: str) -> list[str]:
    desc = _descendants(d, decision)
    if kind == "value_of_information":
        return [n for n in d.nodes if n != decision and n not in desc]
    if kind == "value_of_control":
        return [n for n in d.nodes if n != decision]
    return [n for n in d.nodes if n != decision or kind == "instrumental_control_incentive"]


def _descendants(d: cid.Diagram, node: str) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        for c in d.children(stack.pop()):
            if c not in out:
                out.add(c)
                stack.append(c)
    return out


def _single_decision(seed: int, cpd_seed: int | None = None) -> cid.Model:
    return random_model(seed, n=6, max_parents=2, decisions=1, utilities=2, cpd_seed=cpd_seed)


@pytest.mark.parametrize("seed", range(14))
def test_no_graphical_incentive_means_zero_value(seed: int) -> None:
    m = _single_decision(seed)
    d = m.diagram
    (decision,) = d.decisions
    checked = 0
    for kind, (graphical, quantitative) in CRITERIA.items():
        admitted = graphical(d, decision)
        for node in _candidates(d, decision, kind):
            if node in admitted:
                continue
            value = quantitative(m, node, decision=decision)
            assert abs(value.value) <= 1e-9, (kind, node, value)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("seed", [0, 3, 5, 8, 11])
def test_graphical_incentives_are_realised_by_some_cpds(seed: int) -> None:
    d = _single_decision(seed).diagram
    (decision,) = d.decisions
    missed = []
    for kind, (graphical, quantitative) in CRITERIA.items():
        for node in sorted(graphical(d, decision)):
            if node == decision or node not in _candidates(d, decision, kind):
                continue
            found = any(abs(quantitative(_single_decision(seed, cpd_seed=k), node,
                                         decision=decision).value) > 1e-9 for k in range(12))
            if not found:
                missed.append((kind, node))
    assert not missed


def test_grade_prediction_numbers() -> None:
    d = cid.Diagram.from_edges(["R -> HS -> E -> Gr -> Ac", "HS -> P", "Ge -> P", "P -> Ac"],
                               decisions=["P"], utilities=["Ac"])
    m = cid.Model(d, {"R": [0.5, 0.5], "Ge": [0.5, 0.5],
                      "HS": lambda R: {R: 0.8, 1 - R: 0.2}, "E": lambda HS: {HS: 0.9, 1 - HS: 0.1},
                      "Gr": lambda E: {E: 0.9, 1 - E: 0.1}, "Ac": lambda Gr, P: float(Gr == P)},
                  {"P": [0, 1]})
    voi = information_value(m, "Gr", decision="P")
    assert voi.value == pytest.approx(1 - 0.82) and voi.exact  # P(Gr = HS) = 0.82
    assert information_value(m, "Ge", decision="P").value == pytest.approx(0.0)
    # HS flips with R when the shared noise U is in [0.2, 0.8): P(R = 0) * 0.6
    assert response_probability(m, "R", decision="P").value == pytest.approx(0.3)
    assert response_probability(m, "Ge", decision="P").value == 0.0
    # with P fixed at either action, accuracy drops from 0.82 to P(Gr = d) = 0.5
    assert instrumental_control_effect(m, "Ac", decision="P").value == pytest.approx(0.32)
    assert control_value(m, "E", decision="P").value > 0
    assert total_effect(m, "HS", 1, 0, target="Gr") == pytest.approx(0.82 - 0.18)
    with pytest.raises(cid.DiagramError, match="descendants"):
        information_value(m, "Ac", decision="P")
    with pytest.raises(cid.DiagramError, match="decisions"):
        control_value(m, "P", decision="P")


def test_response_probability_tries_every_value() -> None:
    """D copies X, with P(X=0) = 0.9: setting X=1 changes D nine times in ten."""
    d = cid.Diagram.from_edges(["X -> D -> U", "X -> U"], decisions=["D"], utilities=["U"])
    m = cid.Model(d, {"X": [0.9, 0.1], "U": lambda X, D: float(X == D)}, {"D": [0, 1]})
    value = response_probability(m, "X", decision="D")
    assert value.value == pytest.approx(0.9) and "largest at X=1" in value.detail


def test_values_are_never_negative_without_sufficient_recall() -> None:
    """Solving with the extra link (or control) from scratch can land on a worse local
    optimum than without it; the values start from the optimum without, so they cannot."""
    m = random_model(169, n=6, max_parents=2, decisions=2, utilities=2)
    assert not cid.solve(m, method="spu").exact
    # N5 is a root utility nobody can learn anything from: observing it is worth nothing
    voi = information_value(m, "N5", decision="N0", method="spu")
    assert voi.value == pytest.approx(0.0, abs=1e-12) and not voi.exact
    assert "lower bound" in repr(voi)
    m = random_model(135, n=6, max_parents=2, decisions=2, utilities=2)
    for decision in m.diagram.decisions:
        assert control_value(m, "N3", decision=decision, method="spu").value >= -1e-12


def _assert_sound(m: cid.Model, decision: str, policy: dict[str, object] | None) -> int:
    d = m.diagram
    checked = 0
    for kind, (graphical, quantitative) in CRITERIA.items():
        admitted = graphical(d, decision)
        for node in _candidates(d, decision, kind):
            if node in admitted or (kind == "value_of_control" and d.kind(node) == "decision"
                                    and d.agent_of(node) == d.agent_of(decision)):
                continue
            value = quantitative(m, node, decision=decision, policy=policy)
            assert abs(value.value) <= 1e-9, (kind, node, value)
            checked += 1
    return checked


@pytest.mark.parametrize("seed", range(8))
def test_soundness_with_several_decisions(seed: int) -> None:
    m = random_model(seed + 300, n=6, max_parents=2, decisions=2, utilities=2)
    assert sum(_assert_sound(m, D, None) for D in m.diagram.decisions) > 0


@pytest.mark.parametrize("seed", range(8))
def test_soundness_with_two_agents(seed: int) -> None:
    """Each agent's criteria, with the other agent's decisions fixed at random rules."""
    m = random_model(seed + 400, n=7, max_parents=2, decisions=2, utilities=2, agents=2)
    d = m.diagram
    assert len(d.agents) == 2
    rng = np.random.default_rng(seed)
    checked = 0
    for D in d.decisions:
        others = {E: m.domain(E)[int(rng.integers(len(m.domain(E))))]
                  for E in d.decisions if d.agent_of(E) != d.agent_of(D)}
        checked += _assert_sound(m, D, others)
    assert checked > 0
