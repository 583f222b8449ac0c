"""Make the pictures of docs/incentives.md:
``python docs/images/incentives/make_incentive_images.py``.

One picture per criterion, of the page's tiny example: the incentive of that kind marked on
every node that has it, and the witness the page explains drawn as thick edges. Each figure is
written as ``NAME.dot`` (the DOT source, checked for drift by
``tests/incentives/test_docs_images.py`` without Graphviz) and ``NAME.svg`` (needs ``dot``).
The diagrams are the ones the page builds in its examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # cid from the source tree

import cid  # noqa: E402
from cid.drawing import Rendering  # noqa: E402


def grades() -> cid.Diagram:
    """Grade prediction (Example 1 of Agent Incentives), as the page builds it."""
    return cid.Diagram.from_edges(
        ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
        decisions=["P"], utilities=["Ac"], name="grade_prediction")


def recommender() -> cid.Diagram:
    """Content recommendation (Example 2 of Agent Incentives), as the page builds it."""
    return cid.Diagram.from_edges(
        ["O -> I -> C", "O -> M -> P", "P -> I", "P -> C"],
        decisions=["P"], utilities=["C"], name="content_recommendation")


#: (file name, diagram, kind, node whose witness is drawn)
EXAMPLES = (
    ("value_of_information", grades, "value_of_information", "E"),
    ("response_incentive", grades, "response_incentive", "R"),
    ("value_of_control", recommender, "value_of_control", "M"),
    ("instrumental_control_incentive", recommender, "instrumental_control_incentive", "I"),
)


def figures() -> dict[str, Rendering]:
    """Every picture of the page, by file name (without suffix)."""
    out = {}
    for name, build, kind, node in EXAMPLES:
        d = build()
        witness = cid.explain(d, "P", node, kind)
        assert witness is not None, (name, node)
        out[name] = cid.render(d, incentives=True, decision="P", kinds=[kind],
                               witness=witness, legend=True)
    return out


def main() -> int:
    for name, rendering in figures().items():
        rendering.save(HERE / f"{name}.dot")
        if cid.graphviz_available():
            rendering.save(HERE / f"{name}.svg")
            print(f"wrote {name}.dot, {name}.svg")
        else:
            print(f"wrote {name}.dot (no Graphviz: no {name}.svg)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
