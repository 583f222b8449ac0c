"""Direct and indirect value of control agree with a brute-force oracle; witnesses hold."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
import zoo
from cid.incentives import ControlKind
from tests.support import oracle
from tests.support.incentive_cases import observing
from tests.support.strategies import diagrams


def _reduced(d: cid.Diagram, decision: str) -> tuple[nx.DiGraph, set[str], set[str]]:
    agent = d.agent_of(decision)
    ds, us = set(d.decisions_of(agent)), set(d.utilities_of(agent))
    return oracle.reduction(d.to_networkx(), ds, us), ds, us


def _directed_paths(G: nx.DiGraph, x: str, y: str) -> list[list[str]]:
    return [[x]] if x == y else [list(p) for p in nx.all_simple_paths(G, x, y)]


def oracle_direct(d: cid.Diagram, decision: str) -> frozenset[str]:
    """VoC, and some directed path X ⇝ U in G* through none of the agent's decisions."""
    R, ds, us = _reduced(d, decision)
    return frozenset(x for x in oracle.voc(d, decision)
                     if any(not set(p) & ds for u in us for p in _directed_paths(R, x, u)))


def _backdoor(R: nx.DiGraph, x: str, u: str, given: set[str]) -> bool:
    return any(len(t) > 1 and R.has_edge(t[1], x) and oracle.is_active(R, t, given)
               for t in oracle.all_trails(R, x, u))


def oracle_indirect(d: cid.Diagram, decision: str) -> frozenset[str]:
    """VoC, a path X ⇝ D ⇝ U in G*, and a backdoor trail X — U active given Fa(D) \\ {X}."""
    R, _, us = _reduced(d, decision)
    out = set()
    for x in oracle.voc(d, decision):
        given = ({decision} | set(d.parents(decision))) - {x}
        for u in us:
            through = any(decision in p for p in _directed_paths(R, x, u))
            if through and u not in given and _backdoor(R, x, u, given):
                out.add(x)
    return frozenset(out)


def _check_witness(d: cid.Diagram, decision: str, node: str, kind: ControlKind) -> None:
    w = cid.explain_control(d, decision, node, kind)
    assert w is not None and (w.kind, w.decision, w.node) == (kind, decision, node)
    R, ds, us = _reduced(d, decision)
    path = list(w.path)
    assert path[0] == node and path[-1] in us
    assert all(R.has_edge(a, b) for a, b in pairwise(path))
    if kind is ControlKind.DIRECT_VALUE_OF_CONTROL:
        assert not set(path) & ds and w.backdoor == () and w.given == frozenset()
        return
    assert decision in path
    trail = list(w.backdoor)
    assert trail[0] == node and trail[-1] == path[-1] and len(set(trail)) == len(trail)
    assert R.has_edge(trail[1], node)
    for (a, b), pair in zip(w.backdoor_edges, pairwise(trail), strict=True):
        assert {a, b} == set(pair) and R.has_edge(a, b)
    assert w.given == ({decision} | set(d.parents(decision))) - {node}
    assert oracle.is_active(R, trail, w.given)


@settings(max_examples=150, deadline=None)
@given(st.one_of(diagrams(max_nodes=7, attributes=False), observing(), observing()))
def test_against_the_oracle(d: cid.Diagram) -> None:
    for decision in d.decisions:
        direct = cid.direct_value_of_control(d, decision)
        indirect = cid.indirect_value_of_control(d, decision)
        assert direct == oracle_direct(d, decision)
        assert indirect == oracle_indirect(d, decision)
        assert direct | indirect <= cid.value_of_control(d, decision)
        for kind, found in ((ControlKind.DIRECT_VALUE_OF_CONTROL, direct),
                            (ControlKind.INDIRECT_VALUE_OF_CONTROL, indirect)):
            assert found == cid.incentive_nodes(d, decision, kind)
            for node in d.nodes:
                if node in found:
                    _check_witness(d, decision, node, kind)
                else:
                    assert cid.explain_control(d, decision, node, kind) is None


def test_fitness_tracker() -> None:
    """The zoo's fitness tracker (pycid's example): direct {F, P}, indirect {SC}."""
    d = zoo.build("fitness_tracker")
    assert cid.value_of_control(d, "C") == {"SC", "TF", "TD", "P", "F"}
    assert cid.direct_value_of_control(d, "C") == {"F", "P"}
    assert cid.indirect_value_of_control(d, "C") == {"SC"}
    # TF matters only through the decision too, but nothing behind it reaches the utility
    assert cid.only_via(d, "C", "TF", "C", kind="VoC")
    assert "TF" not in cid.indirect_value_of_control(d, "C")
    # without the common cause P of SC and F, SC has no indirect value of control
    assert "SC" not in cid.indirect_value_of_control(d.without_edge("P", "SC"), "C")
    w = cid.explain_control(d, "C", "SC", "indirect VoC")
    assert w is not None and "P" in w.backdoor and str(w).startswith("SC → ")


def test_small_cases() -> None:
    g = cid.Diagram.from_edges(["X -> D -> U", "X -> U"], decisions=["D"], utilities=["U"])
    assert cid.direct_value_of_control(g, "D") == {"X", "U"}
    assert cid.indirect_value_of_control(g, "D") == set()
    h = cid.Diagram.from_edges(["Z -> X -> D -> U", "Z -> U"], decisions=["D"],
                               utilities=["U"])
    assert cid.indirect_value_of_control(h, "D") == {"X"}
    assert cid.direct_value_of_control(h, "D") == {"Z", "U"}
    w = cid.explain_control(h, "D", "X", ControlKind.INDIRECT_VALUE_OF_CONTROL)
    assert w is not None and w.to_dict() == {
        "kind": "indirect_value_of_control", "path": ["X", "D", "U"],
        "backdoor": ["X", "Z", "U"], "given": ["D"],
        "backdoor_edges": [["Z", "X"], ["Z", "U"]], "graph": "minimal d-reduction"}


def test_collider_above_the_node_counts_through_it() -> None:
    """A collider whose only way to the conditioning set runs through X itself: the backdoor
    trail X <- A -> C <- B -> U is active given {D, W}, since C -> X -> W."""
    d = cid.Diagram.from_edges(
        ["A -> X", "A -> C", "B -> C", "B -> U", "C -> X", "X -> W", "W -> D", "X -> D",
         "D -> U"], decisions=["D"], utilities=["U"])
    assert ("X" in cid.indirect_value_of_control(d, "D")) == ("X" in oracle_indirect(d, "D"))


@pytest.mark.parametrize(("call", "error"), [
    (lambda d: cid.direct_value_of_control(d, "Nope"), cid.NodeNotFoundError),
    (lambda d: cid.indirect_value_of_control(d, "U"), cid.DiagramError),
    (lambda d: cid.explain_control(d, "D", "Nope", "direct"), cid.NodeNotFoundError),
    (lambda d: cid.explain_control(d, "D", "X", "VoC"), cid.DiagramError),
])
def test_bad_input(call: object, error: type[Exception]) -> None:
    d = cid.Diagram.from_edges(["X -> D -> U"], decisions=["D"], utilities=["U"])
    with pytest.raises(error):
        call(d)  # type: ignore[operator]
