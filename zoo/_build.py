"""Small helpers shared by the zoo's time-indexed builders."""

from __future__ import annotations

from collections.abc import Iterable

from cid.errors import DiagramError
from cid.model import Diagram

__all__ = ["MAX_HORIZON", "check_horizon", "without_nodes"]

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


def without_nodes(diagram: Diagram, drop: Iterable[str]) -> Diagram:
    """A copy of ``diagram`` without the nodes ``drop`` and their edges (parent order kept).

    >>> from cid import Diagram
    >>> d = Diagram.from_edges(["X -> Y -> Z", "X -> Z"])
    >>> without_nodes(d, ["Y"]).edge_list
    (('X', 'Z'),)
    """
    gone = set(drop)
    for n in gone:
        diagram[n]  # NodeNotFoundError naming it
    return Diagram(
        diagram.name,
        description=diagram.description,
        nodes=[diagram[n] for n in diagram.nodes if n not in gone],
        edges=[(u, v) for u, v in diagram.edge_list if u not in gone and v not in gone],
    )
