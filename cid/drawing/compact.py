r"""The compact legend of paper figures, and the legend as text for a LaTeX caption.

:func:`legend_table` draws the rows of :func:`cid.drawing.legend.legend_rows` (only the kinds
the drawing shows) as one HTML-like table of tight rows: a small sample (a rounded cell for
a chance node, a filled square for a decision, a diamond for a utility, an arrow for a link,
the badge itself for an incentive kind) and its text. :func:`legend_caption` says the same in
words, LaTeX-escaped, for ``render(..., legend="caption")``.

Examples
--------
>>> import cid
>>> from cid.drawing.overlay import build_overlay
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> o = build_overlay(d, incentives={"VoI": ["S"]})
>>> print(legend_caption(d, o, cid.Theme()).replace("; ", ";\n"))
Ellipses: chance nodes;
rectangles: decisions;
diamonds: utilities;
solid arrows: causal links;
dotted arrows: information links;
dashed blue rings and the badge VoI: value of information.
>>> legend_table(d, o, cid.Theme(), columns=2).count("<TR>")  # six rows in two columns
3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cid.drawing.kinds import SHORT_NAMES, TITLES
from cid.drawing.legend import LegendRow, legend_rows
from cid.drawing.marks import badge
from cid.drawing.overlay import Overlay
from cid.drawing.theme import OKABE_ITO, Theme
from cid.escape import latex_text, xml_text

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["legend_caption", "legend_extent", "legend_table"]

_SHAPE_WORDS = {"ellipse": "ellipses", "circle": "circles", "box": "rectangles",
                "rect": "rectangles", "square": "squares", "diamond": "diamonds",
                "octagon": "octagons"}
_STYLE_WORDS = {"dotted": "dotted", "dashed": "dashed", "": "solid", "solid": "solid"}


def _kind_of_row(row: LegendRow, theme: Theme) -> str | None:
    for kind in TITLES:
        if row.text.startswith(TITLES[kind]):
            return kind
    return None


def _color_name(color: str) -> str:
    for name, value in OKABE_ITO.items():
        if value.lower() == color.lower():
            return name.replace("_", " ")
    return "coloured"


def _sample_cell(row: LegendRow, theme: Theme, size: float) -> str:
    """One table cell showing the row's sample."""
    s = row.sample
    kind = _kind_of_row(row, theme)
    if kind is not None:
        return badge(kind, theme)
    if row.edge:
        color = xml_text(s.get("color", theme.line_color).split(":")[0])
        arrow = "\u21e2" if s.get("style") in ("dotted", "dashed") else "\u2192"
        if ":" in s.get("color", ""):  # a colour list: a double line
            arrow = "\u21c9"
        bold = float(s.get("penwidth", "1")) > 2
        text = f"<B>{arrow}</B>" if bold else arrow
        return f'<TD><FONT POINT-SIZE="{size + 3:g}" COLOR="{color}">{text}</FONT></TD>'
    fill = xml_text(s.get("fillcolor", "#FFFFFF").split(";")[0].split(":")[0])
    line = xml_text(s.get("color", theme.line_color))
    width, height = round(size * 1.6), round(size * 1.05)
    shape = s.get("shape", "")
    if shape == "diamond":  # the outline glyph on the fill colour
        side = round(size * 1.7)
        return (f'<TD BGCOLOR="{fill}" FIXEDSIZE="TRUE" WIDTH="{side}" HEIGHT="{side}">'
                f'<FONT POINT-SIZE="{size:g}" COLOR="{line}">\u25c7</FONT></TD>')
    rounded = ' STYLE="rounded"' if shape != "box" or "rounded" in s.get("style", "") else ""
    if shape == "box" and not rounded:
        width = height
    return (f'<TD BORDER="1" COLOR="{line}" BGCOLOR="{fill}"{rounded} FIXEDSIZE="TRUE" '
            f'WIDTH="{width}" HEIGHT="{height}"></TD>')


def _short(row: LegendRow, theme: Theme) -> str:
    """The row's text; for an incentive kind without the ``(VoI)`` its badge already shows."""
    kind = _kind_of_row(row, theme)
    return TITLES[kind] if kind is not None else row.text


def legend_table(d: Diagram, overlay: Overlay, theme: Theme, *, columns: int = 1) -> str:
    """The compact legend: an HTML-like table (without the outer ``<>``), ``""`` if empty.

    Rows are read down, then across, in ``columns`` columns.
    """
    rows = legend_rows(d, overlay, theme)
    if not rows:
        return ""
    size = max(theme.badge_fontsize, 6.0)
    per_column = -(-len(rows) // max(1, columns))
    cells = [
        _sample_cell(r, theme, size)
        + f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{size:g}">{xml_text(_short(r, theme))}</FONT></TD>'
        for r in rows
    ]
    lines = []
    for j in range(per_column):
        parts = [cells[i] for k in range(columns) if (i := j + k * per_column) < len(rows)]
        lines.append("<TR>" + '<TD WIDTH="4"></TD>'.join(parts) + "</TR>")
    return ('<TABLE BORDER="1" COLOR="#999999" STYLE="rounded" CELLBORDER="0" '
            'CELLSPACING="1" CELLPADDING="1">' + "".join(lines) + "</TABLE>")


def legend_extent(d: Diagram, overlay: Overlay, theme: Theme, *,
                  columns: int = 1) -> tuple[float, float]:
    """Rough width and height, in points, of :func:`legend_table` (for placing it)."""
    rows = legend_rows(d, overlay, theme)
    size = max(theme.badge_fontsize, 6.0)
    per_column = -(-len(rows) // max(1, columns))
    width = 0.0
    for k in range(columns):
        chunk = rows[k * per_column:(k + 1) * per_column]
        if chunk:
            width += max(len(_short(r, theme)) for r in chunk) * size * 0.5 + size * 3.4 + 6
    return width + 6, per_column * (size * 1.7 + 2) + 6


def _phrase(row: LegendRow, theme: Theme) -> str:
    kind = _kind_of_row(row, theme)
    s = row.sample
    if kind is not None:
        color = _color_name(theme.incentive_colors[kind])
        return (f"dashed {color} rings and the badge {SHORT_NAMES[kind]}: "
                f"{TITLES[kind].lower()}")
    if row.edge:
        style = _STYLE_WORDS.get(s.get("style", ""), s.get("style", ""))
        color = "" if "color" not in s else (
            " double" if ":" in s["color"] else f" {_color_name(s['color'])}")
        thick = " thick" if float(s.get("penwidth", "1")) > 2 else ""
        return f"{style}{thick}{color} arrows: {_plural(row.text)}"
    shape = _SHAPE_WORDS.get(s.get("shape", ""), s.get("shape", "") + " shapes")
    if "dotted" in s.get("style", ""):
        shape = f"dotted {_color_name(s.get('color', ''))} rings"
    if "rounded" in s.get("style", ""):
        shape = "rounded " + shape
    if s.get("fillcolor") == theme.counterfactual_fill:
        shape = "grey " + shape
    return f"{shape}: {_plural(row.text)}".replace("\u223c", "~")


def _plural(text: str) -> str:
    for word, plural in (("chance node", "chance nodes"), ("decision node", "decisions"),
                         ("utility node", "utilities"), ("causal link", "causal links"),
                         ("information link", "information links"),
                         ("witness path", "witness paths"),
                         ("counterfactual copy", "counterfactual copies")):
        if text.startswith(word):
            return plural + text[len(word):]
    return text


def legend_caption(d: Diagram, overlay: Overlay, theme: Theme) -> str:
    """The legend in words, LaTeX-escaped, for a figure caption (``""`` if it has no rows).

    The text is plain LaTeX (escaped), one sentence; the decision whose incentives are shown
    is named at the end.
    """
    rows = legend_rows(d, overlay, theme)
    if not rows:
        return ""
    text = "; ".join(_phrase(r, theme) for r in rows)
    text = text[0].upper() + text[1:]
    if overlay.marks and overlay.decisions:
        word = "decision" if len(overlay.decisions) == 1 else "decisions"
        text += f". Incentives of {word} {', '.join(overlay.decisions)}"
    return latex_text(text) + "."
