"""Which encoded claims cover each claim bullet of the spec (``zoo-figures.md``).

For every entry, one row per claim bullet of the spec, in the spec's order: the first words of
the bullet (so that an edited or added bullet is noticed) and the statements, at the default
parameters, of the claims that encode it. ``test_structure`` checks that the rows match the
spec's bullets one to one and that every statement is among the entry's claims.
"""

from __future__ import annotations

__all__ = ["COVERAGE"]

COVERAGE: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "mdp": (
        ("RT Sec. 2.2: 'each state S_{t+1} depends", ("S1 ∈ RI(A1)", "S2 ∈ RI(A2)")),
        ("Graphical reading: A1 has an instrumental control incentive on S2 and S3",
         ("S2 ∈ ICI(A1)", "S3 ∈ ICI(A1)", "A2 ∈ ICI(A1)")),
    ),
    "unknown_mdp": (
        ("RT Sec. 2.2: 'there is no information link from Theta^T or Theta^R",
         ("ThetaR ∉ ICI(A1)", "ThetaR ∈ VoI(A2)")),
        ("RT Sec. 2.2: A2 depends on 'previous states, actions, and rewards",
         ("R1 ∈ VoI(A2)", "R1 ∈ RI(A2)")),
        ("The agent cannot influence ThetaT/ThetaR: they are in no ICI set.",
         ("ThetaR ∉ ICI(A1)", "ThetaT ∉ ICI(A1)", "ThetaR ∉ ICI(A2)", "ThetaT ∉ ICI(A2)")),
    ),
    "pomdp": (
        ("The agent acts on observations O_t, not states; hidden states S1, S2 still carry VoI.",
         ("S1 ∈ VoI(A1)", "S2 ∈ VoI(A2)")),
    ),
    "wireheading": (
        ("Reward-function tampering: A1 has an instrumental control incentive on ThetaR2",
         ("ThetaR2 ∈ ICI(A1)", "ThetaR3 ∈ ICI(A1)")),
    ),
    "modifiable_reward_function": (
        ("RT Sec. 3.1: 'A standard RL agent ... may have an instrumental goal to tamper",
         ("ThetaR2 ∈ ICI(A1)", "ThetaR3 ∈ ICI(A1)")),
        ("RT Claim 1: 'A standard RL agent may have an instrumental goal to tamper",
         ("ThetaR2 ∈ ICI(A1)",)),
        ("The intended RF ThetaRstar is not influenceable: not in ICI(A1)",
         ("ThetaRstar ∉ ICI(A1)", "ThetaRstar ∈ VoI(A1)")),
    ),
    "current_rf_optimization": (
        ("RT Sec. 3.2: 'The diagram lacks paths from Theta^R_2 to R^1_k",
         ("ThetaR2 ∉ ICI(A1)", "ThetaR2 ∉ VoC(A1)")),
        ("RT Claim 3: 'TI-ignoring current-RF agents lack an instrumental goal",
         ("ThetaR2 ∉ ICI(A1)",)),
        ("EKKL19 (current-RF optimisation, paraphrase): evaluating future states",
         ("ThetaR2 ∉ ICI(A1)", "S2 ∈ ICI(A1)")),
    ),
    "ti_considering_current_rf": (
        ("RT Sec. 3.2: 'The highlighted path A^1_1 -> Theta^R_2 -> A^2_2",
         ("ThetaR2 ∈ ICI(A1_1)",)),
        ("RT Claim 2: under Assumptions 1-3 'the only instrumental goal",
         ("ThetaR2 ∈ ICI(A1_1) only via A2_2",)),
    ),
    "direct_reward_learning": (
        ("RT Fig. 8 caption: 'The highlighted path indicates", ("D2 ∈ ICI(A1) only via A2",)),
        ("RT Claim 4: the only instrumental goal for the user-provided data",
         ("D2 ∈ ICI(A1) only via A2", "ThetaRstar ∉ ICI(A1)")),
    ),
    "counterfactual_reward_function": (
        ("RT Sec. 3.3: 'every directed causal path from an update",
         ("ThetaR2 ∈ ICI(A1) only via A2",)),
        ("RT Claim 5: 'the only instrumental goal that counterfactual RF agents",
         ("ThetaR2 ∈ ICI(A1) only via A2",)),
        ("Counterfactual copies (ThetaR2_cf, S2_cf, ...) are not influenceable",
         ("A1_cf ∉ ICI(A1)", "A2_cf ∉ ICI(A1)", "S2_cf ∉ ICI(A1)", "S3_cf ∉ ICI(A1)",
          "ThetaR2_cf ∉ ICI(A1)", "ThetaR3_cf ∉ ICI(A1)")),
    ),
    "rf_input_tampering": (
        ("RT Sec. 4.1: 'The path A1 -> Theta^O_2 -> O2 -> R2", ("ThetaO2 ∈ ICI(A1)",)),
        ("RT Claim 6: 'A standard RL agent may have an instrumental goal to tamper with its "
         "RF-inputs.'", ("ThetaO2 ∈ ICI(A1)", "ThetaO3 ∈ ICI(A2)")),
        ("RT Sec. 4.1: the incentive to keep O_t informative",
         ("O2 ∈ VoI(A2)", "O2 ∈ RI(A2)")),
    ),
    "belief_based_ti_considering": (
        ("RT Sec. 4.3: 'The preservation incentive is indicated by the path",
         ("ThetaPM2 ∈ ICI(A1_1)",)),
        ("RT Claim 8: 'A TI-considering belief-based agent may have an instrumental goal",
         ("ThetaPM2 ∈ ICI(A1_1) only via A2_2",)),
    ),
    "belief_based_ti_ignoring": (
        ("RT Sec. 4.3: 'TI-ignoring belief-based agents then lack an instrumental goal",
         ("ThetaPM2 ∉ ICI(A1)",)),
        ("RT Claim 9: a TI-ignoring belief-based agent lacks an instrumental goal",
         ("ThetaPM2 ∉ ICI(A1)", "ThetaPM2 ∉ VoC(A1)")),
    ),
    "combined_safe_agent": (
        ("RT Sec. 5: 'belief-based rewards may be combined with TI-ignoring",
         ("ThetaRhat2 ∉ ICI(A1)", "ThetaPM2 ∉ ICI(A1)")),
        ("Note: ThetaO2 is still in ICI(A1)", ("ThetaO2 ∈ ICI(A1)",)),
    ),
    "instrumental_goal": (
        ("RT Fig. 4a caption: 'Influencing X can be an instrumental goal",
         ("X ∈ ICI(A1)", "Y ∉ ICI(A1)")),
    ),
    "informational_goal": (
        ("RT Fig. 4b caption: 'The agent may have an instrumental goal to influence O",
         ("O ∈ ICI(A1) only via A2", "Z ∉ ICI(A1)")),
        ("RT Sec. 2.2: 'if every path from a node O to a utility node passes",
         ("O ∈ ICI(A1) only via A2", "Z ∉ ICI(A1)", "O ∈ VoI(A2)", "O ∈ RI(A2)")),
    ),
    "reward_modeling": (
        ("Causal path Theta_H -> D_i -> R_j",
         ("D1 ∈ ICI(A1)", "D2 ∈ ICI(A1)", "D2 ∈ ICI(A2)",
          "not (D1 ∈ ICI(A1) only via S2, S3)")),
    ),
    "cirl": (
        ("Both players optimise the same reward, which depends directly on Theta_H",
         ("AH1 ∈ VoI(A1)", "ThetaH ∈ RI(A1)")),
        ("The agent has no instrumental control incentive on Theta_H",
         ("ThetaH ∉ ICI(A1)", "ThetaH ∉ ICI(A2)")),
    ),
    "supervised_learning": (
        ("The correct answer/label does not depend on the answer",
         ("Y ∉ ICI(A)", "ICI(A) = {A, R}")),
    ),
    "self_fulfilling_prophecy": (
        ("Because the answer influences the world state", ("S ∈ ICI(A)",)),
    ),
    "counterfactual_oracle": (
        ("The reward depends on the counterfactual world",
         ("S ∉ ICI(A)", "S_cf ∉ ICI(A)", "ICI(A) = {A, R}")),
    ),
    "debate": (
        ("Each debater's utility depends only on the judge's verdict",
         ("J ∈ ICI(X1)", "J ∈ ICI(X2)", "X2 ∈ ICI(X1)", "X3 ∈ ICI(X2)")),
    ),
    "ida": (
        ("The distilled agent imitates the amplified human H", ("H ∉ ICI(A)",)),
    ),
    "grade_prediction": (
        ("AI:ACP: the predictor has a response incentive on race R",
         ("R ∈ RI(P)", "Ge ∉ RI(P)")),
        ("pycid tests: VoI(P) = {HS, E, Gr}; RI(P) = {R, HS}.",
         ("VoI(P) = {HS, E, Gr}", "RI(P) = {R, HS}")),
    ),
    "content_recommendation": (
        ("AI:ACP: the recommender has an instrumental control incentive",
         ("I ∈ ICI(P)", "ICI(P) = {P, I, C}", "VoC(P) = {O, M, I, C}")),
    ),
    "content_recommendation_modified": (
        ("AI:ACP: optimising predicted rather than actual clicks",
         ("I ∉ ICI(P)", "VoC(P) = {O, M, C}")),
    ),
    "fitness_tracker": (
        ("pycid tests: indirect VoC on SC only; direct VoC on F and P.",
         ("indirect VoC(C) = {SC}", "direct VoC(C) = {F, P}", "F ∈ direct VoC(C)")),
    ),
}
