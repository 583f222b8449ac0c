"""Small helpers shared by the zoo's time-indexed builders."""

from __future__ import annotations

from cid.errors import DiagramError

__all__ = ["check_horizon"]


def check_horizon(entry: str, horizon: object, *, minimum: int = 2) -> int:
    """Return ``horizon`` if it is an integer >= ``minimum``; else raise a DiagramError.

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
    return horizon
