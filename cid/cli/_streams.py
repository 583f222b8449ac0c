"""The ``cid`` command's standard streams: UTF-8 whatever the locale, warnings on one line.

Output to a pipe or a file is written as UTF-8 whatever ``LC_ALL`` or ``PYTHONIOENCODING``
say, so ``cid analyze ... > report.txt`` always gives the same bytes. A terminal whose
encoding cannot show a character (an ASCII-only console) gets an ASCII stand-in instead
(``→`` becomes ``->``, ``Θ`` becomes ``Theta``), never a ``UnicodeEncodeError``.

Examples
--------
>>> "Θ → ✓".encode("ascii", errors=ASCII_FALLBACK)
b'Theta -> ok'
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["ASCII_FALLBACK", "configure_streams", "one_line_warnings"]

ASCII_FALLBACK = "cid-ascii"

_STAND_INS = {
    "→": "->", "←": "<-", "↔": "<->", "⇝": "~>", "…": "...", "✓": "ok", "✗": "x",
    "×": "x", "·": ".", "—": "--", "–": "-", "≤": "<=", "≥": ">=", "≠": "!=", "∈": "in",
    "∉": "not in", "∅": "{}", "‘": "'", "’": "'", "“": '"', "”": '"', "\ufeff": "",
}


def _stand_in(char: str) -> str:
    if char in _STAND_INS:
        return _STAND_INS[char]
    name = unicodedata.name(char, "")
    if name.startswith(("GREEK CAPITAL LETTER ", "GREEK SMALL LETTER ")):
        word = name.split(" LETTER ", 1)[1].split()[0].lower()
        word = "lambda" if word == "lamda" else word  # Unicode spells it without the b
        return word.capitalize() if "CAPITAL" in name else word
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _ascii_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    bad = err.object[err.start:err.end]
    return "".join(_stand_in(c) for c in bad), err.end


codecs.register_error(ASCII_FALLBACK, _ascii_fallback)


def _can_encode_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "Θ→…✓".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _configure(stream: TextIO) -> None:
    if _can_encode_unicode(stream):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    try:
        if interactive:  # the terminal really cannot show it: ASCII stand-ins
            reconfigure(errors=ASCII_FALLBACK)
        else:  # a pipe or a file: UTF-8 bytes, whatever the locale says
            reconfigure(encoding="utf-8", errors=ASCII_FALLBACK)
    except (ValueError, OSError, LookupError):  # a stream that cannot change encoding
        pass


def configure_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write UTF-8 (pipes, files) or ASCII stand-ins
    (terminals that cannot encode), so no output ever raises ``UnicodeEncodeError``."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            _configure(stream)


@contextmanager
def one_line_warnings(command: str) -> Iterator[None]:
    """Print every warning raised in the body as one line ``COMMAND: warning: MESSAGE`` on
    standard error (not Python's two-line format with a source line)."""

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        text = " ".join(str(message).split())
        print(f"{command}: warning: {text}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show
        yield
