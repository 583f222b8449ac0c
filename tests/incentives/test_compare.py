"""``cid.compare`` against the brute-force oracle: lost, gained, kept and changed incentives."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pytest
from hypothesis import given, settings

import cid
from cid.incentives import IncentiveKind
from tests.support import oracle
from tests.support.incentive_cases import pairs, renamed


def _holds(d: cid.Diagram, decision: str, kind: IncentiveKind, node: str,
           path: tuple[str, ...]) -> bool:
    """Whether ``path`` witnesses ``kind`` on ``node`` for ``decision`` in ``d``, read on the
    oracle's graphs (brute-force reductions and trail tests)."""
    agent = d.agent_of(decision)
    ds, us = list(d.decisions_of(agent)), set(d.utilities_of(agent))
    G = d.to_networkx()
    u_d = us & nx.descendants(G, decision)
    start = decision if kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE else node
    if not path or path[0] != start or node not in path or any(n not in G for n in path):
        return False
    if kind is IncentiveKind.VALUE_OF_INFORMATION:
        H = G.copy()
        H.add_edge(node, decision)
        R = oracle.reduction(H, ds, us)
        given = (set(R.predecessors(decision)) | {decision}) - {node}
        linked = all(R.has_edge(x, y) or R.has_edge(y, x) for x, y in pairwise(path))
        return path[-1] in u_d and linked and oracle.is_active(R, list(path), given)
    graph = G if kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE else oracle.reduction(
        G, ds, us)
    ends = {IncentiveKind.RESPONSE_INCENTIVE: {decision}, IncentiveKind.VALUE_OF_CONTROL: us,
            IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: u_d}[kind]
    return path[-1] in ends and all(graph.has_edge(x, y) for x, y in pairwise(path))


@settings(max_examples=80, deadline=None)
@given(pairs())
def test_against_the_oracle(case: tuple[cid.Diagram, cid.Diagram, dict[str, str]]) -> None:
    a, b, renames = case
    back = {new: old for old, new in renames.items()}
    c = cid.compare(a, b, rename=renames)
    assert {d.decision for d in c.decisions} == set(b.decisions)  # same decisions, B's names
    for diff in c.decisions:
        dec_b = diff.decision
        dec_a = back.get(dec_b, dec_b)
        sets_a, sets_b = oracle.criteria(a, dec_a), oracle.criteria(b, dec_b)
        for k in diff.kinds:
            sa = {renames.get(n, n) for n in sets_a[k.kind.value]}
            sb = set(sets_b[k.kind.value])
            assert (set(k.lost), set(k.gained), set(k.kept)) == (sa - sb, sb - sa, sa & sb)
            assert k.only_a == k.only_b == ()
            changed = {w.node: w for w in k.changed}
            for node in k.kept:
                wa = cid.explain(a, dec_a, back.get(node, node), k.kind)
                wb = cid.explain(b, dec_b, node, k.kind)
                assert wa is not None and wb is not None
                a_in_b = _holds(b, dec_b, k.kind, node, tuple(renames.get(n, n) for n in wa.path))
                b_in_a = _holds(a, dec_a, k.kind, back.get(node, node),
                                tuple(back.get(n, n) for n in wb.path))
                assert (node in changed) == (not (a_in_b and b_in_a)), (k.kind, node)
                if node in changed:
                    w = changed[node]
                    assert (w.holds_in_b, w.holds_in_a) == (a_in_b, b_in_a)
                    assert w.witness_a == wa and w.witness_b == wb
    assert c.changed == len(c.witness_changes)


@settings(max_examples=25, deadline=None)
@given(pairs())
def test_rename_is_renaming_a_first(case: tuple[cid.Diagram, cid.Diagram, dict[str, str]]) -> None:
    a, b, renames = case
    got = cid.compare(a, b, rename=renames).to_dict()
    want = cid.compare(renamed(a, renames), b).to_dict()
    assert got["nodes"].pop("renamed") == [{"a": o, "b": n} for o, n in renames.items()]
    want["nodes"].pop("renamed")
    assert got == want


def test_one_sided_nodes_and_decisions() -> None:
    a = cid.Diagram.from_edges(["S -> D -> U", "S -> U", "W -> U"], decisions=["D"],
                               utilities=["U"], name="a")
    b = cid.Diagram.from_edges(["S -> E -> U", "S -> U"], decisions=["E"], utilities=["U"],
                               name="b")
    c = cid.compare(a, b)
    assert c.nodes_only_a == ("D", "W") and c.nodes_only_b == ("E",)
    assert [(d.decision, d.agent_a, d.agent_b, d.shared) for d in c.decisions] == [
        ("D", "agent", None, False), ("E", None, "agent", False)]
    assert (c.lost, c.gained, c.changed) == (0, 0, 0)
    assert c.only_a == sum(len(cid.incentive_nodes(a, "D", k)) for k in IncentiveKind)
    assert str(c).startswith("a vs b: 0 incentives lost, 0 gained, 0 changed; ")


@pytest.mark.parametrize(("rename", "error", "fragment"), [
    ({"Nope": "X"}, cid.NodeNotFoundError, "not a node of 'a'"),
    ({"X": "Nope"}, cid.NodeNotFoundError, "not a node of 'b'"),
    ({"X": "D"}, cid.DiagramError, "two nodes"),
])
def test_bad_renames(rename: dict[str, str], error: type[Exception], fragment: str) -> None:
    a = cid.Diagram.from_edges(["D -> X -> U"], decisions=["D"], utilities=["U"], name="a")
    b = cid.Diagram.from_edges(["D -> X -> U"], decisions=["D"], utilities=["U"], name="b")
    with pytest.raises(error, match=fragment):
        cid.compare(a, b, rename=rename)


def test_witnesses_can_be_skipped() -> None:
    a = cid.Diagram.from_edges(["D -> X -> U", "D -> Y -> X"], decisions=["D"], utilities=["U"])
    b = cid.Diagram.from_edges(["D -> Y -> U", "D -> X -> Y"], decisions=["D"], utilities=["U"])
    assert cid.compare(a, b).changed > 0
    quick = cid.compare(a, b, witnesses=False)
    assert quick.changed == 0 and quick.lost == quick.gained == 0
