"""Reward-function tampering and its fixes (Everitt, Hutter, Kumar, Krakovna 2021, Sec. 2–3).

A reinforcement learner whose reward function is implemented somewhere in the world it acts on
may find that changing the implementation pays better than doing the task: wireheading. The
reward-tampering paper draws the problem as a diagram in which the implemented reward function
``Θ^R_t`` is a chance node downstream of the agent's actions, and then draws two objectives
that remove the incentive: *current-RF optimisation* (judge the future with today's reward
function) and the *counterfactual reward function* (judge it with the reward function a safe
policy would have left in place, a twin network). The two introductory figures (RT Fig. 4) show
what an instrumental goal is in the first place.

>>> from zoo.reward_tampering import modifiable_reward_function
>>> modifiable_reward_function().parents("ThetaR2")
('ThetaR1', 'S1', 'A1', 'ThetaRstar')
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from cid.twin import counterfactual_label, twin_network
from zoo._build import check_horizon
from zoo.claims import Claim
from zoo.entry import EKKL19, RT, Entry, Reference

__all__ = [
    "ENTRIES",
    "MIN_HORIZON",
    "counterfactual_reward_function",
    "current_rf_optimization",
    "informational_goal",
    "instrumental_goal",
    "modifiable_reward_function",
    "ti_considering_current_rf",
    "wireheading",
]


MIN_HORIZON = {
    "wireheading": 3,  # the claims name Θ^R_3 and A_2
    "modifiable_reward_function": 3,  # "the paths ... to the rewards R2 and R3"
    "current_rf_optimization": 2,  # the claims name A_1 and Θ^R_2 only
    "ti_considering_current_rf": 3,  # the path A^1_1 -> Θ^R_2 -> A^2_2 -> S3 -> R^1_3
    "counterfactual_reward_function": 3,  # Θ^R_2 is informative for A_2
}
"""The smallest horizon of each time-indexed entry: every node its claims name exists."""


def _modifiable_rf(
    name: str, horizon: int, *, intended: bool, observe_rf: bool, description: str
) -> Diagram:
    """An MDP whose reward R_t = R(S_t; Θ^R_t) reads an implemented reward function Θ^R_t that
    the agent's actions can change: P(Θ^R_{t+1} | Θ^R_t, S_t, A_t) (RT Sec. 3.1)."""
    m = check_horizon(name, horizon, minimum=MIN_HORIZON[name])
    d = DiagramBuilder(name, description=description)
    if intended:
        d.chance("ThetaRstar", label="Θ^R_*", description="the intended reward function")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        rf_parents = [f"ThetaR{t - 1}", *before] if t > 1 else []
        if intended:
            rf_parents.append("ThetaRstar")
        d.chance(f"ThetaR{t}", rf_parents, label=f"Θ^R_{t}", step=t,
                 description=f"the implemented reward function at time {t}")
        if t < m:
            seen = [f"S{t}", f"ThetaR{t}"] if observe_rf else [f"S{t}"]
            d.decision(f"A{t}", seen, label=f"A_{t}", step=t)
        d.utility(f"R{t}", [f"S{t}", f"ThetaR{t}"], label=f"R_{t}", step=t)
    return d.build()


def wireheading(horizon: int = 3) -> Diagram:
    """RL with a modifiable reward function: actions can rewrite the reward function."""
    return _modifiable_rf(
        "wireheading", horizon, intended=False, observe_rf=False,
        description="RL with a modifiable reward function (EKKL19; RT Fig. 5a without Θ^R_*)",
    )


def modifiable_reward_function(horizon: int = 3) -> Diagram:
    """RT Fig. 5a: a modifiable implemented reward function and the intended one, ``Θ^R_*``."""
    return _modifiable_rf(
        "modifiable_reward_function", horizon, intended=True, observe_rf=False,
        description="MDP with a modifiable implemented reward function (RT Fig. 5a)",
    )


def current_rf_optimization(horizon: int = 3) -> Diagram:
    """RT Fig. 7: TI-ignoring current-RF optimisation, the objective of the agent at time 1.

    The agent plans as if its later actions also optimised ``R(·; Θ^R_1)`` and did not see
    later reward functions; the states after its next action are those of that plan (``S̃_t``).
    """
    m = check_horizon("current_rf_optimization", horizon,
                      minimum=MIN_HORIZON["current_rf_optimization"])
    d = DiagramBuilder("current_rf_optimization",
                description="TI-ignoring current-RF optimisation, objective at time 1 (RT Fig. 7)")
    d.chance("S1", label="S_1", step=1)
    d.chance("ThetaR1", label="Θ^R_1", step=1, description="the current reward function")
    d.decision("A1", ["S1", "ThetaR1"], label="A_1", step=1)
    d.chance("S2", ["S1", "A1"], label="S_2", step=2)
    d.chance("ThetaR2", ["ThetaR1", "S1", "A1"], label="Θ^R_2", step=2,
             description="the next implemented reward function: no reward reads it")
    d.utility("R2", ["ThetaR1", "S2"], label="R^1_2", step=2)
    state = "S2"
    for t in range(2, m):
        d.decision(f"A{t}", [state, "ThetaR1"], label=f"A_{t}", step=t)
        planned = f"S{t + 1}_cf"
        d.chance(planned, [state, f"A{t}"], label=counterfactual_label(f"S_{t + 1}"), step=t + 1,
                 counterfactual=True, description="state of the agent's plan (hypothetical)")
        d.utility(f"R{t + 1}", ["ThetaR1", planned], label=f"R^1_{t + 1}", step=t + 1)
        state = planned
    return d.build()


def ti_considering_current_rf(horizon: int = 3) -> Diagram:
    """RT Fig. 6: TI-considering current-RF optimisation; the agent's selves are agents.

    Self ``k`` decides ``A^k_k`` after seeing ``S_k`` and its reward function ``Θ^R_k``, and
    is paid ``R^k_t = R(S_t; Θ^R_k)`` for every later step ``t > k``.
    """
    m = check_horizon("ti_considering_current_rf", horizon,
                      minimum=MIN_HORIZON["ti_considering_current_rf"])
    d = DiagramBuilder("ti_considering_current_rf",
                description="TI-considering current-RF optimisation (RT Fig. 6, Θ^R_* omitted)")
    d.chance("S1", label="S_1", step=1)
    d.chance("ThetaR1", label="Θ^R_1", step=1)
    for k in range(1, m):
        act = f"A{k}_{k}"
        d.decision(act, [f"S{k}", f"ThetaR{k}"], agent=str(k), label=f"A^{k}_{k}", step=k)
        d.chance(f"S{k + 1}", [f"S{k}", act], label=f"S_{k + 1}", step=k + 1)
        if k + 1 < m:
            d.chance(f"ThetaR{k + 1}", [f"ThetaR{k}", f"S{k}", act], label=f"Θ^R_{k + 1}",
                     step=k + 1)
        for j in range(1, k + 1):
            d.utility(f"R{k + 1}_{j}", [f"ThetaR{j}", f"S{k + 1}"], agent=str(j),
                      label=f"R^{j}_{k + 1}", step=k + 1)
    return d.build()


def counterfactual_reward_function(horizon: int = 3) -> Diagram:
    """RT Fig. 9: rewards read the reward function a safe policy would have produced.

    Built with :func:`cid.twin_network`: the factual world is the modifiable-reward MDP
    (with the agent observing its reward functions); in the counterfactual world the actions
    follow a safe policy that sees only the state. Two adjustments give the paper's figure:
    each reward ``R_t`` (t ≥ 2) reads the counterfactual ``Θ̃^R_t`` instead of the actual
    ``Θ^R_t``, and the last actual reward function, which nothing reads any more, is dropped.
    """
    m = check_horizon("counterfactual_reward_function", horizon,
                      minimum=MIN_HORIZON["counterfactual_reward_function"])
    world = _modifiable_rf(
        "counterfactual_reward_function", horizon, intended=True, observe_rf=True,
        description="counterfactual reward function under a safe policy (RT Fig. 9)",
    )
    d = twin_network(world, intervened={f"A{t}": [f"S{t}"] for t in range(1, m)},
                     name="counterfactual_reward_function")
    for t in range(2, m + 1):
        d = d.without_edge(f"ThetaR{t}", f"R{t}").edge(f"ThetaR{t}_cf", f"R{t}")
    return d.without_nodes([f"ThetaR{m}"])


def instrumental_goal() -> Diagram:
    """RT Fig. 4a: X lies on a path from the action to the reward, Y does not."""
    d = DiagramBuilder("instrumental_goal", description="what an instrumental goal is (RT Fig. 4a)")
    d.decision("A1", label="A_1").chance("X", ["A1"]).chance("Y", ["A1"])
    d.utility("R1", ["X"], label="R_1")
    return d.build()


def informational_goal() -> Diagram:
    """RT Fig. 4b: O matters only as information for the agent's next action."""
    d = DiagramBuilder("informational_goal",
                       description="an informational instrumental goal (RT Fig. 4b)")
    d.chance("Z").decision("A1", label="A_1").chance("O", ["A1", "Z"])
    d.decision("A2", ["O", "A1"], label="A_2").utility("R", ["A2", "Z"])
    return d.build()

# ------------------------------------------------------------------------ claims per horizon
def _names(prefix: str, first: int, last: int, suffix: str = "") -> tuple[str, ...]:
    """``("A2_2", "A3_3")`` and the like: ``prefix{t}{suffix}`` for t = first ... last."""
    return tuple(f"{prefix}{t}{suffix.format(t=t)}" for t in range(first, last + 1))


_RT31 = ("A standard RL agent ... may have an instrumental goal to tamper with the implemented "
         "RF (RT Sec. 3.1)")


def wireheading_claims(horizon: int = 3) -> list[Claim]:
    """Every later reward function is a control target: of the first action, and of each
    action for the next one (RT Sec. 3.1, the structure of the EKKL19 wireheading figure)."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"ThetaR{t}", source="RT Sec. 3.1",
                 quote=_RT31 if t == 2 else None) for t in range(2, m + 1)]
    out += [Claim("ICI", decision=f"A{t}", node=f"ThetaR{t + 1}", source="RT Sec. 3.1")
            for t in range(2, m)]
    return out


def modifiable_reward_function_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 3.1 and Claim 1: tampering is instrumental; the intended RF is out of reach."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"ThetaR{t}",
                 source="RT Sec. 3.1, Claim 1" if t == 2 else "RT Sec. 3.1",
                 quote=("the paths that pass Θ^R_2 on the way from action A1 to the rewards "
                        "R2 and R3") if t == 2 else None)
           for t in range(2, m + 1)]
    for t in range(1, m):
        out += [
            Claim("ICI", decision=f"A{t}", node="ThetaRstar", holds=False,
                  source="RT Sec. 3.1 (graphical reading: the intended RF is not influenceable)"),
            Claim("VoI", decision=f"A{t}", node="ThetaRstar",
                  source="RT Sec. 3.1 (graphical reading: Θ^R_* is informative of the later "
                         "rewards)"),
        ]
    return out


def current_rf_optimization_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 3.2, Claim 3: no control incentive and no value of control on Θ^R_2; the
    next state is still worth steering (the same statements at every horizon: only
    ``Θ^R_2`` is drawn, and the plan's later states all descend from ``S_2``)."""
    return [
        Claim("ICI", decision="A1", node="ThetaR2", holds=False, source="RT Sec. 3.2, Claim 3",
              quote="The diagram lacks paths from Θ^R_2 to R^1_k ... agent 1 lacks an "
                    "instrumental goal to influence Θ^R_2"),
        Claim("VoC", decision="A1", node="ThetaR2", holds=False, source="RT Sec. 3.2"),
        Claim("ICI", decision="A1", node="S2",
              source="EKKL19 current-RF optimisation (section not verified; graphical "
                     "reading: the agent still optimises the states)"),
    ]


def ti_considering_current_rf_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 3.2 and Claim 2: each later reward function is a control target of self 1,
    only through the later selves' actions (the preservation incentive)."""
    m = horizon
    out = [Claim("ICI", decision="A1_1", node="ThetaR2", source="RT Sec. 3.2",
                 quote="A^1_1 -> Θ^R_2 -> A^2_2 -> S3 -> R^1_3 indicates that the agent may "
                       "have an instrumental goal to influence Θ^R_2")]
    out += [Claim("ICI", decision="A1_1", node=f"ThetaR{k}", only_via=_names("A", k, m - 1, "_{t}"),
                  source="RT Sec. 3.2, Claim 2",
                  quote="the only instrumental goal ... for the implemented reward function is "
                        "to preserve it" if k == 2 else None)
            for k in range(2, m)]
    return out


def counterfactual_reward_function_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 3.3 and Claim 5: an actual reward function matters only as information for
    the later actions; no counterfactual copy is a control target."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"ThetaR{t}", only_via=_names("A", t, m - 1),
                 source="RT Sec. 3.3, Claim 5",
                 quote="the only instrumental goal that counterfactual RF agents may have for "
                       "the implemented RF is to make it more informative of its counterfactual "
                       "counterpart" if t == 2 else None)
           for t in range(2, m)]
    copies = (*_names("A", 1, m - 1, "_cf"), *_names("S", 2, m, "_cf"),
              *_names("ThetaR", 2, m, "_cf"))
    out += [Claim("ICI", decision="A1", node=c, holds=False,
                  source="RT Sec. 3.3 (graphical reading: the counterfactual world is out of "
                         "reach)") for c in copies]
    return out


ENTRIES = (
    Entry(
        name="wireheading",
        title="Reward-function tampering / wireheading (modifiable reward function)",
        family="reward_tampering",
        reference=Reference(EKKL19, None, "wireheading (modifiable reward function) figure"),
        also=(Reference(RT, "Sec. 3.1", "Fig. 5a",
                        note="the structure encoded: Fig. 5a without Θ^R_*"),),
        summary=(
            "The reward the agent receives is computed by a reward function that is itself part "
            "of the world, and the agent's actions can change it. A standard RL agent then has "
            "an instrumental control incentive on its future reward functions: rewriting them "
            "is a way to collect reward."
        ),
        builder=wireheading,
        confidence="low-medium",
        reading=(
            "EKKL19's figure is not available here; the structure is RT Fig. 5a without the "
            "intended reward function: P(Θ_{t+1} | Θ_t, S_t, A_t), R_t = R(S_t; Θ_t)."
        ),
        claim_builder=wireheading_claims,
        min_horizon=MIN_HORIZON["wireheading"],
    ),
    Entry(
        name="modifiable_reward_function",
        title="Modifiable implemented reward function with an intended reward function",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 3.1", "Fig. 5a"),
        summary=(
            "The designers intend a reward function Θ^R_*, but the agent is paid by an "
            "implementation Θ^R_t that starts as a copy of it and can be modified by the "
            "agent's actions. Paths from the first action through Θ^R_2 to later rewards show "
            "the tampering incentive; the intended function itself cannot be influenced, "
            "only learned about."
        ),
        builder=modifiable_reward_function,
        confidence="medium-high",
        reading=(
            "RT Sec. 3.1: P(Θ_{t+1} | Θ_t, Θ_*, S_t, A_t) and R_t = R(S_t; Θ_t); Θ^R_* -> Θ^R_1 "
            "from App. B's P(Θ_1 | Θ_*); information links S_t -> A_t only."
        ),
        claim_builder=modifiable_reward_function_claims,
        min_horizon=MIN_HORIZON["modifiable_reward_function"],
    ),
    Entry(
        name="current_rf_optimization",
        title="Current-RF optimisation (TI-ignoring), the wireheading fix",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 3.2", "Fig. 7"),
        also=(Reference(EKKL19, None, "current-RF optimisation figure"),),
        summary=(
            "The agent judges every future state with the reward function it has now, Θ^R_1, "
            "and plans as if its later self did the same. Nothing it is paid for reads the "
            "next reward function Θ^R_2, so changing that function is no longer a way to get "
            "reward: the tampering incentive of the wireheading diagram disappears."
        ),
        builder=current_rf_optimization,
        focus="A1",
        confidence="medium (low as the EKKL19 figure)",
        reading=(
            "RT Fig. 7 text: A^1_2 is chosen as if it optimised R(·; Θ_1) without observing "
            "Θ_2; no path from Θ_2 to any R^1_k. The state after the planned action is the "
            "hypothetical S̃_3, flagged counterfactual."
        ),
        claim_builder=current_rf_optimization_claims,
        min_horizon=MIN_HORIZON["current_rf_optimization"],
    ),
    Entry(
        name="ti_considering_current_rf",
        title="TI-considering current-RF optimisation (two selves as two agents)",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 3.2", "Fig. 6"),
        summary=(
            "Here the agent knows that its later self will optimise whatever reward function "
            "it has then, so the paper models the two selves as two agents with their own "
            "rewards. Self 1 may still care about Θ^R_2, but only because it shapes what self "
            "2 will do: the remaining instrumental goal is to preserve the reward function."
        ),
        builder=ti_considering_current_rf,
        focus="A1_1",
        confidence="medium",
        reading=(
            "RT Sec. 3.2: the highlighted path A^1_1 -> Θ^R_2 -> A^2_2 -> S3 -> R^1_3 and "
            "R^k_t = R(S_t; Θ_k) for t > k; information links (S_t, Θ_t) -> A_t from Alg. 2. "
            "Agents are named '1' and '2'."
        ),
        claim_builder=ti_considering_current_rf_claims,
        min_horizon=MIN_HORIZON["ti_considering_current_rf"],
    ),
    Entry(
        name="counterfactual_reward_function",
        title="Counterfactual reward function (twin network under a safe policy)",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 3.3", "Fig. 9"),
        summary=(
            "Each reward is computed with the reward function that would have resulted had the "
            "agent followed a known safe policy, a counterfactual quantity drawn as a twin "
            "network. The agent's actions cannot reach the counterfactual copies, so tampering "
            "with the actual reward function pays only by making it more informative of its "
            "counterfactual counterpart."
        ),
        builder=counterfactual_reward_function,
        focus="A1",
        confidence="low-medium",
        reading=(
            "Built with cid.twin_network from the modifiable-reward MDP (agent observing Θ^R_t) "
            "with the actions replaced by a safe policy that sees the state; then, as in the "
            "figure, R_t reads the counterfactual Θ̃^R_t (t >= 2) and the unused actual Θ^R_3 "
            "is dropped. S1, Θ^R_1 and Θ^R_* are shared by both worlds."
        ),
        claim_builder=counterfactual_reward_function_claims,
        min_horizon=MIN_HORIZON["counterfactual_reward_function"],
    ),
    Entry(
        name="instrumental_goal",
        title="Instrumental goal: a node on a decision-to-reward path",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 2.2", "Fig. 4a"),
        summary=(
            "The smallest illustration of an instrumental goal. The action affects X and Y, "
            "but only X affects the reward, so only X is worth controlling."
        ),
        builder=instrumental_goal,
        confidence="low",
        reading=(
            "Caption only: Y is encoded as a child of A1 that does not lead to R1 (the other "
            "reading, Y a parent of R1 not downstream of A1, gives the same claim)."
        ),
        claims=(
            Claim("ICI", decision="A1", node="X", source="RT Fig. 4a caption",
                  quote="Influencing X can be an instrumental goal because there is a path from "
                        "A1 to R1 via X"),
            Claim("ICI", decision="A1", node="Y", holds=False, source="RT Fig. 4a caption",
                  quote="influencing Y cannot be an instrumental goal"),
        ),
    ),
    Entry(
        name="informational_goal",
        title="Informational instrumental goal through a later decision",
        family="reward_tampering",
        reference=Reference(RT, "Sec. 2.2", "Fig. 4b"),
        summary=(
            "The first action affects an observation O that the second action sees, and O "
            "carries information about Z, which matters for the reward. Every path from O to "
            "the reward runs through the agent's own next action, so the only reason to "
            "influence O is to make it more informative; Z itself is out of reach."
        ),
        builder=informational_goal,
        focus="A1",
        confidence="low",
        reading="Caption and RT Sec. 2.2 only: O informative of Z, Z not influenceable.",
        claims=(
            Claim("ICI", decision="A1", node="O", only_via=("A2",), source="RT Sec. 2.2",
                  quote="if every path from a node O to a utility node passes through at least "
                        "one of the agent's own actions, then the only instrumental goal for "
                        "influencing O is to make O more informative"),
            Claim("ICI", decision="A1", node="Z", holds=False, source="RT Fig. 4b caption",
                  quote="Influencing Z cannot be an instrumental goal"),
            Claim("VoI", decision="A2", node="O",
                  source="RT Sec. 2.2 (graphical reading: O is informative of Z for A2)"),
            Claim("RI", decision="A2", node="O",
                  source="RT Sec. 2.2 (graphical reading: A2 responds to O)"),
        ),
    ),
)
