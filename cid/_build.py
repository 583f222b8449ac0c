"""Assemble a :class:`~cid.Diagram` in one go, collecting *every* problem before raising.

Used by :meth:`Diagram.from_edges` and by the JSON reader (:mod:`cid.io`): both report all
problems at once, each with its location, in one :class:`~cid.SpecError`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from cid.errors import CIDError, SpecError
from cid.nodes import Chance, Decision, Node, Utility

if TYPE_CHECKING:
    from cid.model import Diagram

Problem = tuple[str, str, str]  # (location, message, code)


def assemble(
    cls: type[Diagram],
    *,
    name: str,
    description: str | None,
    nodes: Sequence[tuple[str, Node]],
    edges: Sequence[tuple[str, str, str]],
    problems: list[Problem] | None = None,
    source: str = "diagram",
) -> Diagram:
    """Build a diagram from located node records and ``(location, parent, child)`` edges."""
    problems = list(problems or [])
    records: dict[str, Node] = {}
    for loc, node in nodes:
        if node.name in records:
            old = records[node.name]
            if {old.kind, node.kind} == {"decision", "utility"}:
                problems.append((loc, f"node {node.name} cannot be both a decision and a utility",
                                 "cid_decision_and_utility"))
            else:
                problems.append((loc, f"duplicate node name {node.name!r}", "cid_duplicate_node"))
            continue
        records[node.name] = node
    graph = nx.DiGraph()
    graph.add_nodes_from(records)
    accepted: list[tuple[str, str]] = []  # in the given order: it fixes each child's parent order
    for loc, u, v in edges:
        unknown = [n for n in (u, v) if n not in records]
        if unknown:
            problems.append((loc, f"edge {u} -> {v}: unknown node {', '.join(map(repr, unknown))}",
                             "cid_unknown_node"))
        elif u == v:
            problems.append((loc, f"self-loop on node {u}: {u} -> {u}", "cid_cycle"))
        elif graph.has_edge(u, v):
            problems.append((loc, f"edge {u} -> {v} is listed twice", "cid_duplicate_edge"))
        else:
            graph.add_edge(u, v)
            accepted.append((u, v))
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        pass
    else:
        names = [e[0] for e in cycle] + [cycle[0][0]]
        problems.append(("edges", f"the edges form a cycle: {' -> '.join(names)}", "cid_cycle"))
    named = sorted({a for r in records.values() for a in _agents(r)})
    if len(named) > 1:
        missing = [f"{r.kind} {r.name}" for r in records.values()
                   if not isinstance(r, Chance) and not _agents(r)]
        if missing:
            problems.append(("nodes", f"{', '.join(missing)} name no agent, but the diagram has "
                             f"several agents ({', '.join(named)})", "cid_missing_agent"))
    if not records and not problems:
        problems.append(("nodes", "the diagram has no nodes", "cid_empty"))
    if problems:
        raise SpecError(problems, source=source)
    diagram = cls(name, description=description)
    for node in records.values():
        diagram.add_node(node)
    diagram._graph.add_edges_from(accepted)
    return diagram


def _agents(node: Node) -> tuple[str, ...]:
    if isinstance(node, Decision):
        return (node.agent,) if node.agent else ()
    if isinstance(node, Utility):
        return node.agents
    return ()


def _by_agent(
    value: Sequence[str] | Mapping[str, Sequence[str]], what: str, problems: list[Problem]
) -> dict[str, list[str | None]]:
    """``{node: [agents]}`` from a list (no agent) or an ``{agent: [nodes]}`` mapping."""
    out: dict[str, list[str | None]] = {}
    if isinstance(value, str):
        problems.append((what, f"give a list of node names, not the string {value!r}", "cid_type"))
        return out
    if isinstance(value, Mapping):
        for agent, names in value.items():
            if isinstance(names, str):
                names = [names]
            for n in names:
                out.setdefault(n, []).append(agent)
    else:
        for n in value:
            out.setdefault(n, []).append(None)
    return out


def build_from_parts(
    cls: type[Diagram],
    edges: list[tuple[str, str]],
    *,
    decisions: Sequence[str] | Mapping[str, Sequence[str]],
    utilities: Sequence[str] | Mapping[str, Sequence[str]],
    nodes: Sequence[str] | Any,
    name: str,
    labels: Mapping[str, str],
    domains: Mapping[str, Sequence[Hashable]],
    description: str | None,
) -> Diagram:
    """The implementation of :meth:`Diagram.from_edges`."""
    problems: list[Problem] = []
    dec = _by_agent(decisions, "decisions", problems)
    util = _by_agent(utilities, "utilities", problems)
    names: dict[str, None] = {}
    for n in [*dec, *util, *(n for e in edges for n in e), *nodes]:
        names.setdefault(n, None)
    for extra, what in ((labels, "labels"), (domains, "domains")):
        for n in extra:
            if n not in names:
                problems.append((what, f"unknown node {n!r}", "cid_unknown_node"))
    records: list[tuple[str, Node]] = []
    for n in names:
        common: dict[str, Any] = {"label": labels.get(n), "domain": domains.get(n)}
        try:
            if n in dec and n in util:
                problems.append(("nodes", f"node {n} cannot be both a decision and a utility",
                                 "cid_decision_and_utility"))
                continue
            if n in dec:
                agents = dec[n]
                if len(agents) > 1:
                    problems.append(("decisions", f"decision {n} is listed for several agents "
                                     f"{agents}", "cid_duplicate_node"))
                records.append(("decisions", Decision(n, agent=agents[0], **common)))
            elif n in util:
                owners = tuple(a for a in util[n] if a is not None)
                records.append(("utilities", Utility(n, agents=owners, **common)))
            else:
                records.append(("edges", Chance(n, **common)))
        except CIDError as err:
            problems.append(("nodes", str(err), err.code))
    return assemble(cls, name=name, description=description, nodes=records,
                    edges=[(f"edge {u} -> {v}", u, v) for u, v in edges],
                    problems=problems, source="from_edges")
