"""Make the pictures of docs/rendering.md: ``python docs/images/rendering/make_images.py``.

Each figure is written as ``NAME.dot`` (the DOT source, checked for drift by
``tests/drawing/test_docs_images.py``) and ``NAME.svg`` (needs ``dot``); the paper figures
(one-column width, 240 pt) also as ``NAME.png`` at 300 dpi. The paper figures' DOT depends on
Graphviz's layout (their fonts are fitted to the width), so their drift check needs ``dot``.
The diagrams are the ones the page builds in its examples, and zoo entries.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # cid and zoo from the source tree

import cid  # noqa: E402
from cid.drawing import Rendering, render_comparison  # noqa: E402


def mdp() -> cid.Diagram:
    """Reinforcement learning in an MDP with two actions: steps 1, 2, 3."""
    d = cid.Diagram("mdp")
    for t in (1, 2, 3):
        parents = [] if t == 1 else [f"S{t - 1}", f"A{t - 1}"]
        d = d.chance(f"S{t}", parents, label=f"S_{t}", step=t)
        if t < 3:
            d = d.decision(f"A{t}", [f"S{t}"], label=f"A_{t}", step=t)
        d = d.utility(f"R{t}", [f"S{t}"], label=f"R_{t}", step=t)
    return d


def wireheading() -> cid.Diagram:
    """The MDP with a reward function Θ^R_t that the actions can modify."""
    d = mdp().copy(name="wireheading")
    d = d.chance("ThetaR1", label="Θ^R_1", step=1)
    d = d.chance("ThetaR2", ["ThetaR1", "A1", "S1"], label="Θ^R_2", step=2)
    d = d.chance("ThetaR3", ["ThetaR2", "A2", "S2"], label="Θ^R_3", step=3)
    d = d.edges("ThetaR1 -> R1", "ThetaR2 -> R2", "ThetaR3 -> R3")
    return d


def counterfactual_oracle() -> cid.Diagram:
    """An oracle rewarded against the world in which its answer is not read."""
    d = cid.Diagram("counterfactual_oracle")
    d = d.chance("Q").decision("A", ["Q"]).chance("S", ["Q", "A"])
    d = d.chance("S_cf", ["Q"], counterfactual=True).utility("R", ["A", "S_cf"])
    return d


def cirl() -> cid.Diagram:
    """Cooperative inverse RL, one step: a human and a robot share the reward."""
    return cid.Diagram.from_edges(
        ["ThetaH -> AH", "S1 -> AH", "S1 -> A", "AH -> A", "S1, AH, A -> S2",
         "ThetaH, S2 -> R"],
        decisions={"human": ["AH"], "robot": ["A"]},
        utilities={"human": ["R"], "robot": ["R"]},
        labels={"ThetaH": "Θ^H", "AH": "A^H", "A": "A^R", "S1": "S_1", "S2": "S_2"},
        name="cirl",
    )


def grade_prediction() -> cid.Diagram:
    """The grade-prediction example of Agent Incentives (Everitt et al. 2021)."""
    return cid.Diagram.from_edges(
        ["R -> HS -> E -> Gr -> Ac", "HS -> P", "Ge -> P", "P -> Ac"],
        decisions=["P"], utilities=["Ac"], name="grade_prediction",
        labels={"R": "Race", "HS": "High school", "E": "Education", "Gr": "Grade",
                "Ge": "Gender", "P": "Predicted grade", "Ac": "Accuracy"},
    )


def figures() -> dict[str, Rendering]:
    """Every picture of the page, by file name (without suffix)."""
    w = wireheading()
    g = grade_prediction()
    return {
        "mdp": cid.render(mdp()),
        "wireheading": cid.render(
            w, incentives=True, decision="A1", legend=True,
            witness=cid.explain(w, "A1", "ThetaR2", "instrumental_control_incentive")),
        "counterfactual_oracle": cid.render(counterfactual_oracle(), incentives=True,
                                            legend=True),
        "cirl": cid.render(cirl(), incentives=True, legend=True),
        "grade_prediction": cid.render(
            g, incentives=True, kinds=["VoI", "RI"], theme="rectangular", focus=True,
            witness=cid.explain(g, "P", "R", "response_incentive"), legend=True),
    }


def paper_figures() -> dict[str, Rendering]:
    """The paper-mode pictures (Graphviz needed: their fonts are fitted to 240 pt)."""
    import zoo

    before, after = zoo.build("wireheading"), zoo.build("current_rf_optimization")
    return {
        "paper_small": cid.render(zoo.build("grade_prediction"), incentives=True,
                                  legend="inside", width=240, dpi=300),
        "paper_time": cid.render(before, incentives=True, legend="below", width=240, dpi=300),
        "paper_large": cid.render(zoo.build("combined_safe_agent"), incentives=True,
                                  legend="below", width=240, dpi=300),
        "before": cid.render(before, incentives=True, decision="A1", width=240, dpi=300),
        "after": cid.render(after, incentives=True, decision="A1", like=before, width=240,
                            dpi=300),
        "comparison": render_comparison(before, after),
    }


def main() -> int:
    for name, rendering in figures().items():
        rendering.save(HERE / f"{name}.dot")
        rendering.save(HERE / f"{name}.svg")
        print(f"wrote {name}.dot, {name}.svg")
    for name, rendering in paper_figures().items():
        rendering.save(HERE / f"{name}.dot")
        rendering.save(HERE / f"{name}.svg")
        rendering.save(HERE / f"{name}.png")
        print(f"wrote {name}.dot, {name}.svg, {name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
