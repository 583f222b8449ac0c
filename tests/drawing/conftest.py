"""Diagrams used by the rendering tests: an MDP, wireheading, a counterfactual oracle, CIRL."""

from __future__ import annotations

import pytest

import cid


def build_mdp(name: str = "mdp") -> cid.Diagram:
    d = cid.Diagram(name)
    d = d.chance("S1", label="S_1", step=1).decision("A1", ["S1"], label="A_1", step=1)
    d = d.utility("R1", ["S1"], label="R_1", step=1)
    d = d.chance("S2", ["S1", "A1"], label="S_2", step=2)
    d = d.decision("A2", ["S2"], label="A_2", step=2)
    d = d.utility("R2", ["S2"], label="R_2", step=2)
    d = d.chance("S3", ["S2", "A2"], label="S_3", step=3)
    d = d.utility("R3", ["S3"], label="R_3", step=3)
    return d


def build_wireheading() -> cid.Diagram:
    d = build_mdp().copy(name="wireheading")
    d = d.chance("ThetaR1", label="Θ^R_1", step=1)
    d = d.chance("ThetaR2", ["ThetaR1", "A1", "S1"], label="Θ^R_2", step=2)
    d = d.chance("ThetaR3", ["ThetaR2", "A2", "S2"], label="Θ^R_3", step=3)
    d = d.edges("ThetaR1 -> R1", "ThetaR2 -> R2", "ThetaR3 -> R3")
    return d


def build_oracle() -> cid.Diagram:
    d = cid.Diagram("counterfactual_oracle")
    d = d.chance("Q").decision("A", ["Q"]).chance("S", ["Q", "A"])
    d = d.chance("S_cf", ["Q"], counterfactual=True).utility("R", ["A", "S_cf"])
    return d


def build_cirl() -> cid.Diagram:
    return cid.Diagram.from_edges(
        ["S1 -> S2", "AH1 -> S2", "A1 -> S2", "ThetaH -> R1", "ThetaH -> R2", "S1 -> R1",
         "S2 -> R2", "ThetaH -> AH1", "S1 -> AH1", "S1 -> A1", "AH1 -> A1", "H -> HU"],
        decisions={"human": ["AH1"], "robot": ["A1"]},
        utilities={"human": ["R1", "R2", "HU"], "robot": ["R1", "R2"]},
        name="cirl",
    )


@pytest.fixture
def mdp() -> cid.Diagram:
    return build_mdp()


@pytest.fixture
def wireheading() -> cid.Diagram:
    return build_wireheading()


@pytest.fixture
def oracle() -> cid.Diagram:
    return build_oracle()


@pytest.fixture
def cirl() -> cid.Diagram:
    return build_cirl()
