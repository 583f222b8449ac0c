"""The papers' claims about every zoo entry hold under the incentive engine."""

from __future__ import annotations

import re

import pytest

import cid
import zoo
from zoo.claims import Claim

ICI = "instrumental_control_incentive"
VOC = "value_of_control"
INDIRECT_VOC = "indirect_value_of_control"
CLAIMS = [(e.name, i) for e in zoo.entries() for i in range(len(e.claims))]


@pytest.mark.parametrize(("name", "index"), CLAIMS, ids=[f"{n}-{i}" for n, i in CLAIMS])
def test_every_claim_holds(name: str, index: int) -> None:
    e = zoo.entry(name)
    claim = e.claims[index]
    verdict = claim.evaluate(e.build())
    assert verdict.ok, f"{name}: {verdict}"
    assert verdict.observed == claim.holds
    if verdict.observed and not claim.only_via and claim.exactly is None:
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
    with pytest.raises(cid.DiagramError, match="unknown incentive kind"):
        Claim("influence", decision="A1", node="X")
    with pytest.raises(cid.DiagramError, match="only_via"):
        Claim(ICI, decision="A1", node="X", only_via=("X",))
    with pytest.raises(cid.NodeNotFoundError, match="'Nope'"):
        Claim(ICI, decision="A1", node="Nope").evaluate(zoo.build("mdp"))
    with pytest.raises(cid.DiagramError, match="give node="):
        Claim(ICI, decision="A1")
    with pytest.raises(cid.DiagramError, match="cannot be combined"):
        Claim(ICI, decision="A", node="R", exactly=("A", "R"))
    with pytest.raises(cid.DiagramError, match="cannot be combined"):
        Claim(ICI, decision="A", exactly=("A", "R"), holds=False)
    with pytest.raises(cid.DiagramError, match="not the string"):
        Claim(ICI, decision="A", exactly="AR")
    with pytest.raises(cid.NodeNotFoundError, match="'Nope'"):
        Claim(ICI, decision="A", exactly=("A", "Nope")).evaluate(zoo.build("supervised_learning"))


def test_an_exact_set_claim_needs_the_whole_set() -> None:
    d = zoo.build("content_recommendation")
    exact = Claim(ICI, decision="P", exactly=("P", "I", "C"), source="t")
    assert exact.statement == "ICI(P) = {P, I, C}" and exact.check(d)
    too_small = Claim(ICI, decision="P", exactly=("P", "I"), source="t").evaluate(d)
    assert not too_small.ok and "also C" in too_small.reason
    too_big = Claim(VOC, decision="P", exactly=("O", "M", "I", "C", "P"), source="t").evaluate(d)
    assert not too_big.ok and "missing P" in too_big.reason
    # the member claims alone would not catch an extra node: the set claim does
    modified = zoo.build("content_recommendation_modified")
    assert Claim(VOC, decision="P", node="O", source="t").check(modified)
    assert not Claim(VOC, decision="P", exactly=("O", "M", "I", "C"), source="t").check(modified)


def test_claims_on_the_kinds_of_value_of_control() -> None:
    """The fitness tracker's claims (pycid's example) go through the library's criteria."""
    d = zoo.build("fitness_tracker")
    assert Claim("direct VoC", decision="C", exactly=("F", "P"), source="t").check(d)
    assert Claim(INDIRECT_VOC, decision="C", exactly=("SC",), source="t").check(d)
    # TF matters only through the decision too, but nothing behind it reaches the utility:
    # "only via C" cannot tell it from SC; the backdoor condition does
    assert Claim(VOC, decision="C", node="TF", only_via=("C",), source="t").check(d)
    assert not Claim(INDIRECT_VOC, decision="C", node="TF", source="t").check(d)
    verdict = Claim(INDIRECT_VOC, decision="C", node="SC", source="t").evaluate(d)
    assert verdict.ok and verdict.witness == cid.explain_control(d, "C", "SC", INDIRECT_VOC)


def test_every_spelling_of_a_kind_makes_the_same_claim() -> None:
    """Regression: ``zoo.Claim("ICI", ...)`` was refused while explain and render took "ICI"."""
    spellings = ("ICI", "ici", "instrumental_control_incentive",
                 "instrumental control incentive", "instrumental_control_incentives",
                 cid.IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE)
    claims = {Claim(k, decision="A", node="R", source="t") for k in spellings}
    assert len(claims) == 1
    (claim,) = claims
    assert claim.statement == "R ∈ ICI(A)" and claim.check(zoo.build("supervised_learning"))
    with pytest.raises(cid.DiagramError, match="unknown incentive kind 'ICX'"):
        Claim("ICX", decision="A", node="R")


def test_claims_do_not_mutate_the_diagram() -> None:
    d = zoo.build("counterfactual_reward_function")
    before = d.to_json()
    for v in zoo.entry("counterfactual_reward_function").verdicts(d):
        assert v.ok
    assert d.to_json() == before


TIMED = [e.name for e in zoo.entries() if "horizon" in e.params]
HORIZONS = [(n, h) for n in TIMED for h in [*range(zoo.entry(n).min_horizon or 2, 7), 10]]


def test_the_mdp_shaped_entries_take_a_horizon() -> None:
    minimum = {n: zoo.entry(n).min_horizon for n in TIMED}
    assert minimum == {
        "mdp": 2, "unknown_mdp": 3, "pomdp": 3, "wireheading": 3,
        "modifiable_reward_function": 3, "current_rf_optimization": 2,
        "ti_considering_current_rf": 3, "counterfactual_reward_function": 3,
        "rf_input_tampering": 3, "belief_based_ti_considering": 3,
        "belief_based_ti_ignoring": 2, "combined_safe_agent": 2,
        "direct_reward_learning": 3, "reward_modeling": 3, "cirl": 3,
    }
    assert all(zoo.entry(n).params == {"horizon": 3} for n in TIMED)
    assert all(zoo.entry(n).min_horizon is None for n in zoo.names() if n not in TIMED)


@pytest.mark.parametrize(("name", "horizon"), HORIZONS, ids=[f"{n}-{h}" for n, h in HORIZONS])
def test_every_claim_holds_at_every_horizon(name: str, horizon: int) -> None:
    e = zoo.entry(name)
    d = e.build(horizon=horizon)
    assert cid.Diagram.from_json(d.to_json()) == d
    assert e.params_of(d) == {"horizon": horizon}
    claims = e.claims_for(horizon=horizon)
    assert claims and all(set(c.nodes) <= set(d.nodes) for c in claims)
    verdicts = e.verdicts(d)  # the horizon is read from the diagram
    assert [v.claim for v in verdicts] == list(claims)
    for v in verdicts:
        assert v.ok, f"{name} at horizon {horizon}: {v}"
    if horizon == 3:
        assert claims == e.claims
    elif horizon > 3:  # the claims grow with the diagram: every later step is stated too
        assert len(claims) >= len(e.claims)


@pytest.mark.parametrize("name", TIMED)
def test_only_via_claims_name_every_later_decision(name: str) -> None:
    d = zoo.build(name, horizon=6)
    decisions = list(d.decisions)
    for claim in zoo.entry(name).claims_for(horizon=6):
        if claim.only_via and set(claim.only_via) <= set(decisions):
            first = decisions.index(claim.only_via[0])
            assert list(claim.only_via) == decisions[first:], claim.statement


def test_claims_for_horizon_3_would_fail_at_horizon_5() -> None:
    # the reason claims are generated: "only via A2" is false once A3, A4 pass O2 on too
    e = zoo.entry("pomdp")
    d5 = e.build(horizon=5)
    stale = [c for c in e.claims if c.only_via]
    assert stale and not any(c.check(d5) for c in stale)
    assert all(v.ok for v in e.verdicts(d5))
    assert all(v.ok for v in e.verdicts(horizon=5))
    # explicit parameters win over what the diagram says
    assert len(e.verdicts(e.build(horizon=5), horizon=5)) == len(e.claims_for(horizon=5))


@pytest.mark.parametrize("name", TIMED)
def test_below_the_minimum_horizon_is_a_clean_error(name: str) -> None:
    e = zoo.entry(name)
    low = (e.min_horizon or 2) - 1
    text = f"horizon must be an integer >= {e.min_horizon}, got {low}"
    with pytest.raises(cid.DiagramError, match=re.escape(text)):
        e.build(horizon=low)
    with pytest.raises(cid.DiagramError, match=re.escape(text)):
        e.claims_for(horizon=low)
    with pytest.raises(cid.DiagramError, match=re.escape(text)):
        e.verdicts(horizon=low)
    with pytest.raises(cid.DiagramError, match=re.escape(text)):
        e.builder(horizon=low)  # the builder checks on its own too


def test_claims_for_checks_its_parameters() -> None:
    with pytest.raises(cid.DiagramError, match="no parameter 'steps'"):
        zoo.entry("mdp").claims_for(steps=3)
    with pytest.raises(cid.DiagramError, match="takes no parameters"):
        zoo.entry("debate").claims_for(horizon=3)
    assert zoo.entry("debate").claims_for() == zoo.entry("debate").claims


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
    with pytest.raises(cid.NodeNotFoundError, match="did you mean 'mdp'"):
        zoo.build("MDP")
    with pytest.raises(cid.NodeNotFoundError, match="did you mean 'cirl'"):
        zoo.entry("CIRL")
    with pytest.raises(LookupError, match="the entries are"):
        zoo.build("zzzz")
    with pytest.raises(cid.DiagramError, match="takes no parameters"):
        zoo.build("debate", horizon=3)


_LOCATED = re.compile(r"Sec\. \d|Fig\. \d|Example \d|Claim \d|section not verified|"
                      r"graphical reading|pycid tests")


def test_every_claim_source_says_where_it_comes_from() -> None:
    for e in zoo.entries():
        for h in ({"horizon": 5},) if "horizon" in e.params else ({},):
            for c in (*e.claims, *e.claims_for(**h)):
                assert _LOCATED.search(c.source), (e.name, c.statement, c.source)
