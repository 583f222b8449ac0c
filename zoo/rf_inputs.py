"""RF-input tampering and belief-based rewards (Everitt, Hutter, Kumar, Krakovna 2021, Sec. 4–5).

Even with a reward function the agent cannot rewrite, the agent may tamper with what the
reward function *reads*: the observations ``O_t``, made through a modifiable sensor ``Θ^O_t``.
The paper's fix computes rewards from the agent's beliefs ``B_t`` about the state, formed with
a predictive model ``Θ^PM``, and then has to make sure the agent does not tamper with the
predictive model either: the TI-considering agent may still want to preserve it, the
TI-ignoring one has no incentive at all. Sec. 5 combines belief-based rewards with current-RF
optimisation.

Names: ``B{t}_{k}`` is self ``k``'s belief at time ``t`` (``B^k_t``), ``A{k}_{k}`` and
``R{t}_{k}`` the action and rewards of self ``k`` in the multi-agent diagrams.

>>> from zoo.rf_inputs import belief_based_ti_considering
>>> belief_based_ti_considering().parents("B3_1")
('ThetaPM1', 'B2_1', 'A2_2', 'S3')
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from zoo._build import check_horizon
from zoo.claims import Claim
from zoo.entry import RT, Entry, Reference

__all__ = [
    "ENTRIES",
    "MIN_HORIZON",
    "belief_based_ti_considering",
    "belief_based_ti_ignoring",
    "combined_safe_agent",
    "rf_input_tampering",
]


MIN_HORIZON = {
    "rf_input_tampering": 3,  # O2 is informative for A2
    "belief_based_ti_considering": 3,  # the path A^1_1 -> Θ^PM_2 -> A^2_2 -> B^1_3 -> R^1_3
    "belief_based_ti_ignoring": 2,  # the claims name A_1 and Θ^PM_2 only
    "combined_safe_agent": 2,  # A_1, Θ̂^R_2, Θ^PM_2, Θ^O_2
}
"""The smallest horizon of each entry: every node its claims name exists."""


def rf_input_tampering(horizon: int = 3) -> Diagram:
    """RT Fig. 10a: a POMDP whose observations, shared with the reward, pass a modifiable sensor.

    ``O_t = O(S_t; Θ^O_t)``, ``P(Θ^O_{t+1} | S_t, A_t)``, ``R_t <- O_t``; the agent acts on its
    history of observations and actions.
    """
    m = check_horizon("rf_input_tampering", horizon, minimum=MIN_HORIZON["rf_input_tampering"])
    d = DiagramBuilder("rf_input_tampering",
                description="POMDP with modifiable RF-inputs (RT Fig. 10a)")
    for t in range(1, m + 1):
        before = [f"S{t - 1}", f"A{t - 1}"] if t > 1 else []
        d.chance(f"S{t}", before, label=f"S_{t}", step=t)
        d.chance(f"ThetaO{t}", before, label=f"Θ^O_{t}", step=t,
                 description=f"the observation function (sensor) at time {t}")
        d.chance(f"O{t}", [f"S{t}", f"ThetaO{t}"], label=f"O_{t}", step=t)
        if t < m:
            history = [f"{x}{k}" for k in range(1, t) for x in ("O", "A")]
            d.decision(f"A{t}", [f"O{t}", *history], label=f"A_{t}", step=t)
        d.utility(f"R{t}", [f"O{t}"], label=f"R_{t}", step=t)
    return d.build()


def belief_based_ti_considering(horizon: int = 3) -> Diagram:
    """RT Fig. 11: belief-based rewards, TI-considering; each self is an agent.

    Self ``k`` forms beliefs ``B^k_t`` with its predictive model ``Θ^PM_k``, acts on
    ``(Θ^PM_k, B^k_k)``, and is paid ``R^k_t <- B^k_t`` for ``t > k``; the predictive model
    changes with the state and the action, ``Θ^PM_{k+1} <- Θ^PM_k, S_k, A_k``.
    """
    m = check_horizon("belief_based_ti_considering", horizon,
                      minimum=MIN_HORIZON["belief_based_ti_considering"])
    d = DiagramBuilder("belief_based_ti_considering",
                description="TI-considering agent with belief-based rewards (RT Fig. 11)")
    d.chance("S1", label="S_1", step=1)
    d.chance("ThetaPM1", label="Θ^{PM}_1", step=1, description="predictive model of self 1")
    d.chance("B1_1", ["ThetaPM1", "S1"], label="B^1_1", step=1)
    for k in range(1, m):
        act = f"A{k}_{k}"
        d.decision(act, [f"ThetaPM{k}", f"B{k}_{k}"], agent=str(k), label=f"A^{k}_{k}", step=k)
        d.chance(f"S{k + 1}", [f"S{k}", act], label=f"S_{k + 1}", step=k + 1)
        if k + 1 < m:
            d.chance(f"ThetaPM{k + 1}", [f"ThetaPM{k}", f"S{k}", act],
                     label=f"Θ^{{PM}}_{k + 1}", step=k + 1,
                     description=f"predictive model of self {k + 1}")
            d.chance(f"B{k + 1}_{k + 1}", [f"ThetaPM{k + 1}", f"S{k + 1}"],
                     label=f"B^{k + 1}_{k + 1}", step=k + 1)
        for j in range(1, k + 1):
            belief = f"B{k + 1}_{j}"
            d.chance(belief, [f"ThetaPM{j}", f"B{k}_{j}", act, f"S{k + 1}"],
                     label=f"B^{j}_{k + 1}", step=k + 1)
            d.utility(f"R{k + 1}_{j}", [belief], agent=str(j), label=f"R^{j}_{k + 1}",
                      step=k + 1)
    return d.build()


def belief_based_ti_ignoring(horizon: int = 3) -> Diagram:
    """RT Fig. 12: belief-based rewards, TI-ignoring: the objective of the agent at time 1.

    Every later action is planned with the current predictive model ``Θ^PM_1``; the next
    model ``Θ^PM_2`` is affected by the first action but read by nothing the agent is paid for.
    """
    m = check_horizon("belief_based_ti_ignoring", horizon,
                      minimum=MIN_HORIZON["belief_based_ti_ignoring"])
    d = DiagramBuilder("belief_based_ti_ignoring",
                description="TI-ignoring agent with belief-based rewards, time 1 (RT Fig. 12)")
    d.chance("S1", label="S_1", step=1)
    d.chance("ThetaPM1", label="Θ^{PM}_1", step=1)
    d.chance("B1_1", ["ThetaPM1", "S1"], label="B^1_1", step=1)
    for t in range(1, m):
        d.decision(f"A{t}", ["ThetaPM1", f"B{t}_1"], label=f"A_{t}", step=t)
        d.chance(f"S{t + 1}", [f"S{t}", f"A{t}"], label=f"S_{t + 1}", step=t + 1)
        if t == 1:
            d.chance("ThetaPM2", ["ThetaPM1", "S1", "A1"], label="Θ^{PM}_2", step=2,
                     description="the next predictive model: no reward reads it")
        d.chance(f"B{t + 1}_1", ["ThetaPM1", f"B{t}_1", f"A{t}", f"S{t + 1}"],
                 label=f"B^1_{t + 1}", step=t + 1)
        d.utility(f"R{t + 1}", [f"B{t + 1}_1"], label=f"R^1_{t + 1}", step=t + 1)
    return d.build()


def combined_safe_agent(horizon: int = 3) -> Diagram:
    """RT Fig. 13 / App. B: TI-ignoring current-RF optimisation with belief-based rewards.

    Rewards ``R^1_t = R(B^1_t; Θ̂^R_1)`` combine the current implemented reward function with
    beliefs formed by the current predictive model from observations through sensors
    ``Θ^O_t`` that the actions may change.
    """
    m = check_horizon("combined_safe_agent", horizon,
                      minimum=MIN_HORIZON["combined_safe_agent"])
    d = DiagramBuilder("combined_safe_agent",
                description="TI-ignoring current-RF agent with belief-based rewards (RT Fig. 13)")
    d.chance("ThetaRstar", label="Θ^R_*", description="the intended reward function")
    d.chance("ThetaRhat1", ["ThetaRstar"], label="Θ̂^R_1", step=1,
             description="the implemented reward function at time 1")
    d.chance("ThetaRhat2", ["ThetaRhat1", "ThetaRstar"], label="Θ̂^R_2", step=2)
    d.chance("ThetaPM1", label="Θ^{PM}_1", step=1)
    d.chance("S1", label="S_1", step=1)
    d.chance("ThetaO1", label="Θ^O_1", step=1)
    d.chance("O1", ["ThetaO1", "S1"], label="O_1", step=1)
    d.chance("B1_1", ["O1", "ThetaPM1"], label="B^1_1", step=1)
    for t in range(1, m):
        d.decision(f"A{t}", ["ThetaPM1", f"B{t}_1"], label=f"A_{t}", step=t)
        d.chance(f"S{t + 1}", [f"S{t}", f"A{t}"], label=f"S_{t + 1}", step=t + 1)
        d.chance(f"ThetaO{t + 1}", [f"S{t}", f"A{t}"], label=f"Θ^O_{t + 1}", step=t + 1)
        d.chance(f"O{t + 1}", [f"ThetaO{t + 1}", f"S{t + 1}"], label=f"O_{t + 1}", step=t + 1)
        if t == 1:
            d.chance("ThetaPM2", ["ThetaPM1", "S1", "A1"], label="Θ^{PM}_2", step=2)
        d.chance(f"B{t + 1}_1", [f"B{t}_1", f"A{t}", f"O{t + 1}", "ThetaPM1"],
                 label=f"B^1_{t + 1}", step=t + 1)
        d.utility(f"R{t + 1}", ["ThetaRhat1", f"B{t + 1}_1"], label=f"R^1_{t + 1}", step=t + 1)
    return d.build()


# ------------------------------------------------------------------------ claims per horizon
def rf_input_tampering_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 4.1 and Claim 6: every later sensor is a control target; each observation
    informs the action that sees it (the paths O_t -> A_t -> R_{t+1})."""
    m = horizon
    out = [Claim("ICI", decision="A1", node=f"ThetaO{t}",
                 source="RT Sec. 4.1, Claim 6" if t == 2 else "RT Sec. 4.1",
                 quote=("The path A1 -> Θ^O_2 -> O2 -> R2 in Figure 10a indicates that RF-input "
                        "tampering may be an instrumental goal") if t == 2 else None)
           for t in range(2, m + 1)]
    out += [Claim("ICI", decision=f"A{t}", node=f"ThetaO{t + 1}", source="RT Sec. 4.1, Claim 6")
            for t in range(2, m)]
    for t in range(1, m):
        out += [
            Claim("VoI", decision=f"A{t}", node=f"O{t}", source="RT Sec. 4.1",
                  quote="represented in the graph, via the paths O_t -> A_t -> R_{t+1}"
                  if t == 2 else None),
            Claim("RI", decision=f"A{t}", node=f"O{t}", source="RT Sec. 4.1"),
        ]
    return out


def belief_based_ti_considering_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 4.3 and Claim 8: self 1 may want to preserve each later predictive model, and
    only because it shapes the later selves' actions."""
    m = horizon
    out = [Claim("ICI", decision="A1_1", node="ThetaPM2", source="RT Sec. 4.3",
                 quote="The preservation incentive is indicated by the path A^1_1 -> Θ^PM_2 -> "
                       "A^2_2 -> B^1_3 -> R^1_3")]
    out += [Claim("ICI", decision="A1_1", node=f"ThetaPM{k}",
                  only_via=tuple(f"A{j}_{j}" for j in range(k, m)),
                  source="RT Sec. 4.3, Claim 8",
                  quote="may have an instrumental goal to preserve the predictive model"
                  if k == 2 else None)
            for k in range(2, m)]
    return out


def belief_based_ti_ignoring_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 4.3 and Claim 9: the next predictive model is no control target (at every
    horizon: only Θ^PM_2 is drawn, and no reward reads it)."""
    return [
        Claim("ICI", decision="A1", node="ThetaPM2", holds=False, source="RT Sec. 4.3, Claim 9",
              quote="note the lack of directed path passing Θ^PM_2 on the way from action "
                    "A^1_1 to an R^1_t reward"),
        Claim("VoC", decision="A1", node="ThetaPM2", holds=False, source="RT Sec. 4.3, Claim 9"),
    ]


def combined_safe_agent_claims(horizon: int = 3) -> list[Claim]:
    """RT Sec. 5: neither the next reward function nor the next predictive model is a control
    target; every later sensor still is, graphically (RT Sec. 4.3 argues it away)."""
    m = horizon
    out = [
        Claim("ICI", decision="A1", node="ThetaRhat2", holds=False, source="RT Sec. 5",
              quote="Under reasonable assumptions, reward tampering is not an instrumental "
                    "goal for the resulting agents"),
        Claim("ICI", decision="A1", node="ThetaPM2", holds=False, source="RT Sec. 5"),
    ]
    out += [Claim("ICI", decision="A1", node=f"ThetaO{t}",
                  source=f"RT Sec. 4.3 and 5 (graphical note: the path A1 -> ... -> Θ^O_{t} -> "
                         f"O{t} -> B^1_{t} -> R^1_{t} remains)") for t in range(2, m + 1)]
    return out


ENTRIES = (
    Entry(
        name="rf_input_tampering",
        title="RF-input tampering (modifiable observations shared with the reward function)",
        family="rf_inputs",
        reference=Reference(RT, "Sec. 4.1", "Fig. 10a"),
        summary=(
            "The reward function is fixed, but it reads the same observations as the agent, "
            "and the agent's actions can change how observations are made (the sensor Θ^O_t). "
            "Fooling the sensor is then a way to collect reward, while the honest use of "
            "observations, as information for the next action, remains valuable."
        ),
        builder=rf_input_tampering,
        confidence="medium",
        reading=(
            "O_t = O(S_t; Θ^O_t), P(Θ^O_{t+1} | S_t, A_t), history-based policy; the reward is "
            "drawn as R_t <- O_t only; Θ^O_t -> Θ^O_{t+1} is omitted as in App. B's formula."
        ),
        claim_builder=rf_input_tampering_claims,
        min_horizon=MIN_HORIZON["rf_input_tampering"],
    ),
    Entry(
        name="belief_based_ti_considering",
        title="Belief-based rewards, TI-considering (two selves)",
        family="rf_inputs",
        reference=Reference(RT, "Sec. 4.3", "Fig. 11"),
        summary=(
            "Rewards are computed from the agent's beliefs about the state rather than from "
            "raw observations, and each self forms its beliefs with its own predictive model. "
            "An agent that anticipates its later self may want to preserve the predictive "
            "model that self will use, because it shapes what that self does."
        ),
        builder=belief_based_ti_considering,
        focus="A1_1",
        confidence="low-medium",
        reading=(
            "B^k_t <- B^k_{t-1}, A_{t-1}, S_t, Θ^PM_k; A^k_k observes Θ^PM_k, B^k_k; "
            "Θ^PM_{t+1} <- Θ^PM_t, S_t, A_t; R^k_t <- B^k_t; observations folded into S_t as the "
            "caption says. Agents are named '1' and '2'."
        ),
        claim_builder=belief_based_ti_considering_claims,
        min_horizon=MIN_HORIZON["belief_based_ti_considering"],
    ),
    Entry(
        name="belief_based_ti_ignoring",
        title="Belief-based rewards, TI-ignoring",
        family="rf_inputs",
        reference=Reference(RT, "Sec. 4.3", "Fig. 12"),
        summary=(
            "The same belief-based rewards, but the agent plans every later action with its "
            "current predictive model. The next predictive model is affected by the first "
            "action yet feeds nothing the agent is paid for, so there is no instrumental goal "
            "to influence it."
        ),
        builder=belief_based_ti_ignoring,
        confidence="low-medium",
        reading=(
            "A^1_2 is a child of Θ^PM_1 and B^1_2, not of Θ^PM_2; no directed path through "
            "Θ^PM_2 to any R^1_t; the beliefs of self 2 are omitted as in the figure."
        ),
        claim_builder=belief_based_ti_ignoring_claims,
        min_horizon=MIN_HORIZON["belief_based_ti_ignoring"],
    ),
    Entry(
        name="combined_safe_agent",
        title="TI-ignoring current-RF optimisation with belief-based rewards",
        family="rf_inputs",
        reference=Reference(RT, "Sec. 5", "Fig. 13", note="conditional distributions in App. B"),
        summary=(
            "The paper's combined design: rewards read beliefs formed with the current "
            "predictive model and are scored with the current implemented reward function. "
            "Neither the next reward function nor the next predictive model is a control "
            "target. The sensor still is, graphically: the paper rules RF-input tampering out "
            "through what beliefs mean, not through the graph."
        ),
        builder=combined_safe_agent,
        confidence="medium",
        reading=(
            "Every conditional distribution is listed in RT App. B; the horizon m = 3 and the "
            "reward nodes R^1_2, R^1_3 are a choice. The implemented reward function is Θ̂^R_t."
        ),
        claim_builder=combined_safe_agent_claims,
        min_horizon=MIN_HORIZON["combined_safe_agent"],
    ),
)
