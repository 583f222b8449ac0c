"""Aligned variants: draw diagram B with diagram A's node positions, and compare the two.

``render(b, like=a)`` pins every node B shares with A where A's drawing has it (A's grid,
or A's Graphviz layout read back with :func:`cid.drawing.layout.layout_of`); B's other
nodes go next to their shared neighbours, offset as in B's own layout, moved right until
clear of the others; Graphviz's ``neato`` routes the edges. So before/after figures line up
node for node. A ``like=``
diagram that shares no node with B cannot guide it: B is drawn on its own and a
:class:`cid.CIDWarning` says so.

:func:`comparison` puts A and B side by side in one figure and marks the incentives B loses
and gains (for a decision both have): the node gets a text mark ``lost: ICI`` (vermillion)
or ``gained: VoI`` (blue) beside it, so the difference reads without colour too.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

import graphviz

from cid.drawing.dot import Layout, Pin, to_digraph
from cid.drawing.grid import grid_cells, is_time_indexed
from cid.drawing.kinds import KINDS, SHORT_NAMES
from cid.drawing.layout import layout_of
from cid.drawing.overlay import Overlay, build_overlay, incentive_sets
from cid.drawing.placement import grid_points
from cid.drawing.rendering import graphviz_available
from cid.drawing.theme import OKABE_ITO, Theme
from cid.errors import CIDWarning, DiagramError
from cid.escape import xml_text

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "IncentiveChange",
    "comparison",
    "incentive_changes",
    "pins_like",
    "placed",
    "positions",
]

IncentiveChange = tuple[str, str, str]
"""``(kind, node, "lost" | "gained")``."""

LOST_COLOR = OKABE_ITO["vermillion"]
GAINED_COLOR = OKABE_ITO["blue"]


def positions(d: Diagram, theme: Theme, layout: Layout = "auto",
              overlay: Overlay | None = None) -> dict[str, tuple[float, float]]:
    """Where the drawing of ``d`` (with ``overlay``) puts each node (points): its grid,
    computed directly, or its ranked layout, read back from Graphviz (which must then be
    installed)."""
    overlay = overlay or Overlay()
    if layout == "grid" or (layout == "auto" and is_time_indexed(d)):
        return grid_points(d, grid_cells(d), theme, overlay)
    lay = layout_of(to_digraph(d, theme=theme, overlay=overlay, layout="ranked"))
    return {n: (box.x, box.y) for n, box in lay.nodes.items()}


def pins_like(b: Diagram, a: Diagram, theme: Theme, layout: Layout = "auto", *,
              overlay_a: Overlay | None = None,
              overlay_b: Overlay | None = None) -> dict[str, Pin] | None:
    """Pins for drawing ``b`` (with ``overlay_b``) like ``a`` drawn with ``overlay_a`` (see
    the module docstring); ``None``, with a :class:`cid.CIDWarning`, when they share no node
    or A's layout cannot be read."""
    shared = [n for n in b.nodes if n in set(a.nodes)]
    if not shared:
        warnings.warn(f"like={a.name!r} shares no node with {b.name!r}: drawn with its own "
                      "layout", CIDWarning, stacklevel=3)
        return None
    needs_dot = not (layout == "grid" or (layout == "auto" and is_time_indexed(a)))
    if needs_dot and not graphviz_available():
        warnings.warn(f"like={a.name!r} needs Graphviz to read its layout: {b.name!r} is "
                      "drawn with its own layout", CIDWarning, stacklevel=3)
        return None
    where_a = positions(a, theme, layout, overlay_a)
    pins: dict[str, Pin] = {n: (*where_a[n], True) for n in shared}
    rest = [n for n in b.nodes if n not in pins]
    if rest:
        usable = graphviz_available() or is_time_indexed(b)
        own = positions(b, theme, layout, overlay_b) if usable else {}
        for n in rest:
            pins[n] = _start(b, n, pins, own)
    return pins


def _start(b: Diagram, n: str, pins: Mapping[str, Pin],
           own: Mapping[str, tuple[float, float]]) -> Pin:
    """Where a node B does not share goes: by its placed neighbours, offset as in B's own
    layout, then moved right, clear of every placed node."""
    near = [m for m in (*b.parents(n), *b.children(n)) if m in pins]
    xs = [p[0] for p in pins.values()]
    if not near:
        x, y = max(xs) + 90.0, min(p[1] for p in pins.values())
    else:
        dx = dy = 0.0
        if n in own and all(m in own for m in near):
            dx = sum(own[n][0] - own[m][0] for m in near) / len(near)
            dy = sum(own[n][1] - own[m][1] for m in near) / len(near)
        x = sum(pins[m][0] for m in near) / len(near) + dx
        y = sum(pins[m][1] for m in near) / len(near) + dy
    while any(abs(x - p[0]) < 100 and abs(y - p[1]) < 60 for p in pins.values()):
        x += 40.0
    return (x, y, True)


def incentive_changes(a: Diagram, b: Diagram, decision: str) -> list[IncentiveChange]:
    """The incentives of ``decision`` that B lost or gained relative to A, on shared nodes
    and on nodes only one of them has, in A's kinds order.

    >>> import cid
    >>> a = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    >>> b = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    >>> [(kind, node, change) for kind, node, change in incentive_changes(a, b, "D")]
    [('value_of_information', 'S', 'lost'), ('response_incentive', 'S', 'lost'), \
('value_of_control', 'S', 'lost')]
    """
    for d in (a, b):
        if decision not in d.decisions:
            raise DiagramError(f"{decision!r} is not a decision of {d.name!r}")
    from cid.incentives import analyze

    sets_a = incentive_sets(a, analyze(a, decisions=[decision]))[decision]
    sets_b = incentive_sets(b, analyze(b, decisions=[decision]))[decision]
    out: list[IncentiveChange] = []
    for kind in KINDS:
        before, after = sets_a.get(kind, frozenset()), sets_b.get(kind, frozenset())
        order = list(dict.fromkeys([*a.topological_order, *b.topological_order]))
        out += [(kind, n, "lost") for n in order if n in before - after]
        out += [(kind, n, "gained") for n in order if n in after - before]
    return sorted(out, key=lambda c: (KINDS.index(c[0]), c[2] != "lost"))


def placed(d: Diagram, pins: Mapping[str, Pin], theme: Theme,
           overlay: Overlay) -> dict[str, tuple[float, float]]:
    """Where ``neato`` puts every node of ``d`` given ``pins``, in the pins' frame (Graphviz
    moves the whole drawing to the origin: it is moved back by a pinned node)."""
    lay = layout_of(to_digraph(d, theme=theme, overlay=overlay, pins=pins))
    anchor = next((n for n, p in pins.items() if p[2] and n in lay.nodes), None)
    dx = dy = 0.0
    if anchor is not None:
        dx = pins[anchor][0] - lay.nodes[anchor].x
        dy = pins[anchor][1] - lay.nodes[anchor].y
    return {n: (box.x + dx, box.y + dy) for n, box in lay.nodes.items() if n in pins}


def _first_shared_decision(a: Diagram, b: Diagram, decision: str | None) -> str:
    if decision is not None:
        return decision
    shared = [n for n in a.decisions if n in set(b.decisions)]
    if not shared:
        raise DiagramError(f"{a.name!r} and {b.name!r} share no decision to compare")
    return shared[0]


def _mark(graph: graphviz.Digraph, node: str, items: list[str], color: str, word: str) -> None:
    text = xml_text(f"{word}: {', '.join(items)}")
    graph.node(node, xlabel=f'<<FONT COLOR="{color}" POINT-SIZE="10"><B>{text}</B></FONT>>')


def _note(graph: graphviz.Digraph, name: str, html: str, x: float, y: float) -> None:
    graph.node(name, label=f"<{html}>", shape="plain", pos=f"{x:.1f},{y:.1f}!")


def comparison(a: Diagram, b: Diagram, *, decision: str | None = None,
               theme: Theme | None = None,
               layout: Layout = "auto") -> tuple[graphviz.Digraph, list[IncentiveChange]]:
    """A and B side by side, B aligned on A, with the incentives B lost and gained marked
    (see the module docstring). Returns the graph and the changes.

    Raises
    ------
    DiagramError
        When the two share no decision (or ``decision`` is not one of both).
    GraphvizNotFoundError
        When a layout must be read back and Graphviz is missing.
    """
    theme = theme or Theme()
    decision = _first_shared_decision(a, b, decision)
    changes = incentive_changes(a, b, decision)
    overlays = [build_overlay(d, incentives=True, decision=decision, theme=theme) for d in (a, b)]
    where_a = positions(a, theme, layout, overlays[0])
    pins_b = pins_like(b, a, theme, layout, overlay_a=overlays[0], overlay_b=overlays[1])
    if pins_b is None:
        where_b = positions(b, theme, layout, overlays[1])
    elif all(fixed for *_, fixed in pins_b.values()):
        where_b = {n: (x, y) for n, (x, y, _) in pins_b.items()}
    else:
        where_b = placed(b, pins_b, theme, overlays[1])
    gap = 180.0
    shift = max(x for x, _ in where_a.values()) + gap - min(x for x, _ in where_b.values())
    panels = [
        to_digraph(d, theme=theme, overlay=o, pins={n: (x + dx, y, True) for n, (x, y) in
                                                     where.items()}, prefix=prefix)
        for d, o, where, dx, prefix in ((a, overlays[0], where_a, 0.0, "before."),
                                        (b, overlays[1], where_b, shift, "after."))
    ]
    graph = graphviz.Digraph(name=graphviz.nohtml(f"{a.name} vs {b.name}".replace("\\", "/")),
                             graph_attr={**panels[0].graph_attr, "forcelabels": "true"},
                             node_attr=panels[0].node_attr, edge_attr=panels[0].edge_attr)
    for panel in panels:
        graph.body += panel.body
    for word, panel, color in (("lost", "before.", LOST_COLOR), ("gained", "after.", GAINED_COLOR)):
        per_node: dict[str, list[str]] = {}
        for kind, node, change in changes:
            if change == word:
                per_node.setdefault(node, []).append(SHORT_NAMES[kind])
        for node, items in per_node.items():
            _mark(graph, panel + node, items, color, word)
    top = max(y for _, y in where_a.values()) + 54
    _note(graph, "before.title", f"<B>before</B>: {xml_text(a.name)}",
          min(x for x, _ in where_a.values()), top)
    _note(graph, "after.title", f"<B>after</B>: {xml_text(b.name)}",
          min(x for x, _ in where_b.values()) + shift, top)
    key = (f'incentives of {xml_text(decision)}: <FONT COLOR="{LOST_COLOR}"><B>lost: kind</B>'
           f'</FONT> (in before, not after), <FONT COLOR="{GAINED_COLOR}"><B>gained: kind'
           "</B></FONT> (in after, not before)")
    bottom = min(y for where in (where_a, where_b) for _, y in where.values()) - 60
    _note(graph, "comparison.key", key, min(x for x, _ in where_a.values()) + 120, bottom)
    return graph, changes
