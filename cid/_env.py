"""Limits that the environment may raise: one reading of ``NAME=N`` for every limit.

>>> positive_int("CID_SOME_UNSET_LIMIT", 10)
10
"""

from __future__ import annotations

import os

__all__ = ["positive_int"]


def positive_int(name: str, default: int) -> int:
    """The positive integer in the environment variable ``name``, else ``default``.

    Raises
    ------
    ValueError
        The variable is set but is not a positive integer (the message names it and its value;
        callers re-raise it as their own ``CIDError``).
    """
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"{name}={raw!r} is not a positive integer")
    return value
