"""Independent oracles for the robustness tests: random diagrams, every single edit by
brute force, and the four criteria re-run from scratch on each edited diagram."""

from __future__ import annotations

import warnings
from itertools import combinations

import networkx as nx
from hypothesis import strategies as st

import cid
from cid.robustness import (
    AddEdge,
    AddInformationLink,
    ChangeKind,
    Edit,
    RemoveEdge,
    RemoveInformationLink,
)

CRITERIA = {
    cid.IncentiveKind.VALUE_OF_INFORMATION: cid.value_of_information,
    cid.IncentiveKind.RESPONSE_INCENTIVE: cid.response_incentives,
    cid.IncentiveKind.VALUE_OF_CONTROL: cid.value_of_control,
    cid.IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: cid.instrumental_control_incentives,
}


@st.composite
def small_diagrams(draw: st.DrawFn, max_nodes: int = 6) -> cid.Diagram:
    """A random CID or two-agent MAID over ``N0..Nn`` (edges from lower to higher index)."""
    n = draw(st.integers(2, max_nodes))
    names = [f"N{i}" for i in range(n)]
    edges = [(a, b) for a, b in combinations(names, 2) if draw(st.booleans())]
    kinds = [draw(st.sampled_from("ccdu")) for _ in names]
    two = draw(st.booleans())
    decisions: dict[str, list[str]] = {}
    utilities: dict[str, list[str]] = {}
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        agent = f"a{i % 2}" if two else "agent"
        if kind == "d":
            decisions.setdefault(agent, []).append(name)
        elif kind == "u":
            utilities.setdefault(agent, []).append(name)
    with warnings.catch_warnings():  # an agent without utilities is a fine test case
        warnings.simplefilter("ignore", cid.CIDWarning)
        return cid.Diagram.from_edges(edges, decisions=decisions, utilities=utilities,
                                      nodes=names)


def all_single_edits(d: cid.Diagram) -> tuple[list[Edit], int]:
    """Every single edit, built from the node pairs, and the count of cyclic additions."""
    g = d.to_networkx()
    edits: list[Edit] = []
    cyclic = 0
    for a in d.nodes:
        for b in d.nodes:
            if a == b:
                continue
            link = d.kind(b) == "decision"
            if g.has_edge(a, b):
                edits.append(RemoveInformationLink(a, b) if link else RemoveEdge(a, b))
            elif nx.has_path(g, b, a):
                cyclic += 1
            else:
                edits.append(AddInformationLink(a, b) if link else AddEdge(a, b))
    deciding = [a for a in d.agents if d.decisions_of(a)]
    for x in d.nodes:
        if d.kind(x) == "utility":
            edits.append(ChangeKind(x, "chance"))
        elif d.kind(x) == "chance":
            owners = [None] if len(d.agents) == 1 else deciding
            edits.extend(ChangeKind(x, "utility", a) for a in owners)
    return edits, cyclic


def verdict_sets(d: cid.Diagram, decisions: tuple[str, ...]) -> set[tuple[str, str, str]]:
    """Every present verdict ``(decision, kind, node)``, from the four criteria."""
    return {(dec, k.value, x) for dec in decisions for k, f in CRITERIA.items()
            for x in f(d, dec)}


def naive_flips(d: cid.Diagram, edits: list[Edit]) -> set[tuple[Edit, str, str, str, bool]]:
    """``(edit, decision, kind, node, appears)`` for every verdict each edit flips."""
    decisions = d.decisions
    before = verdict_sets(d, decisions)
    out = set()
    for e in edits:
        try:
            edited = e.apply(d)
        except cid.DiagramError:
            continue
        after = verdict_sets(edited, decisions)
        out |= {(e, *v, False) for v in before - after}
        out |= {(e, *v, True) for v in after - before}
    return out
