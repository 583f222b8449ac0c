"""A junction tree with cached messages, for single policy updating.

Single policy updating replaces one decision rule at a time by the best response to the
others, which needs each decision's expected-utility table over its family. Recomputing it
from scratch costs a whole contraction per decision. Here the factors are compiled once into
an elimination tree (a junction tree whose cliques are the buckets of a greedy elimination
order), messages in the expectation semiring are cached on its edges, and changing one rule
invalidates only the messages flowing away from that rule's clique: the next decision's table
recomputes the messages on the path between the two cliques (Lauritzen and Nilsson 2001). In
an MDP- or POMDP-shaped diagram, consecutive decisions sit in neighbouring cliques, so a pass
over all decisions costs about one contraction instead of one per decision.

This module is internal; :mod:`cid.quant.solve` uses it.

Examples
--------
>>> import numpy as np
>>> prior = Factor(("S",), np.array([0.5, 0.5]))
>>> reward = Factor(("S", "D"), np.ones((2, 2)), np.array([[1.0, 0.0], [0.0, 1.0]]))
>>> tree = JunctionTree([prior, reward], {"D": ("S", "D")}, {"S": 2, "D": 2})
>>> tree.local("D", {"D": Factor(("S", "D"), np.full((2, 2), 0.5))}).mu
array([[0.5, 0. ],
       [0. , 0.5]])
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence

from cid.errors import SolveLimitError
from cid.quant._elimination import DEFAULT_MAX_SIZE, Factor, combine

__all__ = ["JunctionTree"]

_ROOT = -1


class JunctionTree:
    """An elimination tree over ``factors`` plus one *slot* per changing rule.

    Parameters
    ----------
    factors : list of Factor
        The fixed factors (CPDs, fixed rules, utilities).
    slots : mapping of str to tuple of str
        For each decision whose rule changes, the rule's scope (observations..., decision).
    cards : mapping of str to int
    rank : mapping of str to int, optional
        Tie-break for the elimination order.
    max_size : int
        The largest clique table allowed.
    """

    def __init__(self, factors: Sequence[Factor], slots: Mapping[str, tuple[str, ...]],
                 cards: Mapping[str, int], *, rank: Mapping[str, int] | None = None,
                 max_size: int = DEFAULT_MAX_SIZE) -> None:
        self.cards = cards
        self.slots = dict(slots)
        rank = rank or {}
        scopes = [f.vars for f in factors] + list(self.slots.values())
        order = _greedy_order(scopes, cards, rank)
        position = {v: i for i, v in enumerate(order)}
        adj: dict[str, set[str]] = {v: set() for v in order}
        for scope in scopes:
            for v in scope:
                adj[v].update(scope)
        for v in order:
            adj[v].discard(v)
        # cliques: one per eliminated variable; sep = clique minus the variable
        self.clique: list[tuple[str, ...]] = []
        self.sep: list[tuple[str, ...]] = []
        self.parent: list[int] = []
        for v in order:
            rest = tuple(sorted(adj[v], key=position.__getitem__))
            size = math.prod(cards[u] for u in rest) * cards[v]
            if size > max_size:
                raise SolveLimitError(f"a clique needs a table of {size:,} entries over "
                                      f"{', '.join((v, *rest))} (limit {max_size:,})")
            self.clique.append((*rest, v))
            self.sep.append(rest)
            for u in rest:
                adj[u].update(w for w in rest if w != u)
                adj[u].discard(v)
            self.parent.append(position[rest[0]] if rest else _ROOT)
        self.neighbours: dict[int, list[int]] = {i: [] for i in range(-1, len(order))}
        for i, p in enumerate(self.parent):
            self.neighbours[i].append(p)
            self.neighbours[p].append(i)
        # assign each factor and slot to the clique of its first-eliminated variable
        self.assigned: dict[int, list[Factor]] = {i: [] for i in self.neighbours}
        for f in factors:
            home = min((position[v] for v in f.vars), default=_ROOT)
            self.assigned[home].append(f)
        self.home = {D: min(position[v] for v in scope) for D, scope in self.slots.items()}
        self.cache: dict[tuple[int, int], Factor] = {}

    def _scope(self, i: int) -> tuple[str, ...]:
        return () if i == _ROOT else self.clique[i]

    def _separator(self, i: int, j: int) -> tuple[str, ...]:
        if i != _ROOT and self.parent[i] == j:
            return self.sep[i]
        return self.sep[j]

    def _potential(self, i: int, rules: Mapping[str, Factor], skip: str | None = None
                   ) -> list[Factor]:
        own = [rules[D] for D, home in self.home.items() if home == i and D != skip]
        return self.assigned[i] + own

    def _message(self, i: int, j: int, rules: Mapping[str, Factor]) -> Factor:
        """Compute (and cache) the message from clique ``i`` to its neighbour ``j``."""
        stack: list[tuple[int, int, bool]] = [(i, j, False)]
        while stack:
            x, y, ready = stack.pop()
            if (x, y) in self.cache:
                continue
            if not ready:
                stack.append((x, y, True))
                stack.extend((z, x, False) for z in self.neighbours[x]
                             if z != y and (z, x) not in self.cache)
                continue
            incoming = [self.cache[(z, x)] for z in self.neighbours[x] if z != y]
            self.cache[(x, y)] = _marginal(self._potential(x, rules) + incoming,
                                           self._scope(x), self._separator(x, y), self.cards)
        return self.cache[(i, j)]

    def local(self, decision: str, rules: Mapping[str, Factor]) -> Factor:
        """The (phi, mu) table over the decision's slot scope, its own rule left out."""
        c = self.home[decision]
        incoming = [self._message(z, c, rules) for z in self.neighbours[c]]
        return _marginal(self._potential(c, rules, skip=decision) + incoming, self._scope(c),
                         self.slots[decision], self.cards)

    def changed(self, decision: str) -> None:
        """Forget the messages that depended on ``decision``'s rule."""
        start = self.home[decision]
        stack = [(start, n) for n in self.neighbours[start]]
        while stack:
            x, y = stack.pop()
            if self.cache.pop((x, y), None) is None:
                continue  # never computed, nor anything further out in this direction
            stack.extend((y, z) for z in self.neighbours[y] if z != x)


def _marginal(factors: Sequence[Factor], scope: tuple[str, ...], keep: tuple[str, ...],
              cards: Mapping[str, int]) -> Factor:
    """Combine ``factors`` over ``scope`` and sum down to ``keep`` (in that order)."""
    out = keep + tuple(v for v in scope if v not in keep)
    joint = combine(factors, out, cards)
    axes = tuple(range(len(keep), len(out)))
    if not axes:
        return joint
    return Factor(keep, joint.phi.sum(axis=axes),
                  None if joint.mu is None else joint.mu.sum(axis=axes))


def _greedy_order(scopes: Sequence[tuple[str, ...]], cards: Mapping[str, int],
                  rank: Mapping[str, int]) -> list[str]:
    """A min-weight elimination order of every variable in ``scopes``."""
    adj: dict[str, set[str]] = {}
    for scope in scopes:
        for v in scope:
            adj.setdefault(v, set()).update(u for u in scope if u != v)

    def weight(v: str) -> float:
        return float(math.prod(cards[u] for u in adj[v]) * cards[v])

    heap = [(weight(v), -rank.get(v, 0), v) for v in adj]
    heapq.heapify(heap)
    done: set[str] = set()
    order: list[str] = []
    while heap:
        w, _, v = heapq.heappop(heap)
        if v in done or w != weight(v):
            continue
        done.add(v)
        order.append(v)
        nbrs = adj.pop(v)
        for u in nbrs:
            adj[u].update(x for x in nbrs if x != u)
            adj[u].discard(v)
            heapq.heappush(heap, (weight(u), -rank.get(u, 0), u))
    return order

