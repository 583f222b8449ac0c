"""Checks that a witness is a real path in the graph the definition names (shared by the
incentive tests)."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

import cid
from cid.incentives import IncentiveKind
from tests.incentives import oracle

__all__ = ["check_witness"]


def check_witness(d: cid.Diagram, decision: str, node: str, kind: str) -> None:
    """Assert that the witness of ``node`` for ``kind`` is valid (see the module)."""
    w = cid.explain(d, decision, node, kind)
    assert w is not None, (decision, node, kind)
    assert w.node == node and w.decision == decision and w.kind == IncentiveKind(kind)
    agent = d.agent_of(decision)
    us = set(d.utilities_of(agent))
    G = d.to_networkx()
    graph = w.graph
    path = list(w.path)
    assert len(set(path)) == len(path)
    for (a, b), (p, q) in zip(w.edges, pairwise(path), strict=True):
        assert {a, b} == {p, q} and graph.has_edge(a, b)
    if kind == "value_of_information":
        # the graph is the definition's: (G + X -> D)*, and X -> D is in it
        H = G.copy()
        H.add_edge(node, decision)
        expected = oracle.reduction(H, d.decisions_of(agent), us)
        assert set(graph.edges) == set(expected.edges)
        assert graph.has_edge(node, decision)
        assert path[0] == node and path[-1] in us and path[-1] in nx.descendants(graph, decision)
        z = set(w.given)
        assert z == set(graph.predecessors(decision)) - {node} | {decision}
        assert oracle.is_active(graph, path, z)
        assert not nx.is_d_separator(graph, {node}, {path[-1]}, z)
        return
    assert all(graph.has_edge(a, b) for a, b in pairwise(path))  # directed
    if kind == "response_incentive":
        assert path[0] == node and path[-1] == decision
    elif kind == "value_of_control":
        assert path[0] == node and path[-1] in us
    else:
        assert path[0] == decision and node in path and path[-1] in us
        assert set(graph.edges) == set(G.edges)
    if kind != "instrumental_control_incentive":
        R = oracle.reduction(G, d.decisions_of(agent), us)
        assert set(graph.edges) == set(R.edges)
