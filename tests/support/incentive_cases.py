"""Hypothesis strategies of the incentive tests: dense diagrams, and pairs to compare."""

from __future__ import annotations

import warnings

from hypothesis import strategies as st

import cid
from tests.support.strategies import diagrams

__all__ = ["observing", "pairs", "renamed"]


@st.composite
def observing(draw: st.DrawFn, max_nodes: int = 8) -> cid.Diagram:
    """Dense diagrams where decisions observe chance nodes that also reach the utilities:
    where indirect value of control lives (sparse random diagrams almost never have it)."""
    n = draw(st.integers(4, max_nodes))
    names = [f"N{i}" for i in range(n)]
    kinds = ["chance"] * n
    kinds[-1] = "utility"
    for i in draw(st.lists(st.integers(1, n - 2), min_size=1, max_size=2, unique=True)):
        kinds[i] = "decision"
    if draw(st.booleans()):
        kinds[draw(st.integers(1, n - 2))] = "utility"
    edges = [(names[j], names[i]) for i in range(1, n) for j in range(i)
             if kinds[j] != "utility"
             and draw(st.integers(0, 4)) < (2 if kinds[i] == "chance" else 3)]
    kinds_of = dict(zip(names, kinds, strict=True))
    return cid.Diagram.from_edges(
        edges, nodes=names, decisions=[m for m in names if kinds_of[m] == "decision"],
        utilities=[m for m in names if kinds_of[m] == "utility"])


def renamed(d: cid.Diagram, renames: dict[str, str]) -> cid.Diagram:
    """``d`` with its nodes renamed through its spec dict (the reference for ``rename=``)."""
    data = d.to_dict()
    for node in data["nodes"]:
        node["name"] = renames.get(node["name"], node["name"])
    data["edges"] = [[renames.get(n, n) for n in e] for e in d.edge_list]
    with warnings.catch_warnings():  # random agents may look misspelt: that is not the point
        warnings.simplefilter("ignore", cid.CIDWarning)
        return cid.Diagram.from_dict(data)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[cid.Diagram, cid.Diagram, dict[str, str]]:
    """A random diagram, and a copy with some nodes renamed and a few edges added or removed
    (``{name in A: name in B}`` is the third item)."""
    a = draw(st.one_of(diagrams(max_nodes=6, attributes=False), observing(max_nodes=6)))
    chosen = draw(st.lists(st.sampled_from(list(a.nodes)), unique=True, max_size=2))
    renames = {n: f"{n}b" for n in chosen}
    b = renamed(a, renames)
    order = list(b.topological_order)
    for _ in range(draw(st.integers(1, 4))):
        if b.edge_list and draw(st.booleans()):
            b = b.without_edge(*draw(st.sampled_from(list(b.edge_list))))
        elif len(order) > 1:
            i = draw(st.integers(0, len(order) - 2))
            j = draw(st.integers(i + 1, len(order) - 1))
            if order[j] not in b.children(order[i]) and b.kind(order[i]) != "utility":
                b = b.with_edge(order[i], order[j])
    return a, b, renames
