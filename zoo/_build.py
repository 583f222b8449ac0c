"""Small helpers shared by the zoo's time-indexed builders."""

from __future__ import annotations

from collections.abc import Iterable

from cid.errors import DiagramError
from cid.model import Diagram

__all__ = ["check_horizon", "without_nodes"]


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
