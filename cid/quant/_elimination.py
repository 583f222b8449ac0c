"""Variable elimination over factors that carry probability *and* expected utility.

A :class:`Factor` holds ``phi`` (a nonnegative table: probabilities) and, optionally, ``mu``
(a table of probability-weighted utility). Factors combine in the *expectation semiring*::

    (phi1, mu1) * (phi2, mu2) = (phi1 phi2, phi1 mu2 + phi2 mu1)
    sum_X (phi, mu)           = (sum_X phi, sum_X mu)

so one elimination pass over every CPD and every utility returns
``(sum phi, sum phi * (U_1 + ... + U_n))``: the expected total utility, with the cost of a
single probability query (no pass per utility node). Bucket products broadcast aligned
numpy arrays; the elimination order is chosen greedily (min-weight: the variable whose
bucket table is smallest goes first), which follows chains in linear time.

This module is internal; :mod:`cid.quant.inference` and :mod:`cid.quant.solve` use it.

Examples
--------
>>> import numpy as np
>>> prior = Factor(("X",), np.array([0.25, 0.75]))
>>> reward = Factor(("X",), np.ones(2), np.array([0.0, 4.0]))
>>> f = contract([prior, reward], (), {"X": 2})
>>> float(f.phi), float(f.mu)
(1.0, 3.0)
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cid.errors import SolveLimitError

__all__ = ["DEFAULT_MAX_SIZE", "Elimination", "Factor", "combine", "contract", "restrict"]

DEFAULT_MAX_SIZE = 2**26
"""The largest table (number of entries) a contraction may build before it refuses."""


@dataclass(slots=True)
class Factor:
    """A table over ``vars``: ``phi`` (probability part), ``mu`` (utility part or ``None``)."""

    vars: tuple[str, ...]
    phi: np.ndarray
    mu: np.ndarray | None = None


def _aligned(arr: np.ndarray, vars_: Sequence[str], pos: Mapping[str, int], n: int) -> np.ndarray:
    if not vars_:
        return arr.reshape((1,) * n)
    idx = [pos[v] for v in vars_]
    if len(idx) == n and idx == sorted(idx):  # already over the output, in its order
        return arr
    shape = [1] * n
    for i, size in zip(idx, arr.shape, strict=True):
        shape[i] = size
    if idx != sorted(idx):
        arr = arr.transpose(sorted(range(len(idx)), key=idx.__getitem__))
    return arr.reshape(shape)


def combine(factors: Sequence[Factor], out: Sequence[str], cards: Mapping[str, int]) -> Factor:
    """The semiring product of ``factors`` as one factor over ``out`` (nothing summed)."""
    out = tuple(out)
    pos = {v: i for i, v in enumerate(out)}
    n = len(out)
    P: np.ndarray | None = None
    M: np.ndarray | None = None
    for f in factors:
        phi = _aligned(f.phi, f.vars, pos, n)
        mu = None if f.mu is None else _aligned(f.mu, f.vars, pos, n)
        if P is None:
            P, M = phi, mu
            continue
        new_m = None if M is None else M * phi
        if mu is not None:
            term = P * mu
            new_m = term if new_m is None else new_m + term
        P, M = P * phi, new_m
    full = tuple(cards[v] for v in out)
    if P is None:
        P = np.ones(full)
    elif P.shape != full:
        P = np.broadcast_to(P, full).copy()
    if M is not None and M.shape != full:
        M = np.broadcast_to(M, full).copy()
    return Factor(out, P, M)


def restrict(factors: Iterable[Factor], evidence: Mapping[str, int]) -> list[Factor]:
    """Slice every factor at the evidence ``{var: index}`` (the variables disappear)."""
    result = []
    for f in factors:
        if not any(v in evidence for v in f.vars):
            result.append(f)
            continue
        index = tuple(evidence.get(v, slice(None)) for v in f.vars)
        keep = tuple(v for v in f.vars if v not in evidence)
        result.append(Factor(keep, f.phi[index], None if f.mu is None else f.mu[index]))
    return result


class Elimination:
    """The state of a variable-elimination run: the factors left and their interaction graph.

    Callers pick the variables (:meth:`best`), then :meth:`sum_out` or :meth:`take_bucket` them.
    """

    def __init__(self, factors: Iterable[Factor], cards: Mapping[str, int], *,
                 max_size: int = DEFAULT_MAX_SIZE, rank: Mapping[str, int] | None = None) -> None:
        self.cards = cards
        self.max_size = max_size
        self.factors: dict[int, Factor] = {}
        self.holding: dict[str, set[int]] = {}
        self.adj: dict[str, set[str]] = {}
        self._next = 0
        self._rank = rank or {}
        self._heap: list[tuple[float, int, str, int]] = []
        self._stamp: dict[str, int] = {}
        for f in factors:
            self.add(f)

    # -------------------------------------------------------------- bookkeeping
    def add(self, f: Factor) -> None:
        """Add a factor to the pool."""
        i = self._next
        self._next += 1
        self.factors[i] = f
        for v in f.vars:
            self.holding.setdefault(v, set()).add(i)
            nb = self.adj.setdefault(v, set())
            nb.update(f.vars)
            nb.discard(v)

    def variables(self) -> set[str]:
        """The variables still present in some factor."""
        return {v for v, ids in self.holding.items() if ids}

    def size(self, v: str) -> int:
        """The number of entries of ``v``'s bucket table (``v`` and its neighbours)."""
        return math.prod(self.cards[u] for u in self.adj.get(v, ())) * self.cards[v]

    def take_bucket(self, v: str) -> tuple[list[Factor], tuple[str, ...]]:
        """Remove the factors holding ``v``; return them and their joint scope (``v`` last)."""
        size = self.size(v)
        scope = tuple(sorted(self.adj.get(v, ()), key=lambda u: self._rank.get(u, 0))) + (v,)
        if size > self.max_size:
            raise SolveLimitError(
                f"eliminating {v} needs a table of {size:,} entries over {', '.join(scope)} "
                f"(limit {self.max_size:,}); the model is too densely connected for exact "
                "inference",
            )
        ids = sorted(self.holding.pop(v, set()))
        bucket = [self.factors.pop(i) for i in ids]
        for f in bucket:
            for u in f.vars:
                if u != v:
                    self.holding[u].difference_update(ids)
        rest = scope[:-1]
        for u in rest:
            nb = self.adj[u]
            nb.update(rest)
            nb.discard(u)
            nb.discard(v)
            self.touch(u)
        self.adj.pop(v, None)
        return bucket, scope

    def sum_out(self, v: str) -> None:
        """Eliminate ``v`` by summation."""
        bucket, scope = self.take_bucket(v)
        if not bucket:
            return
        if len(bucket) == 1 and bucket[0].vars[-1] == v and len(bucket[0].vars) == len(scope):
            f = bucket[0]
            self.add(Factor(f.vars[:-1], f.phi.sum(axis=-1),
                            None if f.mu is None else f.mu.sum(axis=-1)))
            return
        joint = combine(bucket, scope, self.cards)
        self.add(Factor(scope[:-1], joint.phi.sum(axis=-1),
                        None if joint.mu is None else joint.mu.sum(axis=-1)))

    def result(self, keep: Sequence[str]) -> Factor:
        """Combine every factor left into one factor over ``keep`` (in that order)."""
        left = list(self.factors.values())
        extra = {v for f in left for v in f.vars} - set(keep)
        if extra:  # pragma: no cover - callers eliminate everything else first
            raise AssertionError(f"variables left uneliminated: {sorted(extra)}")
        return combine(left, keep, self.cards)

    # -------------------------------------------------------------- greedy order
    def touch(self, v: str) -> None:
        """Re-score ``v`` in the greedy queue after its neighbourhood changed."""
        stamp = self._stamp.get(v, 0) + 1
        self._stamp[v] = stamp
        heapq.heappush(self._heap, (float(self.size(v)), -self._rank.get(v, 0), v, stamp))

    def best(self, eligible: Callable[[str], bool]) -> str | None:
        """Pop the eligible variable with the smallest bucket (``None`` when none is).

        Variables found ineligible are dropped from the queue; call :meth:`touch` to bring one
        back when it becomes eligible.
        """
        while self._heap:
            _, _, v, stamp = heapq.heappop(self._heap)
            if self._stamp.get(v) != stamp or v not in self.adj and v not in self.holding:
                continue
            if eligible(v):
                self._stamp[v] = stamp + 1  # consumed
                return v
        return None


def contract(factors: Iterable[Factor], keep: Sequence[str], cards: Mapping[str, int], *,
             max_size: int = DEFAULT_MAX_SIZE, rank: Mapping[str, int] | None = None) -> Factor:
    """Sum every variable not in ``keep`` out of the product of ``factors``.

    Returns one factor over ``keep`` (in that order): ``phi`` is the (unnormalised) joint
    table of the kept variables and ``mu`` the matching utility-weighted table.
    """
    keep_set = set(keep)
    elim = Elimination(factors, cards, max_size=max_size, rank=rank)
    for v in elim.variables() - keep_set:
        elim.touch(v)
    while True:
        nxt = elim.best(lambda u: u not in keep_set)
        if nxt is None:
            break
        elim.sum_out(nxt)
    return elim.result(keep)
