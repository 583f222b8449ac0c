"""Escaping text for HTML, Markdown, XML, LaTeX and TikZ output: the one place it is done.

Text that comes from a user (a diagram's name, a node's label or description, an error
message quoting them) is shown in Jupyter's ``text/html`` and ``text/markdown`` outputs, in
SVG files and in reports. Every layer that writes such output escapes the user's text with
these functions, so that a label like ``<img src=x onerror=alert(1)>`` is shown as text and
never interpreted.

* :func:`escape_html` — for HTML text and attribute values (``&``, ``<``, ``>``, quotes).
* :func:`escape_markdown` — for inline Markdown: HTML-escaped, and every Markdown
  punctuation character backslash-escaped, so the text is shown exactly as written.
* :func:`escape_xml_text` — for XML (SVG) text and attribute values: as :func:`escape_html`,
  and the characters XML 1.0 cannot hold (NUL and the other C0 controls but tab, line feed
  and carriage return, lone surrogates, U+FFFE and U+FFFF) written as visible escapes
  (``\\x00``), so the document stays well formed.
* :func:`html_preformatted` — a block of preformatted text (DOT source, a listing) for
  HTML or Markdown output: ``<pre>`` with the text HTML-escaped.
* :func:`xml_text` — for the drawing's SVG and Graphviz HTML-like labels: control
  characters dropped (:func:`clean_text`), then HTML-escaped.
* :func:`latex_text`, :func:`latex_math`, :func:`tikz_name` — for LaTeX captions and TikZ
  pictures: every special character written as a command, never read as one.

Examples
--------
>>> escape_html('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> escape_markdown("*not bold* <b>")
'\\\\*not bold\\\\* &lt;b&gt;'
>>> escape_xml_text("a\\x00b & c")
'a\\\\x00b &amp; c'
>>> tikz_name("S_1&2")
'S-5f-1-26-2'
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from typing import Final

__all__ = ["clean_text", "escape_html", "escape_markdown", "escape_xml_text", "html_preformatted",
           "latex_math", "latex_text", "tikz_name", "xml_text"]

_MARKDOWN_SPECIAL: Final = frozenset(string.punctuation) - set("&<>\"'")
"""ASCII punctuation that Markdown may interpret (CommonMark lets any of it be
backslash-escaped); ``& < > " '`` are written as HTML character references instead."""

_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters XML 1.0 cannot hold (its ``Char`` production, complemented)."""


_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (but tab, line feed and carriage return), which Markdown cannot show:
written as U+FFFD, as CommonMark does with NUL and with references to them."""


def _visible(match: re.Match[str]) -> str:
    """``'\\x00'``, ``'\\ud800'``: the escape Python's ``repr`` would show, without quotes."""
    return repr(match.group())[1:-1]


def escape_html(text: str, *, quote: bool = True) -> str:
    """``text`` as HTML text: ``&``, ``<``, ``>`` (and, with ``quote``, ``"`` and ``'``)
    written as character references (see :func:`html.escape`).

    Examples
    --------
    >>> escape_html("a < b & 'c'")
    'a &lt; b &amp; &#x27;c&#x27;'
    """
    return html.escape(text, quote=quote)


def escape_markdown(text: str) -> str:
    """``text`` as inline Markdown, shown exactly as written and never interpreted.

    Markdown punctuation is backslash-escaped, ``& < > " '`` become HTML character
    references (so no HTML tag survives), line breaks become spaces (inline text stays on
    one line: a line break could start a heading, a list or a code block), leading and
    trailing white space becomes character references (kept, and never an indented code
    block), and control characters become U+FFFD (as CommonMark shows NUL).

    Examples
    --------
    >>> print(escape_markdown("[link](x) # _a_ <b>"))
    \\[link\\]\\(x\\) \\# \\_a\\_ &lt;b&gt;
    """
    one_line = _CONTROL.sub("\ufffd", " ".join(text.splitlines()))
    marked = html.escape("".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in one_line))
    core = marked.strip()
    if not core:
        return _references(marked)
    start = marked.index(core)
    return _references(marked[:start]) + core + _references(marked[start + len(core):])


def _references(spaces: str) -> str:
    """Leading or trailing white space as character references, which Markdown keeps (and
    does not read as an indented code block)."""
    return "".join(f"&#{ord(c)};" for c in spaces)


def escape_xml_text(text: str, *, quote: bool = True) -> str:
    """``text`` for an XML text node or attribute value: escaped as by :func:`escape_html`,
    and each character that XML 1.0 cannot hold written as its visible escape (``\\x1b``).

    Examples
    --------
    >>> escape_xml_text("ESC\\x1b<")
    'ESC\\\\x1b&lt;'
    """
    return html.escape(_NOT_XML.sub(_visible, text), quote=quote)


def html_preformatted(text: str) -> str:
    """A ``<pre>`` block holding ``text`` exactly, for HTML or Markdown output.

    In Markdown this is an HTML block: nothing inside it is read as Markdown, and no text
    can end it early (its ``<`` are escaped).

    Examples
    --------
    >>> html_preformatted("digraph { a -> b }")
    '<pre>digraph { a -&gt; b }</pre>'
    """
    return f"<pre>{escape_xml_text(text, quote=False)}</pre>"


# ------------------------------------------------------------------ the drawing's formats
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def clean_text(text: str) -> str:
    """Normalise line ends and tabs, drop control characters and lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            continue
        else:
            out.append(ch)
    return "".join(out)


def xml_text(text: str) -> str:
    """``text`` escaped for XML/HTML content or a quoted attribute value."""
    return html.escape(clean_text(text), quote=True)


def latex_text(text: str) -> str:
    """``text`` escaped for LaTeX text mode: every special character is printed, none is a
    command. Newlines become spaces."""
    return "".join(_LATEX.get(ch, ch) for ch in clean_text(text).replace("\n", " "))


_MATH = {**_LATEX, "\\": r"\backslash{}", "~": r"\sim{}", "^": r"\hat{}", " ": r"\ ",
         "<": "<", ">": ">", "|": "|"}
_ACCENTS = {"\u0302": "hat", "\u0303": "tilde", "\u0304": "bar", "\u0307": "dot",
            "\u0308": "ddot", "\u20d7": "vec"}


def _math_char(ch: str) -> str:
    if ch.isascii():
        return _MATH.get(ch, ch)
    name = unicodedata.name(ch, "")
    if name.startswith("GREEK ") and " LETTER " in name:
        word = name.rsplit(" ", 1)[-1].lower().replace("lamda", "lambda")
        if name.startswith("GREEK CAPITAL"):
            word = word.capitalize()
        if word.lower() not in ("alpha", "beta", "epsilon", "zeta", "eta", "iota", "kappa",
                                "mu", "nu", "omicron", "rho", "tau", "chi") or word.islower():
            return f"\\{word} " if word.lower() != "omicron" else "o"
        return word[0]  # capital Alpha, Beta, ... are Latin letters in LaTeX
    if ch == "\u2217":
        return "*"
    return r"\mbox{" + latex_text(ch) + "}"


def latex_math(text: str) -> str:
    r"""``text`` for LaTeX math mode: Greek letters as commands (``Θ`` -> ``\Theta``),
    combining accents as ``\hat{}``/``\tilde{}``, special characters escaped, spaces
    kept.

    >>> print(latex_math("Θ̂ & x_1%"))
    \hat{\Theta }\ \&\ x\_1\%
    """
    out: list[str] = []
    for ch in clean_text(text).replace("\n", " "):
        accent = _ACCENTS.get(ch)
        if accent is not None and out:
            out[-1] = f"\\{accent}{{{out[-1]}}}"
        elif not unicodedata.combining(ch):
            out.append(_math_char(ch))
    return "".join(out)


def tikz_name(name: str) -> str:
    """A TikZ node name for a diagram node: letters and digits kept, every other character
    written as its hexadecimal code between ``-`` signs, so names stay distinct and safe in
    ``(name)`` references (TikZ reserves ``.``, ``,``, ``:``, parentheses and more)."""
    return "".join(ch if ch.isascii() and ch.isalnum() else f"-{ord(ch):x}-" for ch in name)
