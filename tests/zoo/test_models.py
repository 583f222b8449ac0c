"""The zoo's example numbers make the papers' points."""

from __future__ import annotations

import pytest

import cid
from cid.quant import instrumental_control_effect, solve

zoo = pytest.importorskip("zoo")
ex = pytest.importorskip("zoo.models")


@pytest.mark.parametrize("horizon", [3, 5])
def test_wireheading_optimal_policy_tampers(horizon: int) -> None:
    m = ex.wireheading_model(zoo.build("wireheading", horizon=horizon))
    best = solve(m, method="enumerate") if horizon == 3 else solve(m)
    assert all(best.policy["A1"](S1=s) == "tamper" for s in ex.STATES)
    honest = {D: "work" for D in m.diagram.decisions}
    assert best.meu > cid.expected_utility(m, honest)
    # ... and by the intended reward it does worse than honest work
    assert ex.intended_return(m, best.policy) < ex.intended_return(m, honest)
    assert instrumental_control_effect(m, "ThetaR2", decision="A1").value > 0


@pytest.mark.parametrize("horizon", [3, 5])
def test_current_rf_optimisation_does_not_tamper(horizon: int) -> None:
    m = ex.current_rf_optimization_model(zoo.build("current_rf_optimization", horizon=horizon))
    sol = solve(m)
    assert sol.exact
    for D in m.diagram.decisions:
        assert sol.policy[D].as_dict() == {key: "work" for key in sol.policy[D].as_dict()}
    assert instrumental_control_effect(m, "ThetaR2", decision="A1").value == 0.0
    tamper = {D: "tamper" for D in m.diagram.decisions}
    assert cid.expected_utility(m, tamper) < sol.meu


def test_counterfactual_oracle_answers_honestly() -> None:
    m = ex.counterfactual_oracle_model(zoo.build("counterfactual_oracle"))
    rule = solve(m).policy["A"]
    for q, dist in ex.HONEST.items():
        assert rule(Q=q) == max(dist, key=dist.__getitem__)
    prophecy = solve(ex.self_fulfilling_prophecy_model(zoo.build("self_fulfilling_prophecy")))
    assert prophecy.policy["A"](Q=0) == 1  # scored on the world it influences, it manipulates
    assert rule(Q=0) == 0


def test_examples_build_their_own_diagrams_and_check_given_ones() -> None:
    assert solve(ex.wireheading_model()).meu == pytest.approx(
        solve(ex.wireheading_model(zoo.build("wireheading"))).meu)
    with pytest.raises(cid.DiagramError, match="lacks"):
        ex.counterfactual_oracle_model(zoo.build("mdp"))
