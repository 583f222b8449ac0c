"""A deliberately simple brute-force oracle for the incentive criteria.

Independent of :mod:`cid.graph` and :mod:`cid.incentives`: d-separation by enumerating *every*
trail (simple path of the skeleton), requisite links by that definition, the minimal
d-reduction by removing one nonrequisite link at a time until none is left, and each
criterion exactly as written in ``design.md``. Exponential: only for graphs of <= 8 nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

import cid

__all__ = [
    "all_trails",
    "criteria",
    "d_connected",
    "has_sufficient_recall",
    "ici",
    "is_active",
    "reduction",
    "requisite",
    "ri",
    "voc",
    "voi",
]


def _desc(G: nx.DiGraph, v: str) -> set[str]:
    out: set[str] = set()
    todo = [v]
    while todo:
        for c in G.successors(todo.pop()):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def _has_path(G: nx.DiGraph, a: str, b: str) -> bool:
    return a == b or b in _desc(G, a)


def all_trails(G: nx.DiGraph, x: str, y: str) -> Iterator[list[str]]:
    """Every simple path from x to y in the skeleton of G (plain DFS)."""
    def step(path: list[str]) -> Iterator[list[str]]:
        v = path[-1]
        if v == y:
            yield list(path)
            return
        for w in sorted(set(G.successors(v)) | set(G.predecessors(v))):
            if w not in path:
                path.append(w)
                yield from step(path)
                path.pop()
    yield from step([x])


def is_active(G: nx.DiGraph, trail: list[str], given: Iterable[str]) -> bool:
    """Colliders have a descendant-or-self in Z; other intermediate nodes are not in Z."""
    z = set(given)
    for a, v, b in zip(trail, trail[1:], trail[2:], strict=False):
        if G.has_edge(a, v) and G.has_edge(b, v):
            if not ({v} | _desc(G, v)) & z:
                return False
        elif v in z:
            return False
    return True


def d_connected(G: nx.DiGraph, x: str, y: str, given: Iterable[str]) -> bool:
    z = set(given)
    return any(is_active(G, t, z) for t in all_trails(G, x, y))


def requisite(G: nx.DiGraph, decision: str, x: str, utilities: Iterable[str]) -> bool:
    """x in Pa(D) is requisite iff d-connected to U ∩ Desc(D) given Fa(D) \\ {x}."""
    u_d = set(utilities) & _desc(G, decision)
    fam = (set(G.predecessors(decision)) | {decision}) - {x}
    return any(d_connected(G, x, u, fam) for u in u_d)


def reduction(G: nx.DiGraph, decisions: Iterable[str], utilities: Iterable[str],
              *, order: list[tuple[str, str]] | None = None) -> nx.DiGraph:
    """Remove one nonrequisite information link at a time until none is left.

    ``order`` (a priority list of links) lets tests check that the fixpoint is unique.
    """
    H = G.copy()
    ds = sorted(decisions)
    us = list(utilities)
    while True:
        links = [(p, d) for d in ds for p in sorted(H.predecessors(d))]
        if order is not None:
            rank = {e: i for i, e in enumerate(order)}
            links.sort(key=lambda e: rank.get(e, len(rank)))
        for p, d in links:
            if not requisite(H, d, p, us):
                H.remove_edge(p, d)
                break
        else:
            return H


def _view(d: cid.Diagram, decision: str) -> tuple[nx.DiGraph, list[str], list[str]]:
    agent = d.agent_of(decision)
    return d.to_networkx(), list(d.decisions_of(agent)), list(d.utilities_of(agent))


def voi(d: cid.Diagram, decision: str) -> frozenset[str]:
    G, ds, us = _view(d, decision)
    out = set()
    for x in G.nodes:
        if x == decision or x in _desc(G, decision):
            continue
        H = G.copy()
        H.add_edge(x, decision)
        if H.has_edge(x, decision) and reduction(H, ds, us).has_edge(x, decision):
            out.add(x)
    return frozenset(out)


def ri(d: cid.Diagram, decision: str) -> frozenset[str]:
    G, ds, us = _view(d, decision)
    R = reduction(G, ds, us)
    return frozenset(x for x in G.nodes if x != decision and _has_path(R, x, decision))


def voc(d: cid.Diagram, decision: str) -> frozenset[str]:
    G, ds, us = _view(d, decision)
    R = reduction(G, ds, us)
    return frozenset(x for x in G.nodes if x not in ds and any(_has_path(R, x, u) for u in us))


def ici(d: cid.Diagram, decision: str) -> frozenset[str]:
    G, ds, us = _view(d, decision)
    u_d = set(us) & _desc(G, decision)
    return frozenset(x for x in G.nodes
                     if _has_path(G, decision, x) and any(_has_path(G, x, u) for u in u_d))


def has_sufficient_recall(d: cid.Diagram, agent: str) -> bool:
    """Koller & Milch: the relevance graph (D -> D' when D' is s-reachable) is acyclic."""
    G = d.to_networkx()
    ds = list(d.decisions_of(agent))
    us = list(d.utilities_of(agent))
    R = nx.DiGraph()
    R.add_nodes_from(ds)
    for a in ds:
        u_d = set(us) & _desc(G, a)
        fam = set(G.predecessors(a)) | {a}
        for b in ds:
            if a == b:
                continue
            H = G.copy()
            H.add_edge("__hat__", b)
            if any(d_connected(H, "__hat__", u, fam) for u in u_d):
                R.add_edge(a, b)
    return nx.is_directed_acyclic_graph(R)


def criteria(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    return {"value_of_information": voi(d, decision), "response_incentive": ri(d, decision),
            "value_of_control": voc(d, decision),
            "instrumental_control_incentive": ici(d, decision)}
