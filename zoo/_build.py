"""Small helpers shared by the zoo's time-indexed builders."""

from __future__ import annotations

from cid.errors import DiagramError

__all__ = ["MAX_HORIZON", "check_horizon"]

MAX_HORIZON = 10_000
"""The largest horizon a zoo entry builds: beyond it a diagram has tens of thousands of nodes
and its analysis output no longer fits a terminal or a page."""


def check_horizon(entry: str, horizon: object, *, minimum: int = 2) -> int:
    """Return ``horizon`` if it is an integer in ``minimum`` .. :data:`MAX_HORIZON`; else raise
    a DiagramError (before anything is built).

    The horizon is the number of time steps, i.e. of states ``S_1 ... S_m``; there is one
    action fewer (the last state is only rewarded).

    >>> check_horizon("mdp", 3)
    3
    """
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < minimum:
        raise DiagramError(
            f"zoo entry {entry!r}: horizon must be an integer >= {minimum}, got {horizon!r}",
            code="cid_invalid_argument",
        )
    if horizon > MAX_HORIZON:
        raise DiagramError(
            f"zoo entry {entry!r}: horizon {horizon} is above the zoo's limit of {MAX_HORIZON} "
            "(build larger diagrams with cid.Diagram.from_edges)", code="cid_invalid_argument")
    return horizon
