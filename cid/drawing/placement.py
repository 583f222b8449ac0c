"""Where things go: the papers' grid as pinned positions, and the compact legend's place.

A time-indexed diagram is drawn on the grid of :mod:`cid.drawing.grid`: every node gets a
pinned ``pos`` (in points) and the graph is laid out by Graphviz's ``neato`` (set by the
graph's ``layout`` attribute, so the DOT file draws the same with any Graphviz command),
which only routes the edges around the nodes. Other diagrams keep Graphviz's ``dot``
(ranked) layout.

The compact legend (:mod:`cid.drawing.compact`) goes ``"below"`` the drawing, to its
``"right"``, or ``"inside"`` it (in an empty corner of the grid; next to the last rank of a
ranked layout). :func:`legend_placement` reads the ``legend=`` argument.

Examples
--------
>>> legend_placement(True), legend_placement(False), legend_placement("below")
('auto', 'none', 'below')
>>> legend_placement("left")
Traceback (most recent call last):
...
cid.errors.DiagramError: unknown legend='left': use one of True, False, 'inside', 'below', \
'right', 'none', 'caption'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, get_args

import graphviz
import networkx as nx

from cid.drawing.grid import Cell
from cid.drawing.kinds import SHORT_NAMES
from cid.drawing.nodelabel import node_label_width
from cid.drawing.overlay import Overlay
from cid.drawing.theme import Theme
from cid.errors import DiagramError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "LEGEND_NODE",
    "LegendOption",
    "Placement",
    "grid_points",
    "legend_placement",
    "place_legend_grid",
    "place_legend_ranked",
]

Placement = Literal["auto", "inside", "below", "right", "none", "caption"]
LegendOption = Placement | bool
LEGEND_NODE = "legend.box"
"""The legend's node identifier (contains a dot: never a diagram node's name)."""


def legend_placement(value: object) -> Placement:
    """Normalise ``render(legend=...)``: ``True`` is ``"auto"`` (the classic legend of the
    ranked layout, ``"right"`` on the grid), ``False`` is ``"none"``.

    Raises
    ------
    DiagramError
        For any other value.
    """
    if value is True:
        return "auto"
    if value is False or value is None:
        return "none"
    options = [o for o in get_args(Placement) if o != "auto"]
    if isinstance(value, str) and value in (*options, "auto"):
        return value  # type: ignore[return-value]
    raise DiagramError(
        f"unknown legend={value!r}: use one of True, False, "
        + ", ".join(repr(o) for o in options),
        code="cid_legend",
    )


def _node_size(d: Diagram, name: str, theme: Theme, overlay: Overlay) -> tuple[float, float]:
    """Rough width and height (points) Graphviz gives node ``name``: its label's box, grown
    by the shape around it (an ellipse by about sqrt 2, a diamond by 2)."""
    kinds = overlay.marks.get(name, ())
    text_w = node_label_width(d, name, theme) * theme.fontsize * 0.55
    per_row = max(1, theme.badges_per_row)
    rows = [kinds[i:i + per_row] for i in range(0, len(kinds), per_row)]
    badge_w = max((sum(0.75 * theme.badge_fontsize * len(SHORT_NAMES[k]) + 6 for k in row)
                   for row in rows), default=0.0)
    label_w = max(text_w, badge_w) + 8
    label_h = theme.fontsize * 1.3 + len(rows) * (theme.badge_fontsize * 1.2 + 6)
    shape = {"chance": theme.chance_shape, "decision": theme.decision_shape}.get(
        d.kind(name), theme.utility_shape)
    grow = {"ellipse": 1.5, "circle": 1.5, "diamond": 2.0, "octagon": 1.3}.get(shape, 1.0)
    pad = 8.0 if theme.node_width >= 0.75 else 4.0
    return (max(theme.node_width * 72, label_w * grow + pad),
            max(theme.node_height * 72, label_h * grow + pad))


def grid_points(d: Diagram, cells: Mapping[str, Cell], theme: Theme,
                overlay: Overlay) -> dict[str, tuple[float, float]]:
    """Grid cells to positions in points: columns as wide as the widest node plus the
    theme's ``nodesep``, rows as tall as the tallest node plus its ``ranksep`` (row 0 on
    top)."""
    sizes = [_node_size(d, n, theme, overlay) for n in d.nodes]
    col_gap = max(w for w, _ in sizes) + theme.ranksep * 72
    row_gap = max(h for _, h in sizes) + theme.nodesep * 72
    return {n: (c * col_gap, -r * row_gap) for n, (c, r) in cells.items()}


def place_legend_grid(graph: graphviz.Digraph, d: Diagram,
                      points: Mapping[str, tuple[float, float]], table: str,
                      extent: tuple[float, float], placement: Placement, theme: Theme,
                      overlay: Overlay) -> bool:
    """Add the legend node to a grid drawing, pinned below, right of, or inside it (in an
    empty corner). ``False`` (and nothing added) when no corner is free for ``"inside"``."""
    sizes = {n: _node_size(d, n, theme, overlay) for n in d.nodes}
    left = min(points[n][0] - sizes[n][0] / 2 for n in points)
    right = max(points[n][0] + sizes[n][0] / 2 for n in points)
    top = max(points[n][1] + sizes[n][1] / 2 for n in points)
    bottom = min(points[n][1] - sizes[n][1] / 2 for n in points)
    w, h = extent
    gap = 12.0
    spot = None
    if placement == "inside":
        corners = [(right - w / 2, top - h / 2), (right - w / 2, bottom + h / 2),
                   (left + w / 2, bottom + h / 2), (left + w / 2, top - h / 2)]
        spot = next((c for c in corners if _free(c, w, h, points, sizes)), None)
        if spot is None:
            return False
    if placement == "right":
        spot = (right + gap + w / 2, top - h / 2)
    if spot is None:
        spot = (left + w / 2, bottom - gap - h / 2)
    graph.node(LEGEND_NODE, label=f"<{table}>", shape="plain",
               pos=f"{spot[0]:.1f},{spot[1]:.1f}!")
    return True


def _free(center: tuple[float, float], w: float, h: float,
          points: Mapping[str, tuple[float, float]],
          sizes: Mapping[str, tuple[float, float]]) -> bool:
    x, y = center
    return all(abs(px - x) > (w + sizes[n][0]) / 2 + 4 or abs(py - y) > (h + sizes[n][1]) / 2 + 4
               for n, (px, py) in points.items())


def place_legend_ranked(graph: graphviz.Digraph, d: Diagram, table: str,
                        placement: Placement, rankdir: str) -> None:
    """Add the legend to a ranked (``dot``) drawing: the graph's label below it, or a node
    beside the first rank (``"right"``) or next to the last node (``"inside"``)."""
    if placement == "below":
        graph.attr(label=f"<{table}>", labelloc="b", labeljust="l")
        return
    sideways = rankdir in ("LR", "RL")
    graph.node(LEGEND_NODE, label=f"<{table}>", shape="plain")
    longest = nx.dag_longest_path(d.to_networkx()) or list(d.nodes)
    if placement == "right" and sideways:
        with graph.subgraph() as last:
            last.attr(rank="max")
            last.node(LEGEND_NODE)
        return
    anchor = str(longest[0] if placement == "right" else longest[-1])  # first / last rank
    with graph.subgraph() as same:
        same.attr(rank="same")
        same.node(anchor)
        same.node(LEGEND_NODE)
    if sideways:  # a flat edge a -> b puts b above a when time runs left to right
        graph.edge(LEGEND_NODE, anchor, style="invis")
    else:
        graph.edge(anchor, LEGEND_NODE, style="invis")
