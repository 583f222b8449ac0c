"""Exact team solving without sufficient recall: branch and bound over a cutset's rules.

When the relevance graph over the decisions being optimised together has a cycle, no order
of single policy updates is exact. :func:`branch_and_bound` fixes the deterministic rules of
a *cutset* (decisions whose removal leaves the relevance graph acyclic, :func:`cutset`) one
decision at a time; once every cutset decision has a rule, the other decisions are solved
exactly (their relevance graph is acyclic). A partial assignment is pruned when an upper
bound on every completion, the maximum expected utility of the *no-forgetting relaxation*
(:func:`no_forgetting_parents`: each free decision also observes every earlier decision and
what it observed, which can only help a team), is no better than the best policy found so
far. The search stops at once when the incumbent reaches the root bound.

This module is internal; :func:`cid.quant.solve` words the result.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from cid.model import Diagram
from cid.quant.policy import DecisionRule, Policy

__all__ = ["Budget", "BudgetExhausted", "SearchResult", "branch_and_bound", "cutset",
           "no_forgetting_parents"]

EXACT_CUTSET_UP_TO = 14
"""Strongly connected components up to this many decisions get a minimum-weight cutset by
trying every subset; larger ones a greedy one."""


class BudgetExhausted(Exception):
    """Raised inside the search when the budget of sub-solves is spent."""


@dataclass
class Budget:
    """How many sub-solves (bounds and leaves) the search may still perform."""

    left: int
    used: int = 0

    def spend(self) -> None:
        if self.left <= 0:
            raise BudgetExhausted
        self.left -= 1
        self.used += 1


@dataclass
class SearchResult:
    """The best policy found, its value, the proven upper bound and whether it is optimal."""

    value: float
    policy: Policy
    bound: float
    exhaustive: bool
    evaluations: int
    cut: tuple[str, ...] = field(default=())


def cutset(relevance: nx.DiGraph[Any], weight: Mapping[str, float]) -> list[str]:
    """A set of decisions whose removal leaves ``relevance`` acyclic, of small total weight.

    Minimum weight in every strongly connected component of at most
    :data:`EXACT_CUTSET_UP_TO` decisions (every subset is tried, smallest weight first);
    greedy (heaviest degree product per weight) in larger ones.

    >>> G = nx.DiGraph([("A", "B"), ("B", "A"), ("B", "C")])
    >>> cutset(G, {"A": 2.0, "B": 1.0, "C": 1.0})
    ['B']
    """
    chosen: list[str] = []
    for component in nx.strongly_connected_components(relevance):
        nodes = sorted(component, key=str)
        sub = relevance.subgraph(nodes)
        if nx.is_directed_acyclic_graph(sub):
            continue
        if len(nodes) <= EXACT_CUTSET_UP_TO:
            chosen.extend(_exact_cutset(sub, nodes, weight))
        else:
            chosen.extend(_greedy_cutset(sub, weight))
    return chosen


def _exact_cutset(sub: nx.DiGraph[Any], nodes: list[str], weight: Mapping[str, float]
                  ) -> list[str]:
    subsets = (c for k in range(1, len(nodes)) for c in itertools.combinations(nodes, k))
    best: tuple[float, list[str]] | None = None
    for c in subsets:
        total = sum(weight[n] for n in c)
        if best is not None and total >= best[0]:
            continue
        rest = sub.subgraph([n for n in nodes if n not in c])
        if nx.is_directed_acyclic_graph(rest):
            best = (total, list(c))
    return best[1] if best is not None else list(nodes)


def _greedy_cutset(sub: nx.DiGraph[Any], weight: Mapping[str, float]) -> list[str]:
    g: nx.DiGraph[Any] = nx.DiGraph(sub)
    chosen: list[str] = []
    while not nx.is_directed_acyclic_graph(g):
        core = [n for c in nx.strongly_connected_components(g) if len(c) > 1 or g.has_edge(
            next(iter(c)), next(iter(c))) for n in c]
        n = max(core, key=lambda v: (g.in_degree(v) * g.out_degree(v) + 1) / (
            weight[v] + 1e-9))
        chosen.append(n)
        g.remove_node(n)
    return chosen


def no_forgetting_parents(d: Diagram, free: Sequence[str]) -> dict[str, list[str]]:
    """Parents of each free decision in the no-forgetting relaxation of ``d``.

    Decisions are taken in the diagram's topological order; a free decision also observes
    every earlier decision and that decision's parents. The added edges all point forward in
    that order, so the result stays acyclic.

    >>> d = Diagram.from_edges(["S -> D1 -> T -> D2 -> U", "S -> U"],
    ...                        decisions=["D1", "D2"], utilities=["U"])
    >>> no_forgetting_parents(d, ["D1", "D2"])["D2"]
    ['T', 'D1', 'S']
    """
    order = [n for n in d.topological_order if d.kind(n) == "decision"]
    out: dict[str, list[str]] = {}
    seen: list[str] = []
    for D in order:
        if D in free:
            parents = list(d.parents(D))
            parents.extend(n for n in seen if n not in parents)
            out[D] = parents
        for n in (D, *d.parents(D)):
            if n not in seen:
                seen.append(n)
    return out


def rules_of(decision: str, count: int, cards: int,
             make: Callable[[Sequence[int]], DecisionRule], first: DecisionRule | None
             ) -> Iterator[DecisionRule]:
    """Every deterministic rule of a decision (``count`` observation rows, ``cards``
    actions), ``first`` (when given) before the others."""
    if first is not None:
        yield first
    for actions in itertools.product(range(cards), repeat=count):
        rule = make(actions)
        if first is None or rule != first:
            yield rule


def branch_and_bound(cut: Sequence[str], candidates: Callable[[str], Iterator[DecisionRule]],
                     leaf: Callable[[Policy], tuple[float, Policy, bool]],
                     bound: Callable[[Policy], float], incumbent: tuple[float, Policy],
                     root_bound: float, budget: Budget, tol: float) -> SearchResult:
    """The best completion of rules for ``cut``, pruned by ``bound``, within ``budget``.

    ``leaf(assigned)`` solves the other decisions given rules for the whole cutset (value,
    policy, whether exact); ``bound(assigned)`` is an upper bound on every completion of a
    partial assignment. The result is exhaustive (optimal) when the budget sufficed and every
    leaf was exact.
    """
    best_value, best_policy = incumbent
    exact_leaves = True

    def good_enough(value: float) -> bool:
        return value <= best_value + tol * max(1.0, abs(best_value))

    def visit(assigned: Policy) -> None:
        nonlocal best_value, best_policy, exact_leaves
        if len(assigned) == len(cut):
            budget.spend()
            value, policy, exact = leaf(assigned)
            exact_leaves = exact_leaves and exact
            if value > best_value + tol * max(1.0, abs(best_value)):
                best_value, best_policy = value, policy
            return
        if assigned:
            budget.spend()
            if good_enough(bound(assigned)):
                return
        for rule in candidates(cut[len(assigned)]):
            visit({**assigned, rule.decision: rule})
            if best_value >= root_bound - tol * max(1.0, abs(root_bound)):
                return

    done = True
    if not best_value >= root_bound - tol * max(1.0, abs(root_bound)):
        try:
            visit({})
        except BudgetExhausted:
            done = False
    proven = best_value >= root_bound - tol * max(1.0, abs(root_bound))
    exhaustive = proven or (done and exact_leaves)
    return SearchResult(best_value, best_policy, best_value if exhaustive else root_bound,
                        exhaustive, budget.used, tuple(cut))


def log10_rules(rows: int, cards: int) -> float:
    """log10 of the number of deterministic rules with ``rows`` rows and ``cards`` actions."""
    return rows * math.log10(max(cards, 1))
