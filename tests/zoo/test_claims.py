"""The papers' claims about every zoo entry hold under the incentive engine."""

from __future__ import annotations

import pytest

import cid
import zoo
from zoo.entry import Claim

ICI = "instrumental_control_incentive"
CLAIMS = [(e.name, i) for e in zoo.entries() for i in range(len(e.claims))]


@pytest.mark.parametrize(("name", "index"), CLAIMS, ids=[f"{n}-{i}" for n, i in CLAIMS])
def test_every_claim_holds(name: str, index: int) -> None:
    e = zoo.entry(name)
    claim = e.claims[index]
    verdict = claim.evaluate(e.build())
    assert verdict.ok, f"{name}: {verdict}"
    assert verdict.observed == claim.holds
    if verdict.observed and not claim.only_via:
        assert verdict.witness is not None  # a positive answer comes with its witness


def test_every_entry_has_both_positive_and_negative_claims_overall() -> None:
    holds = [c.holds for e in zoo.entries() for c in e.claims]
    assert len(holds) >= 90 and any(holds) and not all(holds)


def test_a_false_claim_is_detected() -> None:
    d = zoo.build("wireheading")
    wrong = Claim(ICI, decision="A1", node="ThetaR2", holds=False, source="test")
    verdict = wrong.evaluate(d)
    assert not verdict.ok and verdict.observed
    assert "✗" in str(verdict)
    assert not Claim(ICI, decision="A1", node="ThetaR2", only_via=("A2",), source="t").check(d)


def test_only_via_means_the_incentive_needs_those_nodes() -> None:
    d = zoo.build("informational_goal")
    informative = Claim(ICI, decision="A1", node="O", only_via=("A2",), source="t")
    assert informative.check(d)
    assert informative.statement == "O ∈ ICI(A1) only via A2"
    assert "gone once the edges out of A2 are cut" in informative.evaluate(d).reason
    # the reward is not reached only through the state in reward modeling: the data feed it
    direct = Claim(ICI, decision="A1", node="D1", only_via=("S2", "S3"), source="t")
    assert not direct.check(zoo.build("reward_modeling"))
    # a node without the incentive fails an only_via claim
    assert not Claim(ICI, decision="A1", node="Z", only_via=("A2",), source="t").check(d)


def test_claim_arguments_are_checked() -> None:
    with pytest.raises(cid.DiagramError, match="unknown claim kind"):
        Claim("influence", decision="A1", node="X")
    with pytest.raises(cid.DiagramError, match="only_via"):
        Claim(ICI, decision="A1", node="X", only_via=("X",))
    with pytest.raises(cid.NodeNotFoundError, match="'Nope'"):
        Claim(ICI, decision="A1", node="Nope").evaluate(zoo.build("mdp"))


def test_claims_do_not_mutate_the_diagram() -> None:
    d = zoo.build("counterfactual_reward_function")
    before = d.to_json()
    for v in zoo.entry("counterfactual_reward_function").verdicts(d):
        assert v.ok
    assert d.to_json() == before


TIMED = [e.name for e in zoo.entries() if "horizon" in e.params]


def test_the_mdp_shaped_entries_take_a_horizon() -> None:
    assert set(TIMED) == {
        "mdp", "unknown_mdp", "pomdp", "wireheading", "modifiable_reward_function",
        "current_rf_optimization", "ti_considering_current_rf", "counterfactual_reward_function",
        "rf_input_tampering", "belief_based_ti_considering", "belief_based_ti_ignoring",
        "combined_safe_agent", "direct_reward_learning", "reward_modeling", "cirl",
    }
    assert all(zoo.entry(n).params == {"horizon": 3} for n in TIMED)


@pytest.mark.parametrize("name", TIMED)
@pytest.mark.parametrize("horizon", [4, 6])
def test_longer_horizons_build_and_keep_the_claims(name: str, horizon: int) -> None:
    e = zoo.entry(name)
    d = e.build(horizon=horizon)
    assert cid.Diagram.from_json(d.to_json()) == d
    base = e.build()
    assert len(d.decisions) > len(base.decisions) and len(d) > len(base)
    assert set(base.nodes) <= set(d.nodes)
    # The claims are stated for the default horizon; all but "only via the next action" ones
    # carry over (with more steps, later actions also pass the information on).
    for claim in e.claims:
        if not claim.only_via:
            assert claim.check(d), (name, horizon, claim.statement)


@pytest.mark.parametrize("name", TIMED)
def test_bad_parameters_are_cid_errors(name: str) -> None:
    with pytest.raises(cid.DiagramError, match="horizon"):
        zoo.build(name, horizon=1)
    with pytest.raises(cid.DiagramError, match="horizon"):
        zoo.build(name, horizon="3")
    with pytest.raises(cid.DiagramError, match="no parameter 'steps'.*horizon=3"):
        zoo.build(name, steps=4)


def test_unknown_entries_list_close_matches() -> None:
    with pytest.raises(cid.NodeNotFoundError, match="did you mean 'cirl'"):
        zoo.entry("cirll")
    with pytest.raises(LookupError, match="the entries are"):
        zoo.build("zzzz")
    with pytest.raises(cid.DiagramError, match="takes no parameters"):
        zoo.build("debate", horizon=3)
