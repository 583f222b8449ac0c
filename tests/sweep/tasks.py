"""Module-level tasks for the sweep tests (they must pickle to worker processes)."""

from __future__ import annotations

from typing import Any


def square_or_fail(x: int) -> dict[str, Any]:
    """A row with the square of ``x``; raises on 3."""
    if x == 3:
        raise ValueError("three is bad luck")
    return {"square": x * x}
