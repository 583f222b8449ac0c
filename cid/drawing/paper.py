"""Paper mode: a figure of a given width in points whose smallest text stays legible.

``render(d, width=240)`` (a one-column figure) draws the diagram with compact spacing, lays
it out with Graphviz, and scales it to the width (Graphviz's ``size`` with ``!``). When the
scale would shrink the smallest text (incentive badges, sub- and superscripts) below
:data:`MIN_TEXT_PT`, the fonts are enlarged by the missing factor and the layout is redone,
a few times at most; if that cannot reach the minimum (a very wide diagram in a narrow
column) a :class:`cid.CIDWarning` says so and names the width that would. Without Graphviz
the figure still gets its ``size`` but the text sizes cannot be checked.

Examples
--------
>>> t = paper_theme(None)
>>> t.fontsize, t.badge_fontsize, smallest_text(t)
(10.0, 7.0, 6.8)
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable

import graphviz

from cid.drawing.layout import layout_of
from cid.drawing.rendering import graphviz_available
from cid.drawing.theme import Theme
from cid.errors import CIDWarning, DiagramError

__all__ = ["MIN_TEXT_PT", "fit", "paper_theme", "smallest_text"]

MIN_TEXT_PT = 6.0
"""The smallest text size (points) a figure drawn with ``width=``/``size=`` is given, once
scaled to that width (with Graphviz installed)."""

_BIG = 10_000.0  # points: "no limit" for the other side of size=


def paper_theme(theme: Theme | None) -> Theme:
    """The theme for paper figures: the given one, or compact defaults (10 pt labels, 7 pt
    badges, small nodes, tight spacing)."""
    if theme is not None:
        return theme
    return Theme(fontsize=10.0, badge_fontsize=7.0, nodesep=0.25, ranksep=0.25,
                 node_width=0.3, node_height=0.25, badges_per_row=2)


def smallest_text(theme: Theme) -> float:
    """The smallest text size a drawing in ``theme`` uses: badges or scripts."""
    return round(min(theme.badge_fontsize, theme.fontsize * theme.script_scale), 3)


def _box(width: float | None, size: tuple[float, float] | None) -> tuple[float, float]:
    if width is not None and size is not None:
        raise DiagramError("give width= or size=, not both")
    if size is not None:
        w, h = size
    else:
        w, h = float(width or 0), _BIG
    if not (w > 0 and h > 0):
        raise DiagramError(f"the figure size must be positive points, got {width or size!r}")
    return float(w), float(h)


def fit(build: Callable[[Theme], graphviz.Digraph], theme: Theme, *,
        width: float | None = None, size: tuple[float, float] | None = None,
        rounds: int = 4) -> graphviz.Digraph:
    """Build the graph with ``build(theme)`` and scale it into ``width`` (or the box
    ``size``, both in points), enlarging the fonts until the smallest text is at least
    :data:`MIN_TEXT_PT` once scaled (see the module docstring)."""
    w, h = _box(width, size)
    graph = build(theme)
    if graphviz_available():
        scale = 1.0
        for _ in range(rounds):
            lay = layout_of(graph)
            scale = min(w / max(lay.width, 1.0), h / max(lay.height, 1.0))
            shown = smallest_text(theme) * scale
            if shown >= MIN_TEXT_PT - 0.05:  # within rounding of the sizes written
                break
            grow = MIN_TEXT_PT / shown * 1.02
            theme = dataclasses.replace(theme, fontsize=theme.fontsize * grow,
                                        badge_fontsize=theme.badge_fontsize * grow)
            graph = build(theme)
        else:
            lay = layout_of(graph)
            scale = min(w / max(lay.width, 1.0), h / max(lay.height, 1.0))
            if smallest_text(theme) * scale < MIN_TEXT_PT - 0.05:
                need = MIN_TEXT_PT / (smallest_text(theme) * scale) * w
                warnings.warn(
                    f"at {w:g} pt wide the smallest text would be "
                    f"{smallest_text(theme) * scale:.1f} pt (< {MIN_TEXT_PT:g} pt): give "
                    f"width={need:.0f} or more", CIDWarning, stacklevel=3)
    graph.attr(size=f"{w / 72:.4g},{h / 72:.4g}!", margin="0", pad="0.02")
    return graph
