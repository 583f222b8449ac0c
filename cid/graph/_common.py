"""Shared helpers of :mod:`cid.graph`: reading node arguments, raw adjacency, ancestors,
decision and utility checks."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from cid.errors import NodeNotFoundError

__all__: list[str] = []


def _adjacency(G: nx.DiGraph[Hashable]) -> tuple[Mapping[Hashable, Mapping[Hashable, object]],
                                       Mapping[Hashable, Mapping[Hashable, object]]]:
    """The raw predecessor and successor mappings (fast iteration, no view objects)."""
    pred = getattr(G, "_pred", None)
    succ = getattr(G, "_succ", None)
    if pred is None or succ is None:  # pragma: no cover - exotic graph classes
        return G.pred, G.succ
    return pred, succ


def _node_set(G: nx.DiGraph[Hashable], nodes: Hashable | Iterable[Hashable], *,
              what: str) -> set[Hashable]:
    """Read "a node or an iterable of nodes": anything that is a node of G is one node."""
    out: set[Hashable]
    if isinstance(nodes, str) or (isinstance(nodes, Hashable) and nodes in G):
        out = {nodes}
    elif isinstance(nodes, Iterable):
        out = set(nodes)
    else:
        out = {nodes}
    missing = sorted((n for n in out if n not in G), key=str)
    if missing:
        names = ", ".join(repr(n) for n in missing)
        raise NodeNotFoundError(f"{what}: unknown node{'s' if len(missing) > 1 else ''} {names}")
    return out


def _ancestors_inclusive(pred: Mapping[Hashable, Iterable[Hashable]],
                         nodes: Iterable[Hashable]) -> set[Hashable]:
    """``nodes`` together with all their ancestors."""
    seen = set(nodes)
    stack = list(seen)
    while stack:
        v = stack.pop()
        for p in pred[v]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _check_decision(G: nx.DiGraph[Hashable], decision: Hashable, *, what: str) -> None:
    if decision not in G:
        raise NodeNotFoundError(f"{what}: unknown decision {decision!r}")


def _utility_set(G: nx.DiGraph[Hashable], utilities: Iterable[Hashable], *,
                 what: str) -> set[Hashable]:
    us: set[Hashable] = {utilities} if isinstance(utilities, str) else set(utilities)
    missing = sorted((u for u in us if u not in G), key=str)
    if missing:
        raise NodeNotFoundError(f"{what}: unknown utility node{'s' if len(missing) > 1 else ''} "
                                f"{', '.join(map(repr, missing))}")
    return us


def _ordered_decisions(G: nx.DiGraph[Hashable], decisions: Iterable[Hashable], *,
                       what: str) -> list[Hashable]:
    """``decisions`` in reverse topological order (ties by name)."""
    ds = set(decisions) if not isinstance(decisions, str) else {decisions}
    for d in ds:
        _check_decision(G, d, what=what)
    topo = {n: i for i, n in enumerate(nx.topological_sort(G))}
    return sorted(ds, key=lambda d: (topo[d], str(d)), reverse=True)

