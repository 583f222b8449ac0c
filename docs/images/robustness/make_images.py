"""Make the pictures of docs/robustness.md: ``python docs/images/robustness/make_images.py``.

Each picture is a zoo diagram drawn with one kind of incentive and the robustness overlay of
:func:`cid.robustness.sensitivity` (fragile marks, and the edges one verdict hinges on),
written as ``NAME.dot`` (the DOT source, checked for drift by
``tests/robustness/test_docs_images.py``) and ``NAME.svg`` (needs ``dot``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # cid and zoo from the source tree

import cid  # noqa: E402
from cid.robustness import sensitivity  # noqa: E402

EDGE_EDITS = "remove,add,remove_link,add_link"
"""The edits of the page's zoo survey: edges and information links, no changes of kind."""

PICTURES = {
    # name: (zoo entry, decision, (kind, node) of the verdict whose hinges are drawn)
    "wireheading": ("wireheading", "A1", ("ICI", "ThetaR2")),
    "reward_modeling": ("reward_modeling", "A1", ("ICI", "D1")),
}
"""Each picture: the zoo diagram, the decision whose incentives are marked, the verdict."""


def figures() -> dict[str, cid.Rendering]:
    """Every picture of the page, by file name (without suffix)."""
    import zoo

    pictures = {}
    for name, (entry, decision, verdict) in PICTURES.items():
        d = zoo.build(entry)
        pictures[name] = cid.render(d, incentives=True, decision=decision, kinds=[verdict[0]],
                                    legend=True,
                                    robustness=sensitivity(d, edits=EDGE_EDITS),
                                    hinges_of=verdict)
    return pictures


def main() -> int:
    for name, rendering in figures().items():
        rendering.save(HERE / f"{name}.dot")
        rendering.save(HERE / f"{name}.svg")
        print(f"wrote {name}.dot, {name}.svg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
