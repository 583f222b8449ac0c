"""sensitivity(): every flip, nothing spurious, against naive re-analysis of every edit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.robustness import AddEdge, ChangeKind, RemoveEdge, sensitivity
from tests.robustness.oracle import CRITERIA, all_single_edits, naive_flips, small_diagrams


def _flips(report: cid.robustness.SensitivityReport) -> set[tuple[object, ...]]:
    return {(f.edit, v.decision, v.kind.value, v.node, f.appears)
            for v in report.verdicts for f in v.flips}


@settings(max_examples=40)
@given(small_diagrams())
def test_flips_match_naive_reanalysis_of_every_single_edit(d: cid.Diagram) -> None:
    edits, cyclic = all_single_edits(d)
    report = sensitivity(d)
    assert set(report.edits) | {e for e, why in report.skipped if why != "cycle"} == set(edits)
    assert report.cycles_skipped == cyclic
    assert _flips(report) == naive_flips(d, list(report.edits))


@settings(max_examples=15)
@given(st.integers(0, 10**6), st.integers(5, 8), st.sampled_from(["dag", "layered", "time"]),
       st.integers(1, 2))
def test_incremental_equals_full_reanalysis_on_random_diagrams(
        seed: int, n: int, shape: str, agents: int) -> None:
    d = cid.random_diagram(n, decisions=2, utilities=2, agents=agents, shape=shape,  # type: ignore[arg-type]
                           seed=seed)
    fast, slow = sensitivity(d), sensitivity(d, incremental=False)
    assert _flips(fast) == _flips(slow) == naive_flips(d, list(slow.edits))
    assert slow.incremental == 0 and fast.analyses + fast.incremental == len(fast.edits)


@settings(max_examples=30)
@given(small_diagrams())
def test_every_flip_carries_a_witness_of_the_diagram_where_the_incentive_is(
        d: cid.Diagram) -> None:
    report = sensitivity(d)
    for v in report.verdicts:
        present = v.node in CRITERIA[v.kind](d, v.decision)
        assert v.present == present
        for f in v.flips:
            assert f.appears != v.present
            where = f.edit.apply(d) if f.appears else d
            assert (f.witness.kind, f.witness.node, f.witness.decision) == (
                v.kind, v.node, v.decision)
            assert f.witness == cid.explain(where, v.decision, v.node, v.kind)
        assert v.hinges == tuple(f.edit.edge for f in v.flips
                                 if f.edit.edit_class in ("remove", "remove_link"))
        assert v.robust == (not v.flips)


def test_rater_influence_hinges_on_the_removals_that_cut_it() -> None:
    d = cid.Diagram.from_edges(["S -> A -> O -> B -> R", "S -> O", "A -> B"],
                               decisions=["A"], utilities=["R"], name="rater")
    v = sensitivity(d).verdict("ICI", "B")
    assert v.present and not v.robust
    cut = {e for e in d.edge_list
           if "B" not in cid.instrumental_control_incentives(d.without_edge(*e), "A")}
    assert set(v.hinges) == cut == {("B", "R")}


def test_edits_outside_the_relevant_part_are_answered_incrementally() -> None:
    d = cid.Diagram.from_edges(["W -> S -> D -> U", "W -> Z", "D -> Z", "S -> U"],
                               decisions=["D"], utilities=["U"])
    fast = sensitivity(d, edits=[RemoveEdge("W", "Z"), AddEdge("S", "Z"), RemoveEdge("S", "U")])
    assert (fast.incremental, fast.analyses) == (2, 1)
    assert _flips(fast) == _flips(sensitivity(d, edits=list(fast.edits), incremental=False))


def test_one_decision_and_explicit_edits() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    report = sensitivity(d, "D", edits=[RemoveEdge("S", "U"), AddEdge("U", "S")])
    assert report.edits == (RemoveEdge("S", "U"),)
    assert report.skipped == ((AddEdge("U", "S"), "cycle"),) and report.cycles_skipped == 1
    assert report.verdict("VoI", "S").edits == (RemoveEdge("S", "U"),)
    only = sensitivity(d, edits="remove")
    assert {e.edit_class for e in only.edits} == {"remove"}


def test_bad_input_is_named() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    with pytest.raises(cid.NodeNotFoundError, match="'Z'"):
        sensitivity(d, edits=[RemoveEdge("Z", "U")])
    with pytest.raises(cid.NodeNotFoundError, match="'Z'"):
        sensitivity(d, edits=[ChangeKind("Z", "utility")])
    with pytest.raises(cid.NodeNotFoundError):
        sensitivity(d, "Z")
    with pytest.raises(cid.DiagramError, match="no edge"):
        sensitivity(d, edits=[RemoveEdge("S", "U")])
    with pytest.raises(cid.DiagramError, match="unknown edit class"):
        sensitivity(d, edits="delete")
    with pytest.raises(cid.NodeNotFoundError):
        sensitivity(d).verdict("VoI", "Z")
    with pytest.raises(cid.DiagramError, match="'chance' or a 'utility'"):
        ChangeKind("S", "decision")  # type: ignore[arg-type]
    with pytest.raises(cid.CIDTypeError, match="mix"):
        sensitivity(d, edits=["remove", RemoveEdge("S", "D")])  # type: ignore[list-item]


def test_the_report_serialises() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    report = sensitivity(d)
    data = report.to_dict()
    assert len(data["verdicts"]) == len(report.verdicts) == 4 * len(d)
    assert "fragile" in str(report) and cid.robustness.SensitivityReport is type(report)
    assert report.fragile(present=True) == tuple(v for v in report.verdicts
                                                 if v.present and not v.robust)
