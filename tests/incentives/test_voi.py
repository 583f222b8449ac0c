"""Value of information with several decisions: the replay of the reduction (cid.incentives.voi)
against the definition, exhaustively on small diagrams and on diagrams built to need it.

The engine brackets VoI between two one-pass bounds; the candidates between them (``voi_gap``)
are decided by replaying the reduction, and only those whose link could bring back a removed
link get a reduction each (``definition_checks``). These tests make sure both paths run.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cid
from cid.incentives.criteria import agent_view
from tests.incentives import oracle
from tests.incentives.witnesses import check_witness

_KIND = {"c": "chance", "d": "decision", "u": "utility"}


def _build(names: list[str], kinds: str, edges: list[tuple[str, str]]) -> cid.Diagram:
    d = cid.Diagram("exhaustive")
    for v, k in zip(names, kinds, strict=True):
        getattr(d, _KIND[k])(v, [a for a, b in edges if b == v])
    return d


def _oracle_sets(G: nx.DiGraph, ds: list[str], us: list[str], D: str,
                 R: nx.DiGraph) -> dict[str, set[str]]:
    """The four criteria by definition (oracle.py), with the agent's reduction R given."""
    desc = nx.descendants(G, D)
    voi = set()
    for x in G:
        if x != D and x not in desc:
            H = G.copy()
            H.add_edge(x, D)
            if oracle.reduction(H, ds, us).has_edge(x, D):
                voi.add(x)
    ud = set(us) & desc
    return {
        "value_of_information": voi,
        "response_incentive": {x for x in G if x != D and nx.has_path(R, x, D)},
        "value_of_control": {x for x in G if x not in ds
                             and any(nx.has_path(R, x, u) for u in us)},
        "instrumental_control_incentive": {x for x in G if nx.has_path(G, D, x)
                                           and any(nx.has_path(G, x, u) for u in ud)},
    }


def test_every_four_node_diagram_agrees_with_the_definitions() -> None:
    """All 64 DAGs on N0 < N1 < N2 < N3 times all 50 kind assignments with a decision and a
    utility: every criterion of every decision equals the definition. This also checks the
    lower bound of value of information, which the engine relies on without a proof."""
    names = [f"N{i}" for i in range(4)]
    pairs = [(names[i], names[j]) for j in range(4) for i in range(j)]
    kind_sets = ["".join(k) for k in itertools.product("cdu", repeat=4)
                 if "d" in k and "u" in k]
    assert len(kind_sets) == 50
    decisions = gap = checks = 0
    for mask in range(1 << len(pairs)):
        edges = [p for b, p in enumerate(pairs) if mask >> b & 1]
        G = nx.DiGraph(edges)
        G.add_nodes_from(names)
        for kinds in kind_sets:
            ds = [v for v, k in zip(names, kinds, strict=True) if k == "d"]
            us = [v for v, k in zip(names, kinds, strict=True) if k == "u"]
            R = oracle.reduction(G, ds, us)
            report = cid.analyze(_build(names, kinds, edges))
            for D in ds:
                r = report[D]
                expected = _oracle_sets(G, ds, us, D, R)
                for kind, nodes in expected.items():
                    assert set(r.nodes(kind)) == nodes, (edges, kinds, D, kind)
                decisions += 1
                gap += r._analysis.voi_gap if r._analysis else 0
                checks += r.definition_checks
    assert decisions == 4864
    assert 0 < checks < gap  # both the replay and the definition were needed


@st.composite
def gapped(draw: st.DrawFn) -> cid.Diagram:
    """One agent, two or more decisions observing much of the past, a utility last: links get
    removed, and the bounds of value of information disagree on about a quarter of these
    diagrams (the others are dropped by ``assume``)."""
    n = draw(st.integers(4, 7))
    names = [f"N{i}" for i in range(n)]
    first, second = sorted(draw(st.lists(st.integers(0, n - 2), min_size=2, max_size=2,
                                         unique=True)))
    d = cid.Diagram("gapped")
    for i, name in enumerate(names):
        if i in (first, second):
            kind = "decision"
        elif i == n - 1:
            kind = "utility"
        else:
            kind = draw(st.sampled_from(["chance", "decision", "utility"]))
        parents = [p for p in names[:i] if draw(st.booleans())]
        getattr(d, kind)(name, parents)
    return d


def _gap(d: cid.Diagram) -> int:
    return sum(r._analysis.voi_gap for r in cid.analyze(d) if r._analysis is not None)


@settings(max_examples=80, suppress_health_check=[HealthCheck.filter_too_much])
@given(gapped())
def test_candidates_between_the_bounds_agree_with_the_definition(d: cid.Diagram) -> None:
    assume(_gap(d) > 0)
    report = cid.analyze(d)
    for r in report:
        assert r._analysis is not None
        assert r.definition_checks <= r._analysis.voi_gap
        voi = oracle.voi(d, r.decision)
        assert set(r.value_of_information) == voi
        for node in sorted(voi):
            check_witness(d, r.decision, node, "value_of_information")


def test_the_replay_settles_candidates_without_the_definition() -> None:
    """A fixed sample of gapped diagrams: exact, and most of the gap needs no reduction."""
    rng = random.Random(3)
    gap = checks = 0
    for _ in range(300):
        n = rng.randint(4, 7)
        names = [f"N{i}" for i in range(n)]
        d = cid.Diagram("sample")
        for i, name in enumerate(names):
            kind = rng.choice(["chance", "decision", "decision", "utility"])
            getattr(d, kind)(name, [p for p in names[:i] if rng.random() < 0.5])
        if len(d.decisions) < 2:
            continue
        for r in cid.analyze(d):
            assert r._analysis is not None
            if r._analysis.voi_gap:
                assert set(r.value_of_information) == oracle.voi(d, r.decision)
                gap += r._analysis.voi_gap
                checks += r.definition_checks
    assert gap > 0 and checks < gap


def _adversarial(m: int, *, recall: bool) -> cid.Diagram:
    edges = [f"X{i} -> Y" for i in range(m)] + ["Y -> D1", "D1 -> U", "D2 -> U"]
    return cid.Diagram.from_edges(edges + (["D2 -> D1"] if recall else []),
                                  decisions=["D1", "D2"], utilities=["U"])


@pytest.mark.parametrize("recall", [True, False])
def test_adversarial_shape_small_agrees_with_the_definition(recall: bool) -> None:
    d = _adversarial(4, recall=recall)
    for D in ("D1", "D2"):
        assert cid.value_of_information(d, D) == oracle.voi(d, D)


def test_adversarial_shape_needs_no_reduction_per_candidate() -> None:
    """X_i -> Y -> D1 -> U <- D2 -> D1: Y -> D1 is removed, and no X_i -> D2 brings it back."""
    m = 300
    report = cid.analyze(_adversarial(m, recall=True))
    r = report["D2"]
    assert r._analysis is not None and r._analysis.voi_gap == m + 1
    assert r.definition_checks == 0
    assert r.value_of_information == ()
    assert report["D1"].value_of_information == ("D2",)
    # without D2 -> D1 each X_i -> D2 does bring Y -> D1 back: the definition decides them all
    r = cid.analyze(_adversarial(m, recall=False))["D2"]
    assert r.definition_checks == m + 1
    assert set(r.value_of_information) == {f"X{i}" for i in range(m)} | {"Y", "D1"}


def test_replay_records_each_removed_link_once() -> None:
    d = _adversarial(3, recall=True)
    view = agent_view(d, d.agent_of("D1"))
    names = view.base.compact.names
    links = [(names[link.parent], names[link.decision]) for link in view.replay]
    assert links == [("Y", "D1")]
    (link,) = view.replay
    assert {names[i] for i in link.given} == {"D1", "D2"}
    assert [names[i] for i, below in enumerate(link.below) if below] == ["U"]
