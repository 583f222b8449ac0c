"""The read-only side of a :class:`~cid.Diagram`: queries, agents, equality and output.

:class:`DiagramView` holds every method that reads a diagram without changing it; the
builder and the non-mutating variants are in :mod:`cid.model`, whose :class:`~cid.Diagram`
is a :class:`DiagramView`.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> d.parents("U"), d.children("S"), d.agents_of("D")
(('D', 'S'), ('D', 'U'), ('agent',))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from cid._agents import AgentBook
from cid.errors import DiagramError, NodeNotFoundError
from cid.nodes import Node, NodeKind

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["DiagramView"]


class DiagramView:
    """Queries over a diagram's nodes, edges and agents (the base of :class:`~cid.Diagram`)."""

    __slots__ = ("name", "description", "_nodes", "_graph", "_agents", "_topo")

    name: str
    description: str | None
    _nodes: dict[str, Node]
    _graph: nx.DiGraph[str]
    _agents: AgentBook
    _topo: tuple[str, ...] | None

    # ------------------------------------------------------------------ agents
    @property
    def agents(self) -> tuple[str, ...]:
        """The agents, sorted by name (``("agent",)`` when no node names one)."""
        return self._agents.agents

    def agents_of(self, node: str) -> tuple[str, ...]:
        """The agents owning a decision or utility node (empty for a chance node).

        Raises
        ------
        NodeNotFoundError
            ``node`` is not in the diagram.
        """
        return self._agents.owners(self[node])

    def agent_of(self, decision: str) -> str:
        """The agent that makes ``decision``.

        Raises
        ------
        DiagramError
            ``decision`` is not a decision node.
        """
        if self.kind(decision) != "decision":
            raise DiagramError(f"{decision} is a {self.kind(decision)} node, not a decision")
        return self.agents_of(decision)[0]

    def _check_agent_name(self, agent: str) -> None:
        if not isinstance(agent, str) or agent not in self.agents:
            raise NodeNotFoundError(
                f"unknown agent {agent!r}; the agents of {self.name!r} are "
                f"{', '.join(self.agents) or 'none'}"
            )

    def decisions_of(self, agent: str) -> tuple[str, ...]:
        """The decisions of ``agent``, in topological order.

        Raises
        ------
        NodeNotFoundError
            ``agent`` is not an agent of the diagram.
        """
        self._check_agent_name(agent)
        return tuple(n for n in self.decisions if agent in self.agents_of(n))

    def utilities_of(self, agent: str) -> tuple[str, ...]:
        """The utility nodes of ``agent`` (shared ones included), in topological order.

        Raises
        ------
        NodeNotFoundError
            ``agent`` is not an agent of the diagram.
        """
        self._check_agent_name(agent)
        return tuple(n for n in self.utilities if agent in self.agents_of(n))

    # ------------------------------------------------------------------ queries
    def __getitem__(self, name: str) -> Node:
        try:
            return self._nodes[name]
        except (KeyError, TypeError):
            raise NodeNotFoundError(f"unknown node {name!r} in diagram {self.name!r}") from None

    def __contains__(self, name: object) -> bool:
        try:
            return name in self._nodes
        except TypeError:  # an unhashable value is no node name
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self.topological_order)

    def __len__(self) -> int:
        return len(self._nodes)

    def kind(self, node: str) -> NodeKind:
        """``"chance"``, ``"decision"`` or ``"utility"``."""
        return self[node].kind

    @property
    def topological_order(self) -> tuple[str, ...]:
        """All node names in topological order, ties broken by name (deterministic)."""
        if self._topo is None:
            self._topo = tuple(nx.lexicographical_topological_sort(self._graph))
        return self._topo

    @property
    def nodes(self) -> tuple[str, ...]:
        """All node names, in topological order."""
        return self.topological_order

    def _of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(n for n in self.topological_order if self._nodes[n].kind == kind)

    @property
    def decisions(self) -> tuple[str, ...]:
        """Decision nodes, in topological order."""
        return self._of_kind("decision")

    @property
    def utilities(self) -> tuple[str, ...]:
        """Utility nodes, in topological order."""
        return self._of_kind("utility")

    @property
    def chance_nodes(self) -> tuple[str, ...]:
        """Chance nodes, in topological order."""
        return self._of_kind("chance")

    def parents(self, node: str) -> tuple[str, ...]:
        """The parents of ``node`` in the order they were given (the order of its tables)."""
        self[node]
        return tuple(self._graph.predecessors(node))

    def children(self, node: str) -> tuple[str, ...]:
        """The children of ``node`` in the order the edges were added."""
        self[node]
        return tuple(self._graph.successors(node))

    @property
    def edge_list(self) -> tuple[tuple[str, str], ...]:
        """Every edge, grouped by child in topological order, parents in their given order."""
        return tuple((p, n) for n in self.topological_order for p in self._graph.predecessors(n))

    @property
    def information_links(self) -> tuple[tuple[str, str], ...]:
        """The edges into decision nodes, ``(observation, decision)``."""
        return tuple((p, d) for d in self.decisions for p in self._graph.predecessors(d))

    def to_networkx(self) -> nx.DiGraph[str]:
        """A copy as a :class:`networkx.DiGraph`.

        Returns
        -------
        networkx.DiGraph
            Node attributes ``kind``, ``agents`` (resolved) and ``label`` (display text);
            changing it does not change the diagram.
        """
        g: nx.DiGraph[str] = nx.DiGraph(name=self.name)
        for n in self.topological_order:
            g.add_node(n, kind=self._nodes[n].kind, agents=self.agents_of(n),
                       label=self._nodes[n].display_label)
        g.add_edges_from(self.edge_list)
        return g

    # ------------------------------------------------------------------ value semantics, output
    def _resolved(self, node: str) -> tuple[object, ...]:
        record = self._nodes[node]
        domain = None if record.domain is None else tuple((type(v), v) for v in record.domain)
        return (record.kind, record.label, record.description, domain, record.step,
                record.counterfactual, self.agents_of(node), self.parents(node))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DiagramView):
            return NotImplemented
        return (
            self.name == other.name
            and self.description == other.description
            and self._nodes.keys() == other._nodes.keys()
            and all(self._resolved(n) == other._resolved(n) for n in self._nodes)
        )

    __hash__ = None  # type: ignore[assignment]  # a diagram is a mutable builder

    def __repr__(self) -> str:
        def count(n: int, word: str, plural: str | None = None) -> str:
            return f"{n} {word if n == 1 else (plural or word + 's')}"

        return (
            f"<Diagram {self.name!r}: {count(len(self), 'node')}, "
            f"{count(len(self.decisions), 'decision')}, "
            f"{count(len(self.utilities), 'utility', 'utilities')}, "
            f"{count(len(self.agents), 'agent')}>"
        )

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
    ) -> dict[str, str]:
        """Jupyter display: the rendered picture, or text when it cannot be drawn."""
        from cid.drawing import render
        from cid.errors import CIDError

        try:
            return render(cast("Diagram", self))._repr_mimebundle_(include, exclude)
        except CIDError:
            return {"text/plain": repr(self)}

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON-ready spec (see :mod:`cid.io`).

        Raises
        ------
        DiagramError
            The diagram has no nodes (a spec has at least one).
        """
        from cid.io import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The canonical JSON spec as text (see :mod:`cid.io`); the same diagram always gives
        the same text.

        Raises
        ------
        DiagramError
            The diagram has no nodes (a spec has at least one).
        """
        from cid.io import to_json

        return to_json(self, indent=indent)

