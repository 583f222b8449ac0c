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

from collections.abc import Hashable, Mapping
from itertools import pairwise
from typing import Any, Protocol

import networkx as nx

from cid.incentives.kinds import IncentiveKind

__all__ = ["Witness", "WitnessSource"]

Path = tuple[str, ...]
Edges = tuple[tuple[str, str], ...]

_GRAPH_NAMES = {
    IncentiveKind.RESPONSE_INCENTIVE: "minimal d-reduction",
    IncentiveKind.VALUE_OF_CONTROL: "minimal d-reduction",
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: "diagram",
}


class WitnessSource(Protocol):
    """What a witness asks for its path and graph (a decision's analysis)."""

    def witness_trail(self, kind: IncentiveKind, node: str) -> tuple[Path, Edges]:
        """The path and its edges (each as it points in the graph)."""

    def witness_graph(self, kind: IncentiveKind, node: str) -> nx.DiGraph[Hashable]:
        """The (frozen) graph the path lives in."""


class Witness:
    """Why ``node`` admits an incentive of ``kind`` for ``decision``.

    Attributes
    ----------
    kind : IncentiveKind
    decision : str
    node : str

    Notes
    -----
    Witnesses are lazy: :attr:`path` and :attr:`edges` are computed on first access (a walk
    along the pointers of a search the analysis already made, linear in the length of the
    path), :attr:`graph` and :attr:`given` too (for a value of information witness that
    costs one minimal d-reduction). So a report lists every witness in time linear in the
    number of incentives, and pays for a path only when it is read.
    """

    __slots__ = ("kind", "decision", "node", "_source", "_trail", "_graph", "_given")

    def __init__(self, kind: IncentiveKind, decision: str, node: str,
                 source: WitnessSource) -> None:
        self.kind = kind
        self.decision = decision
        self.node = node
        self._source = source
        self._trail: tuple[Path, Edges] | None = None
        self._graph: nx.DiGraph[Hashable] | None = None
        self._given: frozenset[str] | None = None

    def _path_and_edges(self) -> tuple[Path, Edges]:
        if self._trail is None:
            self._trail = self._source.witness_trail(self.kind, self.node)
        return self._trail

    @property
    def path(self) -> Path:
        """A trail (value of information) or a directed path, as node names in order."""
        return self._path_and_edges()[0]

    @property
    def edges(self) -> Edges:
        """The edges of :attr:`path`, each as it points in :attr:`graph` (for drawing)."""
        return self._path_and_edges()[1]

    @property
    def graph_name(self) -> str:
        """Which graph the path lives in, in words."""
        return graph_name(self.kind, self.decision, self.node)

    @property
    def is_directed(self) -> bool:
        """``True`` for a directed path, ``False`` for a trail (value of information)."""
        return self.kind is not IncentiveKind.VALUE_OF_INFORMATION

    @property
    def graph(self) -> nx.DiGraph[Hashable]:
        """The (frozen) graph in which :attr:`path` is active, or directed."""
        if self._graph is None:
            self._graph = self._source.witness_graph(self.kind, self.node)
        return self._graph

    @property
    def given(self) -> frozenset[str]:
        """The conditioning set: ``Fa(D) \\ {X}`` in :attr:`graph` for value of information,
        empty for directed paths."""
        if self.is_directed:
            return frozenset()
        if self._given is None:
            self._given = frozenset(map(str, self.graph.predecessors(self.decision))) - {
                self.node} | {self.decision}
        return self._given

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.decision, self.node, self.path, self.edges)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Witness):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Witness(kind={self.kind!r}, decision={self.decision!r}, node={self.node!r}, "
                f"path={self.path!r}, edges={self.edges!r}, graph_name={self.graph_name!r})")

    def __str__(self) -> str:
        path, edges = self._path_and_edges()
        if len(path) == 1:
            return path[0]
        parts = [path[0]]
        for (_, b), nxt in zip(edges, path[1:], strict=True):
            parts.append("→" if b == nxt else "←")
            parts.append(nxt)
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the graph is described, not included)."""
        path, edges = self._path_and_edges()
        return {"path": list(path), "edges": [list(e) for e in edges], "graph": self.graph_name}


def graph_name(kind: IncentiveKind, decision: str, node: str) -> str:
    """Which graph the witness of ``node`` for ``decision`` lives in, in words."""
    if kind is IncentiveKind.VALUE_OF_INFORMATION:
        return f"minimal d-reduction of the diagram with {node} -> {decision} added"
    return _GRAPH_NAMES[kind]


def oriented_edges(succ: Mapping[Hashable, Mapping[Hashable, object]],
                   path: Path) -> Edges:
    """The edges along ``path`` as they are oriented in the graph with children ``succ``
    (for a path given by node names only; the engine's witnesses know their edges)."""
    out = []
    for a, b in pairwise(path):
        out.append((a, b) if b in succ[a] else (b, a))
    return tuple(out)
