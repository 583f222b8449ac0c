"""Read a diagram given as an edge list (:meth:`~cid.Diagram.from_edges`, pycid style).

Every problem is collected, each with its location (``edges[2]``, ``decisions``), and
reported at once in one :class:`~cid.SpecError` (see :func:`cid.core.structure.assemble`).

Examples
--------
>>> s = read_edge_list("S -> D -> U", decisions=["D"], utilities=["U"], nodes=(),
...                    name="d", labels=None, domains=None, description=None)
>>> s.parents["U"], s.nodes["D"].kind
(['D'], 'decision')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cid.core.edges import parse_edges
from cid.core.names import did_you_mean
from cid.core.nodes import Chance, Decision, Node, Utility, check_domain
from cid.core.structure import Structure, assemble
from cid.core.validation import Problem, decision_and_utility_problem, unknown_name_problems
from cid.errors import CIDError

__all__ = ["read_edge_list"]


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


def _extras(labels: object, domains: object, known: Mapping[str, str],
            problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """``{node: {"label": ..., "domain": ...}}`` from the per-node mappings, checked."""
    extras: dict[str, dict[str, Any]] = {}
    for key, value in (("label", labels), ("domain", domains)):
        for node, given in _mapping(value, f"{key}s", problems).items():
            if not isinstance(node, str) or node not in known:
                problems.append((f"{key}s", f"unknown node {node!r}{did_you_mean(node, known)}",
                                 "cid_unknown_node"))
            elif key == "label" and not isinstance(given, str):
                problems.append(("labels", f"node {node}: a label is a string, got {given!r}",
                                 "cid_type"))
            else:
                try:
                    extras.setdefault(node, {})[key] = (
                        given if key == "label" else check_domain(given, node=node))
                except CIDError as err:
                    problems.append(("domains", str(err), err.code))
    return extras


def read_edge_list(
    edges: object,
    *,
    decisions: object,
    utilities: object,
    nodes: object,
    name: object,
    labels: object,
    domains: object,
    description: object,
) -> Structure:
    """The structure :meth:`~cid.Diagram.from_edges` wraps (see there)."""
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
    listed: dict[str, str] = {}  # node -> where it is first named
    for loc, u, v in located:
        listed.setdefault(u, loc)
        listed.setdefault(v, loc)
    for n in _names(nodes, "nodes", problems):
        listed.setdefault(n, "nodes")
    why = "it is in no edge and not in nodes= (list an isolated node in nodes=)"
    problems += unknown_name_problems(dec, listed, "decisions", why)
    problems += unknown_name_problems(util, listed, "utilities", why)
    where = {n: "decisions" if n in dec else "utilities"
             for n in [*dec, *util] if n in listed}
    for n, loc in listed.items():
        where.setdefault(n, loc)
    extras = _extras(labels, domains, where, problems)
    records: list[tuple[str, Node]] = []
    broken: set[str] = set()
    for n, loc in where.items():
        common = extras.get(n, {})
        try:
            if n in dec and n in util:
                broken.add(n)
                problems.append(decision_and_utility_problem(n, loc))
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
    return assemble(name, description, records, located, problems=problems, broken=broken,
                    source="from_edges")
