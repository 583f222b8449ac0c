"""Rebuild a diagram with some changes, keeping every node's parent order.

CPD tables are laid out in parent order, so every diagram the quantitative layer derives
(interventions, added or removed information links, nodes turned into decisions) is rebuilt
here node by node, with each node's parents listed in their original order.

>>> import cid
>>> d = cid.Diagram.from_edges(["B -> C", "A -> C"])
>>> rebuild(d, parents={"C": ["B", "A", "D"]}, extra=[cid.Chance("D")]).parents("C")
('B', 'A', 'D')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from cid.errors import DiagramError
from cid.model import Diagram
from cid.nodes import Node, NodeKind, normalize_agents, retype

__all__ = ["rebuild", "retyped"]


def rebuild(d: Diagram, *, parents: Mapping[str, Sequence[str]] | None = None,
            records: Mapping[str, Node] | None = None, extra: Iterable[Node] = (),
            name: str | None = None) -> Diagram:
    """A new diagram like ``d`` with some parent lists and node records replaced.

    ``extra`` adds new nodes (their parents come from ``parents``). Parent order is kept as
    given (``d.parents(n)`` for unchanged nodes).
    """
    parents = parents or {}
    records = records or {}
    nodes: dict[str, Node] = {n: records.get(n, d[n]) for n in d.nodes}
    for node in extra:
        nodes[node.name] = node
    pa = {n: tuple(parents[n]) if n in parents else (d.parents(n) if n in d else ())
          for n in nodes}
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from((p, n) for n in pa for p in pa[n])
    try:
        order = list(nx.lexicographical_topological_sort(g))
    except nx.NetworkXUnfeasible:
        cycle = " -> ".join(str(u) for u, _ in nx.find_cycle(g))
        raise DiagramError(f"the change makes a cycle: {cycle}", code="cid_cycle") from None
    new = Diagram(name or d.name, description=d.description)
    for n in order:
        new.add_node(nodes[n], parents=pa[n])
    return new


def retyped(record: Node, kind: NodeKind, *, agent: str | Iterable[str] | None = None) -> Node:
    """``record`` as a node of another kind (its label, domain, step, ... kept).

    ``agent`` names the new owner(s); by default the node keeps its own (a chance node has
    none), as :meth:`cid.Diagram.with_kind` does.
    """
    owners = normalize_agents(agent, node=record.name) if agent is not None else record.owners
    return retype(record, kind, owners)
