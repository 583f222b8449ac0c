"""The mutable state behind a diagram, and every edit of it, implemented once.

A :class:`Structure` holds a diagram's name, description, node records (by name, in the
order they were added), each node's parents (in the order given: the order of its tables)
and children, and its agents. Every change is checked before anything is changed, so a
failed change leaves the structure as it was. :class:`~cid.Diagram` wraps a structure it
never changes (each edit of a diagram edits a copy); :class:`~cid.DiagramBuilder` is a
structure changed in place, for building large diagrams in linear time.

Examples
--------
>>> from cid.core.nodes import Chance
>>> s = Structure("s")
>>> s.add_node(Chance("X")); s.add_node(Chance("Y"), ["X"])
>>> s.rename({"X": "Z"}); s.parents["Y"]
['Z']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence

from cid.core.agents import AgentBook
from cid.core.names import check_identifier, did_you_mean
from cid.core.nodes import NODE_KINDS, Chance, Decision, Node, NodeKind, Utility, retype
from cid.core.validation import (
    MAX_NAME_LENGTH,
    Problem,
    cycle_problems,
    diagram_text_problems,
    edge_problems,
    missing_agent_problems,
    new_edge_problems,
    node_problems,
    parent_problems,
    raise_first,
    record_text_problems,
    text_problems,
)
from cid.errors import CIDTypeError, DiagramError, NodeNotFoundError, SpecError

__all__ = ["Structure", "assemble"]


class Structure:
    """A diagram's nodes, ordered parents and children, and agents; changed in place.

    Parameters
    ----------
    name : str
        A non-empty name.
    description : str, optional
        Free text.

    Raises
    ------
    CIDTypeError
        A name or description that is not a string (or an empty name).
    DiagramError
        A name or description too long, or holding control characters (see
        :func:`~cid.core.validation.text_problems`).
    """

    __slots__ = ("name", "description", "nodes", "parents", "children", "agents")

    def __init__(self, name: str = "diagram", description: str | None = None) -> None:
        if not isinstance(name, str) or not name:
            raise CIDTypeError(f"invalid diagram name {name!r}: a non-empty string")
        if description is not None and not isinstance(description, str):
            raise CIDTypeError(f"diagram {name!r}: description must be a string, got "
                               f"{description!r}")
        raise_first(diagram_text_problems(name, description))
        self.name = name
        self.description = description
        self.nodes: dict[str, Node] = {}
        self.parents: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        self.agents = AgentBook()

    def copy(self, name: str | None = None) -> Structure:
        """An independent copy (plain dict and list copies: records are immutable)."""
        new = Structure(self.name if name is None else name, self.description)
        new.nodes = dict(self.nodes)
        new.parents = {n: list(ps) for n, ps in self.parents.items()}
        new.children = {n: list(cs) for n, cs in self.children.items()}
        new.agents = self.agents.copy()
        return new

    def record(self, name: object) -> Node:
        """The record of ``name``; :class:`~cid.NodeNotFoundError` (with close matches) if
        there is none."""
        try:
            return self.nodes[name]  # type: ignore[index]
        except (KeyError, TypeError):
            raise NodeNotFoundError(f"unknown node {name!r} in diagram {self.name!r}"
                                    f"{did_you_mean(name, self.nodes)}") from None

    # ------------------------------------------------------------------ adding
    def add_node(self, node: Node, parents: Iterable[str] = ()) -> None:
        """Add a record and edges from ``parents`` (existing nodes, in order)."""
        if not isinstance(node, (Chance, Decision, Utility)):
            raise CIDTypeError(f"not a node record: {node!r}")
        raise_first(record_text_problems(node, f"node {node.name}"))
        raise_first(node_problems(self.nodes, node, f"node {node.name}"))
        checked, problems = parent_problems(node.name, parents, self.nodes)
        raise_first(problems)
        self.agents.check(node)
        self.nodes[node.name] = node
        self.parents[node.name] = checked
        self.children[node.name] = []
        for p in checked:
            self.children[p].append(node.name)
        self.agents.add(node)

    def add_edge(self, parent: object, child: object) -> bool:
        """Add ``parent -> child``; return whether it is new (an edge twice counts once)."""
        if not isinstance(parent, str) or not isinstance(child, str):
            raise CIDTypeError(f"edge {parent!r} -> {child!r}: node names are strings",
                               code="cid_invalid_edge")
        raise_first(edge_problems(self.nodes, parent, child, f"edge {parent} -> {child}"))
        if parent in self.parents[child]:
            return False
        raise_first(new_edge_problems(self.children, parent, child))
        self.parents[child].append(parent)
        self.children[parent].append(child)
        return True

    def add_edges(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add edges; all or nothing (on an error, none of them stays)."""
        added: list[tuple[str, str]] = []
        try:
            for parent, child in pairs:
                if self.add_edge(parent, child):
                    added.append((parent, child))
        except Exception:
            for parent, child in reversed(added):  # the newest edges: parent orders restored
                self.parents[child].pop()
                self.children[parent].pop()
            raise

    # ------------------------------------------------------------------ editing
    def remove_edge(self, parent: str, child: str) -> None:
        """Remove ``parent -> child``; a :class:`~cid.DiagramError` if there is none."""
        self.record(parent), self.record(child)
        if parent not in self.parents[child]:
            raise DiagramError(f"no edge {parent} -> {child} in diagram {self.name!r}")
        self.parents[child].remove(parent)
        self.children[parent].remove(child)

    def remove_nodes(self, names: Iterable[str]) -> None:
        """Remove nodes and their edges (the other nodes keep their parent order)."""
        gone = {names} if isinstance(names, str) else set(names)
        for n in sorted(gone, key=str):
            self.record(n)
        for n in gone:
            self.agents.remove(self.nodes.pop(n))
            del self.parents[n], self.children[n]
        for table in (self.parents, self.children):
            for n, linked in table.items():
                if any(x in gone for x in linked):
                    table[n] = [x for x in linked if x not in gone]

    def rename(self, mapping: Mapping[str, str]) -> None:
        """Rename nodes (``{old: new}``); records, edges and orders keep their places."""
        if not isinstance(mapping, Mapping):
            raise CIDTypeError(f"rename takes a mapping of old name to new name, got "
                               f"{mapping!r}")
        for old, new in mapping.items():
            self.record(old)
            check_identifier(new)
            raise_first(text_problems(new, f"the new name of node {old}", "rename",
                                      limit=MAX_NAME_LENGTH))
        names = {n: mapping.get(n, n) for n in self.nodes}
        seen: dict[str, str] = {}
        for old, new in names.items():
            if new in seen:
                raise DiagramError(f"rename: {seen[new]} and {old} would both be named {new!r}",
                                   code="cid_duplicate_node")
            seen[new] = old
        records = {names[n]: dataclasses.replace(r, name=names[n]) for n, r in self.nodes.items()}
        self.parents = {names[n]: [names[p] for p in ps] for n, ps in self.parents.items()}
        self.children = {names[n]: [names[c] for c in cs] for n, cs in self.children.items()}
        self.nodes = records
        self.agents = AgentBook()
        for record in records.values():
            self.agents.add(record)

    def replace_record(self, record: Node) -> None:
        """Put ``record`` in place of the node of the same name (edges kept)."""
        old = self.record(record.name)
        raise_first(record_text_problems(record, f"node {record.name}"))
        self.agents.remove(old)
        try:
            self.agents.check(record)
        except DiagramError:
            self.agents.add(old)
            raise
        self.agents.add(record)
        self.nodes[record.name] = record

    def set_kind(self, node: str, kind: NodeKind,
                 owners: tuple[str, ...] | None = None) -> None:
        """Retype ``node`` (its other attributes and edges kept; its agents unless
        ``owners`` is given)."""
        old = self.record(node)
        if not isinstance(kind, str) or kind not in NODE_KINDS:
            error = DiagramError if isinstance(kind, str) else CIDTypeError
            raise error(f"unknown node kind {kind!r}; use 'chance', 'decision' or 'utility'")
        self.replace_record(retype(old, kind, old.owners if owners is None else owners))


def assemble(name: str, description: str | None, nodes: Sequence[tuple[str, Node]],
             edges: Sequence[tuple[str, str, str]], *, problems: Sequence[Problem] = (),
             broken: Collection[str] = (), source: str = "diagram") -> Structure:
    """A structure from located records and ``(location, parent, child)`` edges, checked as
    a whole: every problem (with those found before, ``problems``) is reported at once.

    Nodes in ``broken`` exist but could not be read: edges to them are not reported again.

    Raises
    ------
    SpecError
        Listing every problem, earlier ones first.
    """
    found = [*problems, *diagram_text_problems(name, description)]
    s = Structure.__new__(Structure)
    s.name, s.description = name, description
    s.nodes, s.parents, s.children, s.agents = {}, {}, {}, AgentBook()
    where: dict[str, str] = {}
    for loc, node in nodes:
        found += record_text_problems(node, loc)
        dup = node_problems(s.nodes, node, loc)
        if dup:
            found.append((loc, dup[0][1].split(" (already")[0], dup[0][2]))
            continue
        s.nodes[node.name], s.parents[node.name], s.children[node.name] = node, [], []
        where[node.name] = loc
    for loc, u, v in edges:
        bad = edge_problems(s.nodes, u, v, loc, broken)
        if bad:
            found += bad
        elif u in s.nodes and v in s.nodes and u not in s.parents[v]:
            s.parents[v].append(u)
            s.children[u].append(v)
    found += cycle_problems(s.children)
    found += missing_agent_problems(s.nodes, where)
    if not s.nodes and not found:
        found.append(("nodes", "the diagram has no nodes", "cid_empty"))
    if found:
        raise SpecError(found, source=source)
    for record in s.nodes.values():
        s.agents.add(record)
    return s
