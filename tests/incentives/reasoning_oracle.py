"""A brute-force oracle for the reasoning patterns, written from Pfeffer and Gal's definitions.

Independent of :mod:`cid.incentives.reasoning`: every simple trail of the skeleton is
enumerated and checked against the definitions as written. Exponential: tiny graphs only.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator

import networkx as nx

import cid

__all__ = ["Oracle", "random_maid"]


def random_maid(seed: int, n: int = 7) -> cid.Diagram:
    """A random DAG over ``n`` nodes: two or three decisions of two agents, two utilities."""
    rng = random.Random(seed)
    names = [f"N{i}" for i in range(n)]
    edges = [(names[i], names[j]) for j in range(n) for i in range(j) if rng.random() < 0.35]
    k = rng.choice([2, 3])
    decisions = rng.sample(names[:-2], k)
    owner = {D: ("a" if i % 2 == 0 else "b") for i, D in enumerate(decisions)}
    rest = [v for v in names if v not in decisions]
    ua, ub = rng.sample(rest, 2)
    return cid.Diagram.from_edges(
        edges, nodes=names,
        decisions={a: [D for D in decisions if owner[D] == a] for a in ("a", "b")},
        utilities={"a": [ua], "b": [ub]}, name=f"random_{seed}")


class Oracle:
    def __init__(self, d: cid.Diagram) -> None:
        self.d = d
        self.G = nx.DiGraph(d.edge_list)
        self.G.add_nodes_from(d.nodes)
        self.skeleton = self.G.to_undirected()

    def trails(self, a: str, targets: Collection[str]) -> Iterator[list[str]]:
        for t in targets:
            if t != a:
                yield from nx.all_simple_paths(self.skeleton, a, t)

    def is_directed(self, path: list[str]) -> bool:
        return all(self.G.has_edge(u, v) for u, v in zip(path, path[1:], strict=False))

    def active(self, path: list[str], given: Collection[str]) -> bool:
        for i in range(1, len(path) - 1):
            v = path[i]
            collider = self.G.has_edge(path[i - 1], v) and self.G.has_edge(path[i + 1], v)
            if collider:
                if not ({v} | nx.descendants(self.G, v)) & set(given):
                    return False
            elif v in given:
                return False
        return True

    def fork(self, path: list[str], i: int) -> bool:
        return 0 < i < len(path) - 1 and self.G.has_edge(path[i], path[i - 1]) and \
            self.G.has_edge(path[i], path[i + 1])

    def effective(self, path: list[str], E: Collection[str]) -> bool:
        return all(path[i] in E or self.d.kind(path[i]) != "decision" or self.fork(path, i)
                   for i in range(1, len(path)))

    def decision_free(self, path: list[str]) -> bool:
        return all(self.d.kind(v) != "decision" for v in path[1:-1])

    def own(self, D: str) -> set[str]:
        return set(self.d.utilities_of(self.d.agent_of(D)))

    def observers(self, observer: str, source: str) -> set[str]:
        below = nx.descendants(self.G, source)
        return {observer, *(p for p in self.d.parents(observer) if p not in below)}

    # ------------------------------------------------------------------ definitions
    def direct_effect(self, D: str) -> bool:
        return any(self.is_directed(p) and self.decision_free(p)
                   for p in self.trails(D, self.own(D)))

    def candidates(self, D: str, E: Collection[str]) -> list[str]:
        out = []
        for B in self.d.decisions:
            if B == D or B not in E:
                continue
            if not any(self.is_directed(p) and self.decision_free(p)
                       for p in self.trails(D, {B})):
                continue
            if any(self.is_directed(p) and self.effective(p, E)
                   for p in self.trails(B, self.own(D))):
                out.append(B)
        return out

    def manipulation(self, D: str, E: Collection[str]) -> bool:
        return any(any(self.is_directed(p) and self.effective(p, E) and B not in p
                       for p in self.trails(D, self.own(B) - {B}))
                   for B in self.candidates(D, E))

    def signalling(self, D: str, E: Collection[str]) -> bool:
        for B in self.candidates(D, E):
            W = self.observers(B, D)
            for p in self.trails(D, self.own(B)):
                if not (self.G.has_edge(p[1], D) and self.active(p, W)
                        and self.effective(p, E)):
                    continue
                forks = [p[i] for i in range(1, len(p) - 1) if self.fork(p, i)]
                if not forks:
                    continue
                C = forks[0]
                W2 = self.observers(D, C)
                if any(self.active(q, W2) and self.effective(q, E)
                       for q in self.trails(C, self.own(D))):
                    return True
        return False

    def revealing_denying(self, D: str, E: Collection[str]) -> bool:
        for B in self.candidates(D, E):
            W = self.observers(B, D)
            if any(self.G.has_edge(D, p[1]) and not self.is_directed(p) and self.active(p, W)
                   and self.effective(p, E) for p in self.trails(D, self.own(B))):
                return True
        return False

    def patterns(self, D: str, E: Collection[str]) -> dict[str, bool]:
        return {"direct_effect": self.direct_effect(D), "manipulation": self.manipulation(D, E),
                "signalling": self.signalling(D, E),
                "revealing_denying": self.revealing_denying(D, E)}

    def effective_set(self) -> frozenset[str]:
        E = frozenset(self.d.decisions)
        while True:
            kept = frozenset(D for D in E if any(self.patterns(D, E).values()))
            if kept == E:
                return E
            E = kept
