"""Compact witnesses expand to exactly the full ones; the witnesses modes; streamed JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

import cid
import zoo
from cid.errors import DiagramError
from tests.support.many_decisions import many_decision_diagrams
from tests.support.strategies import diagrams


def _expands_exactly(d: cid.Diagram) -> None:
    report = cid.analyze(d)
    compact = json.loads(report.to_json())  # what a reader of the JSON gets
    full = report.to_dict(witnesses="all")
    assert cid.expand_witnesses(compact) == full
    for entry, full_entry in zip(compact["decisions"], full["decisions"], strict=True):
        for kind, records in entry["incentives"].items():
            names = {r["node"] for r in records}
            assert [r["node"] for r in records] == [r["node"] for r in full_entry[
                "incentives"][kind]]
            for r in records:  # references stay within the decision and kind
                assert {r.get("then", r["node"]), r.get("after", r["node"])} <= names
    # the full form is the witnesses the library gives one by one
    for i in report.incentives():
        entry = next(e for e in full["decisions"] if e["decision"] == i.decision)
        rec = next(r for r in entry["incentives"][i.kind.value] if r["node"] == i.node)
        assert rec["path"] == list(i.witness.path)
        assert rec["edges"] == [list(e) for e in i.witness.edges]


@settings(max_examples=150, deadline=None)
@given(diagrams(max_nodes=9, max_agents=3, attributes=False))
def test_compact_expands_to_the_full_witnesses(d: cid.Diagram) -> None:
    _expands_exactly(d)


@settings(max_examples=100, deadline=None)
@given(many_decision_diagrams(max_nodes=9))
def test_compact_expands_with_many_decisions(d: cid.Diagram) -> None:
    _expands_exactly(d)


@pytest.mark.parametrize("name", zoo.names())
def test_zoo_entries_expand_exactly(name: str) -> None:
    _expands_exactly(zoo.build(name))


def test_random_diagrams_expand_exactly() -> None:
    for seed in range(40):
        _expands_exactly(cid.random_diagram(14, decisions=3, utilities=2, agents=seed % 2 + 1,
                                            density=0.35, seed=seed))


def test_modes_and_the_old_booleans() -> None:
    report = cid.analyze(zoo.build("content_recommendation"))
    assert report.to_dict() == report.to_dict(witnesses="one")
    assert report.to_dict(witnesses=True) == report.to_dict(witnesses="all")
    assert report.to_dict(witnesses=False) == report.to_dict(witnesses="none")
    bare = report.to_dict(witnesses="none")
    assert bare["witnesses"] == "none"
    assert bare["decisions"][0]["incentives"]["instrumental_control_incentive"] == list(
        report["P"].instrumental_control_incentive)
    assert cid.expand_witnesses(bare) == bare
    with pytest.raises(DiagramError, match="unknown witnesses mode"):
        report.to_dict(witnesses="some")  # type: ignore[arg-type]


@pytest.mark.parametrize("indent", [None, 2, 4])
@pytest.mark.parametrize("mode", ["none", "one", "all"])
def test_streamed_json_is_the_whole_dumped(indent: int | None, mode: str) -> None:
    for d in (zoo.build("cirl"), zoo.build("mdp"), cid.Diagram("empty").chance("S")):
        report = cid.analyze(d)
        text = "".join(report.iter_json(indent=indent, witnesses=mode))  # type: ignore[arg-type]
        assert text == json.dumps(report.to_dict(witnesses=mode),  # type: ignore[arg-type]
                                  indent=indent, ensure_ascii=False)


def test_broken_references_are_refused() -> None:
    report = cid.analyze(zoo.build("content_recommendation")).to_dict()
    records = report["decisions"][0]["incentives"]["value_of_control"]
    with_then = next(r for r in records if "then" in r)
    with_then["then"] = "nowhere"
    with pytest.raises(DiagramError, match="no record"):
        cid.expand_witnesses(report)
    for r in records:  # a cycle of references
        r["then"] = r["node"]
        r.pop("path", None)
    with pytest.raises(DiagramError, match="cycle|continues"):
        cid.expand_witnesses(report)
