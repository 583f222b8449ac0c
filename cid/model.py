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

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from cid._agents import DEFAULT_AGENT, AgentBook
from cid._checks import check_parents, ordered_copy, record_attributes
from cid._view import DiagramView
from cid.edges import EdgeLike, parse_edges
from cid.errors import CIDError, CIDTypeError, DiagramError, NodeNotFoundError
from cid.nodes import (
    Chance,
    Decision,
    Node,
    NodeKind,
    Utility,
    normalize_agents,
    retype,
)

__all__ = ["DEFAULT_AGENT", "Diagram", "EdgeLike", "parse_edges"]

_KINDS: tuple[NodeKind, ...] = ("chance", "decision", "utility")


class Diagram(DiagramView):
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
        Free text.

    Raises
    ------
    DiagramError
        A name, record or edge is invalid (the message names it).

    Notes
    -----
    Node names are identifiers; display text goes in ``label``. In a diagram with one agent
    decisions and utilities need no agent name (the agent is then called ``"agent"``, or the
    one name used); with several agents every decision and utility names its agent(s).
    Utility nodes may have children (an agent may observe its past rewards). Adding an edge
    that is already there changes nothing.

    ``parents(node)`` keeps the order in which the edges were added; CPD tables follow it.
    Two diagrams are equal when their names, descriptions, node records and parent orders are
    equal, agents compared as resolved (an agentless node of a one-agent diagram equals the
    same node naming that agent).
    """

    __slots__ = ()

    def __init__(
        self,
        name: str = "diagram",
        *,
        nodes: Iterable[Node] = (),
        edges: Iterable[EdgeLike] = (),
        description: str | None = None,
    ) -> None:
        if not isinstance(name, str) or not name:
            raise CIDTypeError(f"invalid diagram name {name!r}: a non-empty string")
        if description is not None and not isinstance(description, str):
            raise CIDTypeError(f"diagram {name!r}: description must be a string, got "
                               f"{description!r}")
        self.name = name
        self.description = description
        self._nodes: dict[str, Node] = {}
        self._graph: nx.DiGraph[str] = nx.DiGraph()
        self._agents = AgentBook()
        self._topo: tuple[str, ...] | None = None
        for node in nodes:
            self.add_node(node)
        self.edges(*edges)

    # ------------------------------------------------------------------ builder
    def add_node(self, node: Node, parents: Iterable[str] = ()) -> Diagram:
        """Add a node record, and edges from ``parents``.

        Parameters
        ----------
        node : Chance, Decision or Utility
            The record.
        parents : iterable of str, optional
            Existing nodes, in order (a parent listed twice counts once).

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        DiagramError
            The name is taken, or the node leaves a decision or utility without an agent in a
            diagram with several; :class:`~cid.NodeNotFoundError` for an unknown parent.
        """
        if not isinstance(node, (Chance, Decision, Utility)):
            raise CIDTypeError(f"not a node record: {node!r}")
        if node.name in self._nodes:
            old = self._nodes[node.name]
            if {old.kind, node.kind} == {"decision", "utility"}:
                raise DiagramError(f"node {node.name} cannot be both a decision and a utility",
                                   code="cid_decision_and_utility")
            raise DiagramError(f"duplicate node name {node.name!r} (already a {old.kind} node)",
                               code="cid_duplicate_node")
        checked = check_parents(node.name, parents, self._nodes)
        self._agents.check(node)
        self._nodes[node.name] = node
        self._graph.add_node(node.name)
        self._graph.add_edges_from((p, node.name) for p in checked)
        self._agents.add(node)
        self._topo = None
        return self

    def chance(self, name: str, parents: Iterable[str] = (), *, label: str | None = None,
               description: str | None = None, domain: Iterable[object] | None = None,
               step: int | None = None, counterfactual: bool = False,
               **unknown: object) -> Diagram:
        """Add a chance node.

        Parameters
        ----------
        name : str
            An identifier.
        parents : iterable of str, optional
            Existing nodes, in order (the order of the node's probability table).
        label : str, optional
            Display text, in the papers' notation (``Θ^R_2``).
        description : str, optional
            Free text.
        domain : iterable of numbers, strings or booleans, optional
            The node's values (numpy scalars become Python values).
        step : int, optional
            A time index, used for layout.
        counterfactual : bool, optional
            A twin-network copy (drawn lighter).

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        DiagramError
            An invalid name, attribute or parent (:class:`~cid.CIDTypeError` for an unknown
            keyword or a value of the wrong type).
        """
        attributes = record_attributes(name, "chance", label, description, domain, step,
                                       counterfactual, unknown)
        return self.add_node(Chance(name, **attributes), parents)

    def decision(self, name: str, parents: Iterable[str] = (), *, agent: str | None = None,
                 label: str | None = None, description: str | None = None,
                 domain: Iterable[object] | None = None, step: int | None = None,
                 counterfactual: bool = False, **unknown: object) -> Diagram:
        """Add a decision node of ``agent`` observing ``parents`` (its information links).

        Parameters
        ----------
        name : str
            An identifier.
        parents : iterable of str, optional
            The observations, existing nodes.
        agent : str, optional
            The agent deciding (needed when the diagram has several agents).
        label, description, domain, step, counterfactual
            As for :meth:`chance`.

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        DiagramError
            As for :meth:`chance`; also a missing agent in a diagram with several.
        """
        attributes = record_attributes(name, "decision", label, description, domain, step,
                                       counterfactual, unknown)
        return self.add_node(Decision(name, agent=agent, **attributes), parents)

    def utility(self, name: str, parents: Iterable[str] = (), *,
                agent: str | Iterable[str] | None = None, label: str | None = None,
                description: str | None = None, domain: Iterable[object] | None = None,
                step: int | None = None, counterfactual: bool = False,
                **unknown: object) -> Diagram:
        """Add a utility node owned by ``agent`` (a name, or several names for a shared one).

        Parameters
        ----------
        name : str
            An identifier.
        parents : iterable of str, optional
            Existing nodes, in order.
        agent : str or iterable of str, optional
            The owner, or several (a common payoff).
        label, description, domain, step, counterfactual
            As for :meth:`chance`.

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        DiagramError
            As for :meth:`decision`.
        """
        attributes = record_attributes(name, "utility", label, description, domain, step,
                                       counterfactual, unknown)
        agents = normalize_agents(agent, node=name)
        return self.add_node(Utility(name, agents=agents, **attributes), parents)

    def edge(self, parent: str, child: str) -> Diagram:
        """Add the edge ``parent -> child`` (nothing changes if it is already there).

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        NodeNotFoundError
            ``parent`` or ``child`` is not in the diagram.
        DiagramError
            A self-loop, or the edge would make a cycle (the message spells it out).
        """
        self._add_edge(parent, child)
        return self

    def _add_edge(self, parent: object, child: object) -> bool:
        """Add an edge; return whether it is new."""
        if not isinstance(parent, str) or not isinstance(child, str):
            raise CIDTypeError(f"edge {parent!r} -> {child!r}: node names are strings",
                               code="cid_invalid_edge")
        for n in (parent, child):
            if n not in self._nodes:
                raise NodeNotFoundError(f"edge {parent} -> {child}: unknown node {n!r}")
        if parent == child:
            raise DiagramError(f"self-loop on node {parent}: {parent} -> {parent}",
                               code="cid_cycle")
        if self._graph.has_edge(parent, child):
            return False
        if nx.has_path(self._graph, child, parent):
            cycle = " -> ".join([parent, *nx.shortest_path(self._graph, child, parent)])
            raise DiagramError(f"edge {parent} -> {child} would make a cycle: {cycle}",
                               code="cid_cycle")
        self._graph.add_edge(parent, child)
        self._topo = None
        return True

    def edges(self, *chains: EdgeLike | Iterable[EdgeLike]) -> Diagram:
        """Add edges given as pairs or chain strings (``"S1 -> S2 -> R2"``, ``"A, B -> C"``).

        All or nothing: if one edge is rejected, none of them is added.

        Returns
        -------
        Diagram
            This diagram, to chain calls.

        Raises
        ------
        DiagramError
            As for :meth:`edge`, or an item that is not an edge (see :func:`parse_edges`).
        """
        added: list[tuple[str, str]] = []
        try:
            for parent, child in parse_edges(*chains):
                if self._add_edge(parent, child):
                    added.append((parent, child))
        except CIDError:
            self._graph.remove_edges_from(added)  # the newest edges: parent orders restored
            self._topo = None
            raise
        return self

    # ------------------------------------------------------------------ value semantics
    def copy(self, *, name: str | None = None) -> Diagram:
        """An independent copy, optionally renamed.

        Raises
        ------
        DiagramError
            ``name`` is not a non-empty string.
        """
        new = Diagram(self.name if name is None else name, description=self.description)
        new._nodes = dict(self._nodes)
        new._graph = ordered_copy(self._graph)
        new._agents = self._agents.copy()
        new._topo = self._topo
        return new

    def with_edge(self, parent: str, child: str) -> Diagram:
        """A copy with the edge ``parent -> child`` added (this diagram is unchanged).

        Raises
        ------
        DiagramError
            As for :meth:`edge`.
        """
        return self.copy().edge(parent, child)

    def without_edge(self, parent: str, child: str) -> Diagram:
        """A copy without the edge ``parent -> child`` (this diagram is unchanged).

        Raises
        ------
        DiagramError
            There is no such edge (:class:`~cid.NodeNotFoundError` for an unknown node).
        """
        self[parent], self[child]
        if not self._graph.has_edge(parent, child):
            raise DiagramError(f"no edge {parent} -> {child} in diagram {self.name!r}")
        new = self.copy()
        new._graph.remove_edge(parent, child)
        new._topo = None
        return new

    def with_kind(self, node: str, kind: NodeKind, *,
                  agent: str | Iterable[str] | None = None) -> Diagram:
        """A copy in which ``node`` is of another kind (this diagram is unchanged).

        Parameters
        ----------
        node : str
            The node to retype; its label, description, domain, step and edges are kept.
        kind : {"chance", "decision", "utility"}
            The new kind.
        agent : str or iterable of str, optional
            The agent(s) of the retyped node. By default the node keeps the agents it names
            (a decision's agent, a utility's owners); a chance node has none.

        Returns
        -------
        Diagram
            The retyped copy.

        Raises
        ------
        DiagramError
            An unknown kind; a shared utility retyped as a decision without ``agent=``; a
            decision or utility left without an agent in a diagram with several.
        """
        old = self[node]
        if not isinstance(kind, str) or kind not in _KINDS:
            error = DiagramError if isinstance(kind, str) else CIDTypeError
            raise error(f"unknown node kind {kind!r}; use 'chance', 'decision' or 'utility'")
        owners = old.owners if agent is None else normalize_agents(agent, node=node)
        record = retype(old, kind, owners)
        new = self.copy()
        new._agents.remove(old)
        new._agents.check(record)
        new._agents.add(record)
        new._nodes[node] = record
        return new

    # ------------------------------------------------------------------ construction, IO
    @classmethod
    def from_edges(
        cls,
        edges: Iterable[EdgeLike] | str,
        *,
        decisions: Iterable[str] | Mapping[str, Iterable[str]] = (),
        utilities: Iterable[str] | Mapping[str, Iterable[str]] = (),
        nodes: Iterable[str] = (),
        name: str = "diagram",
        labels: Mapping[str, str] | None = None,
        domains: Mapping[str, Iterable[object]] | None = None,
        description: str | None = None,
    ) -> Diagram:
        """Build a diagram from an edge list, pycid-style; every other node is a chance node.

        Parameters
        ----------
        edges : iterable of edges or chain strings
            ``("U", "V")``, ``["U", "V"]``, ``"A -> B -> C"`` (see :func:`parse_edges`);
            a listed edge twice counts once.
        decisions, utilities : list of str, or dict of agent to list of str
            A list for one agent, or ``{agent: [...]}``; a utility listed under several agents
            is shared.
        nodes : iterable of str, optional
            Isolated nodes (or nodes to order first).
        name, description : str, optional
            The diagram's name and free-text description.
        labels, domains : dict, optional
            Per-node display labels and domains.

        Returns
        -------
        Diagram
            The new diagram.

        Raises
        ------
        SpecError
            Listing *every* problem found, each with where it is (``edges[2]``, ``decisions``).

        Warns
        -----
        CIDWarning
            Some agents have decisions but no utilities while others have utilities but no
            decisions: probably a misspelt agent name.

        Examples
        --------
        >>> import cid
        >>> d = cid.Diagram.from_edges([("S", "D"), ("D", "U"), ("S", "U")],
        ...                            decisions=["D"], utilities=["U"])
        >>> d.decisions, d.utilities, d.chance_nodes
        (('D',), ('U',), ('S',))
        """
        from cid._build import build_from_parts

        return build_from_parts(
            cls, edges, decisions=decisions, utilities=utilities, nodes=nodes, name=name,
            labels=labels, domains=domains, description=description,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagram:
        """Read a spec dict.

        Raises
        ------
        SpecError
            Listing every problem with its location.
        """
        from cid.io import from_dict

        return from_dict(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Diagram:
        """Read a JSON spec.

        Raises
        ------
        SpecError
            Invalid JSON, or a spec with problems (every one listed with its location).
        """
        from cid.io import from_json

        return from_json(text)
