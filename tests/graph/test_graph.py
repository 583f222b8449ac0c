"""Tests for cid.graph: Bayes-ball witnesses, requisite links, d-reduction, sufficient recall.

The oracle (tests/support/oracle.py) enumerates every trail; networkx's ``is_d_separator``
is a second, independent oracle for d-separation.
"""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid import graph as cg
from tests.support import oracle
from tests.support.graphs import numpy_levels
from tests.support.strategies import diagrams


@st.composite
def dag_query(draw: st.DrawFn, max_nodes: int = 8) -> tuple[nx.DiGraph, str, str, set[str]]:
    n = draw(st.integers(2, max_nodes))
    names = [f"V{i}" for i in range(n)]
    G = nx.DiGraph()
    G.add_nodes_from(names)
    for j in range(n):
        for i in range(j):
            if draw(st.booleans()):
                G.add_edge(names[i], names[j])
    x, y = draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
    rest = [v for v in names if v not in (x, y)]
    z = set(draw(st.lists(st.sampled_from(rest), unique=True))) if rest else set()
    return G, x, y, z


@settings(max_examples=200)
@given(dag_query())
def test_witness_trail_iff_not_d_separated(q: tuple[nx.DiGraph, str, str, set[str]]) -> None:
    G, x, y, z = q
    trail = cg.find_d_connecting_trail(G, x, y, given=z)
    separated = nx.is_d_separator(G, {x}, {y}, z)
    assert (trail is None) == separated == (not oracle.d_connected(G, x, y, z))
    if trail is not None:
        assert trail[0] == x and trail[-1] == y
        assert len(set(trail)) == len(trail)
        assert oracle.is_active(G, trail, z)
        assert cg.is_active_trail(G, trail, given=z)
    assert cg.is_d_connected(G, x, y, given=z) == (not separated)


@settings(max_examples=100)
@given(dag_query())
def test_d_connected_nodes_is_one_pass_of_all_queries(q: tuple[nx.DiGraph, str, str, set[str]]
                                                      ) -> None:
    G, x, _, z = q
    expected = {v for v in G if v != x and v not in z
                and not nx.is_d_separator(G, {x}, {v}, z)}
    assert cg.d_connected_nodes(G, x, given=z) == expected
    r = cg.bayes_ball(G, x, given=z)
    for v in expected:
        t = r.trail(v)
        assert t is not None and t[0] == v and t[-1] == x
        assert oracle.is_active(G, t[::-1], z)


def _views(d: cid.Diagram) -> list[tuple[nx.DiGraph, tuple[str, ...], tuple[str, ...], str]]:
    G = d.to_networkx()
    return [(G, d.decisions_of(a), d.utilities_of(a), a) for a in d.agents]


@settings(max_examples=150)
@given(diagrams(max_nodes=8, attributes=False))
def test_requisite_reduction_recall_against_definitions(d: cid.Diagram) -> None:
    for G, ds, us, agent in _views(d):
        before = set(G.edges)
        for D in ds:
            expected = {p for p in G.predecessors(D) if oracle.requisite(G, D, p, us)}
            assert cg.requisite_observations(G, D, utilities=us) == expected
        R = cg.minimal_d_reduction(G, decisions=ds, utilities=us)
        assert set(R.edges) == set(oracle.reduction(G, ds, us).edges)
        assert set(G.edges) == before  # input untouched
        assert cg.has_sufficient_recall(G, decisions=ds, utilities=us) == \
            oracle.has_sufficient_recall(d, agent)


@settings(max_examples=60)
@given(diagrams(max_nodes=7, attributes=False), st.randoms(use_true_random=False))
def test_reduction_fixpoint_does_not_depend_on_order(d: cid.Diagram, rnd: object) -> None:
    for G, ds, us, _ in _views(d):
        links = [(p, D) for D in ds for p in G.predecessors(D)]
        rnd.shuffle(links)  # type: ignore[attr-defined]
        a = oracle.reduction(G, ds, us)
        b = oracle.reduction(G, ds, us, order=links)
        assert set(a.edges) == set(b.edges)


def test_trim_example() -> None:
    """pycid's trim example: G* keeps 7 of 12 edges and D2 observes only Y2."""
    G = nx.DiGraph([("Y1", "D1"), ("Y1", "Y2"), ("Y1", "D2"), ("Y2", "D2"), ("Y2", "U"),
                    ("D1", "Y2"), ("D1", "D2"), ("Z1", "D1"), ("Z1", "D2"), ("Z1", "Z2"),
                    ("Z2", "D2"), ("D2", "U")])
    R = cg.minimal_d_reduction(G, decisions=["D1", "D2"], utilities=["U"])
    assert R.number_of_edges() == 7
    assert set(R.predecessors("D2")) == {"Y2"}
    assert set(R.predecessors("D1")) == {"Y1"}
    assert G.number_of_edges() == 12
    assert cg.requisite_observations(G, "D2", utilities=["U"]) == {"Y2"}


def test_utility_with_children_is_a_source_and_an_observation() -> None:
    # R1 is both the agent's reward and an observation of A2 (observing past rewards)
    G = nx.DiGraph([("S1", "R1"), ("A1", "R1"), ("R1", "A2"), ("S1", "S2"), ("S2", "R2"),
                    ("A2", "R2")])
    assert cg.requisite_observations(G, "A2", utilities=["R1", "R2"]) == {"R1"}


def test_relevance_graph_and_sufficient_recall() -> None:
    G = nx.DiGraph([("A", "U"), ("B", "U")])
    R = cg.relevance_graph(G, decisions=["A", "B"], utilities=["U"])
    assert set(R.edges) == {("A", "B"), ("B", "A")}
    assert not cg.has_sufficient_recall(G, decisions=["A", "B"], utilities=["U"])
    G.add_edge("A", "B")
    assert cg.has_sufficient_recall(G, decisions=["A", "B"], utilities=["U"])
    assert cg.s_reachable_decisions(G, "B", decisions=["A", "B"], utilities=["U"]) == set()
    # per-decision utilities (several agents)
    R = cg.relevance_graph(G, decisions=["A", "B"], utilities={"A": ["U"], "B": []})
    assert set(R.edges) == {("A", "B")}


def test_errors_name_the_offending_nodes() -> None:
    G = nx.DiGraph([("A", "B")])
    with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
        cg.find_d_connecting_trail(G, "A", "Q")
    with pytest.raises(cid.DiagramError, match="A"):
        cg.find_d_connecting_trail(G, "A", "B", given=["A"])
    with pytest.raises(cid.NodeNotFoundError, match="'X'"):
        cg.requisite_observations(G, "X", utilities=["B"])
    with pytest.raises(cid.NodeNotFoundError, match="'W'"):
        cg.minimal_d_reduction(G, decisions=["B"], utilities=["W"])
    with pytest.raises(cid.DiagramError):
        cg.bayes_ball(G, "A", given="A")


def test_sets_as_ends() -> None:
    G = nx.DiGraph([("A", "C"), ("B", "C"), ("C", "D")])
    assert cg.find_d_connecting_trail(G, {"A", "B"}, ["D"]) in (["A", "C", "D"],
                                                                ["B", "C", "D"])
    assert cg.find_d_connecting_trail(G, "A", "B") is None
    assert cg.find_d_connecting_trail(G, (), "B") is None
    assert not cg.is_active_trail(G, ["A", "B"])
    assert not cg.is_active_trail(G, [])


def test_collider_witness_does_not_revisit_the_collider() -> None:
    # X -> W <- Y with W -> Z observed: the trail is X, W, Y (not X, W, Z, W, Y)
    G = nx.DiGraph([("X", "W"), ("Y", "W"), ("W", "Z")])
    assert cg.find_d_connecting_trail(G, "X", "Y", given=["Z"]) == ["X", "W", "Y"]


def test_linear_time_on_long_chains_and_ladders() -> None:
    """Exponentially many trails, linear work: a 'ladder' has 2^k trails between its ends, so
    only a search that visits each state once finishes (timings live in benchmarks/)."""
    n = 20_000
    G = nx.DiGraph()
    for i in range(n):
        G.add_edge(f"a{i}", f"a{i + 1}")
        G.add_edge(f"a{i}", f"b{i}")
        G.add_edge(f"b{i}", f"a{i + 1}")
    trail = cg.find_d_connecting_trail(G, "a0", f"a{n}")
    assert trail is not None and len(trail) == n + 1
    assert not cg.is_d_connected(G, "a0", f"a{n}", given=[f"a{n // 2}"])


def test_unknown_nodes_are_refused_everywhere() -> None:
    """Every cid.graph function raises NodeNotFoundError for a node not in the graph, also
    ``is_active_trail`` (which used to drop unknown conditioning nodes and to return False
    for an unknown trail node)."""
    G = nx.DiGraph([("X1", "D"), ("D", "U")])
    with pytest.raises(cid.NodeNotFoundError, match="'d'"):
        cg.is_active_trail(G, ["X1", "D", "U"], given={"d"})
    with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
        cg.is_active_trail(G, ["X1", "Q"])
    assert cg.is_active_trail(G, ["X1", "D", "U"])
    assert not cg.is_active_trail(G, ["X1", "D", "U"], given="D")
    calls = [
        lambda: cg.bayes_ball(G, "Q"),
        lambda: cg.bayes_ball(G, "X1", given=["Q"]),
        lambda: cg.d_connected_nodes(G, "X1", given=["Q"]),
        lambda: cg.is_d_connected(G, "X1", "U", given=["Q"]),
        lambda: cg.find_d_connecting_trail(G, "Q", "U"),
        lambda: cg.requisite_observations(G, "D", utilities=["Q"]),
        lambda: cg.minimal_d_reduction(G, decisions=["Q"], utilities=["U"]),
        lambda: cg.s_reachable_decisions(G, "D", decisions=["Q"], utilities=["U"]),
        lambda: cg.relevance_graph(G, decisions=["D"], utilities={"Q": ["U"]}),
        lambda: cg.has_sufficient_recall(G, decisions=["D"], utilities=["Q"]),
    ]
    for call in calls:
        with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
            call()
    r = cg.bayes_ball(G, "X1")
    assert "Q" not in r
    for query in (r.trail, r.oriented_trail, r.can_leave_upwards,
                  lambda v: r.arrived(v, "up")):
        with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
            query("Q")


@settings(max_examples=100)
@given(dag_query())
def test_is_active_trail_agrees_with_the_oracle(q: tuple[nx.DiGraph, str, str, set[str]]
                                                ) -> None:
    G, x, y, z = q
    for trail in oracle.all_trails(G, x, y):
        assert cg.is_active_trail(G, trail, given=z) == oracle.is_active(G, trail, z)


# ---------------------------------------------------------------- numpy levels

@settings(max_examples=150)
@given(dag_query())
def test_numpy_levels_reach_the_same_states(q: tuple[nx.DiGraph, str, str, set[str]]) -> None:
    G, x, y, z = q
    plain = cg.bayes_ball(G, x, given=z)
    with numpy_levels():
        vector = cg.bayes_ball(G, x, given=z)
        trail = cg.find_d_connecting_trail(G, x, y, given=z)
        assert cg.d_connected_nodes(G, x, given=z) == plain.reached - {x} - z
    assert vector.reached == plain.reached
    for v in G:
        for direction in ("up", "down"):
            assert vector.arrived(v, direction) == plain.arrived(v, direction)
        assert vector.can_leave_upwards(v) == plain.can_leave_upwards(v)
        t = vector.trail(v)
        if t is not None:  # a shortest trail, maybe another one than the plain search's
            assert t[0] == v and t[-1] == x and oracle.is_active(G, t[::-1], z)
            assert len(t) == len(plain.trail(v) or [])
    assert (trail is None) == nx.is_d_separator(G, {x}, {y}, z)
    if trail is not None:
        assert oracle.is_active(G, trail, z) and trail[0] == x and trail[-1] == y


@settings(max_examples=40)
@given(diagrams(max_nodes=8, attributes=False))
def test_numpy_levels_give_the_same_reduction_and_recall(d: cid.Diagram) -> None:
    for G, ds, us, _ in _views(d):
        plain = cg.minimal_d_reduction(G, decisions=ds, utilities=us)
        recall = cg.has_sufficient_recall(G, decisions=ds, utilities=us)
        with numpy_levels():
            assert set(cg.minimal_d_reduction(G, decisions=ds, utilities=us).edges) == \
                set(plain.edges)
            assert cg.has_sufficient_recall(G, decisions=ds, utilities=us) == recall
