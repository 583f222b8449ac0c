"""Every criterion agrees with the brute-force oracle; every witness is a real path.

Random diagrams have up to 8 nodes, several decisions and up to three agents (with shared
utility nodes). Witness trails are checked with the oracle's trail test and with networkx's
``is_d_separator``, in the graph the witness claims to live in, and that graph is checked to
be the one the definition names.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.incentives import Guarantee, IncentiveKind
from tests.incentives import oracle
from tests.strategies import diagrams

KINDS = {
    "value_of_information": cid.value_of_information,
    "response_incentive": cid.response_incentives,
    "value_of_control": cid.value_of_control,
    "instrumental_control_incentive": cid.instrumental_control_incentives,
}


@st.composite
def many_decisions(draw: st.DrawFn, max_nodes: int = 8) -> cid.Diagram:
    """One agent with many decisions and dense links: where VoI needs its fallback."""
    n = draw(st.integers(3, max_nodes))
    names = [f"N{i}" for i in range(n)]
    d = cid.Diagram("dense")
    for i, name in enumerate(names):
        kind = draw(st.sampled_from(["chance", "decision", "decision", "utility"]))
        parents = draw(st.lists(st.sampled_from(names[:i]), unique=True)) if i else []
        getattr(d, kind)(name, parents)
    return d


def _check_witness(d: cid.Diagram, decision: str, node: str, kind: str) -> None:
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


def _agree(d: cid.Diagram, *, witnesses: bool) -> None:
    before = d.to_json()
    report = cid.analyze(d)
    for D in d.decisions:
        expected = oracle.criteria(d, D)
        for kind, fn in KINDS.items():
            got = fn(d, D)
            assert got == expected[kind], (kind, D, sorted(got), sorted(expected[kind]))
            assert set(report[D].nodes(kind)) == got
            if witnesses:
                for node in sorted(got):
                    _check_witness(d, D, node, kind)
            absent = set(d.nodes) - got
            if absent:
                assert cid.explain(d, D, min(absent), kind) is None
    assert d.to_json() == before  # analysis never mutates the diagram


@settings(max_examples=200)
@given(diagrams(max_nodes=8, max_agents=3, attributes=False))
def test_criteria_and_witnesses_agree_with_the_oracle(d: cid.Diagram) -> None:
    _agree(d, witnesses=True)


@settings(max_examples=120)
@given(many_decisions())
def test_many_decisions_agree_with_the_oracle(d: cid.Diagram) -> None:
    _agree(d, witnesses=True)


@settings(max_examples=150)
@given(diagrams(max_nodes=8, max_agents=2, attributes=False))
def test_invariants(d: cid.Diagram) -> None:
    G = d.to_networkx()
    for D in d.decisions:
        desc = nx.descendants(G, D)
        agent = d.agent_of(D)
        voi, ri = cid.value_of_information(d, D), cid.response_incentives(d, D)
        voc, ici = cid.value_of_control(d, D), cid.instrumental_control_incentives(d, D)
        assert not voi & (desc | {D})  # VoI never on descendants of D
        assert not ri & (desc | {D})  # RI only on non-descendants
        assert not voc & set(d.decisions_of(agent))
        assert ici <= desc | {D}
        if len(d.decisions_of(agent)) == 1:
            assert ici <= voc | {D}  # single decision: ICI ⊆ VoC ∪ {D}
        # the single-pass report says which guarantee applies
        g = cid.analyze(d)[D].guarantee
        if len(d.decisions_of(agent)) == 1:
            assert g is Guarantee.SOUND_AND_COMPLETE
        elif oracle.has_sufficient_recall(d, agent):
            assert g is Guarantee.GENERALISATION
        else:
            assert g is Guarantee.NO_SUFFICIENT_RECALL
