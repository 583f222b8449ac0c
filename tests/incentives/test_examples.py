"""The worked examples of the papers, pycid's test expectations, and the zoo by definition."""

from __future__ import annotations

import networkx as nx
import pytest

import cid
import zoo
from cid import graph as cg

VOI, RI, VOC, ICI = (cid.value_of_information, cid.response_incentives, cid.value_of_control,
                     cid.instrumental_control_incentives)


@pytest.fixture
def grade_prediction() -> cid.Diagram:
    """Everitt et al. 2021, Example 1 / Fig. 1a."""
    return cid.Diagram.from_edges(
        ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
        decisions=["P"], utilities=["Ac"], name="grade_prediction")


@pytest.fixture
def content_recommendation() -> cid.Diagram:
    """Everitt et al. 2021, Example 2 / Fig. 1b."""
    return cid.Diagram.from_edges(["O -> I", "O -> M", "P -> I", "I -> C", "P -> C", "M -> P"],
                                  decisions=["P"], utilities=["C"])


def test_grade_prediction(grade_prediction: cid.Diagram) -> None:
    d = grade_prediction
    assert VOI(d, "P") == {"HS", "E", "Gr"}
    assert RI(d, "P") == {"R", "HS"}
    # a response incentive on race, through high school; none on gender
    w = cid.explain(d, "P", "R", "response_incentive")
    assert w is not None and w.path == ("R", "HS", "P")
    assert set(w.graph.predecessors("P")) == {"HS"}  # Ge -> P is not in the reduced graph
    assert cid.explain(d, "P", "Ge", "response_incentive") is None
    assert cid.explain(d, "P", "Ge", "value_of_information") is None
    assert VOC(d, "P") == {"R", "HS", "E", "Gr", "Ac"}
    assert ICI(d, "P") == {"P", "Ac"}


def test_grade_prediction_without_high_school_observation(grade_prediction: cid.Diagram) -> None:
    d = grade_prediction.without_edge("HS", "P")  # pycid test_grade_predictor_removed_edge
    assert VOI(d, "P") == {"R", "HS", "E", "Gr"}
    assert RI(d, "P") == set()
    w = cid.explain(d, "P", "R", "VoI")
    assert w is not None and w.path == ("R", "HS", "E", "Gr", "Ac")
    assert w.graph.has_edge("R", "P")  # the definition's graph: R -> P added, then reduced


def test_content_recommendation(content_recommendation: cid.Diagram) -> None:
    d = content_recommendation
    assert ICI(d, "P") == {"P", "I", "C"}
    assert VOC(d, "P") == {"O", "M", "I", "C"}
    w = cid.explain(d, "P", "I", "instrumental_control_incentive")
    assert w is not None and w.path == ("P", "I", "C")
    assert cid.explain(d, "P", "O", "ICI") is None  # pycid: no ICI on O
    w = cid.explain(d, "P", "M", "value_of_control")
    assert w is not None and w.path == ("M", "P", "C")


def test_modified_content_recommendation() -> None:
    d = cid.Diagram.from_edges(["O -> I", "O -> M", "P -> I", "P -> C", "M -> C", "M -> P"],
                               decisions=["P"], utilities=["C"])
    assert VOC(d, "P") == {"O", "M", "C"}
    assert "I" not in ICI(d, "P")


def test_fitness_tracker() -> None:
    """pycid: direct VoC on F and P, indirect VoC on SC only; EWD -> C is nonrequisite."""
    d = zoo.build("fitness_tracker")
    voc = VOC(d, "C")
    assert {"F", "P", "SC"} <= voc
    assert voc == {"TD", "TF", "SC", "P", "F"}
    assert "EWD" not in voc and "EF" not in voc
    assert VOI(d, "C") == {"P", "D", "TF", "SC"}
    assert RI(d, "C") == {"TD", "TF", "SC", "P"}
    w = cid.explain(d, "C", "TF", "value_of_information")
    assert w is not None and str(w) == "TF → SC ← P → F"


def test_introduced_bias() -> None:
    """pycid's introduced-bias example: VoI(D) = {A, X, Z, Y}."""
    d = cid.Diagram.from_edges(["A -> X", "Z -> X", "Z -> Y", "X -> Y", "X -> D", "D -> U",
                                "Y -> U"], decisions=["D"], utilities=["U"])
    assert VOI(d, "D") == {"A", "X", "Z", "Y"}


def test_trim_example_multi_decision() -> None:
    d = cid.Diagram.from_edges(
        ["Y1 -> D1", "Y1 -> Y2", "Y1 -> D2", "Y2 -> D2", "Y2 -> U", "D1 -> Y2", "D1 -> D2",
         "Z1 -> D1", "Z1 -> D2", "Z1 -> Z2", "Z2 -> D2", "D2 -> U"],
        decisions=["D1", "D2"], utilities=["U"])
    assert RI(d, "D2") == {"Y2", "Y1", "D1"}
    assert "Z1" not in RI(d, "D1")


def test_multi_agent_shared_utility_counts_for_each_owner() -> None:
    d = cid.Diagram.from_edges(["S -> H", "S -> A", "H -> A", "S -> R", "A -> R", "H -> R"],
                               decisions={"human": ["H"], "robot": ["A"]},
                               utilities={"human": ["R"], "robot": ["R"]})
    assert ICI(d, "H") == {"H", "A", "R"}  # the robot's decision is a chance node for H
    assert ICI(d, "A") == {"A", "R"}
    assert VOC(d, "A") == {"S", "H", "R"}  # the human's decision has VoC for the robot
    assert "A" not in VOC(d, "A") and "H" not in VOC(d, "H")


def test_other_agents_utilities_are_chance_nodes() -> None:
    d = cid.Diagram.from_edges(["D1 -> U1", "D1 -> X -> U2", "D2 -> U2"],
                               decisions={"a": ["D1"], "b": ["D2"]},
                               utilities={"a": ["U1"], "b": ["U2"]})
    assert ICI(d, "D1") == {"D1", "U1"}
    assert VOC(d, "D2") == {"D1", "X", "U2"}


def test_utility_node_with_children() -> None:
    """An agent observes its past reward: R1 -> A2 (design.md: utilities may have children)."""
    d = cid.Diagram.from_edges(["S1 -> R1", "A1 -> R1", "R1 -> A2", "A2 -> R2", "S1 -> R2"],
                               decisions=["A1", "A2"], utilities=["R1", "R2"])
    assert "R1" in VOI(d, "A2") and "R1" in RI(d, "A2")
    assert ICI(d, "A1") == {"A1", "R1", "A2", "R2"}


# ---------------------------------------------------------------- zoo, by definition
def _by_definition(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    """Each criterion straight from its definition, on cid.graph's tested primitives."""
    agent = d.agent_of(decision)
    ds, us = d.decisions_of(agent), d.utilities_of(agent)
    G = d.to_networkx()
    R = cg.minimal_d_reduction(G, decisions=ds, utilities=us)
    desc = nx.descendants(G, decision)
    voi = set()
    for x in G:
        if x != decision and x not in desc:
            H = G.copy()
            H.add_edge(x, decision)
            if cg.minimal_d_reduction(H, decisions=ds, utilities=us).has_edge(x, decision):
                voi.add(x)
    ri = {x for x in G if x != decision and nx.has_path(R, x, decision)}
    voc = {x for x in G if x not in ds and any(nx.has_path(R, x, u) for u in us)}
    ud = set(us) & desc
    ici = {x for x in G if nx.has_path(G, decision, x) and any(nx.has_path(G, x, u) for u in ud)}
    return {"VoI": frozenset(voi), "RI": frozenset(ri), "VoC": frozenset(voc),
            "ICI": frozenset(ici)}


@pytest.mark.parametrize("name", zoo.names())
def test_zoo_entry_agrees_with_the_definitions(name: str) -> None:
    d = zoo.build(name)
    before = d.to_json()
    report = cid.analyze(d)
    for D in d.decisions:
        expected = _by_definition(d, D)
        got = {"VoI": VOI(d, D), "RI": RI(d, D), "VoC": VOC(d, D), "ICI": ICI(d, D)}
        assert got == expected, D
        r = report[D]
        assert set(r.value_of_information) == expected["VoI"]
        assert set(r.instrumental_control_incentive) == expected["ICI"]
    assert d.to_json() == before


@pytest.mark.parametrize("seed", range(8))
def test_medium_layered_diagrams_agree_with_the_definitions(seed: int) -> None:
    """60-node diagrams, two agents, several decisions observing more than they need."""
    import random

    rng = random.Random(seed)
    d = cid.Diagram(f"layered{seed}")
    layers: list[list[str]] = []
    for layer in range(10):
        names = []
        for j in range(6):
            name = f"L{layer}_{j}"
            above = [p for ls in layers[-2:] for p in ls]
            parents = rng.sample(above, min(len(above), rng.randint(1, 3)))
            roll = rng.random()
            if layer in (2, 4, 6, 8) and j == 0:
                d = d.decision(name, parents + [p for p in above if rng.random() < 0.3
                                            and p not in parents],
                           agent="a" if layer != 4 else "b")
            elif (layer > 2 and roll < 0.1) or layer == 9:
                d = d.utility(name, parents, agent=rng.choice([["a"], ["b"], ["a", "b"]]))
            else:
                d = d.chance(name, parents)
            names.append(name)
        layers.append(names)
    report = cid.analyze(d)
    assert sum(len(r.value_of_information) for r in report) > 0
    for D in d.decisions:
        expected = _by_definition(d, D)
        r = report[D]
        got = {"VoI": frozenset(r.value_of_information), "RI": frozenset(r.response_incentive),
               "VoC": frozenset(r.value_of_control),
               "ICI": frozenset(r.instrumental_control_incentive)}
        assert got == expected, D
