"""Incentive marks on a node: one thick dashed ring in the most telling kind's colour, and
small filled badges naming the kinds.

Graphviz draws every periphery of a node in one colour, so a node with several kinds keeps
one ring (as wide as a single kind's) and always gets badges: they carry the meaning as
text, in black or white on the kind's colour, whichever contrasts more.

Examples
--------
>>> from cid.drawing.theme import Theme
>>> ring_attributes(["response_incentive"], Theme())["color"]
'#009E73'
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from cid.drawing.colors import text_color_on
from cid.drawing.kinds import SHORT_NAMES
from cid.drawing.labels import escape_text
from cid.drawing.theme import Theme

__all__ = ["badge", "badge_html", "ring_attributes", "shows_badges"]


def ring_attributes(kinds: Sequence[str], theme: Theme) -> dict[str, str]:
    """Graphviz attributes of a node marked with ``kinds``: one thick dashed ring.

    The ring takes the colour of the kind that comes first in ``theme.ring_priority``
    (instrumental control first: it is the rarest and most telling). Graphviz draws every
    periphery of a node in one colour, so concentric rings could only count the kinds, and
    they thin the line, merge at box corners and hatch the edges that leave them: a node
    with several kinds keeps one ring of full width, and its badges name every kind.

    >>> ring_attributes(["value_of_information"], Theme())
    {'style': 'dashed', 'color': '#0072B2', 'penwidth': '3'}
    >>> ring_attributes(["value_of_control", "instrumental_control_incentive"], Theme())["color"]
    '#D55E00'
    """
    if not kinds:
        return {}
    ranked = sorted(kinds, key=lambda k: theme.ring_priority.index(k))
    return {
        "style": "dashed",
        "color": theme.incentive_colors[ranked[0]],
        "penwidth": f"{theme.incentive_penwidth:g}",
    }


def shows_badges(kinds: Sequence[str], theme: Theme) -> bool:
    """Whether a node marked with ``kinds`` gets badges: per ``theme.badges``, and always
    when there are several kinds (the ring shows only one colour).

    >>> shows_badges(["value_of_information"], Theme(badges="never"))
    False
    >>> shows_badges(["value_of_information", "value_of_control"], Theme(badges="never"))
    True
    """
    if not kinds:
        return False
    return len(kinds) > 1 or theme.badges == "always"


def badge(kind: str, theme: Theme) -> str:
    """One badge: the kind's short name in bold, on a cell filled with the kind's colour, in
    black or white, whichever contrasts more (at least 4.5:1 for the default colours).

    The cell has a fixed size, room for the name in a wide bold font: Graphviz stretches a
    table to a wider label above it, and a stretched cell would fill with colour.

    >>> badge("value_of_control", Theme())  # doctest: +NORMALIZE_WHITESPACE
    '<TD BGCOLOR="#E69F00" FIXEDSIZE="TRUE" WIDTH="25" HEIGHT="13"><FONT POINT-SIZE="9"
    COLOR="#000000"><B>VoC</B></FONT></TD>'
    """
    color = theme.incentive_colors[kind]
    text = text_color_on(color) if color.startswith("#") and len(color) == 7 else "#000000"
    name = SHORT_NAMES[kind]
    size = theme.badge_fontsize
    width = math.ceil(0.75 * size * len(name)) + 4  # bold DejaVu Serif "VoC": 2.15 em
    height = math.ceil(size * 1.2) + 2
    return (f'<TD BGCOLOR="{html.escape(color, quote=True)}" FIXEDSIZE="TRUE" WIDTH="{width}" '
            f'HEIGHT="{height}"><FONT POINT-SIZE="{size:g}" COLOR="{text}"><B>{name}</B>'
            "</FONT></TD>")


def badge_html(kinds: Sequence[str], theme: Theme, *, agents: Sequence[str] = ()) -> str:
    """The HTML-like fragment naming the kinds (filled badges) and agents ("" if none).

    :func:`cid.render` writes it as an extra line inside the node's label, so a badge can
    never be mistaken for a neighbour's.

    >>> html = badge_html(["value_of_information", "response_incentive"], Theme())
    >>> print(html.replace("<TD", "\\n<TD").replace("><FONT", ">\\n  <FONT"))
    <TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>
    <TD></TD>
    <TD BGCOLOR="#0072B2" FIXEDSIZE="TRUE" WIDTH="25" HEIGHT="13">
      <FONT POINT-SIZE="9" COLOR="#FFFFFF"><B>VoI</B></FONT></TD>
    <TD BGCOLOR="#009E73" FIXEDSIZE="TRUE" WIDTH="18" HEIGHT="13">
      <FONT POINT-SIZE="9" COLOR="#000000"><B>RI</B></FONT></TD>
    <TD></TD></TR></TABLE>
    >>> badge_html(["value_of_control"], Theme(badges="multiple"))
    ''
    """
    size = f"{theme.badge_fontsize:g}"
    lines = []
    if agents:
        names = escape_text(", ".join(agents))
        lines.append(f'<FONT POINT-SIZE="{size}" COLOR="#555555"><I>{names}</I></FONT>')
    if shows_badges(kinds, theme):
        per_row = max(1, theme.badges_per_row)
        rows = [kinds[i:i + per_row] for i in range(0, len(kinds), per_row)]
        # empty ends take some of the stretch
        body = "".join(f"<TR><TD></TD>{''.join(badge(k, theme) for k in row)}<TD></TD></TR>"
                       for row in rows)
        lines.append('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
                     f"{body}</TABLE>")
    if len(lines) == 2:  # text and a table cannot share a cell
        return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
                + "".join(f"<TR><TD>{line}</TD></TR>" for line in lines) + "</TABLE>")
    return lines[0] if lines else ""
