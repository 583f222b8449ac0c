r"""Escaping user text for the text formats the drawing writes: XML/HTML and LaTeX/TikZ.

Every name or label that goes into SVG, HTML-like Graphviz labels, LaTeX captions or TikZ
passes through one of these functions, so that no text is ever read as markup or as a
command. Control characters are dropped first (:func:`clean_text`).

Examples
--------
>>> xml_text('<script>&"')
'&lt;script&gt;&amp;&quot;'
>>> print(latex_text("a_b & 50% #1 $x$ {y} \\ ~"))
a\_b \& 50\% \#1 \$x\$ \{y\} \textbackslash{} \textasciitilde{}
>>> tikz_name("S_1&2")
'S-5f-1-26-2'
"""

from __future__ import annotations

import html
import unicodedata

__all__ = ["clean_text", "latex_math", "latex_text", "tikz_name", "xml_text"]

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
