"""Node labels in the papers' notation, turned into Graphviz HTML-like labels.

A label is plain text with a little markup, close to LaTeX:

- ``^`` starts a superscript and ``_`` a subscript. The script is a braced group
  (``R_{t+1}``), else the run of letters and digits that follows (``S_10``, ``A_cf``), else
  the one next character (``Θ^*``). So ``Θ^R_2`` is Θ with superscript R and subscript 2,
  drawn small (68 % of the text size) and stacked, R above 2 (see :mod:`cid.drawing.typeset`).
- ``\\theta``, ``\\Theta``, ... give Greek letters; ``\\^``, ``\\_``, ``\\{``, ``\\}``, ``\\\\``
  give the characters themselves. Any other backslash is kept as it is.
- A newline starts a new line.

Everything else is text, escaped for Graphviz (quotes, ``<``, ``&``, any Unicode). Control
characters other than newline and tab are dropped (they are not allowed in Graphviz labels).
Node *names* are shown verbatim (``markup=False``): only ``label`` text is read as markup.

Examples
--------
>>> [s.role for s in parse_label("Θ^R_2")]
['text', 'sup', 'sub']
>>> html_label('a < b & "c"')
'<a &lt; b &amp; &quot;c&quot;>'
>>> html_label("R_1", markup=False)
'<R_1>'
>>> "<TABLE" in html_label("R_1")  # scripts are laid out in a small table
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from cid.escape import clean_text, xml_text

__all__ = [
    "Segment",
    "clean_text",
    "escape_text",
    "html_fragment",
    "html_label",
    "label_width",
    "parse_label",
    "plain_text",
]

Role = Literal["text", "sup", "sub", "br"]


@dataclass(frozen=True)
class Segment:
    """A piece of a parsed label: text, a line break, or a script holding its own pieces."""

    role: Role
    text: str = ""
    children: tuple[Segment, ...] = ()


Parsed = tuple[Segment, ...]
_LITERAL_AFTER_BACKSLASH = "\\^_{}"
_SCRIPT_WEIGHT = 0.68  # cid.drawing.typeset.SCRIPT_SCALE (not imported: it imports us)
_GREEK_ALIASES = {"lambda": "lamda", "Lambda": "Lamda"}


def escape_text(text: str) -> str:
    """Plain text (no markup) escaped for use inside an HTML-like label.

    >>> escape_text("a<b\x07")
    'a&lt;b'
    """
    return xml_text(text).replace("\n", "<BR/>")


def _greek(name: str) -> str | None:
    name = _GREEK_ALIASES.get(name, name)
    case = "CAPITAL" if name[0].isupper() else "SMALL"
    try:
        return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
    except KeyError:
        return None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def parse(self, stop: str | None = None) -> Parsed:
        """Parse up to ``stop`` (a closing brace) or the end."""
        pieces: list[Segment] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                pieces.append(Segment("text", "".join(buf)))
                buf.clear()

        text = self.text
        depth = 0
        while self.i < len(text):
            ch = text[self.i]
            if stop is not None and ch == stop and depth == 0:
                self.i += 1
                flush()
                return tuple(pieces)
            self.i += 1
            if stop is not None and ch == "{":
                depth += 1
                buf.append(ch)
            elif stop is not None and ch == "}":
                depth -= 1
                buf.append(ch)
            elif ch == "\\":
                buf.append(self._escape())
            elif ch in "^_" and self.i < len(text):
                flush()
                pieces.append(Segment("sup" if ch == "^" else "sub", children=self._script()))
            elif ch == "\n":
                flush()
                pieces.append(Segment("br"))
            else:
                buf.append(ch)
        flush()
        return tuple(pieces)

    def _escape(self) -> str:
        text, i = self.text, self.i
        if i < len(text) and text[i] in _LITERAL_AFTER_BACKSLASH:
            self.i += 1
            return text[i]
        j = i
        while j < len(text) and text[j].isascii() and text[j].isalpha():
            j += 1
        letter = _greek(text[i:j]) if j > i else None
        if letter is None:
            return "\\"
        self.i = j
        return letter

    def _script(self) -> Parsed:
        text, i = self.text, self.i
        if text[i] == "{":
            self.i += 1
            return self.parse(stop="}")
        if text[i] == "\\":
            self.i += 1
            return (Segment("text", self._escape()),)
        j = i
        while j < len(text) and text[j].isalnum():
            j += 1
        j = max(j, i + 1)
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1  # keep combining marks with their letter
        self.i = j
        return (Segment("text", text[i:j]),)


def parse_label(text: str, *, markup: bool = True) -> Parsed:
    """Split label text into :class:`Segment` pieces (see the module docstring).

    >>> [s.role for s in parse_label("Θ^R_2")]
    ['text', 'sup', 'sub']
    """
    text = clean_text(text)
    if not markup:
        lines = text.split("\n")
        pieces: list[Segment] = []
        for k, line in enumerate(lines):
            if k:
                pieces.append(Segment("br"))
            if line:
                pieces.append(Segment("text", line))
        return tuple(pieces)
    return _Parser(text).parse()


def _mark_position(text: str) -> int | None:
    """Where a combining mark goes in ``text``: after the first letter or digit (and its own
    marks), else after the first visible character; ``None`` if there is none."""
    visible = [i for i, ch in enumerate(text) if not ch.isspace() and not unicodedata.combining(ch)]
    if not visible:
        return None
    start = next((i for i in visible if text[i].isalnum()), visible[0])
    j = start + 1
    while j < len(text) and unicodedata.combining(text[j]):
        j += 1
    return j


def _with_mark(pieces: Parsed, mark: str) -> Parsed:
    """Put ``mark`` over the first letter (combining mark) or before the label.

    A combining mark goes over the first top-level letter or digit (``_x`` gets it on the
    x), else over the first visible character; with nothing to sit on it becomes a ``~``
    prefix. The mark is idempotent: a label that already carries it (``S̃_3``, ``~S``) is
    left as it is.
    """
    shown = (seg.text.lstrip() for seg in pieces if seg.role == "text" and seg.text.strip())
    first = next(shown, "")
    if mark and (first.startswith(mark) or (unicodedata.combining(mark[0]) and mark in first[1:3])):
        return pieces
    if mark and unicodedata.combining(mark[0]):
        texts = [k for k, seg in enumerate(pieces) if seg.role == "text"]
        with_letter = [k for k in texts if any(ch.isalnum() for ch in pieces[k].text)]
        for k in with_letter + [k for k in texts if k not in with_letter]:
            seg = pieces[k]
            j = _mark_position(seg.text)
            if j is not None:
                marked = Segment("text", seg.text[:j] + mark + seg.text[j:])
                return pieces[:k] + (marked,) + pieces[k + 1 :]
        mark = "~"  # nothing to sit on: a lone combining mark would float
    return (Segment("text", mark), *pieces) if mark else pieces


def html_fragment(
    text: str,
    *,
    markup: bool = True,
    mark: str | None = None,
    size: float = 14.0,
    scale: float = _SCRIPT_WEIGHT,
) -> str:
    """The inner HTML of :func:`html_label` (no outer ``<>``), to put inside a table cell.

    >>> html_fragment("x & y")
    'x &amp; y'
    """
    from cid.drawing.typeset import typeset  # typeset builds on this module

    pieces = parse_label(text, markup=markup)
    if mark:
        pieces = _with_mark(pieces, clean_text(mark))
    return typeset(pieces, size=size, scale=scale)


def html_label(
    text: str,
    *,
    markup: bool = True,
    mark: str | None = None,
    size: float = 14.0,
    scale: float = _SCRIPT_WEIGHT,
) -> str:
    """The Graphviz HTML-like label (``<...>``) for ``text``.

    Parameters
    ----------
    text : str
        Label text (with markup) or a node name (``markup=False``).
    markup : bool
        Read ``^``, ``_``, ``\\`` and braces as markup; otherwise show the text verbatim.
    mark : str, optional
        A combining character to put over the first letter (a tilde, U+0303, for
        counterfactual copies: drawn as a small ``∼`` above it), or a prefix.
    size : float
        The font size of the element the label goes in.
    scale : float
        Script size relative to the text it belongs to (default 0.68).

    Returns
    -------
    str
        A string that the ``graphviz`` package writes unquoted, as an HTML-like label.

    Examples
    --------
    >>> html_label("a_1") == f"<{html_fragment('a_1')}>"
    True
    """
    return f"<{html_fragment(text, markup=markup, mark=mark, size=size, scale=scale)}>"


def _plain(pieces: Parsed) -> str:
    return "".join(
        seg.text if seg.role == "text" else "\n" if seg.role == "br" else _plain(seg.children)
        for seg in pieces
    )


def plain_text(text: str, *, markup: bool = True) -> str:
    """The visible characters of a label, without markup.

    >>> plain_text("Θ^R_2")
    'ΘR2'
    """
    return _plain(parse_label(text, markup=markup))


def _width(pieces: Parsed, size: float, scale: float) -> list[float]:
    lines = [0.0]
    stacked: tuple[str, float] | None = None  # the script column being filled: (role, width)
    for seg in pieces:
        if seg.role == "br":
            lines.append(0.0)
            stacked = None
        elif seg.role == "text":
            lines[-1] += size * sum(1 for ch in seg.text if not unicodedata.combining(ch))
            stacked = None
        else:
            inner = _width(seg.children, size * scale, scale)
            if stacked is not None and stacked[0] != seg.role:  # sub under sup, or sup over sub
                lines[-1] += max(0.0, inner[0] - stacked[1])
                stacked = None
            else:
                lines[-1] += inner[0]
                stacked = (seg.role, inner[0])
            lines.extend(inner[1:])
    return lines


def label_width(text: str, *, markup: bool = True, scale: float = _SCRIPT_WEIGHT) -> float:
    """The width of the widest line in characters.

    A script counts 0.68 of a character per character, and a superscript and subscript
    stacked on one base take the room of the wider of the two.

    >>> label_width("Θ^R_2"), label_width("R^{PM}_1")
    (1.68, 2.36)
    """
    return round(max(_width(parse_label(text, markup=markup), 1.0, scale)), 6)

