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

from cid.model import Diagram
from zoo._build import check_horizon
from zoo.entry import EKKL19, RT, Claim, Entry, Reference

__all__ = ["ENTRIES", "cirl", "direct_reward_learning", "reward_modeling"]

ICI = "instrumental_control_incentive"
VOI = "value_of_information"
RI = "response_incentive"
VOC = "value_of_control"


def direct_reward_learning(horizon: int = 3) -> Diagram:
    """RT Fig. 8: the agent learns the intended reward function from user data ``D_t``.

    The data depend on the intended reward function and on the previous state and action,
    ``P(D_{t+1} | Θ^R_*, S_t, A_t)``; the reward reads ``Θ^R_*`` itself, which the agent sees
    only through the data.
    """
    m = check_horizon("direct_reward_learning", horizon)
    d = Diagram("direct_reward_learning",
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
    return d


def reward_modeling(horizon: int = 3) -> Diagram:
    """EKKL19's reward modeling: rewards come from a model trained on user feedback.

    ``R_i = M(S_i | D_1 ... D_{i-1})``: the reward of step ``i`` is computed from the state
    by a reward model trained on the feedback so far; the feedback
    ``D_i = G(S_i, A_i; Θ_H)`` depends on the user's preferences and the agent's behaviour.
    """
    m = check_horizon("reward_modeling", horizon)
    d = Diagram("reward_modeling", description="reward modeling (EKKL19; Leike et al. 2018)")
    d.chance("ThetaH", label="Θ_H", description="the user's preferences")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        if t < m:
            d.decision(f"A{t}", [f"S{t}"], label=f"A_{t}", step=t)
            d.chance(f"D{t}", ["ThetaH", f"S{t}", f"A{t}"], label=f"D_{t}", step=t,
                     description="the user's feedback")
        d.utility(f"R{t}", [f"S{t}", *(f"D{k}" for k in range(1, t))], label=f"R_{t}", step=t)
    return d


def cirl(horizon: int = 3) -> Diagram:
    """EKKL19's CIRL: human and robot act in turn and share a reward that reads ``Θ_H``.

    Only the human observes ``Θ_H``; the robot sees the state and the human's actions so far.
    """
    m = check_horizon("cirl", horizon)
    d = Diagram("cirl", description="cooperative inverse RL (EKKL19; Hadfield-Menell et al. 2016)")
    d.chance("ThetaH", label="Θ_H", description="the human's preferences")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"AH{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        if t < m:
            d.decision(f"AH{t}", ["ThetaH", f"S{t}"], agent="human", label=f"A^H_{t}", step=t)
            shown = [f"AH{k}" for k in range(t, 0, -1)]
            d.decision(f"A{t}", [f"S{t}", *shown], agent="robot", label=f"A^R_{t}", step=t)
        d.utility(f"R{t}", ["ThetaH", f"S{t}"], agent=("human", "robot"), label=f"R_{t}", step=t)
    return d


ENTRIES = (
    Entry(
        name="direct_reward_learning",
        title="Direct learning of the intended reward function from user data",
        family="reward_learning",
        reference=Reference(RT, None, "Fig. 8"),
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
        claims=(
            Claim(ICI, decision="A1", node="D2", only_via=("A2",), source="RT Fig. 8, Claim 4",
                  quote="the agent may have an instrumental goal to make D_2 more informative of "
                        "Θ^R_*"),
            Claim(ICI, decision="A1", node="ThetaRstar", holds=False,
                  source="RT Fig. 8 (the intended reward function is not influenceable)"),
            Claim(VOI, decision="A2", node="D2", source="RT Fig. 8 (the data are informative)"),
        ),
    ),
    Entry(
        name="reward_modeling",
        title="Reward modeling (learned reward model from user feedback)",
        family="reward_learning",
        reference=Reference(EKKL19, "Sec. 3", "reward modeling figure",
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
        claims=(
            Claim(ICI, decision="A1", node="D1", source="EKKL19 (reward modeling vs CIRL)",
                  quote="paraphrase: the feedback data lie on the path from Θ_H to the reward"),
            Claim(ICI, decision="A1", node="D2", source="EKKL19 (reward modeling vs CIRL)"),
            Claim(ICI, decision="A2", node="D2", source="EKKL19 (reward modeling vs CIRL)"),
            Claim(ICI, decision="A1", node="D1", only_via=("S2", "S3"), holds=False,
                  source="EKKL19 (reward modeling vs CIRL: the feedback feeds the reward "
                         "directly, not only through the world state)"),
            Claim(ICI, decision="A1", node="ThetaH", holds=False,
                  source="EKKL19 (reward modeling)"),
        ),
    ),
    Entry(
        name="cirl",
        title="Cooperative inverse reinforcement learning (human and robot)",
        family="reward_learning",
        reference=Reference(EKKL19, "Sec. 3", "CIRL figure",
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
        claims=(
            Claim(VOI, decision="A1", node="AH1", source="EKKL19 (CIRL)",
                  quote="paraphrase: the robot learns about Θ_H from the human's actions"),
            Claim(RI, decision="A1", node="ThetaH", source="EKKL19 (CIRL)",
                  quote="paraphrase: the robot's action adapts to Θ_H through the human's action"),
            Claim(ICI, decision="A1", node="ThetaH", holds=False, source="EKKL19 (CIRL)"),
            Claim(ICI, decision="A2", node="ThetaH", holds=False, source="EKKL19 (CIRL)"),
            Claim(ICI, decision="A1", node="AH2", only_via=("S3",),
                  source="EKKL19 (reward modeling vs CIRL: the human's actions do not feed the "
                         "reward)"),
        ),
    ),
)
