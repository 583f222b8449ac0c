"""The :class:`Diagram`: an immutable, validated causal influence diagram.

A diagram is a value: every builder step (:meth:`Diagram.chance`, :meth:`Diagram.decision`,
:meth:`Diagram.utility`, :meth:`Diagram.edge`, :meth:`Diagram.edges`) and every edit
(:meth:`Diagram.with_edge`, :meth:`Diagram.without_nodes`, :meth:`Diagram.rename`, ...)
returns a *new* diagram and leaves the one it was called on unchanged, so analyses,
renderings and models made from a diagram can never go stale. Chains read as before; a
step whose result is dropped changes nothing. To build a large diagram step by step in
linear time use a :class:`~cid.DiagramBuilder`, or :meth:`Diagram.from_edges`.

Examples
--------
>>> import cid
>>> d = cid.Diagram("mdp").chance("S1").decision("A1", parents=["S1"])
>>> d2 = d.chance("S2", parents=["S1", "A1"]).utility("R2", parents=["S2"])
>>> d
<Diagram 'mdp': 2 nodes, 1 decision, 0 utilities, 1 agent>
>>> d2
<Diagram 'mdp': 4 nodes, 1 decision, 1 utility, 1 agent>
>>> d2.parents("S2"), d2.information_links
(('S1', 'A1'), (('S1', 'A1'),))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from cid.core.agents import DEFAULT_AGENT
from cid.core.edgelist import read_edge_list
from cid.core.edges import EdgeLike, parse_edges
from cid.core.nodes import Node, NodeKind
from cid.core.spec import to_dict, to_json
from cid.core.structure import Structure
from cid.core.validation import check_owners, make_record, warn_agent_typos
from cid.errors import CIDTypeError, DiagramError, NodeNotFoundError
from cid.escape import html_preformatted

__all__ = ["DEFAULT_AGENT", "Diagram", "require_diagram"]


class Diagram:
    """A causal influence diagram: chance, decision and utility nodes over a DAG; a value.

    Parameters
    ----------
    name : str, optional
        A short name, used in reports and file names.
    nodes : iterable of node records, optional
        :class:`~cid.nodes.Chance`, :class:`~cid.nodes.Decision`, :class:`~cid.nodes.Utility`.
    edges : iterable of edges or edge-chain strings, optional
        See :func:`~cid.parse_edges`.
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
    Utility nodes may have children (an agent may observe its past rewards).

    ``parents(node)`` keeps the order in which the edges were added; CPD tables follow it.
    Two diagrams are equal when their names, descriptions, node records and parent orders are
    equal, agents compared as resolved (an agentless node of a one-agent diagram equals the
    same node naming that agent). Diagrams are hashable and can be pickled.
    """

    __slots__ = ("_s", "_graph", "_topo", "_hash")

    _s: Structure
    _graph: nx.DiGraph[str] | None
    _topo: tuple[str, ...] | None
    _hash: int | None

    def __init__(self, name: str = "diagram", *, nodes: Iterable[Node] = (),
                 edges: Iterable[EdgeLike] = (), description: str | None = None) -> None:
        s = Structure(name, description)
        for node in nodes:
            s.add_node(node)
        s.add_edges(parse_edges(*edges))
        self._init(s)

    def _init(self, s: Structure) -> None:
        for slot, value in (("_s", s), ("_graph", None), ("_topo", None), ("_hash", None)):
            object.__setattr__(self, slot, value)

    @classmethod
    def _wrap(cls, s: Structure) -> Diagram:
        """The diagram of ``s``, which it now owns (nobody may change ``s`` afterwards)."""
        new = cls.__new__(cls)
        new._init(s)
        return new

    def _edited(self, change: Callable[[Structure], object]) -> Diagram:
        """A new diagram: a copy of the structure, changed (the copy is checked first)."""
        s = self._s.copy()
        change(s)
        return Diagram._wrap(s)

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError(f"a Diagram is immutable: cannot set {key!r} (build a new one, "
                             "e.g. with copy(name=...) or a DiagramBuilder)")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unpickle, (self._s,))

    @property
    def name(self) -> str:
        """The diagram's name."""
        return self._s.name

    @property
    def description(self) -> str | None:
        """Free text, or ``None``."""
        return self._s.description

    # ------------------------------------------------------------------ builder steps
    def add_node(self, node: Node, parents: Iterable[str] = ()) -> Diagram:
        """A new diagram with a node record added, and edges from ``parents`` (in order).

        Raises
        ------
        DiagramError
            The name is taken, or the node leaves a decision or utility without an agent in a
            diagram with several; :class:`~cid.NodeNotFoundError` for an unknown parent.

        Warns
        -----
        CIDWarning
            The node names a new agent that looks like a misspelt one (see
            :meth:`from_edges`).
        """
        return self._warned(self._edited(lambda s: s.add_node(node, parents)),
                            getattr(node, "owners", ()))

    def _warned(self, new: Diagram, owners: tuple[str, ...]) -> Diagram:
        """``new``, after warning if ``owners`` brings in an agent name that looks misspelt."""
        added = set(owners) - set(self.agents) if owners else set()
        if added:
            warn_agent_typos(new._s, added=added)
        return new

    def chance(self, name: str, parents: Iterable[str] = (), *, label: str | None = None,
               description: str | None = None, domain: Iterable[object] | None = None,
               step: int | None = None, counterfactual: bool = False,
               **unknown: object) -> Diagram:
        """A new diagram with a chance node added (arguments and errors as for
        :meth:`DiagramBuilder.chance`)."""
        return self.add_node(make_record(
            "chance", name, label=label, description=description, domain=domain, step=step,
            counterfactual=counterfactual, unknown=unknown), parents)

    def decision(self, name: str, parents: Iterable[str] = (), *, agent: str | None = None,
                 label: str | None = None, description: str | None = None,
                 domain: Iterable[object] | None = None, step: int | None = None,
                 counterfactual: bool = False, **unknown: object) -> Diagram:
        """A new diagram with a decision of ``agent`` observing ``parents`` added (as for
        :meth:`DiagramBuilder.decision`)."""
        return self.add_node(make_record(
            "decision", name, agent=agent, label=label, description=description, domain=domain,
            step=step, counterfactual=counterfactual, unknown=unknown), parents)

    def utility(self, name: str, parents: Iterable[str] = (), *,
                agent: str | Iterable[str] | None = None, label: str | None = None,
                description: str | None = None, domain: Iterable[object] | None = None,
                step: int | None = None, counterfactual: bool = False,
                **unknown: object) -> Diagram:
        """A new diagram with a utility owned by ``agent`` (one name, or several: shared), as
        for :meth:`DiagramBuilder.utility`."""
        return self.add_node(make_record(
            "utility", name, agent=agent, label=label, description=description, domain=domain,
            step=step, counterfactual=counterfactual, unknown=unknown), parents)

    def edge(self, parent: str, child: str) -> Diagram:
        """A new diagram with the edge ``parent -> child`` (equal to this one if it is there).

        Raises
        ------
        NodeNotFoundError
            ``parent`` or ``child`` is not in the diagram.
        DiagramError
            A self-loop, or the edge would make a cycle (the message spells it out).
        """
        return self._edited(lambda s: s.add_edge(parent, child))

    def edges(self, *chains: EdgeLike | Iterable[EdgeLike]) -> Diagram:
        """A new diagram with edges given as pairs or chains (``"S1 -> S2"``, ``"A, B -> C"``).

        Raises
        ------
        DiagramError
            As for :meth:`edge`, or an item that is not an edge (see :func:`~cid.parse_edges`).
        """
        return self._edited(lambda s: s.add_edges(parse_edges(*chains)))

    # ------------------------------------------------------------------ edits
    def copy(self, *, name: str | None = None) -> Diagram:
        """This diagram, or an equal one under another ``name``.

        Raises
        ------
        CIDTypeError
            ``name`` is not a non-empty string.
        """
        return self if name is None else Diagram._wrap(self._s.copy(name))

    def with_edge(self, parent: str, child: str) -> Diagram:
        """The diagram with the edge ``parent -> child`` added (as :meth:`edge`)."""
        return self.edge(parent, child)

    def without_edge(self, parent: str, child: str) -> Diagram:
        """The diagram without the edge ``parent -> child``.

        Raises
        ------
        DiagramError
            There is no such edge (:class:`~cid.NodeNotFoundError` for an unknown node).
        """
        return self._edited(lambda s: s.remove_edge(parent, child))

    def without_nodes(self, nodes: Iterable[str]) -> Diagram:
        """The diagram without ``nodes`` and their edges (other parent orders kept).

        Raises
        ------
        NodeNotFoundError
            A node is not in the diagram.

        Examples
        --------
        >>> import cid
        >>> cid.Diagram.from_edges(["X -> Y -> Z", "X -> Z"]).without_nodes(["Y"]).edge_list
        (('X', 'Z'),)
        """
        return self._edited(lambda s: s.remove_nodes(nodes))

    def rename(self, mapping: Mapping[str, str]) -> Diagram:
        """The diagram with nodes renamed, ``{old: new}`` (records and edges kept).

        Raises
        ------
        NodeNotFoundError
            An old name is not in the diagram.
        DiagramError
            A new name is not an identifier, or two nodes would share a name.

        Examples
        --------
        >>> import cid
        >>> cid.Diagram.from_edges(["X -> Y"]).rename({"X": "W"}).edge_list
        (('W', 'Y'),)
        """
        return self._edited(lambda s: s.rename(mapping))

    def _with_record(self, node: str, **changes: Any) -> Diagram:
        import dataclasses

        return self._edited(
            lambda s: s.replace_record(dataclasses.replace(s.record(node), **changes)))

    def with_label(self, node: str, label: str | None) -> Diagram:
        """The diagram with ``node``'s display label set (``None``: the name is shown)."""
        return self._with_record(node, label=label)

    def with_step(self, node: str, step: int | None) -> Diagram:
        """The diagram with ``node``'s time index set (``None``: none)."""
        return self._with_record(node, step=step)

    def with_agent(self, node: str, agent: str | Iterable[str] | None) -> Diagram:
        """The diagram with the agent(s) of a decision or utility ``node`` set.

        Raises
        ------
        DiagramError
            ``node`` is a chance node, a decision is given several agents, or the change
            leaves a decision or utility without an agent in a diagram with several.
        """
        record = self[node]
        owners = check_owners(agent, node=node)
        if record.kind == "chance":
            raise DiagramError(f"{node} is a chance node: it has no agent",
                               code="cid_invalid_agent")
        return self._warned(self._edited(lambda s: s.set_kind(node, record.kind, owners)),
                            owners)

    def with_kind(self, node: str, kind: NodeKind, *,
                  agent: str | Iterable[str] | None = None) -> Diagram:
        """The diagram with ``node`` of another kind (label, domain, step and edges kept).

        ``agent`` gives the retyped node's agent(s); by default it keeps the agents it names
        (a decision's agent, a utility's owners); a chance node has none.

        Raises
        ------
        DiagramError
            An unknown kind; a shared utility retyped as a decision without ``agent=``; a
            decision or utility left without an agent in a diagram with several.
        """
        owners = None if agent is None else check_owners(agent, node=node)
        return self._warned(self._edited(lambda s: s.set_kind(node, kind, owners)),
                            owners or ())

    # ------------------------------------------------------------------ agents
    @property
    def agents(self) -> tuple[str, ...]:
        """The agents, sorted by name (``("agent",)`` when no node names one)."""
        return self._s.agents.agents

    def agents_of(self, node: str) -> tuple[str, ...]:
        """The agents owning a decision or utility node (empty for a chance node)."""
        return self._s.agents.owners(self[node])

    def agent_of(self, decision: str) -> str:
        """The agent that makes ``decision`` (:class:`~cid.DiagramError` if it is none)."""
        if self.kind(decision) != "decision":
            raise DiagramError(f"{decision} is a {self.kind(decision)} node, not a decision")
        return self.agents_of(decision)[0]

    def _check_agent_name(self, agent: str) -> None:
        if not isinstance(agent, str) or agent not in self.agents:
            raise NodeNotFoundError(
                f"unknown agent {agent!r}; the agents of {self.name!r} are "
                f"{', '.join(self.agents) or 'none'}")

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
        return self._s.record(name)

    def __contains__(self, name: object) -> bool:
        try:
            return name in self._s.nodes
        except TypeError:  # an unhashable value is no node name
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self.topological_order)

    def __len__(self) -> int:
        return len(self._s.nodes)

    def kind(self, node: str) -> NodeKind:
        """``"chance"``, ``"decision"`` or ``"utility"``."""
        return self[node].kind

    def _nx(self) -> nx.DiGraph[str]:
        if self._graph is None:
            g: nx.DiGraph[str] = nx.DiGraph()
            g.add_nodes_from(self._s.nodes)
            g.add_edges_from((p, n) for n, ps in self._s.parents.items() for p in ps)
            object.__setattr__(self, "_graph", nx.freeze(g))
        assert self._graph is not None
        return self._graph

    @property
    def topological_order(self) -> tuple[str, ...]:
        """All node names in topological order, ties broken by name (deterministic)."""
        if self._topo is None:
            object.__setattr__(self, "_topo",
                               tuple(nx.lexicographical_topological_sort(self._nx())))
        assert self._topo is not None
        return self._topo

    @property
    def nodes(self) -> tuple[str, ...]:
        """All node names, in topological order."""
        return self.topological_order

    def _of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(n for n in self.topological_order if self._s.nodes[n].kind == kind)

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
        return tuple(self._s.parents[node])

    def children(self, node: str) -> tuple[str, ...]:
        """The children of ``node`` in the order the edges were added."""
        self[node]
        return tuple(self._s.children[node])

    @property
    def edge_list(self) -> tuple[tuple[str, str], ...]:
        """Every edge, grouped by child in topological order, parents in their given order."""
        pa = self._s.parents
        return tuple((p, n) for n in self.topological_order for p in pa[n])

    @property
    def information_links(self) -> tuple[tuple[str, str], ...]:
        """The edges into decision nodes, ``(observation, decision)``."""
        return tuple((p, d) for d in self.decisions for p in self._s.parents[d])

    def to_networkx(self) -> nx.DiGraph[str]:
        """A copy as a :class:`networkx.DiGraph` (changing it does not change the diagram).

        Node attributes: ``kind``, ``agents`` (resolved) and ``label`` (display text).
        """
        g: nx.DiGraph[str] = nx.DiGraph(name=self.name)
        for n in self.topological_order:
            g.add_node(n, kind=self._s.nodes[n].kind, agents=self.agents_of(n),
                       label=self._s.nodes[n].display_label)
        g.add_edges_from(self.edge_list)
        return g

    # ------------------------------------------------------------------ value semantics
    def _resolved(self, node: str) -> tuple[object, ...]:
        record = self._s.nodes[node]
        domain = None if record.domain is None else tuple((type(v), v) for v in record.domain)
        return (record.kind, record.label, record.description, domain, record.step,
                record.counterfactual, self.agents_of(node), tuple(self._s.parents[node]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagram):
            return NotImplemented
        if self is other:
            return True
        return (self.name == other.name and self.description == other.description
                and self._s.nodes.keys() == other._s.nodes.keys()
                and all(self._resolved(n) == other._resolved(n) for n in self._s.nodes))

    def __hash__(self) -> int:
        if self._hash is None:
            content = frozenset((n, self._resolved(n)) for n in self._s.nodes)
            object.__setattr__(self, "_hash", hash((self.name, self.description, content)))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        def count(n: int, word: str, plural: str | None = None) -> str:
            return f"{n} {word if n == 1 else (plural or word + 's')}"

        return (f"<Diagram {self.name!r}: {count(len(self), 'node')}, "
                f"{count(len(self.decisions), 'decision')}, "
                f"{count(len(self.utilities), 'utility', 'utilities')}, "
                f"{count(len(self.agents), 'agent')}>")

    def _repr_mimebundle_(self, include: Iterable[str] | None = None,
                          exclude: Iterable[str] | None = None) -> dict[str, str]:
        """Jupyter display: the rendered picture, and this diagram's repr as plain text.

        When no picture can be drawn (Graphviz missing or failing), a ``text/markdown``
        fallback shows why, and the DOT source, as escaped preformatted text: no label,
        description or error message is ever read as Markdown or HTML.
        """
        from cid.drawing import render
        from cid.drawing.rendering import select_mimetypes
        from cid.errors import CIDError

        try:
            shown = dict(render(self)._repr_mimebundle_())
        except CIDError as err:  # cannot be drawn: say why, as text
            shown = {"text/plain": f"{self!r}\nthe diagram could not be drawn: {err}"}
        bundle = {"text/plain": repr(self)}
        if "image/svg+xml" in shown:
            bundle["image/svg+xml"] = shown["image/svg+xml"]
        else:
            bundle["text/markdown"] = html_preformatted(shown.get("text/plain", "")) + "\n"
        return select_mimetypes(bundle, include, exclude)

    # ------------------------------------------------------------------ construction, IO
    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON-ready spec (see :mod:`cid.io`).

        Raises
        ------
        DiagramError
            The diagram has no nodes (a spec has at least one).
        """
        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The canonical JSON spec as text; the same diagram always gives the same text.

        Raises
        ------
        DiagramError
            The diagram has no nodes (a spec has at least one).
        """
        return to_json(self, indent=indent)

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
            ``("U", "V")``, ``["U", "V"]``, ``"A -> B -> C"`` (see :func:`~cid.parse_edges`);
            a listed edge twice counts once.
        decisions, utilities : list of str, or dict of agent to list of str
            A list for one agent, or ``{agent: [...]}``; a utility listed under several agents
            is shared. Each name must be a node of an edge or of ``nodes``.
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
            Listing *every* problem found, each with where it is (``edges[2]``, ``decisions``);
            an unknown name in ``decisions``/``utilities`` comes with close matches.

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
        d = cls._wrap(read_edge_list(
            edges, decisions=decisions, utilities=utilities, nodes=nodes, name=name,
            labels=labels, domains=domains, description=description))
        warn_agent_typos(d._s)
        return d

    @classmethod
    def _read(cls, data: object, *, source: str, text: bool = False) -> Diagram:
        """Read a spec: JSON ``text``, or a dict (see :mod:`cid.io`)."""
        from cid.core.schema import read_dict, read_json

        if text:
            d = cls._wrap(read_json(data, source=source))  # type: ignore[arg-type]
        else:
            d = cls._wrap(read_dict(data, source=source))  # type: ignore[arg-type]
        warn_agent_typos(d._s)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagram:
        """Read a spec dict (:class:`~cid.SpecError` listing every problem)."""
        return cls._read(data, source="spec")

    @classmethod
    def from_json(cls, text: str | bytes) -> Diagram:
        """Read a JSON spec (:class:`~cid.SpecError`: invalid JSON, or every problem)."""
        return cls._read(text, source="spec", text=True)


def _unpickle(s: Structure) -> Diagram:
    return Diagram._wrap(s)


def require_diagram(value: object, where: str) -> Diagram:
    """``value`` if it is a :class:`Diagram`; else a :class:`~cid.CIDTypeError` that names the
    function ``where`` and, for a string, says how to get a diagram from a file or the zoo.

    >>> require_diagram("zoo:mdp", "analyze")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cid.errors.CIDTypeError: analyze() takes a cid.Diagram, got str 'zoo:mdp' (for a zoo entry...
    """
    if isinstance(value, Diagram):
        return value
    hint = (" (for a zoo entry, pass zoo.build(NAME); for a file, cid.load(PATH))"
            if isinstance(value, str) else "")
    raise CIDTypeError(f"{where}() takes a cid.Diagram, got {type(value).__name__} "
                       f"{value!r:.60}{hint}")
