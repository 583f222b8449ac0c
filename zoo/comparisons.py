"""The comparisons the papers invite: two frameworks side by side, what incentive changes.

EKKL19 introduces its catalogue by asking what separates reward modeling from CIRL; the
reward-tampering paper presents current-RF optimisation as the fix for the tampering incentive
of the modifiable-reward MDP; the Agent Incentives paper fixes its content recommender by
changing what it is scored on. Each :class:`Contrast` names the two entries, the decision to
compare, and the claims on each side that capture the difference; :meth:`Contrast.changes`
lists every incentive that differs between the two diagrams (through :func:`cid.compare`),
matching nodes by name or, where the two frameworks name the corresponding node differently,
through :attr:`Contrast.matched`
(reward modeling's feedback ``D_i`` and CIRL's human action ``AH_i``); :meth:`Contrast.channels`
lists, for each matched pair, every incentive either side has on it.

>>> from zoo.comparisons import contrast
>>> c = contrast("reward_tampering_fix")
>>> c.left, c.right
('modifiable_reward_function', 'current_rf_optimization')
>>> d2 = contrast("reward_modeling_vs_cirl").channels()[1]
>>> d2.left, d2.on_left, d2.right, d2.on_right
('D2', ('VoC', 'ICI(A1)', 'ICI(A2)'), 'AH2', ('VoI(A2)', 'RI(A2)', 'VoC', 'ICI(A1)'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import cid
from cid.errors import NodeNotFoundError
from cid.incentives import IncentiveKind
from zoo.claims import Claim, ClaimVerdict

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["COMPARISONS", "Change", "Channel", "Contrast", "contrast"]



@dataclass(frozen=True)
class Change:
    """One incentive kind of the compared decisions: nodes only on the left, only on the right,
    and the nodes both have it on but for another reason (:attr:`cid.Comparison.changed`)."""

    kind: IncentiveKind
    only_left: tuple[str, ...]
    only_right: tuple[str, ...]
    reason_changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    """A pair of corresponding nodes and the incentives each side has on it.

    ``on_left`` and ``on_right`` are labels such as ``"ICI(A1)"`` or ``"VoC"`` (value of
    control is the same for all of an agent's decisions), over every decision of the
    compared agent; ``only_left`` and ``only_right`` are the labels one side lacks, with
    the decision names compared by their position among the agent's decisions.
    """

    left: str
    right: str
    on_left: tuple[str, ...]
    on_right: tuple[str, ...]
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
    matched : tuple of (str, str)
        Pairs ``(left node, right node)`` that play the same part under different names
        (compared as one node; shown as ``"D1/AH1"``).
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
    matched: tuple[tuple[str, str], ...] = ()

    def verdicts(self) -> tuple[tuple[ClaimVerdict, ...], tuple[ClaimVerdict, ...]]:
        """The engine's verdicts on the left and right claims."""
        import zoo

        left, right = zoo.build(self.left), zoo.build(self.right)
        return (tuple(c.evaluate(left) for c in self.left_claims),
                tuple(c.evaluate(right) for c in self.right_claims))

    def comparison(self) -> cid.Comparison:
        """:func:`cid.compare` of the two entries, with :attr:`matched` pairs and the two
        decisions matched (names are the right side's)."""
        import zoo

        left, right = zoo.build(self.left), zoo.build(self.right)
        rename = dict(self.matched)
        if self.left_decision != self.right_decision:
            rename[self.left_decision] = self.right_decision
        return cid.compare(left, right, rename=rename, labels=(self.left, self.right))

    def changes(self) -> tuple[Change, ...]:
        """Per incentive kind, the nodes that carry it on one side only (and those whose
        reason changed), for the compared decisions.

        Only nodes present on both sides are compared, by name or through :attr:`matched`
        (a matched pair is shown as ``"left/right"``): a node that exists on one side only is
        a change of structure, not of incentive.
        """
        label = {r: f"{lft}/{r}" for lft, r in self.matched}
        diff = next(d for d in self.comparison().decisions if d.decision == self.right_decision)

        def shown(nodes: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(label.get(n, n) for n in nodes)

        return tuple(Change(k.kind, shown(k.lost), shown(k.gained),
                            shown(tuple(w.node for w in k.changed))) for k in diff.kinds)

    def channels(self) -> tuple[Channel, ...]:
        """For each :attr:`matched` pair, the incentives on it over all of the agent's
        decisions, on each side (e.g. reward modeling's ``D2``: ``ICI(A1)``, ``ICI(A2)``;
        CIRL's ``AH2``: ``ICI(A1)``, ``VoI(A2)``)."""
        import zoo

        left, right = zoo.build(self.left), zoo.build(self.right)

        def labels(d: Diagram, decision: str, node: str) -> list[tuple[str, str]]:
            decisions = d.decisions_of(d.agent_of(decision))
            out: list[tuple[str, str]] = []
            for kind in IncentiveKind:
                short = kind.label
                if kind is IncentiveKind.VALUE_OF_CONTROL:
                    if node in cid.incentive_nodes(d, decision, kind):
                        out.append((short, short))
                    continue
                for i, dec in enumerate(decisions):
                    if node in cid.incentive_nodes(d, dec, kind):
                        out.append((f"{short}({dec})", f"{short}#{i}"))
            return out

        result = []
        for lft, r in self.matched:
            a = labels(left, self.left_decision, lft)
            b = labels(right, self.right_decision, r)
            keys_a, keys_b = {k for _, k in a}, {k for _, k in b}
            result.append(Channel(
                lft, r, tuple(t for t, _ in a), tuple(t for t, _ in b),
                tuple(t for t, k in a if k not in keys_b),
                tuple(t for t, k in b if k not in keys_a),
            ))
        return tuple(result)


COMPARISONS: tuple[Contrast, ...] = (
    Contrast(
        key="reward_modeling_vs_cirl",
        title="Reward modeling vs CIRL: feedback as a control target or as information",
        left="reward_modeling",
        right="cirl",
        left_decision="A1",
        right_decision="A1",
        text=(
            "The two frameworks learn from the human through a different channel: the feedback "
            "data D_i in reward modeling, the human's own actions AH_i in CIRL. In reward "
            "modeling the reward is computed from the feedback, so every datum is an "
            "instrumental control target, of the first action and of the action it reports on, "
            "through a path that bypasses the world state (A1 -> D1 -> R2). In CIRL the shared "
            "reward reads the human's preferences Θ_H itself and no human action feeds it: the "
            "human action the robot sees is information (VoI for the robot's action of the "
            "same step, and a response incentive on Θ_H). The robot does still have a control "
            "incentive on the human's later action AH2 (its first action changes the state "
            "the human responds to), but only via the world state S3: cut the edges out of S3 "
            "and it is gone, while reward modeling's incentive on D1 survives the same cut. "
            "(The feedback would be informative too, had the agent been shown it: D1 has VoI "
            "for A2; the agent is not shown it, and that is not the contrast the paper draws.)"
        ),
        left_claims=(
            Claim("ICI", decision="A1", node="D1", source="EKKL19 (section not verified)"),
            Claim("ICI", decision="A1", node="D1", only_via=("S2", "S3"), holds=False,
                  source="EKKL19 (section not verified)"),
            Claim("ICI", decision="A2", node="D2", source="EKKL19 (section not verified)"),
        ),
        right_claims=(
            Claim("VoI", decision="A1", node="AH1", source="EKKL19 (section not verified)"),
            Claim("VoI", decision="A2", node="AH2", source="EKKL19 (section not verified)"),
            Claim("ICI", decision="A1", node="AH1", holds=False,
                  source="graphical reading: AH1 is decided before A1"),
            Claim("RI", decision="A1", node="ThetaH", source="EKKL19 (section not verified)"),
            Claim("ICI", decision="A1", node="AH2", only_via=("S3",),
                  source="graphical reading: the human's actions do not feed the reward"),
            Claim("ICI", decision="A1", node="ThetaH", holds=False,
                  source="EKKL19 (section not verified)"),
        ),
        source="EKKL19 reward modeling and CIRL (section not verified)",
        matched=(("D1", "AH1"), ("D2", "AH2")),
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
            Claim("ICI", decision="A1", node="ThetaR2", source="RT Sec. 3.1, Claim 1"),
            Claim("ICI", decision="A1", node="S2", source="RT Sec. 2.2"),
        ),
        right_claims=(
            Claim("ICI", decision="A1", node="ThetaR2", holds=False, source="RT Sec. 3.2, Claim 3"),
            Claim("ICI", decision="A1", node="S2", source="RT Sec. 3.2"),
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
        left_claims=(Claim("ICI", decision="A1", node="ThetaR2", source="EKKL19; RT Sec. 3.1"),),
        right_claims=(Claim("ICI", decision="A1", node="ThetaR2", holds=False,
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
        left_claims=(Claim("ICI", decision="A", node="S", source="EKKL19"),),
        right_claims=(Claim("ICI", decision="A", node="S", holds=False, source="EKKL19"),),
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
        left_claims=(Claim("ICI", decision="P", node="I", source="AI:ACP Example 2"),),
        right_claims=(Claim("ICI", decision="P", node="I", holds=False,
                            source="AI:ACP Example 2"),),
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
        left_claims=(Claim("ICI", decision="A1_1", node="ThetaPM2", only_via=("A2_2",),
                           source="RT Sec. 4.3, Claim 8"),),
        right_claims=(Claim("ICI", decision="A1", node="ThetaPM2", holds=False,
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
