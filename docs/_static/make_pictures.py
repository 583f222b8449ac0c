"""Make the pictures of README.md, docs/index.md and docs/quickstart.md.

Run ``python docs/_static/make_pictures.py [FOLDER]`` (default: next to the script). Each
figure is written as ``NAME.dot`` (the DOT source, checked for drift by
``tests/docs/test_pictures.py`` without Graphviz) and ``NAME.svg`` (needs Graphviz's ``dot``;
without it only the ``.dot`` files are written and the exit status is 3). The diagrams are the
ones the pages build in their examples; the same test checks that the pages' own code draws
these pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # cid and zoo from the source tree

import cid  # noqa: E402
import zoo  # noqa: E402
from cid.drawing import Rendering  # noqa: E402


def tampering() -> cid.Diagram:
    """The reward-tampering example of README.md and docs/quickstart.md."""
    return cid.Diagram.from_edges(
        ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "A1 -> ThetaR2 -> R2", "ThetaR1 -> ThetaR2"],
        decisions=["A1"], utilities=["R2"], name="tampering",
        labels={"ThetaR1": "Θ^R_1", "ThetaR2": "Θ^R_2"})


def figures() -> dict[str, Rendering]:
    """Every picture, by file name (without suffix)."""
    return {
        # docs/index.md (the page builds the same diagram with the builder)
        "content_recommendation": cid.render(zoo.build("content_recommendation"),
                                             incentives=True, legend=True),
        # README.md's tour and docs/quickstart.md
        "tampering": cid.render(tampering(), incentives=True, legend=True),
    }


def main(out: Path = HERE) -> int:
    """Write every figure's ``.dot`` and (with Graphviz) ``.svg`` into ``out``; return the exit
    status (3 when Graphviz is missing)."""
    pictures = cid.graphviz_available()
    for name, rendering in figures().items():
        rendering.save(out / f"{name}.dot")
        if pictures:
            rendering.save(out / f"{name}.svg")
        print(f"wrote {name}.dot" + (f", {name}.svg" if pictures else ""))
    if not pictures:
        print("Graphviz's dot is not installed: no .svg written", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*(Path(a) for a in sys.argv[1:2])))
