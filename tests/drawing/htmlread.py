"""Read the HTML-like labels the renderer writes back into markup, to test what they show.

:func:`read_label` turns a label into the markup it displays: a stacked script column
becomes ``^{sup}_{sub}``, a tilde drawn above a letter becomes ``~`` after it, lines are
joined by newlines, and every script's font size is collected. It reads the table layout
itself (rows, ``ROWSPAN``), not the strings the renderer writes, so it checks that a label
shows its scripts stacked (superscript above subscript, right of the base).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

__all__ = ["Reading", "read_label"]

TILDE = "\u223c"


@dataclass
class Reading:
    """What a label shows: its markup, and the font size of every script (outermost first)."""

    markup: str
    script_sizes: list[float] = field(default_factory=list)


def _parse(label: str) -> ET.Element:
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
    return ET.fromstring(f"<L>{inner}</L>")


def _text(el: ET.Element, sizes: list[float], in_script: bool = False) -> str:
    """The markup of an element's content (text, FONT, B, I, SUB, BR, nested TABLE)."""
    out = [el.text or ""]
    for child in el:
        if child.tag == "TABLE":
            out.append(_table(child, sizes, in_script))
        elif child.tag == "BR":
            out.append("\n")
        else:
            if child.tag == "FONT" and in_script and child.get("POINT-SIZE"):
                sizes.append(float(child.get("POINT-SIZE", "0")))
            out.append(_text(child, sizes, in_script))
        out.append(child.tail or "")
    return "".join(out)


def _grid(table: ET.Element) -> list[list[ET.Element | None]]:
    """Rows of cells by column, a cell spanning rows repeated in each (``None``: nothing)."""
    rows = table.findall("TR")
    grid: list[list[ET.Element | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        col = 0
        for td in tr.findall("TD"):
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1
            span = int(td.get("ROWSPAN", "1"))
            for rr in range(r, min(r + span, len(rows))):
                while len(grid[rr]) <= col:
                    grid[rr].append(None)
                grid[rr][col] = td
            col += 1
    width = max((len(row) for row in grid), default=0)
    return [row + [None] * (width - len(row)) for row in grid]


def _is_accent_row(row: list[ET.Element | None]) -> bool:
    cells = [td for td in row if td is not None]
    texts = ["".join(td.itertext()) for td in cells]
    return bool(cells) and any(t == TILDE for t in texts) and all(t in ("", TILDE) for t in texts)


def _table(table: ET.Element, sizes: list[float], in_script: bool = False) -> str:
    grid = _grid(table)
    cells = [td for row in grid for td in row if td is not None]
    spans = any(td.get("ROWSPAN") or td.get("VALIGN") for td in cells)
    accent = len(grid) > 1 and _is_accent_row(grid[0])
    if not spans and not accent:  # lines, one per row
        return "\n".join("".join(_text(td, sizes, in_script) for td in dict.fromkeys(
            td for td in row if td is not None)) for row in grid)
    body = grid[1:] if accent else grid
    out = []
    for c in range(len(body[0])):
        top = body[0][c]
        if top is not None and (len(body) == 1 or top is body[-1][c]):  # base text
            out.append(_text(top, sizes, in_script))
            if accent and grid[0][c] is not None and "".join(grid[0][c].itertext()) == TILDE:
                out.append("~")
        else:  # a script column: superscript above, subscript below
            sup = _text(top, sizes, True) if top is not None else ""
            bottom = body[-1][c]
            sub = _text(bottom, sizes, True) if bottom is not None else ""
            out.append((f"^{{{sup}}}" if sup else "") + (f"_{{{sub}}}" if sub else ""))
    return "".join(out)


def read_label(label: str) -> Reading:
    """The markup a label displays (see the module docstring)."""
    sizes: list[float] = []
    markup = _text(_parse(label), sizes)
    return Reading(markup, sizes)
