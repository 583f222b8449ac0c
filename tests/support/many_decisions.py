"""Diagrams with many decisions (several agents, shared utilities, with or without sufficient
recall) and a second brute-force oracle that scales to a few dozen nodes.

``naive_criteria`` is independent of :mod:`cid.graph` and :mod:`cid.incentives`: d-separation
by :func:`networkx.is_d_separator`, the minimal d-reduction by removing one nonrequisite link
at a time until none is left, and value of information by one reduction per candidate, as
``design.md`` defines them.
"""

from __future__ import annotations

import warnings

import networkx as nx
from hypothesis import strategies as st

import cid

__all__ = ["many_decision_diagrams", "naive_criteria", "naive_reduction"]


@st.composite
def many_decision_diagrams(draw: st.DrawFn, *, max_nodes: int = 8, max_agents: int = 3,
                           max_parents: int = 3, recall: bool = False) -> cid.Diagram:
    """A random DAG over ``N0..Nn`` in which about half the nodes are decisions.

    Decisions belong to one of up to ``max_agents`` agents; utilities to one or two of them
    (shared). With ``recall``, every decision also observes its agent's earlier decisions
    and their observations (no forgetting), which gives each agent sufficient recall.
    """
    n = draw(st.integers(3, max_nodes))
    names = [f"N{i}" for i in range(n)]
    agents = [f"a{i}" for i in range(draw(st.integers(1, max_agents)))]
    edges: list[tuple[str, str]] = []
    decisions: dict[str, list[str]] = {}
    utilities: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}  # per agent: its earlier decisions and their parents
    for i, name in enumerate(names):
        kind = draw(st.sampled_from(["chance", "decision", "decision", "utility"]))
        parents = set(draw(st.lists(st.sampled_from(names[:i]), unique=True,
                                    max_size=max_parents))) if i else set()
        if kind == "decision":
            agent = draw(st.sampled_from(agents))
            if recall:
                parents |= seen.get(agent, set())
                seen.setdefault(agent, set()).update(parents | {name})
            decisions.setdefault(agent, []).append(name)
        elif kind == "utility":
            for agent in draw(st.lists(st.sampled_from(agents), min_size=1, max_size=2,
                                       unique=True)):
                utilities.setdefault(agent, []).append(name)
        edges.extend((p, name) for p in sorted(parents))
    with warnings.catch_warnings():  # "is an agent name misspelt?": not here
        warnings.simplefilter("ignore", cid.CIDWarning)
        return cid.Diagram.from_edges(edges, decisions=decisions, utilities=utilities,
                                      nodes=names, name="many")


def _requisite(G: nx.DiGraph, decision: str, parent: str, utilities: set[str]) -> bool:
    u_d = utilities & nx.descendants(G, decision)
    fam = set(G.predecessors(decision)) | {decision}
    return bool(u_d) and not nx.is_d_separator(G, {parent}, u_d, fam - {parent})


def naive_reduction(G: nx.DiGraph, decisions: list[str], utilities: set[str]) -> nx.DiGraph:
    """Remove one nonrequisite information link at a time until none is left."""
    H = G.copy()
    while True:
        link = next(((p, d) for d in decisions for p in sorted(H.predecessors(d))
                     if not _requisite(H, d, p, utilities)), None)
        if link is None:
            return H
        H.remove_edge(*link)


def naive_criteria(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    """The four criteria of ``decision`` by their definitions."""
    agent = d.agent_of(decision)
    G = d.to_networkx()
    ds, us = list(d.decisions_of(agent)), set(d.utilities_of(agent))
    R = naive_reduction(G, ds, us)
    desc = nx.descendants(G, decision)
    voi = set()
    for x in G:
        if x != decision and x not in desc:
            H = G.copy()
            H.add_edge(x, decision)
            if naive_reduction(H, ds, us).has_edge(x, decision):
                voi.add(x)
    u_d = us & desc
    return {
        "value_of_information": frozenset(voi),
        "response_incentive": frozenset(x for x in G if x != decision
                                        and nx.has_path(R, x, decision)),
        "value_of_control": frozenset(x for x in G if x not in ds
                                      and any(nx.has_path(R, x, u) for u in us)),
        "instrumental_control_incentive": frozenset(
            x for x in G if nx.has_path(G, decision, x)
            and any(nx.has_path(G, x, u) for u in u_d)),
    }
