"""Diagram -> :class:`graphviz.Digraph`: the papers' look, in pure Python (no binary needed).

The output is deterministic: nodes in the diagram's topological order (ties by name), edges
grouped by child in the same order, rank groups by step, attributes sorted. The same
diagram, overlay and theme therefore always give byte-identical DOT, so rendered files can be
committed and checked for drift. DOT is never assembled from strings: the ``graphviz`` package
quotes identifiers and attribute values, and label text is escaped by
:func:`cid.drawing.labels.html_label`.

Examples
--------
>>> import cid
>>> from cid.drawing.dot import to_digraph
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> print(to_digraph(d).source)  # doctest: +NORMALIZE_WHITESPACE
digraph diagram {
    graph [fontname="Times New Roman,Liberation Serif,DejaVu Serif,serif" fontsize=14 layout=dot
           newrank=true nodesep=0.45 rankdir=TB ranksep=0.45]
    node [color="#000000" fontcolor="#000000"
          fontname="Times New Roman,Liberation Serif,DejaVu Serif,serif" fontsize=14]
    edge [arrowsize=0.8 color="#000000"]
    S [label=<S> fillcolor="#FFFFFF" shape=ellipse style=filled]
    D [label=<D> fillcolor="#C4E5F7" shape=box style=filled]
    U [label=<U> fillcolor="#F6EF8E" shape=diamond style=filled]
    S -> D [penwidth=1.6 style=dotted]
    D -> U
    S -> U
}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import graphviz

from cid.drawing.colors import tint
from cid.drawing.compact import legend_extent, legend_table
from cid.drawing.grid import grid_cells, is_time_indexed
from cid.drawing.grid import stem as _stem
from cid.drawing.kinds import SHORT_NAMES
from cid.drawing.labels import clean_text, escape_text
from cid.drawing.legend import add_legend
from cid.drawing.marks import badge_html, ring_attributes
from cid.drawing.nodelabel import is_counterfactual, node_label, node_label_width
from cid.drawing.overlay import Overlay
from cid.drawing.placement import (
    LegendOption,
    Placement,
    grid_points,
    legend_placement,
    place_legend_grid,
    place_legend_ranked,
)
from cid.drawing.theme import Theme
from cid.errors import CIDError, DiagramError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Layout", "Pin", "is_counterfactual", "node_attributes", "to_digraph", "utility_shape"]

Layout = Literal["auto", "grid", "ranked"]
Pin = tuple[float, float, bool]
HINGE_COLOR = "#000000:#FFFFFF:#000000"
"""Graphviz draws an edge in this colour list as a double line."""
"""``"grid"``: the papers' grid (time-indexed diagrams); ``"ranked"``: Graphviz's ``dot``
layout; ``"auto"``: the grid when some node has a ``step``."""


def _num(x: float) -> str:
    return f"{x:g}"


def _lighter(fill: str, amount: float = 0.4) -> str:
    """``fill`` (a colour, or a Graphviz colour list ``a;0.5:b``) mixed with white."""

    def one(color: str) -> str:
        try:
            return tint(color, amount)
        except CIDError:  # keep a colour that is not a plain #RRGGBB
            return color

    return ":".join(
        ";".join([one(item.split(";")[0]), *item.split(";")[1:]]) for item in fill.split(":")
    )


def _fill(d: Diagram, name: str, theme: Theme) -> str:
    kind = d.kind(name)
    twin = is_counterfactual(d, name)
    if kind == "chance":
        return theme.counterfactual_fill if twin else theme.chance_fill
    if len(d.agents) <= 1:
        fill = theme.decision_fill if kind == "decision" else theme.utility_fill
    else:
        fills = [theme.agent_fill(a, d.agents) for a in d.agents_of(name)]
        if len(fills) == 1:
            fill = fills[0]
        elif len(fills) == 2:  # a utility shared by two agents: split between their fills
            fill = f"{fills[0]};0.5:{fills[1]}"
        else:
            fill = theme.shared_fill  # Graphviz fills with at most two colours: names are added
    if twin:
        fill = _lighter(fill, 0.5)
    return fill


def utility_shape(d: Diagram, name: str, theme: Theme) -> str:
    """The shape of utility ``name``: the theme's, or its long-label shape for long labels."""
    width = node_label_width(d, name, theme)
    return theme.long_utility_shape if width > theme.long_label else theme.utility_shape


def node_attributes(
    d: Diagram, name: str, theme: Theme, overlay: Overlay, *, focus: bool
) -> dict[str, str]:
    """The Graphviz attributes of node ``name`` (shape, fill, label, marks, badges).

    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    >>> node_attributes(d, "U", Theme(), Overlay(), focus=False)["shape"]
    'diamond'
    """
    record = d[name]
    kind = record.kind
    label = node_label(d, name, theme)
    styles = ["filled"]
    if kind == "chance":
        shape = theme.chance_shape
        styles += [s.strip() for s in theme.chance_style.split(",") if s.strip()]
    elif kind == "decision":
        shape = theme.decision_shape
    else:
        shape = utility_shape(d, name, theme)
    fill = _fill(d, name, theme)
    attrs: dict[str, str] = {"label": f"<{label}>", "shape": shape, "fillcolor": fill}
    if ";" in fill:
        attrs["gradientangle"] = "0"
    if is_counterfactual(d, name):
        attrs["color"] = theme.counterfactual_color
        attrs["fontcolor"] = theme.counterfactual_fontcolor
    if focus and overlay and name not in overlay.highlighted:
        attrs["color"] = attrs["fontcolor"] = theme.downplay_color
        attrs["fillcolor"] = _lighter(fill)
    kinds = overlay.marks.get(name, ())
    ring = ring_attributes(kinds, theme)
    fragile = overlay.fragile.get(name, ())
    if "style" in ring:
        ring_style = ring.pop("style")
        styles.append("dotted" if kinds and set(kinds) <= set(fragile) else ring_style)
    attrs.update(ring)
    if fragile:
        tag = escape_text("fragile: " + ", ".join(SHORT_NAMES[k] for k in fragile))
        attrs["xlabel"] = f'<<FONT POINT-SIZE="{theme.badge_fontsize:g}"><I>{tag}</I></FONT>>'

    attrs["style"] = ",".join(styles)
    agents: tuple[str, ...] = ()
    owners = d.agents_of(name)
    if kind != "chance" and (theme.agent_labels or len(owners) > 2):
        agents = owners  # more than two owners cannot all show in the fill: name them
    badges = badge_html(kinds, theme, agents=agents)
    if badges:  # a table keeps a subscript from touching the badge line below it
        attrs["label"] = (
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
            f'<TR><TD>{label}</TD></TR><TR><TD CELLPADDING="1">{badges}</TD></TR></TABLE>>'
        )
    if record.description:
        text = clean_text(record.description).replace("\\", "\\\\").replace("\n", "\\n")
        attrs["tooltip"] = graphviz.nohtml(text)  # plain text, even if it looks like <html>
    return attrs


def _groups(d: Diagram) -> dict[str, str]:
    """Graphviz ``group`` of time-indexed nodes: nodes sharing a stem form one straight row.

    Not in twin networks: there a variable and its copy share each time slice, and straight
    rows for both force long edges that run along each other (counterfactual reward
    function); Graphviz's own ordering reads better.
    """
    if any(is_counterfactual(d, n) for n in d.nodes):
        return {}
    stems: dict[str, list[str]] = {}
    for name in d.nodes:
        if d[name].step is not None and _stem(name):
            stems.setdefault(_stem(name), []).append(name)
    return {n: stem for stem, names in stems.items() if len(names) > 1 for n in names}


def _rankdir(d: Diagram, theme: Theme) -> str:
    if theme.rankdir is not None:
        return theme.rankdir
    return "LR" if any(d[n].step is not None for n in d.nodes) else "TB"


def _node_size(theme: Theme) -> dict[str, str]:
    """Graphviz's minimum node size, written only when the theme changes it."""
    if (theme.node_width, theme.node_height) == (0.75, 0.5):
        return {}
    return {"width": _num(theme.node_width), "height": _num(theme.node_height),
            "margin": "0.04,0.02"}


def _edges(graph: graphviz.Digraph, d: Diagram, theme: Theme, overlay: Overlay, *,
           focus: bool, prefix: str = "") -> None:
    decisions = set(d.decisions)
    for tail, head in d.edge_list:
        attrs: dict[str, str] = {}
        if head in decisions:
            attrs["style"] = theme.information_link_style
            attrs["penwidth"] = _num(theme.information_link_penwidth)
        if is_counterfactual(d, head):
            attrs["color"] = theme.counterfactual_color
        if (tail, head) in overlay.witness_colors:
            attrs["color"] = overlay.witness_colors[(tail, head)]
            attrs["penwidth"] = _num(theme.witness_penwidth)
        elif focus and overlay:
            attrs["color"] = theme.downplay_color
        if (tail, head) in overlay.hinge_edges:
            attrs.update(color=HINGE_COLOR, penwidth="1.2")
        graph.edge(prefix + tail, prefix + head, **attrs)
    for tail, head in overlay.added_edges:  # e.g. the link X -> D a VoI witness adds
        graph.edge(prefix + tail, prefix + head, style="dashed", constraint="false",
                   color=overlay.witness_colors[(tail, head)],
                   penwidth=_num(theme.witness_penwidth))
    present = set(d.edge_list)
    for tail, head in overlay.hinge_edges:  # not in the diagram: a dashed double line
        if (tail, head) not in present:
            graph.edge(prefix + tail, prefix + head, color=HINGE_COLOR, penwidth="1.2",
                       style="dashed", constraint="false")


def _same_step_ranks(graph: graphviz.Digraph, d: Diagram) -> None:
    steps: dict[int, list[str]] = {}
    for name in d.nodes:
        step = d[name].step
        if step is not None:
            steps.setdefault(step, []).append(name)
    for step in sorted(steps):
        with graph.subgraph() as same:
            same.attr(rank="same")
            for name in steps[step]:
                same.node(name)


def to_digraph(
    d: Diagram,
    *,
    theme: Theme | None = None,
    overlay: Overlay | None = None,
    legend: LegendOption = False,
    focus: bool = False,
    layout: Layout = "auto",
    pins: Mapping[str, Pin] | None = None,
    prefix: str = "",
) -> graphviz.Digraph:
    """Build the :class:`graphviz.Digraph` of a diagram (no Graphviz binary needed).

    Parameters
    ----------
    d : Diagram
    theme : Theme, optional
    overlay : Overlay, optional
        Incentive marks and witness edges (see :func:`cid.drawing.overlay.build_overlay`).
    legend : bool or str
        ``True``: the classic ``cluster_legend`` after the diagram (ranked layout) or the
        compact legend on the right (grid); ``"inside"``, ``"below"``, ``"right"``: the
        compact legend there; ``False``, ``"none"``, ``"caption"``: no legend drawn.
    focus : bool
        Draw what the overlay does not highlight in grey.
    layout : {"auto", "grid", "ranked"}
        The papers' grid (pinned positions, edges routed by ``neato``) or Graphviz's ranked
        ``dot`` layout; ``"auto"`` uses the grid for time-indexed diagrams.
    pins : mapping of str to (x, y, pinned), optional
        Positions in points that override ``layout``: pinned ones stay, the others are
        where ``neato`` starts (see ``render(like=...)``).
    prefix : str
        Prepended to every node identifier (to put two drawings in one graph).

    Returns
    -------
    graphviz.Digraph
    """
    theme = theme or Theme()
    overlay = overlay or Overlay()
    placement = legend_placement(legend)
    if layout not in ("auto", "grid", "ranked"):
        raise DiagramError(f"unknown layout={layout!r}: use 'auto', 'grid' or 'ranked'")
    grid = layout == "grid" or (layout == "auto" and is_time_indexed(d))
    rankdir = _rankdir(d, theme)
    node_attrs = {n: node_attributes(d, n, theme, overlay, focus=focus) for n in d.nodes}
    graph_attr = {
        "rankdir": rankdir,
        "newrank": "true",
        "fontname": theme.fontname,
        "fontsize": _num(theme.fontsize),
        "nodesep": _num(theme.nodesep),
        "ranksep": _num(theme.ranksep),
    }
    if pins is None and grid:
        pins = {n: (x, y, True) for n, (x, y) in grid_points(d, grid_cells(d), theme,
                                                              overlay).items()}
    points = {n: (x, y) for n, (x, y, _) in (pins or {}).items()}
    if pins:
        # neato's bounding box ignores the width of thick rings: pad so that none is clipped
        graph_attr.update(layout="neato", inputscale="72", splines="true", overlap="true",
                          pad="0.12")
        for name, (x, y, fixed) in pins.items():
            node_attrs[name]["pos"] = f"{x:.1f},{y:.1f}{'!' if fixed else ''}"
    else:  # named, so that a Graphviz process drawing several files never keeps neato
        graph_attr["layout"] = "dot"
        for name, group in _groups(d).items():
            node_attrs[name]["group"] = group
    graph = graphviz.Digraph(
        name=graphviz.nohtml(d.name.replace("\\", "/")),
        graph_attr=graph_attr,
        node_attr={
            "fontname": theme.fontname,
            "fontsize": _num(theme.fontsize),
            "color": theme.line_color,
            "fontcolor": theme.line_color,
            **_node_size(theme),
        },
        edge_attr={"color": theme.line_color, "arrowsize": "0.8"},
    )
    for name in d.nodes:
        graph.node(prefix + name, **node_attrs[name])
    _edges(graph, d, theme, overlay, focus=focus, prefix=prefix)
    if not points:
        _same_step_ranks(graph, d)
    _add_legend(graph, d, theme, overlay, placement, rankdir=rankdir, points=points)
    return graph


def _add_legend(graph: graphviz.Digraph, d: Diagram, theme: Theme, overlay: Overlay,
                placement: Placement, *, rankdir: str,
                points: dict[str, tuple[float, float]]) -> None:
    if placement in ("none", "caption"):
        return
    if placement == "auto" and not points:
        add_legend(graph, d, overlay, theme, rankdir=rankdir)
        return
    columns = 2 if placement == "below" else 1
    table = legend_table(d, overlay, theme, columns=columns)
    if not table:
        return
    if not points:
        place_legend_ranked(graph, d, table, placement, rankdir)
        return
    extent = legend_extent(d, overlay, theme, columns=columns)
    if not place_legend_grid(graph, d, points, table, extent,
                             "right" if placement == "auto" else placement, theme, overlay):
        table = legend_table(d, overlay, theme, columns=2)  # no free corner: below
        extent = legend_extent(d, overlay, theme, columns=2)
        place_legend_grid(graph, d, points, table, extent, "below", theme, overlay)
