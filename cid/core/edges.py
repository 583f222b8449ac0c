"""The edge language: ``(parent, child)`` pairs and edge-chain strings.

An edge is a pair of node names, ``("U", "V")`` or ``["U", "V"]``, or an edge-chain string:
``"A -> B -> C"`` gives ``A -> B`` and ``B -> C``, and a comma group ``"A, B -> C"`` links
every node on the left to every node on the right. Lists of these may be nested.

Examples
--------
>>> parse_edges("S1 -> S2 -> R2", ("A1", "S2"), ["X", "Z"])
[('S1', 'S2'), ('S2', 'R2'), ('A1', 'S2'), ('X', 'Z')]
>>> import cid
>>> try:
...     parse_edges(("X", "Y", "Z"))
... except cid.CIDError as err:
...     print(err)
cannot read edge ('X', 'Y', 'Z'): an edge is a pair (u, v) or a chain string 'A -> B'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cid.errors import CIDTypeError, DiagramError

__all__ = ["EdgeLike", "parse_edges"]

EdgeLike = str | tuple[str, str] | Sequence[str]
"""An edge ``("U", "V")`` (or ``["U", "V"]``) or an edge-chain string ``"A, B -> C -> D"``."""

_PAIR_HINT = "an edge is a pair (u, v) or a chain string 'A -> B'"


def _parse_chain(chain: str) -> list[tuple[str, str]]:
    groups = [[n.strip() for n in part.split(",")] for part in chain.split("->")]
    if len(groups) < 2 or any(not n for g in groups for n in g):
        raise DiagramError(
            f"cannot read edge chain {chain!r}: write 'A -> B -> C' (commas for groups: "
            "'A, B -> C')",
            code="cid_invalid_edge",
        )
    return [(u, v) for left, right in zip(groups, groups[1:], strict=False)
            for u in left for v in right]


def _is_flat(item: Sequence[object]) -> bool:
    """Whether ``item`` holds node names (or other scalars) rather than chains or edges."""
    return all(not isinstance(x, (list, tuple)) and not (isinstance(x, str) and "->" in x)
               for x in item)


def parse_edges(*items: object) -> list[tuple[str, str]]:
    """Expand edge pairs and edge-chain strings into a list of ``(parent, child)`` pairs.

    Parameters
    ----------
    *items : edge, chain string, or iterable of these
        ``("U", "V")`` or ``["U", "V"]``, ``"A -> B -> C"``, ``"A, B -> C"``; iterables are
        expanded (a list holding only chain strings and pairs is a list of edges).

    Returns
    -------
    list of (str, str)
        The edges in the order given (repeats are kept: the diagram ignores them).

    Raises
    ------
    DiagramError
        A chain string cannot be read (:class:`~cid.CIDTypeError` for an item that is neither
        a pair of names, a chain, nor a list of them).

    Examples
    --------
    >>> parse_edges("X, Y -> Z")
    [('X', 'Z'), ('Y', 'Z')]
    """
    pairs: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            pairs.extend(_parse_chain(item))
        elif isinstance(item, (list, tuple)) and item and _is_flat(item):
            if len(item) != 2:
                raise CIDTypeError(f"cannot read edge {item!r}: {_PAIR_HINT}",
                                   code="cid_invalid_edge")
            u, v = item
            if not isinstance(u, str) or not isinstance(v, str):
                raise CIDTypeError(f"cannot read edge {item!r}: node names are strings",
                                   code="cid_invalid_edge")
            pairs.append((u, v))
        elif isinstance(item, Iterable) and not isinstance(item, (bytes, Mapping)):
            pairs.extend(parse_edges(*item))
        else:
            raise CIDTypeError(f"cannot read edge {item!r}: {_PAIR_HINT}",
                               code="cid_invalid_edge")
    return pairs
