"""``cid.incentive_nodes`` and ``cid.only_via`` against the brute-force oracle."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.incentives import IncentiveKind
from tests.support import oracle
from tests.support.incentive_cases import observing
from tests.support.strategies import diagrams


def _cut(d: cid.Diagram, via: set[str]) -> cid.Diagram:
    """``d`` without the edges out of ``via``, rebuilt from its spec (not by the library's
    edits)."""
    data = d.to_dict()
    data["edges"] = [list(e) for e in d.edge_list if e[0] not in via]
    with warnings.catch_warnings():  # random agents may look misspelt: that is not the point
        warnings.simplefilter("ignore", cid.CIDWarning)
        return cid.Diagram.from_dict(data)


@settings(max_examples=60, deadline=None)
@given(st.one_of(diagrams(max_nodes=6, attributes=False), observing(max_nodes=6)), st.data())
def test_only_via_agrees_with_the_oracle(d: cid.Diagram, data: st.DataObject) -> None:
    for decision in d.decisions:
        sets = oracle.criteria(d, decision)
        for kind in IncentiveKind:
            assert cid.incentive_nodes(d, decision, kind.label) == sets[kind.value]
        kind = data.draw(st.sampled_from(list(IncentiveKind)))
        node = data.draw(st.sampled_from(list(d.nodes)))
        others = [n for n in d.nodes if n != node]
        via = set(data.draw(st.lists(st.sampled_from(others), unique=True, max_size=3))
                  if others else [])
        expected = node in sets[kind.value] and node not in oracle.criteria(
            _cut(d, via), decision)[kind.value]
        assert cid.only_via(d, decision, node, via, kind) == expected


def test_only_via_a_later_decision() -> None:
    """The reward-tampering reading (RT Sec. 2.2): X matters to D1 only because D2 sees it."""
    d = cid.Diagram.from_edges(["D1 -> X -> D2 -> U", "D1 -> U"], decisions=["D1", "D2"],
                               utilities=["U"])
    assert cid.only_via(d, "D1", "X", "D2", kind="ICI")
    assert not cid.only_via(d, "D1", "X", ["D2"], kind="VoI")  # no such incentive at all
    assert not cid.only_via(d.with_edge("X", "U"), "D1", "X", "D2", kind="ICI")
    assert cid.only_via(d, "D1", "D1", ["X", "U"], kind="ICI") is False  # D1 -> U survives


@pytest.mark.parametrize(("args", "error", "fragment"), [
    (("D1", "X", ["X"]), cid.DiagramError, "cannot be among"),
    (("D1", "X", ["Nope"]), cid.NodeNotFoundError, "Nope"),
    (("X", "D1", ["D2"]), cid.DiagramError, "not a decision"),
    (("D1", "Nope", ["D2"]), cid.NodeNotFoundError, "Nope"),
])
def test_only_via_bad_input(args: tuple[str, str, list[str]], error: type[Exception],
                            fragment: str) -> None:
    d = cid.Diagram.from_edges(["D1 -> X -> D2 -> U"], decisions=["D1", "D2"],
                               utilities=["U"])
    with pytest.raises(error, match=fragment):
        cid.only_via(d, *args, kind="ICI")
    with pytest.raises(cid.DiagramError, match="unknown incentive kind"):
        cid.only_via(d, "D1", "X", ["D2"], kind="influence")
