"""Learning what the user wants: direct reward learning, reward modeling, and CIRL.

Three ways to let an agent learn its objective from a human, and three different incentive
pictures. In *reward modeling* (Leike et al. 2018, EKKL19) the reward is computed by a model
trained on the user's feedback, so the feedback itself sits on the path to the reward and is a
control target. In *cooperative inverse reinforcement learning* (Hadfield-Menell et al. 2016,
EKKL19) human and robot share a reward that reads the human's preferences ``Θ_H`` directly; the
human's actions inform the robot but are not what it is paid for. *Direct learning* of the
intended reward function (RT Fig. 8) leaves only an informational goal for the user's data.

>>> from zoo.reward_learning import reward_modeling
>>> reward_modeling().parents("R3")
('S3', 'D1', 'D2')
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from zoo._build import check_horizon
from zoo.claims import Claim
from zoo.entry import EKKL19, RT, Entry, Reference

__all__ = ["ENTRIES", "MIN_HORIZON", "cirl", "direct_reward_learning", "reward_modeling"]


MIN_HORIZON = {
    "direct_reward_learning": 3,  # D_2 and A_2
    "reward_modeling": 3,  # ICI(A2) contains D2
    "cirl": 3,  # the human's second action AH2 and S3
}
"""The smallest horizon of each entry: every node its claims name exists."""


def direct_reward_learning(horizon: int = 3) -> Diagram:
    """RT Fig. 8: the agent learns the intended reward function from user data ``D_t``.

    The data depend on the intended reward function and on the previous state and action,
    ``P(D_{t+1} | Θ^R_*, S_t, A_t)``; the reward reads ``Θ^R_*`` itself, which the agent sees
    only through the data.
    """
    m = check_horizon("direct_reward_learning", horizon,
                      minimum=MIN_HORIZON["direct_reward_learning"])
    d = DiagramBuilder("direct_reward_learning",
                description="direct learning of the intended reward function (RT Fig. 8)")
    d.chance("ThetaRstar", label="Θ^R_*", description="the intended reward function")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        if t < m:
            d.chance(f"D{t}", ["ThetaRstar", *before], label=f"D_{t}", step=t,
                     description="data provided by the user")
            data = [f"D{k}" for k in range(t, 0, -1)]
            d.decision(f"A{t}", [f"S{t}", *data], label=f"A_{t}", step=t)
        d.utility(f"R{t}", [f"S{t}", "ThetaRstar"], label=f"R_{t}", step=t)
    return d.build()


def reward_modeling(horizon: int = 3) -> Diagram:
    """EKKL19's reward modeling: rewards come from a model trained on user feedback.

    ``R_i = M(S_i | D_1 ... D_{i-1})``: the reward of step ``i`` is computed from the state
    by a reward model trained on the feedback so far; the feedback
    ``D_i = G(S_i, A_i; Θ_H)`` depends on the user's preferences and the agent's behaviour.
    """
    m = check_horizon("reward_modeling", horizon, minimum=MIN_HORIZON["reward_modeling"])
    d = DiagramBuilder("reward_modeling", description="reward modeling (EKKL19; Leike et al. 2018)")
    d.chance("ThetaH", label="Θ_H", description="the user's preferences")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        if t < m:
            d.decision(f"A{t}", [f"S{t}"], label=f"A_{t}", step=t)
            d.chance(f"D{t}", ["ThetaH", f"S{t}", f"A{t}"], label=f"D_{t}", step=t,
                     description="the user's feedback")
        d.utility(f"R{t}", [f"S{t}", *(f"D{k}" for k in range(1, t))], label=f"R_{t}", step=t)
    return d.build()


def cirl(horizon: int = 3) -> Diagram:
    """EKKL19's CIRL: human and robot act in turn and share a reward that reads ``Θ_H``.

    Only the human observes ``Θ_H``; the robot sees the state and the human's actions so far.
    """
    m = check_horizon("cirl", horizon, minimum=MIN_HORIZON["cirl"])
    d = DiagramBuilder("cirl",
                       description="cooperative inverse RL (EKKL19; Hadfield-Menell et al. 2016)")
    d.chance("ThetaH", label="Θ_H", description="the human's preferences")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"AH{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        if t < m:
            d.decision(f"AH{t}", ["ThetaH", f"S{t}"], agent="human", label=f"A^H_{t}", step=t)
            shown = [f"AH{k}" for k in range(t, 0, -1)]
            d.decision(f"A{t}", [f"S{t}", *shown], agent="robot", label=f"A^R_{t}", step=t)
        d.utility(f"R{t}", ["ThetaH", f"S{t}"], agent=("human", "robot"), label=f"R_{t}", step=t)
    return d.build()


# ------------------------------------------------------------------------ claims per horizon
def _names(prefix: str, first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{t}" for t in range(first, last + 1))


def direct_reward_learning_claims(horizon: int = 3) -> list[Claim]:
    """RT Fig. 8 and Claim 4: each later datum is a control target of the first action only
    through the actions that see it; the intended reward function is out of reach."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"D{t}", only_via=_names("A", t, m - 1),
                 source="RT Fig. 8 caption, Claim 4",
                 quote=("the agent may have an instrumental goal to make D_2 more informative "
                        "of Θ^R_*") if t == 2 else None)
           for t in range(2, m)]
    out += [Claim("ICI", decision=f"A{t}", node="ThetaRstar", holds=False,
                  source="RT Claim 4 (graphical reading: Θ^R_* is not influenceable)")
            for t in range(1, m)]
    out += [Claim("VoI", decision=f"A{t}", node=f"D{t}",
                  source="RT Fig. 8 (graphical reading: the data are informative of Θ^R_*)")
            for t in range(2, m)]
    return out


_RM = "EKKL19 reward modeling (section not verified)"


def reward_modeling_claims(horizon: int = 3) -> list[Claim]:
    """EKKL19: the feedback data reach the reward directly, so every datum is a control target
    of the first action and of the action it reports on."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"D{i}", source=_RM,
                 quote="paraphrase: the feedback data lie on the path from Θ_H to the reward"
                 if i == 1 else None) for i in range(1, m)]
    out += [Claim("ICI", decision=f"A{i}", node=f"D{i}", source=_RM) for i in range(2, m)]
    out += [
        Claim("ICI", decision="A1", node="D1", only_via=_names("S", 2, m), holds=False,
              source=f"{_RM}: the feedback feeds the reward directly, not only through the "
                     "world state"),
        Claim("ICI", decision="A1", node="ThetaH", holds=False,
              source=f"{_RM} (graphical reading: the preferences are not influenceable)"),
    ]
    return out


_CIRL = "EKKL19 CIRL (section not verified)"


def cirl_claims(horizon: int = 3) -> list[Claim]:
    """EKKL19: each human action is information for the robot; Θ_H is out of reach; the
    robot's control interest in a later human action runs only through the world states."""
    m = horizon
    out = [Claim("VoI", decision=f"A{t}", node=f"AH{t}", source=_CIRL,
                 quote="paraphrase: the robot learns about Θ_H from the human's actions"
                 if t == 1 else None) for t in range(1, m)]
    out += [Claim("RI", decision=f"A{t}", node="ThetaH", source=_CIRL,
                  quote="paraphrase: the robot's action adapts to Θ_H through the human's action"
                  if t == 1 else None) for t in range(1, m)]
    out += [Claim("ICI", decision=f"A{t}", node="ThetaH", holds=False,
                  source=f"{_CIRL} (the agent cannot influence Θ_H)") for t in range(1, m)]
    out += [Claim("ICI", decision="A1", node=f"AH{t}", only_via=_names("S", t + 1, m),
                  source=f"{_CIRL}, against reward modeling: the human's actions do not feed "
                         "the reward") for t in range(2, m)]
    return out


ENTRIES = (
    Entry(
        name="direct_reward_learning",
        title="Direct learning of the intended reward function from user data",
        family="reward_learning",
        reference=Reference(RT, None, "Fig. 8", note="its claim is RT Claim 4"),
        summary=(
            "The agent is paid by the intended reward function itself, which it can only learn "
            "about from data the user provides. Its actions can change what data it will get, "
            "but the data reach the reward only through the agent's own later actions, so the "
            "only reason to influence them is to make them more informative."
        ),
        builder=direct_reward_learning,
        focus="A1",
        confidence="medium",
        reading=(
            "Likelihood P(D_{t+1} | Θ_*, S_t, A_t) and Assumptions 1'-3' from the RT text; the "
            "information links S_t, D_t -> A_t and D1 -> A2 are a reading."
        ),
        claim_builder=direct_reward_learning_claims,
        min_horizon=MIN_HORIZON["direct_reward_learning"],
    ),
    Entry(
        name="reward_modeling",
        title="Reward modeling (learned reward model from user feedback)",
        family="reward_learning",
        reference=Reference(EKKL19, None, "reward modeling figure",
                            note="after Leike et al. (2018)"),
        summary=(
            "A reward model is trained on the user's feedback and pays the agent for the states "
            "it reaches. The user's preferences reach the reward only through the feedback "
            "data, so the agent has an instrumental control incentive on the data themselves: "
            "a way to get reward is to change what the user reports, which CIRL avoids."
        ),
        builder=reward_modeling,
        focus="A1",
        confidence="low-medium",
        reading=(
            "From the equations R_i = M(S_i | D_1..D_{i-1}) and D_i = G(S_1, A_1, ..., S_i, A_i; "
            "Θ_H), encoded with the Markov reading D_i <- Θ_H, S_i, A_i (the full-history "
            "reading adds S1, A1 -> D2 and gives the same claims)."
        ),
        claim_builder=reward_modeling_claims,
        min_horizon=MIN_HORIZON["reward_modeling"],
    ),
    Entry(
        name="cirl",
        title="Cooperative inverse reinforcement learning (human and robot)",
        family="reward_learning",
        reference=Reference(EKKL19, None, "CIRL figure",
                            note="after Hadfield-Menell et al. (2016)"),
        summary=(
            "Human and robot play a common-payoff game whose reward reads the human's "
            "preferences Θ_H directly; only the human sees Θ_H, and the robot watches the "
            "human's actions. Those actions are worth observing because they reveal Θ_H, and "
            "no human action feeds the reward itself: the robot's interest in the human's later "
            "action runs only through the world state, unlike the feedback in reward modeling."
        ),
        builder=cirl,
        focus="A1",
        confidence="low",
        reading=(
            "Reconstructed: Θ_H observed by the human only, the robot observes the human's "
            "actions, shared reward R_t <- S_t, Θ_H; the turn order (human before robot in each "
            "step) is a reading. Agents are 'human' and 'robot'."
        ),
        claim_builder=cirl_claims,
        min_horizon=MIN_HORIZON["cirl"],
    ),
)
