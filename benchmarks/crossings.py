"""Edge crossings per zoo entry: Graphviz's ranked layout (before) against the papers' grid.

For each zoo entry, the drawing (with its incentives marked, as the gallery shows it) is laid
out by Graphviz twice, in the same run: ``layout="ranked"`` (the ``dot`` layout every drawing
had before the grid) and the default (the grid for time-indexed entries, whose row order is
searched for fewer crossings). The crossings are counted on Graphviz's routed splines,
sampled into polylines (:func:`cid.drawing.layout.crossings`): every point where two edges
that share no end node cross. The table prints both counts and their ratio (after / before;
below 1 is fewer crossings), and a total row.

    python benchmarks/crossings.py [--markdown] [--smoke]

``--smoke`` draws three entries only (for the test suite). Needs Graphviz.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # cid and zoo from the tree

import cid  # noqa: E402
import zoo  # noqa: E402
from cid.drawing.grid import is_time_indexed  # noqa: E402
from cid.drawing.layout import crossings, layout_of  # noqa: E402

SMOKE = ("mdp", "wireheading", "counterfactual_oracle")


def count(name: str) -> tuple[int, int, bool]:
    """``(before, after, grid)`` crossings of one zoo entry."""
    d = zoo.build(name)
    before = crossings(layout_of(cid.render(d, incentives=True, layout="ranked")
                                 .to_graphviz()), d.nodes)
    after = crossings(layout_of(cid.render(d, incentives=True).to_graphviz()), d.nodes)
    return before, after, is_time_indexed(d)


def _ratio(before: int, after: int) -> str:
    return "1.00" if before == after else "-" if before == 0 else f"{after / before:.2f}"


def table(names: list[str], *, markdown: bool = False) -> str:
    rows = [(n, *count(n)) for n in names]
    header = ("entry", "layout", "before (ranked)", "after", "after/before")
    lines = [(n, "grid" if grid else "ranked", str(b), str(a), _ratio(b, a))
             for n, b, a, grid in rows]
    total_b, total_a = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines.append(("total", "", str(total_b), str(total_a), _ratio(total_b, total_a)))
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(x) for x in col) for col in zip(header, *lines, strict=True)]
    fmt = "  ".join(f"{{:{'<' if i < 2 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join(fmt.format(*line) for line in (header, *lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--smoke", action="store_true", help="three entries only")
    args = parser.parse_args(argv)
    if not cid.graphviz_available():
        print("crossings.py needs Graphviz's dot on PATH", file=sys.stderr)
        return 2
    print(table(list(SMOKE) if args.smoke else zoo.names(), markdown=args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
