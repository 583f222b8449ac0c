"""Witnesses: the path that shows *why* a node admits an incentive.

For value of information the witness is a d-connecting **trail** from the node to one of the
decision's utility nodes, active in the minimal d-reduction of the graph with the information
link ``X -> D`` added. For the three other criteria it is a **directed path**: ``X ⇝ D`` in
the minimal d-reduction (response incentive), ``X ⇝ U`` in the minimal d-reduction (value of
control) and ``D ⇝ X ⇝ U`` in the diagram itself (instrumental control incentive).

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> w = cid.explain(d, "D", "S", "value_of_information")
>>> w.path, str(w)
(('S', 'U'), 'S → U')
>>> sorted(w.given)
['D']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import networkx as nx

from cid.incentives.kinds import IncentiveKind

__all__ = ["Witness"]


@dataclass(frozen=True)
class Witness:
    """Why ``node`` admits an incentive of ``kind`` for ``decision``.

    Attributes
    ----------
    kind : IncentiveKind
    decision : str
    node : str
    path : tuple of str
        A trail (value of information) or a directed path, as node names in order.
    edges : tuple of (str, str)
        The edges of the path with their direction in the graph (for drawing).
    graph_name : str
        Which graph the path lives in, in words.

    Notes
    -----
    :attr:`graph` (the graph the path lives in, frozen) and :attr:`given` (the conditioning
    set of a value-of-information trail) are computed on first access: for a value of
    information witness that costs one minimal d-reduction.
    """

    kind: IncentiveKind
    decision: str
    node: str
    path: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    graph_name: str
    _graph_factory: Callable[[], nx.DiGraph[Hashable]] = field(repr=False, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def is_directed(self) -> bool:
        """``True`` for a directed path, ``False`` for a trail (value of information)."""
        return self.kind is not IncentiveKind.VALUE_OF_INFORMATION

    @property
    def graph(self) -> nx.DiGraph[Hashable]:
        """The (frozen) graph in which :attr:`path` is active, or directed."""
        if "graph" not in self._cache:
            self._cache["graph"] = self._graph_factory()
        graph: nx.DiGraph[Hashable] = self._cache["graph"]
        return graph

    @property
    def given(self) -> frozenset[str]:
        """The conditioning set: ``Fa(D) \\ {X}`` in :attr:`graph` for value of information,
        empty for directed paths."""
        if not self.is_directed and "given" not in self._cache:
            g = self.graph
            self._cache["given"] = frozenset(g.predecessors(self.decision)) - {self.node} | {
                self.decision}
        return self._cache.get("given", frozenset())  # type: ignore[no-any-return]

    def __str__(self) -> str:
        if len(self.path) == 1:
            return self.path[0]
        parts = [self.path[0]]
        for (_, b), nxt in zip(self.edges, self.path[1:], strict=True):
            parts.append("→" if b == nxt else "←")
            parts.append(nxt)
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the graph is described, not included)."""
        return {"path": list(self.path), "edges": [list(e) for e in self.edges],
                "graph": self.graph_name}


def oriented_edges(succ: Mapping[Hashable, Mapping[Hashable, object]],
                   path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The edges along ``path`` as they are oriented in the graph with children ``succ``."""
    out = []
    for a, b in pairwise(path):
        out.append((a, b) if b in succ[a] else (b, a))
    return tuple(out)

