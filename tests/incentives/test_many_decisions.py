"""Many decisions per agent, several agents, shared utilities, with and without sufficient
recall: every criterion and the reductions behind value of information agree with the two
brute-force oracles (``oracle.py`` by trail enumeration, ``many_decisions.py`` by networkx's
``is_d_separator``)."""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, given, settings

import cid
from cid.incentives import Guarantee
from cid.incentives.criteria import agent_view
from cid.incentives.voi import revivable
from tests.support import oracle
from tests.support.graphs import numpy_levels
from tests.support.many_decisions import (
    many_decision_diagrams,
    naive_criteria,
    naive_reduction,
)
from tests.support.witnesses import check_witness

KINDS = ("value_of_information", "response_incentive", "value_of_control",
         "instrumental_control_incentive")


def _agree_with_oracle(d: cid.Diagram) -> None:
    report = cid.analyze(d)
    for D in d.decisions:
        expected = oracle.criteria(d, D)
        for kind in KINDS:
            got = set(report[D].nodes(kind))
            assert got == expected[kind], (kind, D, sorted(got), sorted(expected[kind]))
            for node in sorted(got):
                check_witness(d, D, node, kind)
        agent = d.agent_of(D)
        guarantee = report[D].guarantee
        if len(d.decisions_of(agent)) == 1:
            assert guarantee is Guarantee.SOUND_AND_COMPLETE
        else:
            assert (guarantee is Guarantee.GENERALISATION) == \
                oracle.has_sufficient_recall(d, agent)


@settings(max_examples=80, deadline=None)
@given(many_decision_diagrams(max_nodes=8))
def test_many_decisions_several_agents_agree_with_the_oracle(d: cid.Diagram) -> None:
    _agree_with_oracle(d)


@settings(max_examples=50, deadline=None)
@given(many_decision_diagrams(max_nodes=8, recall=True))
def test_many_decisions_with_sufficient_recall_agree_with_the_oracle(d: cid.Diagram) -> None:
    for agent in d.agents:
        if d.decisions_of(agent):
            assert oracle.has_sufficient_recall(d, agent)
    _agree_with_oracle(d)


@settings(max_examples=40, deadline=None)
@given(many_decision_diagrams(max_nodes=8))
def test_numpy_levels_agree_with_the_oracle(d: cid.Diagram) -> None:
    """Every frontier expanded by numpy (the path large diagrams take): same answers."""
    with numpy_levels():
        _agree_with_oracle(d)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many_decision_diagrams(max_nodes=22, max_agents=2, max_parents=2))
def test_larger_many_decision_diagrams_agree_with_the_naive_definitions(
        d: cid.Diagram) -> None:
    report = cid.analyze(d)
    for D in d.decisions:
        expected = naive_criteria(d, D)
        for kind in KINDS:
            assert set(report[D].nodes(kind)) == expected[kind], (kind, D)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many_decision_diagrams(max_nodes=18, max_agents=2, max_parents=2))
def test_reduction_with_a_new_link_is_the_definition(d: cid.Diagram) -> None:
    """``(G + X -> D)*`` by replaying the reduction of ``G``, re-checking only the batches
    the new link could revive, is the minimal d-reduction of ``G + X -> D`` for every
    candidate ``X`` (not only those the engine needs)."""
    G = d.to_networkx()
    for agent in d.agents:
        ds, us = list(d.decisions_of(agent)), set(d.utilities_of(agent))
        if not ds:
            continue
        view = agent_view(d, agent)
        g = view.base.compact
        assert {(g.names[a], g.names[b]) for a, b in view.reduction.removed} == \
            set(G.edges) - set(naive_reduction(G, ds, us).edges)
        for D in ds:
            i = g.index[D]
            below = view.decision(D).below
            utilities_below = [u for u in view.utility_ids if below[u]]
            for x in G:
                j = g.index[x]
                if x == D or below[j] or G.has_edge(x, D):
                    continue
                flagged = revivable(view.replay, i, [j], utilities_below).get(j, [])
                got = view.reduce_with(j, i, flagged)
                H = G.copy()
                H.add_edge(x, D)
                expected = set(H.edges) - set(naive_reduction(H, ds, us).edges)
                assert {(g.names[a], g.names[b]) for a, b in got.removed} == expected, (x, D)
                assert nx.is_directed_acyclic_graph(H)
