"""The three ways :func:`cid.quant.solve` finds a policy: elimination, SPU, enumeration.

Each function works on the factors of a complete model (:func:`cid.quant.inference.model_factors`)
and returns rules over the observations it was allowed (``allowed``); :mod:`cid.quant.solve`
chooses between them, checks the arguments and words the result.

None of them needs a limit on the number of policies: elimination and single policy updating
never range over policies, they build one expected-utility table per decision (over its
observations and actions) and per clique of the elimination order. Their cost is the size of
those tables, and every table is checked against ``max_size`` *before* it is allocated
(:class:`~cid.SolveLimitError` naming the variables). Only enumeration is exponential in the
policy space, and :func:`~cid.quant.solve` refuses it above ``max_policies``.

This module is internal.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from cid.errors import SolveLimitError
from cid.quant._elimination import Elimination, Factor, combine, contract
from cid.quant._junction import JunctionTree
from cid.quant.inference import model_factors
from cid.quant.model import Model
from cid.quant.policy import DecisionRule, Policy

__all__ = ["best_actions", "by_elimination", "by_enumeration", "by_spu", "choose", "maximise",
           "pick",
           "rule_from_choice", "simple_rule", "simplify", "team_eu"]

TOL = 1e-9
"""Relative tolerance under which two expected utilities count as equal."""


def choose(mu: np.ndarray, phi: np.ndarray, tol: float, current: np.ndarray | None = None
           ) -> tuple[np.ndarray, np.ndarray]:
    """Per observation (row; last axis = actions): the chosen action and whether it ties.

    ``mu`` and ``phi`` are the decision's expected-utility table in the expectation semiring:
    ``phi`` is the probability of the observation (constant along the actions) and ``mu`` the
    probability-weighted utility. Actions are compared on the *conditional* values
    ``mu / phi``, with a tolerance relative to the row's magnitude, so that a rare observation
    gets the right action too. At an observation of probability 0 every action is optimal:
    ``current`` (or the first action) is kept and no tie is counted.
    """
    weight = phi.max(axis=-1)
    choice, near = best_actions(mu, weight, tol)
    if current is not None:
        keep = np.take_along_axis(near, current[..., None], axis=-1)[..., 0]
        choice = np.where(keep, current, choice)
    return choice, (np.count_nonzero(near, axis=-1) > 1) & (weight > 0)


def best_actions(mu: np.ndarray, weight: np.ndarray, tol: float
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The first action within ``tol`` of the best in each row, and every such action.

    ``weight`` is the probability of each row (the observation); values are ``mu / weight``
    (0 in rows of probability 0, where every action is then near the best)."""
    w = weight[..., None]
    if weight.min() > 0:  # the common case, without the masked division
        value = mu / w
    else:
        value = np.divide(mu, w, out=np.zeros(mu.shape), where=w > 0)
    best = value.max(axis=-1, keepdims=True)
    near = value >= best - tol * np.abs(value).max(axis=-1, keepdims=True)
    return near.argmax(axis=-1), near


def pick(table: np.ndarray, choice: np.ndarray) -> np.ndarray:
    """``table[..., choice[...]]``: the entry of the chosen action in every row."""
    out: np.ndarray
    if choice.ndim == 1:
        out = table[np.arange(choice.shape[0]), choice]
        return out
    k = table.shape[-1]
    out = table.reshape(-1, k)[np.arange(choice.size), choice.ravel()].reshape(choice.shape)
    return out


def rule_from_choice(model: Model, decision: str, scope: Sequence[str],
                     choice: np.ndarray) -> DecisionRule:
    """A deterministic rule from ``choice`` indexed by ``scope``, in the diagram's parent order."""
    parents = model.diagram.parents(decision)
    order = sorted(scope, key=parents.index)
    if list(order) != list(scope):
        choice = choice.transpose([list(scope).index(p) for p in order])
    return DecisionRule.deterministic(
        decision, order, [model._domains[p] for p in order], model._domains[decision], choice,
        ignores=[p for p in parents if p not in order])


def simplify(model: Model, rule: DecisionRule) -> DecisionRule:
    """Drop the observations a deterministic rule does not depend on."""
    if not rule.is_deterministic or not rule.parents:
        return rule
    return simple_rule(model, rule.decision, rule.parents, np.argmax(rule.table, axis=-1),
                       rule)


def simple_rule(model: Model, decision: str, scope: Sequence[str], choice: np.ndarray,
                rule: DecisionRule | None = None) -> DecisionRule:
    """The deterministic rule ``choice`` (indexed by ``scope``) reading only the observations
    it depends on (``rule``, when given, is that rule over all of ``scope``)."""
    if choice.ndim == 1:  # one observation: the common case, in two array operations
        keep = [0] if bool((choice != choice[0]).any()) else []
    else:
        keep = [axis for axis in range(choice.ndim) if not bool(
            (choice == np.take(choice, [0], axis=axis)).all())]
    if len(keep) == choice.ndim:
        return rule if rule is not None else rule_from_choice(model, decision, scope, choice)
    index = tuple(slice(None) if a in keep else 0 for a in range(choice.ndim))
    return rule_from_choice(model, decision, [scope[a] for a in keep], choice[index])


# ---------------------------------------------------------------------------- elimination
def maximise(joint: Factor, tol: float) -> tuple[np.ndarray, np.ndarray, Factor] | None:
    """Maximise the last variable (a decision) out of its bucket's table ``joint``.

    Returns the chosen action per observation, where it ties, and the factor left over the
    observations; ``None`` when the probability part depends on the decision (the bucket is
    not the decision's expected-utility table: this order is invalid).
    """
    phi = joint.phi
    if phi.size and float(np.abs(phi - phi[..., :1]).max()) > 1e-9 * max(float(phi.max()), 1.0):
        return None
    mu = joint.mu if joint.mu is not None else np.zeros(phi.shape)
    choice, tied = choose(mu, phi, tol)
    rest = Factor(joint.vars[:-1], phi[..., 0].copy(), pick(mu, choice))
    return choice, tied, rest


def by_elimination(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
                    factors: list[Factor], cards: Mapping[str, int], *, max_size: int,
                    tol: float, bar: Any, engine: type[Elimination] = Elimination
                    ) -> tuple[float, Policy, dict[str, int]] | None:
    """One max-sum elimination pass; ``None`` when no valid order is found.

    A decision is maximised once its bucket holds only itself and ``allowed`` observations
    and every free decision observing it has been maximised: its rule is then a best
    response to *any* rules of the others, so the pass is exact. An observation is summed
    out only after every decision observing it.

    ``engine`` runs the elimination (a subclass may record the steps, see
    :mod:`cid.quant.plan`)."""
    d = model.diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    elim = engine(factors, cards, max_size=max_size, rank=rank)
    remaining = set(free)
    allowed_sets = {D: set(allowed[D]) for D in free}
    observers: dict[str, int] = {}
    for D in free:
        for p in allowed[D]:
            observers[p] = observers.get(p, 0) + 1

    def ready(D: str) -> bool:
        # its bucket holds only what it observes, and no decision still to be maximised
        # observes it (that decision's rule, not yet a factor, would depend on it)
        return observers.get(D, 0) == 0 and elim.adj.get(D, set()) <= allowed_sets[D]

    for v in elim.variables():
        if v not in remaining:
            elim.touch(v)
    waiting = {D for D in remaining if D in elim.holding and ready(D)}
    rules: Policy = {}
    ties: dict[str, int] = {}
    while True:
        if waiting:
            D = min(waiting, key=lambda x: (elim.size(x), -rank[x]))
            waiting.discard(D)
            if not ready(D):  # its neighbourhood grew: it comes back when touched
                continue
            bucket, scope = elim.take_bucket(D)
            step = maximise(combine(bucket, scope, cards), tol)
            if step is None:
                return None
            choice, tied, rest = step
            ties[D] = int(tied.sum())
            rules[D] = rule_from_choice(model, D, scope[:-1], choice)
            elim.add(rest)
            remaining.discard(D)
            for p in allowed[D]:
                observers[p] -= 1
                if observers[p] == 0:
                    elim.touch(p)
            touched = (*scope[:-1], *allowed[D])
        else:
            nxt = elim.best(lambda u: u not in remaining and observers.get(u, 0) == 0)
            if nxt is None:
                break
            touched = tuple(elim.adj.get(nxt, ()))
            elim.sum_out(nxt)
        # a decision in no factor is left to the end (nothing depends on it)
        waiting.update(u for u in touched if u in remaining and elim.holding.get(u)
                       and ready(u))
        if bar is not None:
            bar.update(1)
    for D in sorted(remaining, key=rank.__getitem__):
        if elim.holding.get(D) or observers.get(D, 0):
            return None  # stuck: no decision can be maximised
        # a decision nothing depends on: every action is optimal
        rules[D] = rule_from_choice(model, D, (), np.zeros((), dtype=np.intp))
        ties[D] = 1 if cards[D] > 1 else 0
    if elim.variables():
        return None
    final = elim.result(())
    total = 0.0 if final.mu is None else float(final.mu)
    return total / float(final.phi), rules, ties


# ---------------------------------------------------------------------------- SPU
def by_spu(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
            fixed: Policy, utilities: Sequence[str], order: Sequence[str], one_pass: bool, *,
            start: Policy, max_size: int, max_iterations: int, tol: float, bar: Any
            ) -> tuple[Policy, dict[str, int], int, bool]:
    d = model.diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    rules: Policy = {}
    for D in free:
        pdoms = [model._domains[p] for p in allowed[D]]
        size = math.prod(len(dm) for dm in pdoms) * len(model._domains[D])
        if size > max_size:
            raise SolveLimitError(
                f"the rule of {D} needs a table of {size:,} entries over "
                f"{', '.join((*allowed[D], D))} (limit {max_size:,})")
        rules[D] = DecisionRule.uniform(D, allowed[D], pdoms, model._domains[D],
                                        ignores=[p for p in d.parents(D) if p not in allowed[D]])
        if D in start and set(start[D].parents) <= set(allowed[D]):
            rules[D] = start[D].over(allowed[D], pdoms)
    ties: dict[str, int] = {}
    iterations = 0
    converged = False
    base, cards = model_factors(model, fixed, utilities=utilities, free=set(free))
    tree = JunctionTree(base, {D: (*allowed[D], D) for D in free}, cards, rank=rank,
                        max_size=max_size)
    slots = {D: Factor((*r.parents, D), r.table) for D, r in rules.items()}
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - read after the loop
        changed = False
        for D in order:
            f = tree.local(D, slots)
            mu = f.mu if f.mu is not None else np.zeros(f.phi.shape)
            old = rules[D]
            current = np.argmax(old.table, axis=-1) if old.is_deterministic else None
            choice, tied = choose(mu, f.phi, tol, current)
            ties[D] = int(tied.sum())
            new = rule_from_choice(model, D, allowed[D], choice)
            if new != old:
                changed = True
                rules[D] = new
                slots[D] = Factor((*new.parents, D), new.table)
                tree.changed(D)
            if bar is not None:
                bar.update(1)
        if one_pass or not changed:
            converged = True
            break
    return rules, ties, iterations, converged


# ---------------------------------------------------------------------------- enumeration
def by_enumeration(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
                   fixed: Policy, utilities: Sequence[str], *, max_size: int, tol: float,
                   bar: Any) -> tuple[float, Policy, int]:
    """The best deterministic policy over ``allowed`` (the first found among equals), its
    expected utility and how many policies are within ``tol`` of it."""
    d = model.diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    per: list[list[DecisionRule]] = []  # the candidate rules of each decision
    for D in free:
        shape = tuple(model._domains[p].__len__() for p in allowed[D])
        n = math.prod(shape)
        options = []
        for actions in itertools.product(range(len(model._domains[D])), repeat=n):
            choice = np.array(actions, dtype=np.intp).reshape(shape)
            options.append(rule_from_choice(model, D, allowed[D], choice))
        per.append(options)
    best = -math.inf
    best_policy: Policy = {}
    count = 0
    base, cards = model_factors(model, fixed, utilities=utilities, free=set(free))
    combo: tuple[DecisionRule, ...]
    for combo in itertools.product(*per):
        factors = base + [Factor((*r.parents, r.decision), r.table) for r in combo]
        f = contract(factors, (), cards, max_size=max_size, rank=rank)
        eu = (0.0 if f.mu is None else float(f.mu)) / float(f.phi)
        if not best_policy or eu > best + tol * max(1.0, abs(best)):
            best, best_policy, count = eu, {r.decision: r for r in combo}, 1
        elif abs(eu - best) <= tol * max(1.0, abs(best)):
            count += 1
        if bar is not None:
            bar.update(1)
    return best, best_policy, count



def team_eu(model: Model, policy: Policy, utilities: Iterable[str]) -> float:
    factors, cards = model_factors(model, policy, utilities=utilities)
    f = contract(factors, (), cards)
    return (0.0 if f.mu is None else float(f.mu)) / float(f.phi)
