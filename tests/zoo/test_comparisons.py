"""The comparisons the papers invite: what changes between two frameworks' incentives."""

from __future__ import annotations

import pytest

import cid
import zoo
from zoo.comparisons import COMPARISONS, contrast


@pytest.mark.parametrize("c", COMPARISONS, ids=[c.key for c in COMPARISONS])
def test_the_claims_on_both_sides_hold(c) -> None:  # type: ignore[no-untyped-def]
    left, right = c.verdicts()
    assert left and right
    for v in (*left, *right):
        assert v.ok, f"{c.key}: {v}"


def _change(key: str, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    (ch,) = [ch for ch in contrast(key).changes() if ch.kind == kind]
    return ch.only_left, ch.only_right


def test_current_rf_optimisation_removes_the_tampering_incentive() -> None:
    for key in ("reward_tampering_fix", "wireheading_fix"):
        lost, gained = _change(key, "instrumental_control_incentive")
        assert lost == ("ThetaR2",) and gained == ()
        assert "ThetaR2" in _change(key, "value_of_control")[0]
    # the incentive to steer the state is kept on both sides
    for name in ("modifiable_reward_function", "current_rf_optimization", "wireheading"):
        assert "S2" in cid.instrumental_control_incentives(zoo.build(name), "A1")


def test_reward_modeling_feedback_is_a_control_target_cirl_feedback_is_information() -> None:
    rm, ci = zoo.build("reward_modeling"), zoo.build("cirl")
    # reward modeling: the feedback data feed the reward, and are control targets for both
    # actions, through a path that need not pass the world state
    assert {"D1", "D2"} <= cid.instrumental_control_incentives(rm, "A1")
    assert "D2" in cid.instrumental_control_incentives(rm, "A2")
    assert all(any(p.startswith("D") for p in rm.parents(u)) for u in rm.utilities[1:])
    # CIRL: the reward reads Θ_H itself and no human action is a parent of a reward node
    humans = set(ci.decisions_of("human"))
    assert all("ThetaH" in ci.parents(u) and not humans & set(ci.parents(u))
               for u in ci.utilities)
    # the human action the robot learns from is information, not a control target
    assert "AH1" in cid.value_of_information(ci, "A1")
    assert "AH1" not in cid.instrumental_control_incentives(ci, "A1")
    assert "ThetaH" in cid.response_incentives(ci, "A1")
    assert "ThetaH" not in cid.instrumental_control_incentives(ci, "A1")
    # the robot's only control interest in a human action goes through the world state
    for robot in ci.decisions_of("robot"):
        targets = cid.instrumental_control_incentives(ci, robot) & humans
        for h in targets:
            assert zoo.Claim("instrumental_control_incentive", decision=robot, node=h,
                             only_via=tuple(c for c in ci.children(h) if c.startswith("S")),
                             source="t").check(ci)


def test_reward_modeling_vs_cirl_matches_the_feedback_channels() -> None:
    c = contrast("reward_modeling_vs_cirl")
    assert c.matched == (("D1", "AH1"), ("D2", "AH2"))
    # matched by role, D1/AH1 now shows the contrast: a control target on one side,
    # information on the other
    lost, gained = _change("reward_modeling_vs_cirl", "instrumental_control_incentive")
    assert "D1/AH1" in lost and "D1/AH1" not in gained
    assert "D1/AH1" in _change("reward_modeling_vs_cirl", "value_of_information")[1]
    d1, d2 = c.channels()
    assert (d1.left, d1.right, d2.left, d2.right) == ("D1", "AH1", "D2", "AH2")
    assert "ICI(A1)" in d1.on_left and "ICI(A1)" not in d1.on_right
    assert "VoI(A1)" in d1.on_right and "VoI(A1)" in d1.only_right
    assert {"ICI(A1)", "ICI(A2)"} <= set(d2.on_left) and "ICI(A2)" in d2.only_left
    assert "VoI(A2)" in d2.on_right and "ICI(A1)" in d2.on_right  # only via S3: see the claims
    left, right = c.verdicts()
    via = [v for v in right if v.claim.only_via == ("S3",)]
    assert via and via[0].ok and "gone once the edges out of S3 are cut" in via[0].reason
    # without the correspondence the names never meet, and the table shows no contrast
    import dataclasses
    plain = dataclasses.replace(c, matched=())
    assert all("D1" not in ch.only_left for ch in plain.changes())
    assert plain.channels() == ()


def test_the_other_fixes() -> None:
    assert _change("counterfactual_oracle_fix", "instrumental_control_incentive") == (("S",), ())
    assert _change("content_recommendation_fix", "instrumental_control_incentive") == (("I",), ())
    assert _change("belief_based_fix", "instrumental_control_incentive") == (("ThetaPM2",), ())


def test_every_comparison_names_real_entries_and_decisions() -> None:
    for c in COMPARISONS:
        assert c.left_decision in zoo.build(c.left).decisions
        assert c.right_decision in zoo.build(c.right).decisions
        assert c.text and c.source
    with pytest.raises(cid.NodeNotFoundError, match="unknown comparison"):
        contrast("nope")
