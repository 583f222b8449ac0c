"""The comparisons the papers invite: two frameworks side by side, what incentive changes.

EKKL19 introduces its catalogue by asking what separates reward modeling from CIRL; the
reward-tampering paper presents current-RF optimisation as the fix for the tampering incentive
of the modifiable-reward MDP; the Agent Incentives paper fixes its content recommender by
changing what it is scored on. Each :class:`Contrast` names the two entries, the decision to
compare, and the claims on each side that capture the difference; :meth:`Contrast.changes`
lists every incentive that differs between the two diagrams, matching nodes by name.

>>> from zoo.comparisons import contrast
>>> c = contrast("reward_tampering_fix")
>>> c.left, c.right
('modifiable_reward_function', 'current_rf_optimization')
"""

from __future__ import annotations

from dataclasses import dataclass

from cid.errors import NodeNotFoundError
from zoo.entry import CLAIM_KINDS, Claim, ClaimVerdict

__all__ = ["COMPARISONS", "Change", "Contrast", "contrast"]

ICI = "instrumental_control_incentive"
VOI = "value_of_information"
RI = "response_incentive"


@dataclass(frozen=True)
class Change:
    """One incentive kind of the compared decisions: nodes only on the left, only on the right."""

    kind: str
    only_left: tuple[str, ...]
    only_right: tuple[str, ...]


@dataclass(frozen=True)
class Contrast:
    """Two zoo entries compared on one decision each.

    Attributes
    ----------
    key : str
    title : str
    left, right : str
        Entry names.
    left_decision, right_decision : str
        The decisions compared (the same name when the diagrams share it).
    text : str
        What the comparison shows, in a few sentences.
    left_claims, right_claims : tuple of Claim
        The statements that capture the difference, checked on each side.
    source : str
    """

    key: str
    title: str
    left: str
    right: str
    left_decision: str
    right_decision: str
    text: str
    left_claims: tuple[Claim, ...]
    right_claims: tuple[Claim, ...]
    source: str

    def verdicts(self) -> tuple[tuple[ClaimVerdict, ...], tuple[ClaimVerdict, ...]]:
        """The engine's verdicts on the left and right claims."""
        import zoo

        left, right = zoo.build(self.left), zoo.build(self.right)
        return (tuple(c.evaluate(left) for c in self.left_claims),
                tuple(c.evaluate(right) for c in self.right_claims))

    def changes(self) -> tuple[Change, ...]:
        """Per incentive kind, the nodes (by name) that carry it on one side only.

        Only nodes present in both diagrams are compared: a node that exists on one side only
        is a change of structure, not of incentive.
        """
        import cid
        import zoo

        left, right = zoo.build(self.left), zoo.build(self.right)
        shared = set(left.nodes) & set(right.nodes)
        functions = {
            "value_of_information": cid.value_of_information,
            "response_incentive": cid.response_incentives,
            "value_of_control": cid.value_of_control,
            "instrumental_control_incentive": cid.instrumental_control_incentives,
        }
        out = []
        for kind in CLAIM_KINDS:
            a = set(functions[kind](left, self.left_decision)) & shared
            b = set(functions[kind](right, self.right_decision)) & shared
            order = [n for n in left.nodes if n in shared]
            out.append(Change(kind, tuple(n for n in order if n in a - b),
                              tuple(n for n in order if n in b - a)))
        return tuple(out)


COMPARISONS: tuple[Contrast, ...] = (
    Contrast(
        key="reward_modeling_vs_cirl",
        title="Reward modeling vs CIRL: feedback as a control target or as information",
        left="reward_modeling",
        right="cirl",
        left_decision="A1",
        right_decision="A1",
        text=(
            "In reward modeling the reward is computed from the user's feedback, so the agent's "
            "first action has a control incentive on the feedback that reaches the reward "
            "directly (A1 -> D1 -> R2), bypassing the world state. In CIRL the shared reward "
            "reads the human's preferences Θ_H itself: the human action the robot learns from "
            "is observed and valuable as information (VoI, and a response incentive on Θ_H), "
            "and the robot's only control interest in a human action (AH2) runs through the "
            "world state S3, never into the reward."
        ),
        left_claims=(
            Claim(ICI, decision="A1", node="D1", source="EKKL19"),
            Claim(ICI, decision="A1", node="D1", only_via=("S2", "S3"), holds=False,
                  source="EKKL19"),
        ),
        right_claims=(
            Claim(VOI, decision="A1", node="AH1", source="EKKL19"),
            Claim(ICI, decision="A1", node="AH1", holds=False, source="EKKL19"),
            Claim(RI, decision="A1", node="ThetaH", source="EKKL19"),
            Claim(ICI, decision="A1", node="AH2", only_via=("S3",), source="EKKL19"),
            Claim(ICI, decision="A1", node="ThetaH", holds=False, source="EKKL19"),
        ),
        source="EKKL19 (reward modeling and CIRL)",
    ),
    Contrast(
        key="reward_tampering_fix",
        title="Modifiable reward function vs current-RF optimisation: the tampering incentive goes",
        left="modifiable_reward_function",
        right="current_rf_optimization",
        left_decision="A1",
        right_decision="A1",
        text=(
            "With a modifiable reward function, the first action reaches later rewards through "
            "the next reward function Θ^R_2: an instrumental control incentive to tamper. "
            "Current-RF optimisation scores the future with Θ^R_1, so no reward reads Θ^R_2 "
            "and the incentive disappears, while the incentive to steer the state remains."
        ),
        left_claims=(
            Claim(ICI, decision="A1", node="ThetaR2", source="RT Sec. 3.1, Claim 1"),
            Claim(ICI, decision="A1", node="S2", source="RT Sec. 2.2"),
        ),
        right_claims=(
            Claim(ICI, decision="A1", node="ThetaR2", holds=False, source="RT Sec. 3.2, Claim 3"),
            Claim(ICI, decision="A1", node="S2", source="RT Sec. 3.2"),
        ),
        source="RT Sec. 3.1-3.2; EKKL19 (current-RF optimisation)",
    ),
    Contrast(
        key="wireheading_fix",
        title="Wireheading vs current-RF optimisation",
        left="wireheading",
        right="current_rf_optimization",
        left_decision="A1",
        right_decision="A1",
        text=(
            "The same fix seen from EKKL19's wireheading diagram: the control incentive on the "
            "next reward function Θ^R_2 is present in the standard agent and absent in the "
            "current-RF optimiser."
        ),
        left_claims=(Claim(ICI, decision="A1", node="ThetaR2", source="EKKL19; RT Sec. 3.1"),),
        right_claims=(Claim(ICI, decision="A1", node="ThetaR2", holds=False,
                            source="EKKL19; RT Sec. 3.2"),),
        source="EKKL19 (wireheading and current-RF optimisation)",
    ),
    Contrast(
        key="counterfactual_oracle_fix",
        title="Self-fulfilling prophecy vs counterfactual oracle",
        left="self_fulfilling_prophecy",
        right="counterfactual_oracle",
        left_decision="A",
        right_decision="A",
        text=(
            "An oracle scored against the world its answer influences wants to make its "
            "prediction come true; scored against the world where the answer goes unread, it "
            "has no control incentive on the world state."
        ),
        left_claims=(Claim(ICI, decision="A", node="S", source="EKKL19"),),
        right_claims=(Claim(ICI, decision="A", node="S", holds=False, source="EKKL19"),),
        source="EKKL19 (QA systems, counterfactual oracle)",
    ),
    Contrast(
        key="content_recommendation_fix",
        title="Content recommendation vs scoring against the user model",
        left="content_recommendation",
        right="content_recommendation_modified",
        left_decision="P",
        right_decision="P",
        text=(
            "Paid for actual clicks, the recommender has a control incentive on the user's "
            "opinions; paid for the clicks its model predicts, it has none."
        ),
        left_claims=(Claim(ICI, decision="P", node="I", source="AI:ACP Example 2"),),
        right_claims=(Claim(ICI, decision="P", node="I", holds=False, source="AI:ACP Example 2"),),
        source="AI:ACP Example 2",
    ),
    Contrast(
        key="belief_based_fix",
        title="Belief-based rewards: TI-considering vs TI-ignoring",
        left="belief_based_ti_considering",
        right="belief_based_ti_ignoring",
        left_decision="A1_1",
        right_decision="A1",
        text=(
            "The agent that anticipates its later self keeps an incentive to preserve the "
            "predictive model that self will use; the TI-ignoring agent has no control "
            "incentive on the next predictive model at all."
        ),
        left_claims=(Claim(ICI, decision="A1_1", node="ThetaPM2", only_via=("A2_2",),
                           source="RT Sec. 4.3, Claim 8"),),
        right_claims=(Claim(ICI, decision="A1", node="ThetaPM2", holds=False,
                            source="RT Sec. 4.3, Claim 9"),),
        source="RT Sec. 4.3",
    ),
)
"""Every comparison shown in the gallery and checked by the tests."""


def contrast(key: str) -> Contrast:
    """The :class:`Contrast` called ``key``."""
    for c in COMPARISONS:
        if c.key == key:
            return c
    raise NodeNotFoundError(f"unknown comparison {key!r}; the comparisons are "
                            f"{', '.join(c.key for c in COMPARISONS)}")
