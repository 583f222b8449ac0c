"""Assemble a :class:`~cid.Diagram` in one go, collecting *every* problem before raising.

Used by :meth:`Diagram.from_edges` and by the JSON reader (:mod:`cid.io`): both report all
problems at once, each with its location, in one :class:`~cid.SpecError`.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from cid._agents import missing_agent_message
from cid.edges import parse_edges
from cid.errors import CIDError, CIDWarning, SpecError
from cid.nodes import Chance, Decision, Node, Utility, check_domain

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Problem", "assemble", "build_from_parts", "warn_agent_typos"]

Problem = tuple[str, str, str]  # (location, message, code)


def assemble(
    cls: type[Diagram],
    *,
    name: str,
    description: str | None,
    nodes: Sequence[tuple[str, Node]],
    edges: Sequence[tuple[str, str, str]],
    problems: Sequence[Problem] = (),
    broken: Collection[str] = (),
    source: str = "diagram",
) -> Diagram:
    """Build a diagram from located node records and ``(location, parent, child)`` edges.

    Parameters
    ----------
    cls : type
        The diagram class.
    name, description : str
        The diagram's name and description (already valid).
    nodes : sequence of (location, record)
    edges : sequence of (location, parent, child)
        An edge listed twice counts once.
    problems : sequence of (location, message, code)
        Problems found before (the shape of a document, invalid names, ...).
    broken : collection of str
        Names of nodes that exist but could not be read: edges to them are not reported as
        edges to unknown nodes.
    source : str
        What is read, for the error message (``"spec"``, a file name, ``"from_edges"``).

    Raises
    ------
    SpecError
        Listing every problem, earlier ones first.
    """
    problems = list(problems)
    records: dict[str, Node] = {}
    where: dict[str, str] = {}
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
        where[node.name] = loc
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(records)
    accepted: list[tuple[str, str]] = []  # in the given order: it fixes each child's parents
    for loc, u, v in edges:
        missing = [n for n in dict.fromkeys((u, v)) if n not in records]
        if missing:  # nodes that exist but could not be read are reported where they are
            unknown = [n for n in missing if n not in broken]
            if unknown:
                problems.append((loc, f"edge {u} -> {v}: unknown node "
                                 f"{', '.join(map(repr, unknown))}", "cid_unknown_node"))
        elif u == v:
            problems.append((loc, f"self-loop on node {u}: {u} -> {u}", "cid_cycle"))
        elif not graph.has_edge(u, v):  # an edge listed twice counts once
            graph.add_edge(u, v)
            accepted.append((u, v))
    problems += _cycles(graph, list(records))
    problems += _missing_agents(records, where)
    if not records and not problems:
        problems.append(("nodes", "the diagram has no nodes", "cid_empty"))
    if problems:
        raise SpecError(problems, source=source)
    diagram = cls(name, description=description)
    for node in records.values():
        diagram.add_node(node)
    diagram._graph.add_edges_from(accepted)
    warn_agent_typos(diagram)
    return diagram


def _cycles(graph: nx.DiGraph[str], order: list[str]) -> list[Problem]:
    """One problem per strongly connected component that holds a cycle."""
    rank = {n: i for i, n in enumerate(order)}
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    out: list[Problem] = []
    for component in sorted(components, key=lambda c: min(rank[n] for n in c)):
        start = min(component, key=rank.__getitem__)
        cycle = nx.find_cycle(graph.subgraph(component), source=start)
        names = [str(e[0]) for e in cycle] + [str(cycle[0][0])]
        out.append(("edges", f"the edges form a cycle: {' -> '.join(names)}", "cid_cycle"))
    return out


def _missing_agents(records: Mapping[str, Node], where: Mapping[str, str]) -> list[Problem]:
    named = sorted({a for r in records.values() for a in r.owners})
    if len(named) < 2:
        return []
    return [(where[r.name], missing_agent_message([(r.kind, r.name)], named), "cid_missing_agent")
            for r in records.values() if r.kind != "chance" and not r.owners]


def warn_agent_typos(diagram: Diagram) -> None:
    """Warn (:class:`~cid.CIDWarning`) when some agents have decisions but no utilities while
    others have utilities but no decisions: the signature of a misspelt agent name.

    An agent with utilities only (a principal) or decisions only is fine on its own.
    """
    agents = diagram.agents
    if len(agents) < 2:
        return
    deciding = {a for n in diagram.decisions for a in diagram.agents_of(n)}
    rewarded = {a for n in diagram.utilities for a in diagram.agents_of(n)}
    no_utility = sorted(deciding - rewarded)
    no_decision = sorted(rewarded - deciding)
    if no_utility and no_decision:
        warnings.warn(
            f"diagram {diagram.name!r}: {_agents_phrase(no_utility)} decisions but no utilities, "
            f"and {_agents_phrase(no_decision)} utilities but no decisions; is an agent name "
            "misspelt?", CIDWarning, stacklevel=_caller_level())


def _agents_phrase(agents: list[str]) -> str:
    listed = ", ".join(map(repr, agents))
    return f"agent {listed} has" if len(agents) == 1 else f"agents {listed} have"


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside :mod:`cid` (the user's call)."""
    level, frame = 2, sys._getframe(2)
    while frame.f_back is not None and _in_cid(frame.f_globals.get("__name__")):
        frame, level = frame.f_back, level + 1
    return level


def _in_cid(module: object) -> bool:
    return isinstance(module, str) and (module == "cid" or module.startswith("cid."))


def _names(value: object, what: str, problems: list[Problem]) -> list[str]:
    """The node names in ``value`` (one name or a list of names); report anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        problems.append((what, f"give a list of node names, got {value!r}", "cid_type"))
        return []
    out = []
    for n in value:
        if isinstance(n, str):
            out.append(n)
        else:
            problems.append((what, f"a node name is a string, got {n!r}", "cid_type"))
    return out


def _by_agent(value: object, what: str, problems: list[Problem]) -> dict[str, list[str | None]]:
    """``{node: [agents]}`` from a list (no agent) or an ``{agent: [nodes]}`` mapping."""
    out: dict[str, list[str | None]] = {}
    if isinstance(value, str) or not isinstance(value, Iterable):
        problems.append((what, f"give a list of node names or an {{agent: [names]}} dict, got "
                         f"{value!r}", "cid_type"))
        return out
    groups: Iterable[tuple[str | None, object]] = (
        value.items() if isinstance(value, Mapping) else [(None, value)])
    for agent, names in groups:
        loc = what if agent is None else f"{what}[{agent!r}]"
        for n in _names(names, loc, problems):
            agents = out.setdefault(n, [])
            if agent in agents:
                under = "" if agent is None else f" under agent {agent!r}"
                problems.append((loc, f"{n} is listed twice{under} in {what}",
                                 "cid_duplicate_node"))
            else:
                agents.append(agent)
    return out


def _edges(edges: object, problems: list[Problem]) -> list[tuple[str, str, str]]:
    if isinstance(edges, str):
        edges = [edges]
    elif (isinstance(edges, (list, tuple)) and len(edges) == 2
          and all(isinstance(n, str) and "->" not in n for n in edges)):
        edges = [edges]  # one pair
    if isinstance(edges, Mapping) or not isinstance(edges, Iterable):
        problems.append(("edges", f"give a list of edges, got {edges!r}", "cid_type"))
        return []
    out: list[tuple[str, str, str]] = []
    for i, item in enumerate(edges):
        try:
            out.extend((f"edges[{i}]", u, v) for u, v in parse_edges(item))
        except CIDError as err:
            problems.append((f"edges[{i}]", str(err), err.code))
    return out


def _mapping(value: object, what: str, problems: list[Problem]) -> Mapping[object, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.append((what, f"give a dict of node name to value, got {value!r}", "cid_type"))
        return {}
    return value


def build_from_parts(
    cls: type[Diagram],
    edges: object,
    *,
    decisions: object,
    utilities: object,
    nodes: object,
    name: object,
    labels: object,
    domains: object,
    description: object,
) -> Diagram:
    """The implementation of :meth:`Diagram.from_edges` (see there)."""
    problems: list[Problem] = []
    if not isinstance(name, str) or not name:
        problems.append(("name", f"invalid diagram name {name!r}: a non-empty string", "cid_type"))
        name = "diagram"
    if description is not None and not isinstance(description, str):
        problems.append(("description", f"description must be a string, got {description!r}",
                         "cid_type"))
        description = None
    dec = _by_agent(decisions, "decisions", problems)
    util = _by_agent(utilities, "utilities", problems)
    located = _edges(edges, problems)
    where: dict[str, str] = {}  # node -> where it is first named
    for n in [*dec, *util]:
        where.setdefault(n, "decisions" if n in dec else "utilities")
    for loc, u, v in located:
        where.setdefault(u, loc)
        where.setdefault(v, loc)
    for n in _names(nodes, "nodes", problems):
        where.setdefault(n, "nodes")
    extras: dict[str, dict[str, Any]] = {}
    for key, value in (("label", labels), ("domain", domains)):
        for node, given in _mapping(value, f"{key}s", problems).items():
            if not isinstance(node, str) or node not in where:
                problems.append((f"{key}s", f"unknown node {node!r}", "cid_unknown_node"))
            elif key == "label" and not isinstance(given, str):
                problems.append(("labels", f"node {node}: a label is a string, got {given!r}",
                                 "cid_type"))
            else:
                try:
                    extras.setdefault(node, {})[key] = (
                        given if key == "label" else check_domain(given, node=node))
                except CIDError as err:
                    problems.append(("domains", str(err), err.code))
    records: list[tuple[str, Node]] = []
    broken: set[str] = set()
    for n, loc in where.items():
        common = extras.get(n, {})
        try:
            if n in dec and n in util:
                broken.add(n)
                problems.append((loc, f"node {n} cannot be both a decision and a utility",
                                 "cid_decision_and_utility"))
            elif n in dec:
                agents = dec[n]
                if len(agents) > 1:
                    problems.append((loc, f"decision {n} is listed under several agents ("
                                     f"{', '.join(map(str, agents))}); a decision has one",
                                     "cid_invalid_agent"))
                records.append((loc, Decision(n, agent=agents[0], **common)))
            elif n in util:
                owners = tuple(a for a in util[n] if a is not None)
                records.append((loc, Utility(n, agents=owners, **common)))
            else:
                records.append((loc, Chance(n, **common)))
        except CIDError as err:
            broken.add(n)
            problems.append((loc, str(err), err.code))
    return assemble(cls, name=name, description=description, nodes=records, edges=located,
                    problems=problems, broken=broken, source="from_edges")
