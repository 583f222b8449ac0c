"""Reinforcement learning in MDPs and POMDPs: the baseline every safety framework modifies.

Everitt, Kumar, Krakovna, Legg (2019) open their catalogue of AGI-safety frameworks with an
agent acting in a Markov decision process; the reward-tampering paper (Everitt, Hutter, Kumar,
Krakovna 2021, Sec. 2.2, Fig. 3) draws the same diagram and its unknown-parameter variant.

Each builder takes ``horizon`` m: states ``S_1 ... S_m``, actions ``A_1 ... A_{m-1}`` and
rewards ``R_1 ... R_m``; nodes of one time step share ``step`` so they are drawn together.
The claims are generated for the same m (every later action, every later state). The
smallest horizon is 3 where the papers' statements name a second action ``A_2``; the known
MDP's statements are about every step, and hold (with fewer steps) from horizon 2.

>>> from zoo.mdp import mdp
>>> d = mdp(horizon=4)
>>> d.decisions, d.utilities
(('A1', 'A2', 'A3'), ('R1', 'R2', 'R3', 'R4'))
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from zoo._build import check_horizon
from zoo.claims import Claim
from zoo.entry import EKKL19, RT, Entry, Reference

__all__ = ["ENTRIES", "MIN_HORIZON", "mdp", "pomdp", "unknown_mdp"]


MIN_HORIZON = {
    "mdp": 2,  # every claim is "for every step": at m = 2 there is no later action to steer
    "unknown_mdp": 3,  # A_2 learns from the history S1, A1, R1
    "pomdp": 3,  # O_2 informs A_2
}
"""The smallest horizon of each entry: every node its claims need exists."""


def mdp(horizon: int = 3) -> Diagram:
    """RL in a known MDP: ``S_{t+1} <- S_t, A_t``, ``R_t <- S_t``, the agent sees ``S_t``."""
    m = check_horizon("mdp", horizon, minimum=MIN_HORIZON["mdp"])
    d = DiagramBuilder("mdp", description="RL in a known MDP (EKKL19; RT Fig. 3a)")
    for t in range(1, m + 1):
        states = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", states, label=f"S_{t}", step=t)
        if t < m:
            d.decision(f"A{t}", [f"S{t}"], label=f"A_{t}", step=t)
        d.utility(f"R{t}", [f"S{t}"], label=f"R_{t}", step=t)
    return d.build()


def unknown_mdp(horizon: int = 3) -> Diagram:
    """RL in an unknown MDP: hidden transition and reward parameters ``Θ^T``, ``Θ^R``.

    The agent never observes the parameters; it sees the history of states, actions and
    rewards, which is informative about them.
    """
    m = check_horizon("unknown_mdp", horizon, minimum=MIN_HORIZON["unknown_mdp"])
    d = DiagramBuilder("unknown_mdp", description="RL in an unknown MDP (EKKL19; RT Fig. 3b)")
    d.chance("ThetaT", label="Θ^T", description="transition parameters (hidden)")
    d.chance("ThetaR", label="Θ^R", description="reward parameters (hidden)")
    for t in range(1, m + 1):
        parents = [f"S{t - 1}", f"A{t - 1}", "ThetaT"] if t > 1 else []
        d.chance(f"S{t}", parents, label=f"S_{t}", step=t)
        d.utility(f"R{t}", [f"S{t}", "ThetaR"], label=f"R_{t}", step=t)
        if t < m:
            history = [f"{x}{k}" for k in range(1, t) for x in ("S", "A", "R")]
            d.decision(f"A{t}", [f"S{t}", *history], label=f"A_{t}", step=t)
    return d.build()


def pomdp(horizon: int = 3) -> Diagram:
    """RL in a POMDP: the agent sees observations ``O_t`` of hidden states, and its history."""
    m = check_horizon("pomdp", horizon, minimum=MIN_HORIZON["pomdp"])
    d = DiagramBuilder("pomdp", description="RL in a POMDP with a history-based policy (EKKL19)")
    for t in range(1, m + 1):
        parents = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", parents, label=f"S_{t}", step=t)
        d.chance(f"O{t}", [f"S{t}"], label=f"O_{t}", step=t)
        if t < m:
            history = [f"{x}{k}" for k in range(1, t) for x in ("O", "A")]
            d.decision(f"A{t}", [f"O{t}", *history], label=f"A_{t}", step=t)
        d.utility(f"R{t}", [f"S{t}"], label=f"R_{t}", step=t)
    return d.build()


def _later(prefix: str, first: int, last: int) -> tuple[str, ...]:
    """``("A2", "A3", ...)``: the names ``prefix{first}`` to ``prefix{last}``."""
    return tuple(f"{prefix}{t}" for t in range(first, last + 1))


def mdp_claims(horizon: int = 3) -> list[Claim]:
    """The claims about :func:`mdp` at ``horizon`` m.

    RT Sec. 2.2: each action is chosen on the current state (a response incentive); the
    graphical reading: the first action wants to steer every later state, and every later
    action through what that action sees; the past is out of reach.
    """
    m = horizon
    out = [Claim("RI", decision=f"A{t}", node=f"S{t}", source="RT Sec. 2.2",
                 quote="The agent selects action A_t based on the current state S_t.")
           for t in range(1, m)]
    out += [Claim("ICI", decision="A1", node=s, source="RT Sec. 2.2 (graphical reading)",
                  quote="each state S_{t+1} depends on the previous state S_t and action A_t")
            for s in _later("S", 2, m)]
    out += [Claim("ICI", decision="A1", node=a,
                  source="RT Sec. 2.2 (graphical reading: via the information link S_t -> A_t)")
            for a in _later("A", 2, m - 1)]
    out += [Claim("ICI", decision=f"A{t}", node=f"S{t}", holds=False,
                  source="RT Sec. 2.2 (graphical reading: the past is not controllable)")
            for t in range(2, m)]
    return out


def unknown_mdp_claims(horizon: int = 3) -> list[Claim]:
    """The claims about :func:`unknown_mdp` at ``horizon`` m."""
    m = horizon
    out: list[Claim] = []
    for t in range(2, m):
        out += [
            Claim("VoI", decision=f"A{t}", node=f"R{t - 1}", source="RT Sec. 2.2",
                  quote="previous states, actions, and rewards ... provide essential "
                        "information about the hidden parameters"),
            Claim("RI", decision=f"A{t}", node=f"R{t - 1}", source="RT Sec. 2.2"),
            Claim("VoI", decision=f"A{t}", node="ThetaR", source="RT Sec. 2.2 (graphical "
                  "reading: the hidden reward parameters would be worth knowing)"),
            Claim("RI", decision=f"A{t}", node="ThetaR", source="RT Sec. 2.2 (graphical "
                  "reading: the action responds to Θ^R through the observed rewards)"),
        ]
    for t in range(1, m):
        out += [
            Claim("ICI", decision=f"A{t}", node="ThetaR", holds=False, source="RT Sec. 2.2",
                  quote="there is no information link from Θ^T or Θ^R to the decision nodes"),
            Claim("ICI", decision=f"A{t}", node="ThetaT", holds=False, source="RT Sec. 2.2"),
        ]
    return out


def pomdp_claims(horizon: int = 3) -> list[Claim]:
    """The claims about :func:`pomdp` at ``horizon`` m."""
    m = horizon
    out = [Claim("VoI", decision=f"A{t}", node=f"S{t}",
                 source="EKKL19 (POMDP; section not verified)",
                 quote="paraphrase: the hidden state is what the agent would like to know")
           for t in range(1, m)]
    out += [Claim("RI", decision=f"A{t}", node="O1",
                  source="RT Sec. 4.1 (history-based policy)") for t in range(2, m)]
    out.append(Claim("ICI", decision="A1", node="O2", only_via=_later("A", 2, m - 1),
                     source="RT Sec. 2.2 (an observation is only worth influencing to inform "
                            "the later actions)"))
    return out


ENTRIES = (
    Entry(
        name="mdp",
        title="RL in a known MDP",
        family="mdp",
        reference=Reference(EKKL19, None, "MDP figure"),
        also=(Reference(RT, "Sec. 2.2", "Fig. 3a", note="the same diagram (known MDP, m = 3)"),),
        summary=(
            "The reference point for every other diagram: an agent picks each action after "
            "seeing the current state, and is paid a reward that depends on the state. "
            "Because actions shape later states, the agent wants to steer the states it is "
            "rewarded for; its first action also steers its own later action through what that "
            "action gets to see."
        ),
        builder=mdp,
        confidence="high",
        reading="RT Sec. 2.2 states every edge; the EKKL19 figure is believed identical.",
        claim_builder=mdp_claims,
        min_horizon=MIN_HORIZON["mdp"],
    ),
    Entry(
        name="unknown_mdp",
        title="RL in an unknown MDP (hidden transition and reward parameters)",
        family="mdp",
        reference=Reference(RT, "Sec. 2.2", "Fig. 3b"),
        also=(Reference(EKKL19, None, "unknown-MDP figure"),),
        summary=(
            "The same agent, but the transition dynamics Θ^T and the reward function Θ^R are "
            "unknown: no information link leaves them. The agent instead remembers past "
            "states, actions and rewards, which carry information about the hidden "
            "parameters, so an earlier reward is worth observing even though it is in the past."
        ),
        builder=unknown_mdp,
        confidence="medium",
        reading=(
            "Hidden Θ^T, Θ^R without information links, A2 sees the history S1, A1, R1 (RT Sec. "
            "2.2). The text does not say whether Θ^T -> S1 is drawn; it is left out."
        ),
        claim_builder=unknown_mdp_claims,
        min_horizon=MIN_HORIZON["unknown_mdp"],
    ),
    Entry(
        name="pomdp",
        title="RL in a POMDP (history-based policy)",
        family="mdp",
        reference=Reference(EKKL19, None, "POMDP figure"),
        also=(Reference(RT, "Sec. 4.1", "Fig. 10a",
                        note="history-based policy; the POMDP is Fig. 10a without Θ^O"),),
        summary=(
            "The agent no longer sees the state, only an observation of it, and acts on its "
            "whole history of observations and actions. The hidden states still matter to "
            "the reward, so information about them is valuable, and the agent responds to "
            "its observations."
        ),
        builder=pomdp,
        confidence="low-medium",
        reading=(
            "Observations O_t <- S_t replace the information links from the states; the "
            "history-based links O1, A1, O2 -> A2 follow RT Sec. 4.1; R_t <- S_t."
        ),
        claim_builder=pomdp_claims,
        min_horizon=MIN_HORIZON["pomdp"],
    ),
)
