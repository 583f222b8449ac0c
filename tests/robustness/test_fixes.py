"""fixes(): the true minimum (brute force over edit subsets), each fix checked."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.robustness import RemoveEdge, fixes
from cid.robustness.fixes import ici_cut_size
from tests.robustness.oracle import CRITERIA, all_single_edits, small_diagrams

_REMOVE = ("remove", "remove_link", "add_link")
_CREATE = ("add", "add_link", "remove_link")


def _brute_force(d: cid.Diagram, decision: str, node: str, kind: cid.IncentiveKind,
                 create: bool, budget: int) -> set[frozenset[object]]:
    """Every inclusion-minimal edit set of at most ``budget`` edits that does the job."""
    classes = _CREATE if create else _REMOVE
    candidates = [e for e in all_single_edits(d)[0] if e.edit_class in classes]
    found: list[frozenset[object]] = []
    for size in range(1, budget + 1):
        for combo in combinations(candidates, size):
            if any(f <= set(combo) for f in found):
                continue
            edited = d
            try:
                for e in combo:
                    edited = e.apply(edited)
            except cid.DiagramError:
                continue  # an addition that closes a cycle with another one
            if (node in CRITERIA[kind](edited, decision)) == create:
                found.append(frozenset(combo))
    return set(found)


@settings(max_examples=30)
@given(small_diagrams(max_nodes=5), st.data())
def test_fixes_are_exactly_the_minimal_edit_sets(d: cid.Diagram, data: st.DataObject) -> None:
    if not d.decisions:
        return
    decision = data.draw(st.sampled_from(d.decisions))
    node = data.draw(st.sampled_from(d.nodes))
    kind = data.draw(st.sampled_from(list(cid.IncentiveKind)))
    create = node not in CRITERIA[kind](d, decision)
    got = fixes(d, decision, node, kind, budget=2, create=create)
    assert {frozenset(f.edits) for f in got} == _brute_force(d, decision, node, kind, create, 2)
    assert [f.size for f in got] == sorted(f.size for f in got)
    for f in got:
        assert (node in CRITERIA[kind](f.apply(d), decision)) == create
        assert f.witness is not None and f.witness.node == node


@settings(max_examples=30)
@given(small_diagrams(max_nodes=6), st.data())
def test_the_cut_is_the_fewest_removals_that_end_an_instrumental_control_incentive(
        d: cid.Diagram, data: st.DataObject) -> None:
    if not d.decisions:
        return
    decision = data.draw(st.sampled_from(d.decisions))
    node = data.draw(st.sampled_from(d.nodes))
    cut = ici_cut_size(d, decision, node)
    edges = d.edge_list
    best = next((k for k in range(len(edges) + 1) for combo in combinations(edges, k)
                 if node not in cid.instrumental_control_incentives(
                     _without(d, combo), decision)), None)
    assert cut == best


def _without(d: cid.Diagram, edges: tuple[tuple[str, str], ...]) -> cid.Diagram:
    for e in edges:
        d = d.without_edge(*e)
    return d


def test_wireheading_reward_function_tampering_fixes() -> None:
    d = cid.Diagram.from_edges(["D -> T -> U", "D -> S -> U", "S -> T"], decisions=["D"],
                               utilities=["U"])
    assert [str(f) for f in fixes(d, "D", "T", "ICI")] == [
        "-edge T -> U", "-edge D -> S, -edge D -> T", "-edge D -> T, -edge S -> T"]
    pinned = fixes(d, "D", "T", "ICI", pinned="T -> U")
    assert [str(f) for f in pinned] == ["-edge D -> S, -edge D -> T",
                                        "-edge D -> T, -edge S -> T"]
    assert fixes(d, "D", "T", "ICI", pinned="T -> U", budget=1) == ()
    w = cid.Diagram.from_edges(
        ["D -> T -> U", "W -> U"], decisions=["D"], utilities=["U"])
    (created,) = fixes(w, "D", "W", "RI", create=True, budget=1)
    assert str(created) == "+link W -> D" and created.witness is not None
    assert created.witness.path == ("W", "D")


def test_nothing_to_do_and_bad_input() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    (nothing,) = fixes(d, "D", "S", "ICI")
    assert nothing.edits == () and str(nothing) == "(no edit needed)"
    with pytest.raises(cid.NodeNotFoundError, match="'Z'"):
        fixes(d, "D", "U", "ICI", pinned=[("Z", "U")])
    with pytest.raises(cid.NodeNotFoundError):
        fixes(d, "D", "Z", "ICI")
    with pytest.raises(cid.NodeNotFoundError):
        fixes(d, "X", "U", "ICI")
    with pytest.raises(cid.DiagramError):
        fixes(d, "D", "U", "ICI", budget=-1)
    assert fixes(d, "D", "U", "ICI")[0].edits == (RemoveEdge("D", "U"),)
