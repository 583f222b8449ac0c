"""Typesetting parsed labels as Graphviz HTML-like labels: small, stacked scripts and accents.

Graphviz's own ``<SUP>``/``<SUB>`` draw scripts at full size and one after the other, and a
combining tilde over a Greek capital falls apart in PNG output. So a label line that has
scripts or a tilde is laid out as a borderless table:

- the base text sits in cells spanning two rows; a script column to its right holds the
  superscript in the top cell and the subscript in the bottom cell (``Θ^R_2``: R above 2);
- scripts are set at ``scale`` (about 68 %) of the size of the text they belong to;
- a tilde (U+0303 after a character, as :func:`cid.drawing.labels.html_label` adds for
  twin-network copies) is drawn as its own glyph ``∼`` in a row above that character,
  lowered (``<SUB>``) so that it sits just over the letter.

Lines with neither stay plain text, so ``"Predicted grade"`` is written as it is.

Examples
--------
>>> from cid.drawing.labels import parse_label
>>> typeset(parse_label("S"), size=14)
'S'
>>> html = typeset(parse_label("Θ^R_2"), size=14)
>>> html.count("<TR>"), 'ROWSPAN="2" ALIGN="RIGHT">Θ</TD>' in html, "9.5" in html
(2, True, True)
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass

from cid.drawing.labels import Parsed, Segment

__all__ = ["ACCENTS", "SCRIPT_SCALE", "script_size", "typeset"]

SCRIPT_SCALE = 0.68
"""Size of a script relative to its base text (LaTeX's script style is 70 %)."""

ACCENTS = {"\u0303": "\u223c"}
"""Combining mark -> the glyph drawn in its place above the character (tilde -> ``∼``)."""

_ACCENT_SCALE = 0.8  # a smaller tilde is hard to see; a larger one widens its letter
_MIN_SIZE = 5.0
_LINE = 1.2  # Graphviz's line height per point of font size
_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'


def script_size(size: float, scale: float = SCRIPT_SCALE) -> float:
    """The font size of a script on text of ``size`` points (one decimal, at least 5).

    >>> script_size(14)
    9.5
    """
    return max(_MIN_SIZE, round(size * scale, 1))


def _pt(size: float) -> str:
    return f"{size:g}"


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Accented:
    char: str
    accent: str


@dataclass
class _Scripts:
    sup: Parsed | None = None
    sub: Parsed | None = None


_Column = _Text | _Accented | _Scripts


def _lines(pieces: Parsed) -> list[list[Segment]]:
    lines: list[list[Segment]] = [[]]
    for seg in pieces:
        if seg.role == "br":
            lines.append([])
        else:
            lines[-1].append(seg)
    return lines


def _split_accents(text: str) -> list[_Text | _Accented]:
    """Text runs and accented characters (a character followed by a mark of ACCENTS)."""
    out: list[_Text | _Accented] = []
    buf: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        j = i + 1
        marks = []
        while j < len(text) and unicodedata.combining(text[j]):
            marks.append(text[j])
            j += 1
        accent = next((ACCENTS[m] for m in marks if m in ACCENTS), None)
        if accent is None:
            buf.append(text[i:j])
        else:
            if buf:
                out.append(_Text("".join(buf)))
                buf.clear()
            kept = "".join(m for m in marks if m not in ACCENTS)  # other marks stay on it
            out.append(_Accented(ch + kept, accent))
        i = j
    if buf:
        out.append(_Text("".join(buf)))
    return out


def _columns(line: list[Segment]) -> list[_Column]:
    cols: list[_Column] = []
    for seg in line:
        if seg.role == "text":
            cols.extend(_split_accents(seg.text))
            continue
        last = cols[-1] if cols else None
        slot = "sup" if seg.role == "sup" else "sub"
        if isinstance(last, _Scripts) and getattr(last, slot) is None:
            setattr(last, slot, seg.children)  # x^a_b: one stacked column
        else:
            cols.append(_Scripts(**{slot: seg.children}))
    return cols


def _needs_table(cols: list[_Column]) -> bool:
    return any(not isinstance(c, _Text) for c in cols)


def _font(text: str, size: float, ambient: float) -> str:
    return text if size == ambient else f'<FONT POINT-SIZE="{_pt(size)}">{text}</FONT>'


def _line_html(line: list[Segment], size: float, ambient: float, scale: float) -> str:
    cols = _columns(line)
    if not _needs_table(cols):
        text = "".join(html.escape(c.text, quote=True) for c in cols if isinstance(c, _Text))
        return _font(text, size, ambient) if text else ""
    scripts = any(isinstance(c, _Scripts) for c in cols)
    accents = any(isinstance(c, _Accented) for c in cols)
    small = script_size(size, scale)
    slot_height = str(round(small * _LINE))
    span = ' ROWSPAN="2"' if scripts else ""
    # A table placed in a wider cell (a badge line, a longer line) is stretched, its columns
    # evenly: columns up to the pivot (the base before the first script) hug their right
    # edge and the others their left edge, so that base and script stay together.
    first = next((i for i, c in enumerate(cols) if isinstance(c, _Scripts)), 1)
    pivot = max(0, first - 1)
    top: list[str] = []  # the accent row
    upper: list[str] = []  # base cells and superscripts
    lower: list[str] = []  # subscripts
    for i, col in enumerate(cols):
        align = "" if len(cols) == 1 else ' ALIGN="RIGHT"' if i <= pivot else ' ALIGN="LEFT"'
        if isinstance(col, _Scripts):
            top.append("<TD></TD>")
            for slot, row, valign in ((col.sup, upper, "BOTTOM"), (col.sub, lower, "TOP")):
                inner = _fragment(slot, small, ambient, scale) if slot else ""
                row.append(f'<TD{align} VALIGN="{valign}" HEIGHT="{slot_height}">{inner}</TD>')
        elif isinstance(col, _Accented):
            accent = f"<SUB>{html.escape(col.accent)}</SUB>"
            small_accent = _font(accent, script_size(size, _ACCENT_SCALE), ambient)
            top.append(f"<TD{align}>{small_accent}</TD>")
            upper.append(f"<TD{span}{align}>{_font(html.escape(col.char), size, ambient)}</TD>")
        else:
            top.append("<TD></TD>")
            text = _font(html.escape(col.text, quote=True), size, ambient)
            upper.append(f"<TD{span}{align}>{text}</TD>")
    rows = ([top] if accents else []) + [upper] + ([lower] if scripts else [])
    return _TABLE + "".join(f"<TR>{''.join(r)}</TR>" for r in rows) + "</TABLE>"


def _fragment(pieces: Parsed, size: float, ambient: float, scale: float) -> str:
    lines = _lines(pieces)
    if not any(_needs_table(_columns(line)) for line in lines):
        return "<BR/>".join(_line_html(line, size, ambient, scale) for line in lines)
    if len(lines) == 1:
        return _line_html(lines[0], size, ambient, scale)
    return _TABLE + "".join(
        f"<TR><TD>{_line_html(line, size, ambient, scale)}</TD></TR>" for line in lines
    ) + "</TABLE>"


def typeset(pieces: Parsed, *, size: float, scale: float = SCRIPT_SCALE) -> str:
    """The inner HTML (no outer ``<>``) of parsed label ``pieces`` at ``size`` points.

    Parameters
    ----------
    pieces : tuple of Segment
        From :func:`cid.drawing.labels.parse_label`.
    size : float
        Font size of the label's text: the size the surrounding element already has, so
        base text is written without a ``FONT`` tag.
    scale : float
        Script size relative to the text it belongs to.

    Returns
    -------
    str
        Escaped text, ``<BR/>`` line breaks, ``FONT`` tags and borderless tables only.

    Examples
    --------
    >>> from cid.drawing.labels import parse_label
    >>> typeset(parse_label("a\\nb"), size=14)
    'a<BR/>b'
    >>> "\u223c" in typeset(parse_label("S\u0303"), size=14)
    True
    """
    return _fragment(pieces, size, size, scale)
