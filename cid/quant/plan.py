"""Compile once, solve many: an elimination plan reused for new numbers on one structure.

Equilibrium search, sweeps and sensitivity analyses solve the *same* diagram many times with
different tables. :func:`compile` runs the solver's elimination pass once and records its
steps (which factors go into which bucket, in which order, and which decision is maximised
where); :meth:`Plan.solve` replays them on the numbers of another model with the same
structure: no elimination order to search, no graph to reduce, only the numpy contractions.
The answer is the one :func:`~cid.quant.solve` gives (same rules, same tie-breaking).

A model that elimination cannot solve exactly (no valid order) gets a plan that simply
calls :func:`~cid.quant.solve` each time (``plan.compiled`` is ``False``).

Examples
--------
>>> import cid
>>> from cid.quant import compile
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> plan = compile(m)
>>> plan.compiled, plan.solve(m).meu
(True, 1.0)
>>> m2 = m.with_cpds({"U": lambda S, D: float(S == D) + 2.0 * (D == 1)})
>>> plan.solve(m2).meu == cid.solve(m2).meu
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cid.errors import DiagramError, SolveLimitError
from cid.quant._elimination import DEFAULT_MAX_SIZE, Elimination, Factor
from cid.quant._methods import (
    TOL,
    best_actions,
    by_elimination,
    pick,
    rule_from_choice,
    simple_rule,
)
from cid.quant.inference import model_factors
from cid.quant.model import Model
from cid.quant.policy import DecisionRule, Policy, make_policy
from cid.quant.solve import Solution, requisite_observations, solve, solve_setup

__all__ = ["Plan", "compile"]


@dataclass(frozen=True)
class _Step:
    """One bucket: the factors (by slot) combined over ``scope``, the last variable summed
    (``decision`` is ``None``) or maximised; the result goes to slot ``out``."""

    ids: tuple[int, ...]
    scope: tuple[str, ...]
    decision: str | None
    out: int | None


@dataclass(frozen=True)
class _Kernel:
    """A step as array operations, in one of three modes.

    ``"einsum"``: ``phi`` is one contraction of the probability parts (``phi_ids``: the slots
    whose probability part is not all ones), ``mu`` one contraction per slot with a utility
    part (``mu_terms``), the others' probability parts alongside. ``"matvec"``: one slot
    (``big``) spans the bucket and every other one is a vector over the summed variable, so
    both parts are a matrix-vector product of ``big`` with the vectors' products (chains:
    MDPs, POMDPs). ``"identity"``: a decision's bucket that is one factor already.
    """

    step: _Step
    mode: str
    phi_expr: str
    phi_ids: tuple[int, ...]
    mu_terms: tuple[tuple[str, tuple[int, ...], int], ...]
    big: int = -1
    perm: tuple[int, ...] | None = None
    vectors: tuple[int, ...] = ()


def _kernel(step: _Step, vars_of: Mapping[int, tuple[str, ...]], ones: set[int],
            has_mu: set[int]) -> _Kernel:
    letters = {v: chr(ord("a") + i) if i < 26 else chr(ord("A") + i - 26)
               for i, v in enumerate(step.scope)}
    # a sum step's result keeps the variable order elimination gave it (recorded)
    keep = step.scope if step.decision is not None or step.out is None else vars_of[step.out]
    out = "".join(letters[v] for v in keep)

    def sub(i: int) -> str:
        return "".join(letters[v] for v in vars_of[i])

    ids = [i for i in step.ids if i not in ones]
    covered = {v for i in ids for v in vars_of[i]}
    for i in step.ids:  # a probability part of ones only where a variable needs it
        if i in ones and not set(vars_of[i]) <= covered:
            ids.append(i)
            covered.update(vars_of[i])
    phi_ids = tuple(sorted(ids))
    phi_expr = ",".join(sub(i) for i in phi_ids) + "->" + out
    terms = []
    for i in step.ids:
        if i in has_mu:
            others = tuple(j for j in phi_ids if j != i)
            expr = ",".join([sub(i), *(sub(j) for j in others)]) + "->" + out
            terms.append((expr, others, i))
    if step.decision is not None and len(step.ids) == 1 and vars_of[step.ids[0]] == step.scope:
        return _Kernel(step, "identity", phi_expr, phi_ids, tuple(terms))
    v = step.scope[-1]
    wide = [i for i in phi_ids if set(vars_of[i]) == set(step.scope) and i not in has_mu]
    if step.decision is None and len(wide) == 1 and keep == step.scope[:-1] and all(
            i == wide[0] or vars_of[i] == (v,) for i in step.ids):
        big = wide[0]
        order = tuple(vars_of[big].index(u) for u in step.scope)
        perm = None if order == tuple(range(len(order))) else order
        vectors = tuple(i for i in phi_ids if i != big)
        return _Kernel(step, "matvec", phi_expr, phi_ids, tuple(terms), big, perm, vectors)
    return _Kernel(step, "einsum", phi_expr, phi_ids, tuple(terms))


def _matvec(k: _Kernel, phis: Mapping[int, np.ndarray], mus: Mapping[int, np.ndarray]
            ) -> tuple[np.ndarray, np.ndarray | None]:
    """Both parts of a ``"matvec"`` step: ``big`` times the vectors' semiring product."""
    big = phis[k.big] if k.perm is None else phis[k.big].transpose(k.perm)
    vp: np.ndarray | None = None
    for j in k.vectors:
        vp = phis[j] if vp is None else vp * phis[j]
    vm: np.ndarray | None = None
    for _, others, i in k.mu_terms:
        term = mus[i]
        for j in others:
            if j != k.big:
                term = term * phis[j]
        vm = term if vm is None else vm + term
    phi = big @ vp if vp is not None else big.sum(axis=-1)
    return phi, (big @ vm if vm is not None else None)


@dataclass(slots=True)
class _Maximised:
    """A decision's bucket as replayed: its probability part, the rows' weights, the
    actions' conditional values and the choice (with its table), ``near`` once known."""

    step: _Step
    phi: np.ndarray
    weight: np.ndarray
    value: np.ndarray | None
    choice: np.ndarray
    near: np.ndarray | None = None


def _groups(items: Sequence[_Maximised], shape_of: Any) -> list[list[int]]:
    """Indices of ``items`` grouped by the shape of an array (stacked and tested at once)."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(shape_of(item).shape, []).append(i)
    return list(groups.values())


def _valid(done: Sequence[_Maximised]) -> bool:
    """Whether every decision's bucket had a probability part constant along the actions
    (as :func:`~cid.quant._methods.maximise` checks), tested in one stack per shape."""
    for group in _groups(done, lambda m: m.phi):
        phi = np.stack([done[i].phi for i in group])
        if phi.size and float(np.abs(phi - phi[..., :1]).max(axis=tuple(range(1, phi.ndim)))
                              .max()) > 1e-9 * max(float(phi.max()), 1.0):
            return False
    return True


def _settle_ties(done: Sequence[_Maximised], tol: float) -> bool:
    """Mark the actions within ``tol`` of the best (``near``), one stack per shape; whether
    every choice was the first of them, as :func:`~cid.quant._methods.best_actions` picks."""
    items = [m for m in done if m.near is None]
    for group in _groups(items, lambda m: m.value):
        value = np.stack([items[i].value for i in group])  # type: ignore[misc]
        with np.errstate(invalid="ignore"):
            near = value >= value.max(axis=-1, keepdims=True) - tol * np.abs(value).max(
                axis=-1, keepdims=True)
        if not np.array_equal(near.argmax(axis=-1),
                              np.stack([items[i].choice for i in group])):
            return False
        for k, i in enumerate(group):
            items[i].near = near[k]
    return True


def _rules(model: Model, done: Sequence[_Maximised], decisions: Sequence[str],
           cards: Mapping[str, int], ignores: Mapping[str, Mapping[str, tuple[str, ...]]]
           ) -> tuple[Policy, dict[str, int]]:
    """Every decision's rule (reading what it depends on) and its tie count, the ties and
    dependences tested in one stack per shape."""
    ties: dict[str, int] = {}
    rules: Policy = {}
    for group in _groups(done, lambda m: m.near):  # one stack per shape of the tables
        near = np.stack([done[i].near for i in group])  # type: ignore[misc]
        reach = np.stack([done[i].weight for i in group]) > 0
        counts = ((np.count_nonzero(near, axis=-1) > 1) & reach).reshape(len(group), -1)
        for i, n in zip(group, counts.sum(axis=1).tolist(), strict=True):
            ties[done[i].step.decision or ""] = int(n)
    by_kind: dict[tuple[tuple[int, ...], int], list[int]] = {}
    for i, m in enumerate(done):  # one stack per shape of choice and number of actions
        by_kind.setdefault((m.choice.shape, cards[m.step.decision or ""]), []).append(i)
    for group in by_kind.values():
        choice = np.stack([done[i].choice for i in group]).reshape(len(group), -1)
        varies = (choice != choice[:, :1]).any(axis=1).tolist() if choice.shape[1] else [
            False] * len(group)
        first = done[group[0]]
        tables = None
        if first.choice.ndim == 1 and first.step.decision is not None:
            tables = np.eye(cards[first.step.decision])[choice]
            tables.flags.writeable = False
        for k, (i, depends) in enumerate(zip(group, varies, strict=True)):
            m = done[i]
            D, scope = m.step.decision or "", m.step.scope[:-1]
            if depends and tables is not None:  # reads its one observation
                rules[D] = DecisionRule.trusted(
                    D, scope, (model._domains[scope[0]],), model._domains[D], tables[k],
                    ignores[D][scope[0]])
            else:
                rules[D] = simple_rule(model, D, scope, m.choice)
    for D in decisions:
        if D not in rules:  # nothing depends on it: every action is optimal
            rules[D] = rule_from_choice(model, D, (), np.zeros((), dtype=np.intp))
            ties[D] = 1 if cards[D] > 1 else 0
    return rules, ties


class _Recorder(Elimination):
    """An elimination that records its buckets (factor slots are the ids it assigns)."""

    def __init__(self, factors: Any, cards: Mapping[str, int], **kwargs: Any) -> None:
        self.steps: list[_Step] = []
        self.final: tuple[int, ...] = ()
        self._open: list[tuple[tuple[int, ...], tuple[str, ...], str]] = []
        self.decisions: set[str] = set()
        self.vars_of: dict[int, tuple[str, ...]] = {}
        self.has_mu: set[int] = set()
        super().__init__(factors, cards, **kwargs)

    def take_bucket(self, v: str) -> tuple[list[Factor], tuple[str, ...]]:
        self._close(None)
        ids = tuple(sorted(self.holding.get(v, set())))
        bucket, scope = super().take_bucket(v)
        self._open.append((ids, scope, v))
        return bucket, scope

    def add(self, f: Factor) -> None:
        self._close(self._next)
        self.vars_of[self._next] = f.vars
        if f.mu is not None:
            self.has_mu.add(self._next)
        super().add(f)

    def _close(self, out: int | None) -> None:
        if self._open:
            ids, scope, v = self._open.pop()
            self.steps.append(_Step(ids, scope, v if v in self.decisions else None, out))

    def result(self, keep: Sequence[str]) -> Factor:
        self._close(None)
        self.final = tuple(self.factors)
        return super().result(keep)


def _structure(model: Model, fixed: Policy) -> tuple[Hashable, ...]:
    """What a plan depends on: nodes, kinds, owners, parents, domain sizes, fixed rules."""
    d = model.diagram
    return (tuple((n, d.kind(n), d.parents(n), len(model._domains[n]) if n in model._domains
                   else None) for n in d.topological_order),
            tuple((a, d.decisions_of(a), d.utilities_of(a)) for a in d.agents),
            tuple(sorted((D, r.parents) for D, r in fixed.items())))


class Plan:
    """A compiled solver for one model structure (see :func:`compile`).

    Attributes
    ----------
    compiled : bool
        Whether the plan replays an elimination pass (else it calls :func:`solve`).
    agent : str or None
        Whose utility is maximised.
    decisions : tuple of str
        The decisions optimised.
    steps : int
        Buckets replayed per solve.
    """

    def __init__(self, model: Model, agent: str | None, fixed: Policy, *, max_size: int,
                 tol: float) -> None:
        self.agent = agent
        self._key = _structure(model, fixed)
        self._tol = tol
        self._max_size = max_size
        free, utilities = solve_setup(model, agent, fixed)
        self.decisions = tuple(free)
        self._utilities = utilities
        self._steps: list[_Step] = []
        self._kernels: list[_Kernel] = []
        self._final: tuple[int, ...] = ()
        self._log10 = 0.0
        self._seen: Model | None = None
        self._sources: list[tuple[str, str, np.ndarray | None]] | None = None
        self._ignores = {D: {p: tuple(q for q in model.diagram.parents(D) if q != p)
                             for p in model.diagram.parents(D)} for D in self.decisions}
        self.compiled = bool(free) and self._record(model, fixed)
        self.steps = len(self._steps)

    def _record(self, model: Model, fixed: Policy) -> bool:
        d = model.diagram
        factors, cards = model_factors(model, fixed, utilities=self._utilities,
                                       free=set(self.decisions))
        for allowed in ({D: d.parents(D) for D in self.decisions},
                        requisite_observations(model, self.decisions, self._utilities)):
            recorder: list[_Recorder] = []

            def engine(*args: Any, _keep: list[_Recorder] = recorder, **kwargs: Any
                       ) -> _Recorder:
                rec = _Recorder(*args, **kwargs)
                rec.decisions = set(self.decisions)
                _keep.append(rec)
                return rec

            try:
                out = by_elimination(model, self.decisions, allowed, list(factors), cards,
                                     max_size=self._max_size, tol=self._tol, bar=None,
                                     engine=engine)  # type: ignore[arg-type]
            except SolveLimitError:
                out = None
            if out is not None:
                self._sources = _sources(model, fixed, factors, self._utilities)
                rec = recorder[0]
                self._steps, self._final = rec.steps, rec.final
                ones = set(range(len(factors) - len(self._utilities), len(factors)))
                self._kernels = [_kernel(st, rec.vars_of, ones, rec.has_mu)
                                 for st in rec.steps if st.ids and (
                                     st.out is not None or st.decision is not None)]
                self._log10 = sum(math.log10(len(model._domains[D])) * math.prod(
                    len(model._domains[p]) for p in allowed[D]) for D in self.decisions)
                return True
        return False

    def solve(self, model: Model, policy: Mapping[str, object] | None = None) -> Solution:
        """The optimal policy and MEU of ``model`` (same structure as the compiled one).

        Parameters
        ----------
        model : Model
        policy : mapping, optional
            New rules for the decisions that were fixed at compile time (the same
            decisions, reading the same observations).

        Raises
        ------
        DiagramError
            ``model`` (or the fixed rules) differ in structure from the compiled model.
        """
        model.check()
        fixed = make_policy(model, policy)
        if not self._known(model, fixed):
            raise DiagramError(
                f"model {model.name!r} does not have the structure this plan was compiled "
                "for (nodes, kinds, parents, domain sizes, agents and fixed rules must match): "
                "compile it anew", code="cid_invalid_argument")
        if not self.compiled:
            return solve(model, self.agent, policy=fixed, max_size=self._max_size,
                         tol=self._tol)
        return self._replay(model, fixed)

    def _replay(self, model: Model, fixed: Policy) -> Solution:
        phis, mus = self._factors(model, fixed)
        cards = {n: len(dom) for n, dom in model._domains.items()}
        done = self._backward(phis, mus, cards, careful=False)
        if not _valid(done):  # these numbers make the order invalid: solve afresh
            return solve(model, self.agent, policy=fixed, max_size=self._max_size,
                         tol=self._tol)
        if not _settle_ties(done, self._tol):  # near-ties: break them as solve() does
            phis, mus = self._factors(model, fixed)
            done = self._backward(phis, mus, cards, careful=True)
        rules, ties = _rules(model, done, self.decisions, cards, self._ignores)
        meu = self._meu(phis, mus)
        policy = {D: rules[D] if D in rules else fixed[D] for D in model.diagram.decisions}
        return Solution(meu=meu, policy=policy, agent=self.agent, method="elimination",
                        exact=True, iterations=1, ties=ties, log10_policies=self._log10,
                        note="exact: one elimination pass, each decision maximised in its "
                             "bucket (compiled plan)", upper_bound=meu)

    def _backward(self, phis: dict[int, np.ndarray], mus: dict[int, np.ndarray],
                  cards: Mapping[str, int], *, careful: bool) -> list[_Maximised]:
        """Replay the buckets; the decisions' tables are kept for :func:`_rules`.

        The fast pass takes each row's best action (``argmax``) and leaves the ties to
        :func:`_settle_ties`; the careful one breaks them as :func:`~cid.quant.solve` does
        (the first action within ``tol`` of the best), for when they matter."""
        done: list[_Maximised] = []
        with np.errstate(invalid="ignore", divide="ignore"):  # rows of probability zero
            for k in self._kernels:
                step = k.step
                if k.mode == "matvec":
                    phi, mu = _matvec(k, phis, mus)
                elif k.mode == "identity":
                    phi, mu = phis[step.ids[0]], mus.get(step.ids[0])
                else:
                    phi = np.einsum(k.phi_expr, *[phis[i] for i in k.phi_ids])
                    mu = None
                    for expr, others, i in k.mu_terms:
                        term = np.einsum(expr, mus[i], *[phis[j] for j in others])
                        mu = term if mu is None else mu + term
                if step.decision is not None:
                    phi, mu = self._decide(step, phi, mu, careful, done)
                if step.out is not None:
                    phis[step.out] = phi
                    if mu is not None:
                        mus[step.out] = mu
        return done

    def _decide(self, step: _Step, phi: np.ndarray, mu: np.ndarray | None, careful: bool,
                done: list[_Maximised]) -> tuple[np.ndarray, np.ndarray]:
        """Maximise a decision out of its bucket; what is left over its observations."""
        if mu is None:
            mu = np.zeros(phi.shape)
        if careful:
            weight = phi.max(axis=-1)
            choice, near = best_actions(mu, weight, self._tol)
            value = None
        else:
            weight, value, near = phi[..., 0], mu / phi[..., :1], None
            choice = value.argmax(axis=-1)
        done.append(_Maximised(step, phi, weight, value, choice, near))
        return weight, pick(mu, choice)

    def _factors(self, model: Model, fixed: Policy
                 ) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        """The model's tables in the compiled factor slots (as
        :func:`~cid.quant.inference.model_factors` lays them out)."""
        if self._sources is None:
            factors, _ = model_factors(model, fixed, utilities=self._utilities,
                                       free=set(self.decisions))
            return ({i: f.phi for i, f in enumerate(factors)},
                    {i: f.mu for i, f in enumerate(factors) if f.mu is not None})
        phis: dict[int, np.ndarray] = {}
        mus: dict[int, np.ndarray] = {}
        for i, (kind, name, ones) in enumerate(self._sources):
            if kind == "cpd":
                phis[i] = model.cpd(name).table
            elif kind == "rule":
                phis[i] = fixed[name].table
            else:
                phis[i], mus[i] = ones, model._utilities[name].values  # type: ignore[assignment]
        return phis, mus

    def _known(self, model: Model, fixed: Policy) -> bool:
        """Whether ``model`` has the compiled structure (the last diagram checked is kept:
        solving one model again needs no new check)."""
        if fixed or model is not self._seen:
            if _structure(model, fixed) != self._key:
                return False
            self._seen = model if not fixed else None
        return True

    def _meu(self, phis: Mapping[int, np.ndarray], mus: Mapping[int, np.ndarray]) -> float:
        """Combine the factors left (all scalars by now) into the expected utility."""
        p, m = 1.0, 0.0
        for i in self._final:
            phi = float(phis[i])
            m = m * phi + (p * float(mus[i]) if i in mus else 0.0)
            p *= phi
        return m / p

    def __repr__(self) -> str:
        how = f"{self.steps} buckets" if self.compiled else "not compiled: calls solve()"
        return f"<Plan for {', '.join(self.decisions) or 'no decisions'}: {how}>"


def _sources(model: Model, fixed: Policy, factors: Sequence[Factor],
             utilities: Sequence[str]) -> list[tuple[str, str, np.ndarray | None]] | None:
    """Where each factor's tables come from: a CPD, a fixed rule or a utility (whose
    probability part of ones is kept); ``None`` if a factor is not recognised."""
    d = model.diagram
    tables = {id(model.cpd(n).table): n for n in d.nodes
              if d.kind(n) == "chance" or (d.kind(n) == "utility" and d.children(n))}
    rules = {id(r.table): D for D, r in fixed.items()}
    values = {id(model._utilities[u].values): u for u in utilities}
    shared = [id(f.phi) for f in factors if f.mu is None]
    if len(shared) != len(set(shared)):  # one array behind two factors: no telling apart
        return None
    out: list[tuple[str, str, np.ndarray | None]] = []
    for f in factors:
        if f.mu is not None and id(f.mu) in values:
            out.append(("utility", values[id(f.mu)], f.phi))
        elif id(f.phi) in tables:
            out.append(("cpd", tables[id(f.phi)], None))
        elif id(f.phi) in rules:
            out.append(("rule", rules[id(f.phi)], None))
        else:
            return None
    return out


def compile(model: Model, agent: str | None = None, *,  # noqa: A001 - cid.quant.compile
            policy: Mapping[str, object] | None = None, max_size: int = DEFAULT_MAX_SIZE,
            tol: float = TOL) -> Plan:
    """Compile the elimination plan of ``model`` once, to solve models of its structure.

    Parameters
    ----------
    model : Model
        A complete model; its structure (diagram, domain sizes, which decisions have fixed
        rules and what they read) is what the plan is for. Its numbers are not kept.
    agent : str, optional
        As for :func:`~cid.quant.solve`.
    policy : mapping, optional
        Fixed rules (their decisions stay fixed in every :meth:`Plan.solve`).
    max_size, tol
        As for :func:`~cid.quant.solve`.

    Returns
    -------
    Plan
        ``plan.solve(other_model)`` gives what ``cid.solve(other_model)`` gives, replaying
        the recorded buckets.
    """
    model.check()
    return Plan(model, agent, make_policy(model, policy), max_size=max_size, tol=tol)
