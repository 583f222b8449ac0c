"""Nothing made from a diagram changes when the diagram is "edited" afterwards.

Edits give new diagrams, so a report, its witnesses, an explanation, a model and a rendering
hold the diagram they were made from: snapshots taken before and after a random sequence of
edits (kept or dropped, as a user would write them) are equal.
"""

from __future__ import annotations

import warnings
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from tests.support.random_models import random_model
from tests.support.strategies import diagrams


def _witness(w: cid.Witness | None) -> object:
    if w is None:
        return None
    g = w.graph
    return (w.path, w.edges, sorted(map(str, g.nodes)), sorted(map(str, g.edges)))


def _snapshot(d: cid.Diagram, report: cid.Report, explained: dict[Any, Any],
              dot: str) -> object:
    rows = [(i.kind, i.decision, i.node, _witness(i.witness)) for i in report.incentives()]
    again = {key: _witness(cid.explain(d, *key)) for key in explained}
    return str(report), report.to_dict(), rows, explained, again, dot


def _edit(d: cid.Diagram, data: st.DataObject) -> cid.Diagram:
    """A random edit; its result is sometimes dropped (statement style), sometimes kept."""
    if not d.nodes:
        return d
    n = data.draw(st.sampled_from(d.nodes))
    choice = data.draw(st.integers(0, 6))
    try:
        if choice == 0:
            d.chance("Fresh", [n])  # dropped
            return d.chance("Fresh2", [n])
        if choice == 1:
            return d.edges(f"{n} -> {data.draw(st.sampled_from(d.nodes))}")
        if choice == 2:
            return d.without_nodes([n])
        if choice == 3:
            return d.rename({n: f"{n}r"})
        if choice == 4:
            return d.with_kind(n, data.draw(st.sampled_from(["chance", "decision", "utility"])))
        if choice == 5:
            return d.with_label(n, "edited").with_step(n, 9)
        return d.utility(f"{n}u", [n]).edge(n, f"{n}u")
    except cid.CIDError:  # an edit that is refused changes nothing either
        return d


@settings(max_examples=40, deadline=None)
@given(diagrams(max_nodes=7, attributes=False), st.data())
def test_reports_witnesses_explanations_and_pictures_never_go_stale(
        d: cid.Diagram, data: st.DataObject) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cid.CIDWarning)
        report = cid.analyze(d)
        explained = {(i.decision, i.node, i.kind): _witness(i.witness)
                     for i in report.incentives()}
        dot = cid.render(d, incentives=report).dot
        before = _snapshot(d, report, explained, dot)
        g_before = nx.to_dict_of_lists(d.to_networkx())
        edited = d
        for _ in range(data.draw(st.integers(1, 4))):
            edited = _edit(edited, data)
        assert _snapshot(d, report, explained, cid.render(d, incentives=report).dot) == before
        assert nx.to_dict_of_lists(d.to_networkx()) == g_before
        assert cid.render(d, incentives=report).dot == dot


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.data())
def test_models_never_go_stale(seed: int, data: st.DataObject) -> None:
    model = random_model(seed, n=5)
    d = model.diagram
    spec = d.to_json()
    node = d.utilities[0]
    value = cid.expected_utility(model, cid.solve(model).policy)
    edited = d
    for _ in range(data.draw(st.integers(1, 4))):
        edited = _edit(edited, data)
    assert model.diagram is d and d.to_json() == spec
    assert node in model.diagram
    assert cid.expected_utility(model, cid.solve(model).policy) == value


def test_the_stale_witness_of_the_issue() -> None:
    d = cid.Diagram.from_edges(["S -> D -> X -> U"], decisions=["D"], utilities=["U"])
    r = cid.analyze(d)
    d.chance("Y").edge("X", "Y")  # dropped: d is unchanged
    d2 = d.chance("Y").edge("X", "Y")
    incentive = r.get("ICI", node="X")
    assert incentive is not None and "Y" not in incentive.witness.graph
    assert "Y" not in d and "Y" in d2
