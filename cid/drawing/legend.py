"""The legend: a ``cluster_legend`` subgraph, like the stylesheet's ``\\cidlegend``.

It lists only what the drawing shows: the node kinds present (each utility shape that
occurs, each agent's colour in a multi-agent diagram, and the split fill of utilities that
agents share), twin-network copies, causal and information links, the incentive kinds that
mark some node, and witness paths. Each row is a small sample drawn with the same
attributes as the diagram, followed by its text. The caption names the decision whose
incentives are shown, by its label. The legend is placed after the diagram (right of it
when time runs left to right, below it otherwise).

Examples
--------
>>> import cid
>>> from cid.drawing.dot import to_digraph
>>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
>>> src = to_digraph(d, legend=True).source
>>> "subgraph cluster_legend" in src, "information link" in src, "value of" in src
(True, True, False)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import graphviz

from cid.drawing.kinds import SHORT_NAMES, TITLES
from cid.drawing.labels import escape_text
from cid.drawing.marks import ring_attributes
from cid.drawing.nodelabel import is_counterfactual, node_label
from cid.drawing.overlay import Overlay
from cid.drawing.theme import Theme

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["LegendRow", "add_legend", "legend_rows"]

_GREY = "#555555"
_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'


@dataclass(frozen=True)
class LegendRow:
    """One legend row: a sample node (or a sample edge when ``edge``) and its text; rows of
    one non-empty ``group`` (the two links) stay together in one column."""

    text: str
    sample: dict[str, str] = field(default_factory=dict)
    edge: bool = False
    group: str = ""


def _sample(shape: str, fill: str, *, style: str = "filled", **extra: str) -> dict[str, str]:
    size = {"diamond": ("0.42", "0.32"), "octagon": ("0.42", "0.3")}.get(shape, ("0.4", "0.28"))
    attrs = {"shape": shape, "style": style, "fillcolor": fill, "label": "",
             "width": size[0], "height": size[1], "fixedsize": "true"}
    attrs.update(extra)
    return attrs


def legend_rows(d: Diagram, overlay: Overlay, theme: Theme) -> list[LegendRow]:
    """The rows the legend of this drawing has (see the module docstring).

    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    >>> [r.text for r in legend_rows(d, Overlay(), Theme())]
    ['chance node', 'decision node', 'utility node', 'causal link', 'information link']
    """
    from cid.drawing.dot import utility_shape  # dot imports this module

    rows: list[LegendRow] = []
    multi = len(d.agents) > 1
    chance_style = ",".join(["filled", *[s for s in theme.chance_style.split(",") if s.strip()]])
    real = [n for n in d.nodes if not is_counterfactual(d, n)]
    if any(d.kind(n) == "chance" for n in real):
        rows.append(LegendRow("chance node", _sample(theme.chance_shape, theme.chance_fill,
                                                     style=chance_style)))
    if d.decisions:
        fill = "#FFFFFF" if multi else theme.decision_fill
        rows.append(LegendRow("decision node", _sample(theme.decision_shape, fill)))
    shapes = list(dict.fromkeys(utility_shape(d, u, theme) for u in d.utilities))
    for shape in shapes:
        fill = "#FFFFFF" if multi else theme.utility_fill
        long = len(shapes) > 1 and shape == theme.long_utility_shape
        rows.append(LegendRow("utility node (long label)" if long else "utility node",
                              _sample(shape, fill)))
    if multi:
        for agent in d.agents:
            rows.append(LegendRow(f"agent {agent}", _sample(
                "box", theme.agent_fill(agent, d.agents), style="filled,rounded")))
        rows.extend(_shared_rows(d, theme, shapes[0] if shapes else theme.utility_shape))
    if any(is_counterfactual(d, n) for n in d.nodes):
        mark = theme.counterfactual_mark
        shown = "\u223c" if mark == "\u0303" else mark.strip()  # a lone combining mark floats
        where = "over" if unicodedata.combining(mark[:1] or " ") else "before"
        rows.append(LegendRow(
            f"counterfactual copy ({shown} {where} the label)" if shown else "counterfactual copy",
            _sample(theme.chance_shape, theme.counterfactual_fill, style=chance_style,
                    color=theme.counterfactual_color)))
    decisions = set(d.decisions)
    if any(head not in decisions for _, head in d.edge_list):
        rows.append(LegendRow("causal link", edge=True, group="links"))
    if d.information_links:
        rows.append(LegendRow("information link", {
            "style": theme.information_link_style,
            "penwidth": f"{theme.information_link_penwidth:g}"}, edge=True, group="links"))
    for kind in overlay.kinds:
        ring = ring_attributes([kind], theme)
        style = ",".join([chance_style, ring.pop("style")])
        rows.append(LegendRow(f"{TITLES[kind]} ({SHORT_NAMES[kind]})", _sample(
            theme.chance_shape, "#FFFFFF", style=style, **ring)))
    seen: list[str] = []
    for edge in overlay.witness_edges:
        color = overlay.witness_colors[edge]
        if color not in seen:
            seen.append(color)
            named = [SHORT_NAMES[k] for k, c in theme.incentive_colors.items() if c == color]
            text = f"witness path ({', '.join(named)})" if named else "witness path"
            rows.append(LegendRow(text, {"color": color,
                                         "penwidth": f"{theme.witness_penwidth:g}"}, edge=True))
    rows.extend(_robustness_rows(overlay, theme, chance_style))
    if overlay.added_edges:
        color = overlay.witness_colors[overlay.added_edges[0]]
        rows.append(LegendRow("link added by the VoI criterion", {
            "color": color, "style": "dashed", "penwidth": f"{theme.witness_penwidth:g}"},
            edge=True))
    return rows


def _robustness_rows(overlay: Overlay, theme: Theme, chance_style: str) -> list[LegendRow]:
    """Rows for the robustness overlay: fragile marks, and the edges a verdict hinges on."""
    from cid.drawing.dot import HINGE_COLOR  # dot imports this module

    rows = []
    if overlay.fragile:
        kind = next(iter(overlay.fragile.values()))[0]
        ring = ring_attributes([kind], theme)
        ring.pop("style", None)
        rows.append(LegendRow("fragile verdict (dotted ring, tagged)", _sample(
            theme.chance_shape, "#FFFFFF", style=",".join([chance_style, "dotted"]), **ring)))
    if overlay.hinge_edges:
        rows.append(LegendRow("edge the verdict hinges on",
                              {"color": HINGE_COLOR, "penwidth": "1.2"}, edge=True))
    return rows


def _shared_rows(d: Diagram, theme: Theme, shape: str) -> list[LegendRow]:
    """One row per set of owners that share a utility: the split fill (two owners) or the
    common fill (more, whose names the node then carries)."""
    rows = []
    seen: set[tuple[str, ...]] = set()
    for u in d.utilities:
        owners = d.agents_of(u)
        if len(owners) < 2 or owners in seen:
            continue
        seen.add(owners)
        if len(owners) == 2:
            a, b = (theme.agent_fill(x, d.agents) for x in owners)
            sample = _sample(shape, f"{a};0.5:{b}", gradientangle="0")
            rows.append(LegendRow(f"utility of {owners[0]} and {owners[1]}", sample))
        else:
            rows.append(LegendRow(f"utility of {', '.join(owners)} (named)",
                                  _sample(shape, theme.shared_fill)))
    return rows


def _inline(parts: list[str]) -> str:
    """Fragments side by side: one string, or a one-row table when some are tables."""
    if not any("<TABLE" in p for p in parts):
        return "".join(parts)
    cells = "".join(f"<TD>{p}</TD>" for p in parts if p)
    return f"{_TABLE}<TR>{cells}</TR></TABLE>"


def caption_html(d: Diagram, overlay: Overlay, theme: Theme) -> str:
    """The legend's caption: whose incentives are shown, by label ("" without marks).

    In a multi-agent diagram each decision is followed by its agent.

    >>> import cid
    >>> d = cid.Diagram().decision("P", label="Predicted grade").chance("X", ["P"])
    >>> caption_html(d, Overlay(marks={"X": ("value_of_control",)}, decisions=("P",)), Theme())
    'incentives of decision Predicted grade'
    """
    if not overlay.marks or not overlay.decisions:
        return ""
    size = theme.badge_fontsize + 2
    word = "decision" if len(overlay.decisions) == 1 else "decisions"
    parts = [f"incentives of {word} "]
    agents = {d.agent_of(n) for n in overlay.decisions}
    for k, name in enumerate(overlay.decisions):
        if k:
            parts.append(", ")
        parts.append(node_label(d, name, theme, size=size))
        if len(d.agents) > 1 and len(agents) > 1:
            parts.append(f" ({escape_text(d.agent_of(name))})")
    if len(d.agents) > 1 and len(agents) == 1:
        parts.append(f" (agent {escape_text(agents.pop())})")
    return _inline(parts)


def _split(rows: list[LegendRow]) -> int:
    """Where the second column starts: half-way, but never inside a group of rows."""
    if len(rows) <= 4:
        return len(rows)
    k = -(-len(rows) // 2)
    if rows[k].group and rows[k].group == rows[k - 1].group:
        ahead = next((j for j in range(k, len(rows)) if rows[j].group != rows[k].group), None)
        back = next(j for j in range(k, 0, -1) if rows[j - 1].group != rows[k].group)
        k = back if ahead is None or k - back < ahead - k else ahead
    return k


def add_legend(
    graph: graphviz.Digraph, d: Diagram, overlay: Overlay, theme: Theme, *, rankdir: str
) -> None:
    """Append the ``cluster_legend`` subgraph to ``graph`` (nothing if it has no rows).

    The rows fill one column, or two (read down, then across) when there are more than
    four. Node identifiers of the legend contain a dot (``legend.0``), so they never clash
    with diagram node names, which are identifiers.
    """
    rows = legend_rows(d, overlay, theme)
    if not rows:
        return
    size = theme.badge_fontsize + 2
    sideways = rankdir in ("LR", "RL")
    samples = [f"legend.{i}" for i in range(len(rows))]
    texts = [f"legend.{i}.text" for i in range(len(rows))]
    k = _split(rows)
    columns = [c for c in (list(range(k)), list(range(k, len(rows)))) if c]
    per_column = max(len(c) for c in columns)
    lines = [[col[j] for col in columns if j < len(col)] for j in range(per_column)]
    width = {}  # one text width per column, so that each column's texts align on the left
    for col in columns:
        for i in col:
            width[i] = int(max(len(rows[j].text) for j in col) * size * 0.5) + 6
    with graph.subgraph(name="cluster_legend") as legend:
        caption = caption_html(d, overlay, theme)
        legend.attr(style="rounded", color="#999999", fontsize=f"{size:g}", margin="8")
        if caption:
            legend.attr(label=f"<{caption}>", labeljust="l")
        legend.attr("node", fontsize=f"{size:g}")
        for index, (row, sample, text) in enumerate(zip(rows, samples, texts, strict=True)):
            if row.edge:
                legend.node(sample, shape="none", label="", width="0.4", height="0.2")
            else:
                legend.node(sample, **row.sample)
            legend.node(text, shape="plain", label=(
                f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD WIDTH="6"></TD>'
                f'<TD ALIGN="LEFT" WIDTH="{width[index]}">{escape_text(row.text)}</TD></TR>'
                "</TABLE>>"))
            if row.edge:
                legend.edge(sample, text, tailclip="false", **row.sample)
            else:
                legend.edge(sample, text, style="invis")
        # the two columns side by side, line by line
        for line in lines:
            for i, j in zip(line, line[1:], strict=False):
                legend.edge(texts[i], samples[j], style="invis")
        if sideways:
            # a column is two ranks (samples, texts); a flat edge a -> b puts b above a in LR,
            # so the chains that order the lines run bottom-up
            for col in columns:
                for group in ([samples[i] for i in col], [texts[i] for i in col]):
                    with legend.subgraph() as same:
                        same.attr(rank="same")
                        for n in group:
                            same.node(n)
                for i, j in zip(col[1:], col, strict=False):
                    legend.edge(samples[i], samples[j], style="invis")
        else:
            # a line is one rank; lines are stacked by edges down the first column
            for line in lines:
                with legend.subgraph() as same:
                    same.attr(rank="same")
                    for i in line:
                        same.node(samples[i])
                        same.node(texts[i])
            for line, below in zip(lines, lines[1:], strict=False):
                legend.edge(samples[line[0]], samples[below[0]], style="invis")
    for n in _anchors(d, sideways):
        graph.edge(n, samples[0], style="invis")


def _anchors(d: Diagram, sideways: bool) -> list[str]:
    """The nodes the legend hangs after: when time runs sideways, the first node (in
    topological order) of the last time slice, so that the legend sits beside the diagram
    near its top rather than pulled down by every reward; else every sink (the legend goes
    below the diagram)."""
    steps = [step for n in d.nodes if (step := d[n].step) is not None]
    if sideways and steps:
        last = max(steps)
        return [next(n for n in d.nodes if d[n].step == last)]
    return [n for n in d.nodes if not d.children(n)]
