"""A MAID's numbers as tensors, evaluated again and again for different policy profiles.

Equilibrium search evaluates the same model under many profiles: :class:`Game` reads the
model once (CPDs, utility tables, domains, the agents' utility nodes) and answers the three
questions the searches ask by one ``numpy.einsum`` contraction each, restricted to the
ancestors of what is asked: the expected utility of an agent, a decision's expected-utility
table over ``(observations, action)`` (the rest of the profile fixed), and the probability of
each observation of a decision.

A *profile* here is ``{decision: table}`` with each table over ``(parents..., decision)``
(all the decision's parents, rows summing to 1). This module is internal.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from cid.errors import DiagramError, SolveLimitError
from cid.model import Diagram
from cid.quant.domains import Domain
from cid.quant.model import Model
from cid.quant.policy import DecisionRule

__all__ = ["TOL", "Game", "Table", "check_game"]

TOL = 1e-9
"""Relative tolerance under which two expected utilities count as equal."""

MAX_VARIABLES = 52
"""numpy.einsum names at most this many axes in one contraction."""

Table = np.ndarray


def check_game(model: object, what: str) -> tuple[Model, Diagram]:
    """The model and its diagram; a clear error for a non-model or an agent without utilities.

    Raises
    ------
    DiagramError
        ``model`` is not a :class:`~cid.Model`, or an agent with decisions has no utility.
    ModelIncompleteError
        The model is incomplete.
    """
    if not isinstance(model, Model):
        raise DiagramError(f"{what} needs a cid.Model, got {type(model).__name__} {model!r:.40}",
                           code="cid_invalid_argument")
    model.check()
    d = model.diagram
    lacking = [a for a in d.agents if d.decisions_of(a) and not d.utilities_of(a)]
    if lacking:
        raise DiagramError(
            f"{what}: agent{'s' if len(lacking) > 1 else ''} {', '.join(map(repr, lacking))} "
            f"of {d.name!r} {'have' if len(lacking) > 1 else 'has'} decisions but no utility "
            "node: an equilibrium needs every agent's payoff", code="cid_no_utility")
    return model, d


class Game:
    """The tensors of a complete model, for repeated contractions (see the module docs)."""

    def __init__(self, model: Model) -> None:
        self.model, d = check_game(model, "a game")
        self.diagram = d
        self.order = d.topological_order
        self.decisions = d.decisions
        self.agents = tuple(a for a in d.agents if d.decisions_of(a))
        self.agent_of = {D: d.agent_of(D) for D in self.decisions}
        self.utilities = {a: d.utilities_of(a) for a in d.agents}
        self.parents = {n: d.parents(n) for n in self.order}
        self.domains: dict[str, Domain] = {}
        self.factors: dict[str, tuple[tuple[str, ...], Table]] = {}
        self.payoffs: dict[str, tuple[tuple[str, ...], Table]] = {}
        for n in self.order:
            kind = d.kind(n)
            if kind == "decision":
                self.domains[n] = model.domain(n)
                continue
            if kind == "utility":
                table = model.utility(n)
                self.payoffs[n] = (table.parents, np.asarray(table.values, dtype=float))
                if not d.children(n):
                    continue
            cpd = model.cpd(n)
            self.domains[n] = cpd.domain
            self.factors[n] = ((*cpd.parents, n), np.asarray(cpd.table, dtype=float))
        self._ancestors: dict[frozenset[str], frozenset[str]] = {}

    # ------------------------------------------------------------------ structure
    def card(self, node: str) -> int:
        return len(self.domains[node])

    def shape(self, decision: str) -> tuple[int, ...]:
        """The shape of a decision's rule table: its parents' sizes, then its own."""
        return (*(self.card(p) for p in self.parents[decision]), self.card(decision))

    def log10_rules(self, decision: str) -> float:
        """log10 of the number of pure rules of ``decision`` (over all its parents)."""
        configs = math.prod(self.card(p) for p in self.parents[decision])
        return configs * math.log10(self.card(decision))

    def ancestors(self, targets: Iterable[str]) -> frozenset[str]:
        """``targets`` and their ancestors (cached)."""
        key = frozenset(targets)
        if key not in self._ancestors:
            seen: set[str] = set()
            stack = list(key)
            while stack:
                n = stack.pop()
                if n not in seen:
                    seen.add(n)
                    stack.extend(self.parents[n])
            self._ancestors[key] = frozenset(seen)
        return self._ancestors[key]

    # ------------------------------------------------------------------ contractions
    def _contract(self, profile: Mapping[str, Table], nodes: frozenset[str],
                  extra: Sequence[tuple[Sequence[str], Table]], keep: Sequence[str],
                  skip: str | None = None) -> Table:
        """Sum the product of the factors of ``nodes`` (and ``extra``) down to ``keep``."""
        operands: list[tuple[Sequence[str], Table]] = []
        for n in self.order:
            if n not in nodes or n == skip:
                continue
            if n in self.factors:
                operands.append(self.factors[n])
            elif n in self.decisions:
                operands.append(((*self.parents[n], n), profile[n]))
        operands.extend(extra)
        covered = {v for vars_, _ in operands for v in vars_}
        operands.extend(((v,), np.ones(self.card(v))) for v in keep if v not in covered)
        names = sorted(covered | set(keep), key=self.order.index)
        if len(names) > MAX_VARIABLES:
            raise SolveLimitError(f"a contraction over {len(names)} variables: at most "
                                  f"{MAX_VARIABLES} are supported", code="cid_solve_limit")
        if not operands:
            return np.ones(())
        index = {v: i for i, v in enumerate(names)}
        args: list[object] = []
        for vars_, table in operands:
            args.extend([table, [index[v] for v in vars_]])
        args.append([index[v] for v in keep])
        return np.asarray(np.einsum(*args, optimize="greedy"), dtype=float)  # type: ignore[call-overload]

    def utility_of(self, agent: str, profile: Mapping[str, Table]) -> float:
        """The expected utility of ``agent`` under a full ``profile``."""
        total = 0.0
        for u in self.utilities[agent]:
            vars_, values = self.payoffs[u]
            nodes = self.ancestors(vars_)
            total += float(self._contract(profile, nodes, [(vars_, values)], ()))
        return total

    def values(self, profile: Mapping[str, Table]) -> dict[str, float]:
        """Every agent's expected utility under a full ``profile``."""
        return {a: self.utility_of(a, profile) for a in self.diagram.agents}

    def q_table(self, decision: str, profile: Mapping[str, Table]) -> tuple[Table, Table]:
        """``(mu, p)`` for ``decision`` with the other rules of ``profile`` fixed.

        ``mu[obs..., action]`` is the agent's expected utility weighted by the probability of
        the observation when the decision takes ``action`` there; ``p[obs...]`` is that
        probability (it does not depend on the decision's own rule).
        """
        keep = (*self.parents[decision], decision)
        mu = np.zeros(self.shape(decision))
        for u in self.utilities[self.agent_of[decision]]:
            vars_, values = self.payoffs[u]
            nodes = self.ancestors((*vars_, *keep))
            mu = mu + self._contract(profile, nodes, [(vars_, values)], keep, skip=decision)
        p = self._contract(profile, self.ancestors(self.parents[decision]), [],
                           self.parents[decision])
        return mu, p

    def best_actions(self, decision: str, profile: Mapping[str, Table],
                     tol: float = TOL) -> list[list[int]]:
        """Per observation (row-major over the parents): the actions that are best responses.

        Every action counts at an observation of probability 0.
        """
        mu, p = self.q_table(decision, profile)
        n = self.card(decision)
        rows = mu.reshape(-1, n)
        probs = p.reshape(-1)
        out: list[list[int]] = []
        for row, prob in zip(rows, probs, strict=True):
            if prob <= 0:
                out.append(list(range(n)))
                continue
            value = row / prob
            best = value.max()
            out.append([i for i in range(n)
                        if value[i] >= best - tol * max(1.0, float(np.abs(value).max()))])
        return out

    def is_local_best(self, decision: str, profile: Mapping[str, Table], tol: float = TOL
                      ) -> bool:
        """Whether ``profile[decision]`` puts weight only on best responses at every
        observation of positive probability."""
        allowed = self.best_actions(decision, profile, tol)
        rows = profile[decision].reshape(len(allowed), -1)
        return all(np.all(row[[i for i in range(len(row)) if i not in ok]] <= tol)
                   for row, ok in zip(rows, allowed, strict=True))

    # ------------------------------------------------------------------ rules
    def pure_rules(self, decision: str) -> Iterator[Table]:
        """Every deterministic rule of ``decision`` (over all its parents), as a table."""
        return self.rules_from(decision, [list(range(self.card(decision)))] * self.configs(
            decision))

    def configs(self, decision: str) -> int:
        return math.prod(self.card(p) for p in self.parents[decision])

    def rules_from(self, decision: str, allowed: Sequence[Sequence[int]]) -> Iterator[Table]:
        """The deterministic rules choosing, at observation ``i``, an action in ``allowed[i]``."""
        shape = self.shape(decision)
        eye = np.eye(shape[-1])
        for choice in itertools.product(*allowed):
            yield eye[list(choice)].reshape(shape)

    def uniform(self, decision: str) -> Table:
        shape = self.shape(decision)
        return np.full(shape, 1.0 / shape[-1])

    def rule(self, decision: str, table: Table) -> DecisionRule:
        """The table as a :class:`~cid.quant.DecisionRule` over all the decision's parents."""
        parents = self.parents[decision]
        return DecisionRule(decision, parents, [self.domains[p] for p in parents],
                            self.domains[decision], table)

    def table(self, rule: DecisionRule) -> Table:
        """A rule (over some of the parents) as a table over all of them."""
        parents = self.parents[rule.decision]
        return np.asarray(rule.over(parents, [self.domains[p] for p in parents]).table,
                          dtype=float)
