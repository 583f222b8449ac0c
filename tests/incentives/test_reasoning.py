"""Reasoning patterns against the brute-force oracle of tests/incentives/reasoning_oracle.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.incentives import reasoning
from tests.incentives.reasoning_oracle import Oracle, random_maid


@settings(max_examples=60)
@given(st.integers(0, 10**6))
def test_patterns_match_the_oracle(seed: int) -> None:
    d = random_maid(seed)
    oracle = Oracle(d)
    E = oracle.effective_set()
    assert reasoning.effective_decisions(d) == E
    for D in d.decisions:
        for where in (frozenset(d.decisions), E):
            expected = oracle.patterns(D, where)
            got = {"direct_effect": reasoning.direct_effect(d, D),
                   "manipulation": reasoning.manipulation(d, D, where),
                   "signalling": reasoning.signalling(d, D, where),
                   "revealing_denying": reasoning.revealing_denying(d, D, where)}
            assert {k: v is not None for k, v in got.items()} == expected, (D, sorted(where))
            for found in got.values():
                if found is not None:
                    _check_witness(oracle, found, where)
    found = reasoning.reasoning_patterns(d)
    assert set(found) == E
    for D, patterns in found.items():
        assert [p.pattern for p in patterns] == [
            k for k, v in oracle.patterns(D, E).items() if v]


def _check_witness(oracle: Oracle, found: reasoning.ReasoningPattern, E: frozenset[str]) -> None:
    D, B = found.decision, found.other
    if found.pattern == "direct_effect":
        (p,) = found.paths
        assert oracle.is_directed(list(p)) and oracle.decision_free(list(p))
        assert p[-1] in oracle.own(D)
        return
    assert B is not None
    reach, back = map(list, found.paths[:2])
    assert oracle.is_directed(reach) and oracle.decision_free(reach) and reach[-1] == B
    assert oracle.is_directed(back) and oracle.effective(back, E) and back[-1] in oracle.own(D)
    last = list(found.paths[2])
    assert last[0] == D and last[-1] in oracle.own(B)
    if found.pattern == "manipulation":
        assert oracle.is_directed(last) and B not in last


def test_bad_input_is_a_clear_error() -> None:
    d = cid.Diagram.from_edges(["D1 -> U1", "D2 -> U2"], decisions={"a": ["D1"], "b": ["D2"]},
                               utilities={"a": ["U1"], "b": ["U2"]})
    with pytest.raises(cid.NodeNotFoundError, match="'X'"):
        reasoning.direct_effect(d, "X")
    with pytest.raises(cid.DiagramError, match="U1 is a utility node"):
        reasoning.manipulation(d, "U1")
    with pytest.raises(cid.DiagramError, match="not decisions"):
        reasoning.signalling(d, "D1", effective=["U1"])


@pytest.mark.parametrize(("seed", "n"), [(8, 7), (212, 8), (748, 8), (985, 7), (221, 8)])
def test_graphs_where_the_search_walk_revisits_a_node(seed: int, n: int) -> None:
    # found by comparing 15,000 decisions with the oracle: a shortest witness walk that
    # bounces back or loops makes a directed trail look indirect, or changes the key node
    d = random_maid(seed, n)
    oracle = Oracle(d)
    E = frozenset(d.decisions)
    for D in d.decisions:
        got = {"signalling": reasoning.signalling(d, D, E) is not None,
               "revealing_denying": reasoning.revealing_denying(d, D, E) is not None}
        expected = oracle.patterns(D, E)
        assert got == {k: expected[k] for k in got}, D
