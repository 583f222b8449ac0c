"""The :class:`Diagram`: a typed, validated causal influence diagram.

A diagram is built incrementally with the builder methods (:meth:`Diagram.chance`,
:meth:`Diagram.decision`, :meth:`Diagram.utility`, :meth:`Diagram.edge`, :meth:`Diagram.edges`),
in one go with :meth:`Diagram.from_edges` (pycid style), or from a JSON spec
(:meth:`Diagram.from_json`). Every mutation is checked at once, and a bad one raises a
:class:`~cid.CIDError` that names the offending nodes; the diagram is left unchanged.

Analysis, rendering and solving never mutate a diagram: they read it, or work on a copy
(:meth:`Diagram.with_edge`, :meth:`Diagram.without_edge`, :meth:`Diagram.with_kind`).

Examples
--------
>>> import cid
>>> d = cid.Diagram("mdp")
>>> d.chance("S1").decision("A1", parents=["S1"]).chance("S2", parents=["S1", "A1"])
<Diagram 'mdp': 3 nodes, 1 decision, 0 utilities, 1 agent>
>>> d.utility("R2", parents=["S2"]).edges("S1 -> R2")
<Diagram 'mdp': 4 nodes, 1 decision, 1 utility, 1 agent>
>>> d.information_links
(('S1', 'A1'),)
>>> d.parents("S2")
('S1', 'A1')
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from cid.errors import DiagramError, NodeNotFoundError
from cid.nodes import Chance, Decision, Node, NodeKind, Utility, check_identifier, normalize_agents

__all__ = ["DEFAULT_AGENT", "Diagram", "EdgeLike", "parse_edges"]

DEFAULT_AGENT = "agent"
"""The name of the one agent of a diagram whose decisions and utilities name no agent."""

EdgeLike = str | tuple[str, str]
"""An edge ``("U", "V")`` or an edge-chain string ``"A, B -> C -> D"``."""

_KIND_CLASSES: dict[str, type[Chance] | type[Decision] | type[Utility]] = {
    "chance": Chance,
    "decision": Decision,
    "utility": Utility,
}


def parse_edges(*items: EdgeLike | Iterable[EdgeLike]) -> list[tuple[str, str]]:
    """Expand edge pairs and edge-chain strings into a list of ``(parent, child)`` pairs.

    A chain ``"A -> B -> C"`` gives ``A -> B`` and ``B -> C``; a comma group ``"A, B -> C"``
    links every node on the left to every node on the right.

    >>> parse_edges("S1 -> S2 -> R2", ("A1", "S2"), "X, Y -> Z")
    [('S1', 'S2'), ('S2', 'R2'), ('A1', 'S2'), ('X', 'Z'), ('Y', 'Z')]
    """
    pairs: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            groups = [[n.strip() for n in part.split(",")] for part in item.split("->")]
            if len(groups) < 2 or any(not n for g in groups for n in g):
                raise DiagramError(
                    f"cannot read edge chain {item!r}: write 'A -> B -> C' (commas for groups: "
                    "'A, B -> C')",
                    code="cid_invalid_edge",
                )
            for left, right in zip(groups, groups[1:]):
                pairs.extend((u, v) for u in left for v in right)
        elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(n, str) for n in item):
            pairs.append((item[0], item[1]))
        elif isinstance(item, Iterable) and not isinstance(item, (bytes, Mapping)):
            pairs.extend(parse_edges(*item))
        else:
            raise DiagramError(
                f"cannot read edge {item!r}: give a pair of node names or a string 'A -> B'",
                code="cid_invalid_edge",
            )
    return pairs


def _format_cycle(cycle_edges: list[tuple[Any, ...]]) -> str:
    names = [str(e[0]) for e in cycle_edges] + [str(cycle_edges[0][0])]
    return " -> ".join(names)


class Diagram:
    """A causal influence diagram: chance, decision and utility nodes over a DAG.

    Parameters
    ----------
    name : str, optional
        A short name, used in reports and file names.
    nodes : iterable of node records, optional
        :class:`~cid.nodes.Chance`, :class:`~cid.nodes.Decision`, :class:`~cid.nodes.Utility`.
    edges : iterable of edges or edge-chain strings, optional
        See :func:`parse_edges`.
    description : str, optional

    Notes
    -----
    Node names are identifiers; display text goes in ``label``. In a diagram with one agent
    decisions and utilities need no agent name (the agent is then called ``"agent"``, or the
    one name used); with several agents every decision and utility names its agent(s).
    Utility nodes may have children (an agent may observe its past rewards).

    ``parents(node)`` keeps the order in which the edges were added; CPD tables follow it.
    """

    __slots__ = ("name", "description", "_nodes", "_graph", "_named_agents", "_agentless", "_topo")

    def __init__(
        self,
        name: str = "diagram",
        *,
        nodes: Iterable[Node] = (),
        edges: Iterable[EdgeLike] = (),
        description: str | None = None,
    ) -> None:
        if not isinstance(name, str) or not name:
            raise DiagramError(f"invalid diagram name {name!r}: a non-empty string")
        self.name = name
        self.description = description
        self._nodes: dict[str, Node] = {}
        self._graph: nx.DiGraph = nx.DiGraph()
        self._named_agents: dict[str, int] = {}  # agent -> number of nodes naming it
        self._agentless: dict[str, None] = {}  # decisions/utilities without an agent (ordered set)
        self._topo: tuple[str, ...] | None = None
        for node in nodes:
            self.add_node(node)
        self.edges(*edges)

    # ------------------------------------------------------------------ builder
    def add_node(self, node: Node, parents: Iterable[str] = ()) -> Diagram:
        """Add a node record (and edges from ``parents``); return the diagram."""
        if not isinstance(node, (Chance, Decision, Utility)):
            raise DiagramError(f"not a node record: {node!r}")
        if node.name in self._nodes:
            old = self._nodes[node.name]
            if {old.kind, node.kind} == {"decision", "utility"}:
                raise DiagramError(
                    f"node {node.name} cannot be both a decision and a utility",
                    code="cid_decision_and_utility",
                )
            raise DiagramError(
                f"duplicate node name {node.name!r} (already a {old.kind} node)",
                code="cid_duplicate_node",
            )
        parents = list(parents) if not isinstance(parents, str) else [parents]
        for p in parents:
            if p not in self._nodes:
                raise NodeNotFoundError(
                    f"node {node.name}: unknown parent {p!r} (add parents before their children)"
                )
        if len(set(parents)) != len(parents):
            raise DiagramError(f"node {node.name}: a parent is listed twice in {parents}")
        self._check_agent_change(node)
        self._nodes[node.name] = node
        self._graph.add_node(node.name)
        self._graph.add_edges_from((p, node.name) for p in parents)
        self._register_agents(node)
        self._topo = None
        return self

    def chance(self, name: str, parents: Iterable[str] = (), **attributes: Any) -> Diagram:
        """Add a chance node; ``attributes`` are ``label``, ``description``, ``domain``, ``step``,
        ``counterfactual``."""
        return self.add_node(Chance(name, **attributes), parents)

    def decision(
        self, name: str, parents: Iterable[str] = (), *, agent: str | None = None, **attributes: Any
    ) -> Diagram:
        """Add a decision node of ``agent`` observing ``parents`` (its information links)."""
        return self.add_node(Decision(name, agent=agent, **attributes), parents)

    def utility(
        self,
        name: str,
        parents: Iterable[str] = (),
        *,
        agent: str | Iterable[str] | None = None,
        **attributes: Any,
    ) -> Diagram:
        """Add a utility node owned by ``agent`` (a name, or several names for a shared one)."""
        agents = normalize_agents(agent, node=name)
        return self.add_node(Utility(name, agents=agents, **attributes), parents)

    def edge(self, parent: str, child: str) -> Diagram:
        """Add the edge ``parent -> child``; reject unknown nodes, self-loops and cycles."""
        for n in (parent, child):
            if n not in self._nodes:
                raise NodeNotFoundError(f"edge {parent} -> {child}: unknown node {n!r}")
        if parent == child:
            raise DiagramError(f"self-loop on node {parent}: {parent} -> {parent}", code="cid_cycle")
        if self._graph.has_edge(parent, child):
            return self
        if nx.has_path(self._graph, child, parent):
            path = nx.shortest_path(self._graph, child, parent)
            cycle = " -> ".join([parent, *path])
            raise DiagramError(f"edge {parent} -> {child} would make a cycle: {cycle}", code="cid_cycle")
        self._graph.add_edge(parent, child)
        self._topo = None
        return self

    def edges(self, *chains: EdgeLike | Iterable[EdgeLike]) -> Diagram:
        """Add edges given as pairs or chain strings (``"S1 -> S2 -> R2"``, ``"A, B -> C"``)."""
        for parent, child in parse_edges(*chains):
            self.edge(parent, child)
        return self

    # ------------------------------------------------------------------ agents
    def _check_agent_change(self, node: Node) -> None:
        named = set(self._named_agents)
        new = [] if isinstance(node, Chance) else _named(node)
        agentless = list(self._agentless)
        if not isinstance(node, Chance) and not new:
            agentless.append(node.name)
        all_named = named | set(new)
        if len(all_named) > 1 and agentless:
            raise DiagramError(
                f"{_kind_list(self, agentless, node)} name no agent, but the diagram has several "
                f"agents ({', '.join(sorted(all_named))}): give each decision and utility its agent",
                code="cid_missing_agent",
            )

    def _register_agents(self, node: Node) -> None:
        if isinstance(node, Chance):
            return
        names = _named(node)
        if not names:
            self._agentless[node.name] = None
        for a in names:
            self._named_agents[a] = self._named_agents.get(a, 0) + 1

    def _unregister_agents(self, node: Node) -> None:
        self._agentless.pop(node.name, None)
        for a in [] if isinstance(node, Chance) else _named(node):
            self._named_agents[a] -= 1
            if not self._named_agents[a]:
                del self._named_agents[a]

    @property
    def agents(self) -> tuple[str, ...]:
        """The agents, sorted by name (``("agent",)`` when no node names one)."""
        if self._named_agents:
            return tuple(sorted(self._named_agents))
        return (DEFAULT_AGENT,) if self._agentless else ()

    def _default_agent(self) -> str:
        return next(iter(self._named_agents)) if self._named_agents else DEFAULT_AGENT

    def agents_of(self, node: str) -> tuple[str, ...]:
        """The agents owning a decision or utility node (empty for a chance node)."""
        record = self[node]
        if isinstance(record, Chance):
            return ()
        return _named(record) or (self._default_agent(),)

    def agent_of(self, decision: str) -> str:
        """The agent that makes ``decision``."""
        if self.kind(decision) != "decision":
            raise DiagramError(f"{decision} is a {self.kind(decision)} node, not a decision")
        return self.agents_of(decision)[0]

    def _check_agent_name(self, agent: str) -> None:
        if agent not in self.agents:
            raise NodeNotFoundError(
                f"unknown agent {agent!r}; the agents of {self.name!r} are "
                f"{', '.join(self.agents) or 'none'}"
            )

    def decisions_of(self, agent: str) -> tuple[str, ...]:
        """The decisions of ``agent``, in topological order."""
        self._check_agent_name(agent)
        return tuple(n for n in self.decisions if agent in self.agents_of(n))

    def utilities_of(self, agent: str) -> tuple[str, ...]:
        """The utility nodes of ``agent`` (shared ones included), in topological order."""
        self._check_agent_name(agent)
        return tuple(n for n in self.utilities if agent in self.agents_of(n))

    # ------------------------------------------------------------------ queries
    def __getitem__(self, name: str) -> Node:
        try:
            return self._nodes[name]
        except (KeyError, TypeError):
            raise NodeNotFoundError(f"unknown node {name!r} in diagram {self.name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._nodes

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
        """The parents of ``node`` in the order they were given."""
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

    def to_networkx(self) -> nx.DiGraph:
        """A copy as a :class:`networkx.DiGraph`; node attributes ``kind``, ``agents``,
        ``label``."""
        g = nx.DiGraph(name=self.name)
        for n in self.topological_order:
            g.add_node(n, kind=self._nodes[n].kind, agents=self.agents_of(n),
                       label=self._nodes[n].display_label)
        g.add_edges_from(self.edge_list)
        return g

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagram):
            return NotImplemented
        return (
            self.name == other.name
            and self.description == other.description
            and self._nodes == other._nodes
            and all(self.parents(n) == other.parents(n) for n in self._nodes)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable builder

    def copy(self, *, name: str | None = None) -> Diagram:
        """An independent copy (optionally renamed)."""
        new = Diagram(name or self.name, description=self.description)
        new._nodes = dict(self._nodes)
        new._graph = _ordered_copy(self._graph)
        new._named_agents = dict(self._named_agents)
        new._agentless = dict(self._agentless)
        new._topo = self._topo
        return new

    def with_edge(self, parent: str, child: str) -> Diagram:
        """A copy with the edge ``parent -> child`` added (this diagram is unchanged)."""
        return self.copy().edge(parent, child)

    def without_edge(self, parent: str, child: str) -> Diagram:
        """A copy without the edge ``parent -> child``."""
        if not self._graph.has_edge(parent, child):
            self[parent], self[child]
            raise DiagramError(f"no edge {parent} -> {child} in diagram {self.name!r}")
        new = self.copy()
        new._graph.remove_edge(parent, child)
        new._topo = None
        return new

    def with_kind(
        self, node: str, kind: NodeKind, *, agent: str | Iterable[str] | None = None
    ) -> Diagram:
        """A copy in which ``node`` is of another kind (its other attributes kept)."""
        old = self[node]
        if kind not in _KIND_CLASSES:
            raise DiagramError(f"unknown node kind {kind!r}; use 'chance', 'decision' or 'utility'")
        common = {k: getattr(old, k) for k in ("label", "description", "domain", "step", "counterfactual")}
        if kind == "decision":
            agents = normalize_agents(agent, node=node)
            if len(agents) > 1:
                raise DiagramError(f"decision {node} can have only one agent, got {list(agents)}")
            record: Node = Decision(node, agent=agents[0] if agents else None, **common)
        elif kind == "utility":
            record = Utility(node, agents=normalize_agents(agent, node=node), **common)
        else:
            record = Chance(node, **common)
        new = self.copy()
        new._unregister_agents(old)
        del new._nodes[node]
        new._check_agent_change(record)
        new._nodes[node] = record
        new._register_agents(record)
        new._nodes = {n: new._nodes[n] for n in self._nodes}  # keep insertion order
        return new

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
        """Jupyter display: the rendered picture; never raises."""
        try:
            from cid.render import render

            return render(self)._repr_mimebundle_(include, exclude)
        except Exception:  # noqa: BLE001 - display must never raise
            return {"text/plain": repr(self)}

    # ------------------------------------------------------------------ construction, IO
    @classmethod
    def from_edges(
        cls,
        edges: Iterable[EdgeLike],
        *,
        decisions: Sequence[str] | Mapping[str, Sequence[str]] = (),
        utilities: Sequence[str] | Mapping[str, Sequence[str]] = (),
        nodes: Iterable[str] = (),
        name: str = "diagram",
        labels: Mapping[str, str] | None = None,
        domains: Mapping[str, Sequence[Hashable]] | None = None,
        description: str | None = None,
    ) -> Diagram:
        """Build a diagram from an edge list, pycid-style; every other node is a chance node.

        ``decisions`` and ``utilities`` are lists (one agent) or ``{agent: [...]}`` dicts; a
        utility listed under several agents is shared. ``nodes`` adds isolated nodes. Every
        problem found is reported in one :class:`~cid.DiagramError`.

        >>> import cid
        >>> d = cid.Diagram.from_edges([("S", "D"), ("D", "U"), ("S", "U")],
        ...                            decisions=["D"], utilities=["U"])
        >>> d.decisions, d.utilities, d.chance_nodes
        (('D',), ('U',), ('S',))
        """
        from cid._build import build_from_parts

        return build_from_parts(
            cls, parse_edges(*edges), decisions=decisions, utilities=utilities, nodes=nodes,
            name=name, labels=labels or {}, domains=domains or {}, description=description,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready spec (see :mod:`cid.io`)."""
        from cid.io import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON spec as text (see :mod:`cid.io`)."""
        from cid.io import to_json

        return to_json(self, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagram:
        """Read a spec dict; every problem is listed in one :class:`~cid.SpecError`."""
        from cid.io import from_dict

        return from_dict(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Diagram:
        """Read a JSON spec; every problem is listed in one :class:`~cid.SpecError`."""
        from cid.io import from_json

        return from_json(text)


def _ordered_copy(graph: nx.DiGraph) -> nx.DiGraph:
    """Copy keeping each node's predecessor order (``DiGraph.copy`` re-adds edges by source)."""
    new = nx.DiGraph()
    new.add_nodes_from(graph)
    new.add_edges_from((p, n) for n in graph for p in graph.pred[n])
    return new


def _named(node: Decision | Utility) -> tuple[str, ...]:
    if isinstance(node, Decision):
        return (node.agent,) if node.agent is not None else ()
    return node.agents


def _kind_list(diagram: Diagram, names: list[str], new: Node) -> str:
    def kind(n: str) -> str:
        return new.kind if n == new.name else diagram._nodes[n].kind

    return ", ".join(f"{kind(n)} {n}" for n in names)


check_identifier = check_identifier  # re-exported for cid._build
