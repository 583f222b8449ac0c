"""Names in a diagram: the one identifier rule, and close-match suggestions.

A node name is an identifier (``^[A-Za-z_][A-Za-z0-9_]*$``): display text goes in the node's
``label``. Every reader of names (the builder, ``from_edges``, the JSON spec, twin networks)
checks them here, and every "unknown name" message suggests close matches the same way.

Examples
--------
>>> check_identifier("ThetaR2")
'ThetaR2'
>>> did_you_mean("Desicion", ["Decision", "Utility"])
"; did you mean 'Decision'?"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Final

from cid.errors import CIDTypeError, DiagramError

__all__ = ["IDENTIFIER_PATTERN", "check_identifier", "close_matches", "did_you_mean",
           "is_identifier"]

IDENTIFIER_PATTERN: Final = r"^[A-Za-z_][A-Za-z0-9_]*$"
"""The rule for node names (also the ``pattern`` of the JSON Schema)."""

_IDENTIFIER = re.compile(IDENTIFIER_PATTERN)


def is_identifier(name: object) -> bool:
    """Whether ``name`` is a valid node name.

    >>> is_identifier("S1"), is_identifier("1S"), is_identifier("Θ")
    (True, False, False)
    """
    return isinstance(name, str) and _IDENTIFIER.match(name) is not None


def identifier_message(name: object, *, what: str = "node name") -> str:
    """The one message for a name that is not an identifier."""
    return (f"invalid {what} {name!r}: names are identifiers (letters, digits, '_', not "
            "starting with a digit); put display text in 'label'")


def check_identifier(name: object, *, what: str = "node name") -> str:
    """Return ``name`` if it is an identifier (:data:`IDENTIFIER_PATTERN`), else raise.

    Raises
    ------
    DiagramError
        ``name`` is a string but not an identifier (:class:`~cid.CIDTypeError` if it is not
        a string at all).

    Examples
    --------
    >>> check_identifier("ThetaR2")
    'ThetaR2'
    """
    if not is_identifier(name):
        error = DiagramError if isinstance(name, str) else CIDTypeError
        raise error(identifier_message(name, what=what), code="cid_invalid_name")
    assert isinstance(name, str)
    return name


def close_matches(name: object, candidates: Iterable[str], *, n: int = 3) -> list[str]:
    """Up to ``n`` of ``candidates`` that look like ``name`` (best first; see :mod:`difflib`).

    >>> close_matches("S_1", ["S1", "S2", "U"])
    ['S1']
    """
    return difflib.get_close_matches(str(name), list(candidates), n=n, cutoff=0.6)


def did_you_mean(name: object, candidates: Iterable[str]) -> str:
    """``"; did you mean 'A' or 'B'?"`` for the close matches of ``name``, or ``""``.

    >>> did_you_mean("X", ["Y"])
    ''
    """
    close = close_matches(name, candidates)
    return f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
