"""Optimal policies: :func:`solve` a model for the maximum expected utility (MEU).

The solver first removes the nonrequisite information links (the minimal d-reduction,
:func:`cid.graph.minimal_d_reduction`): an optimal rule never needs them, and the rules it
returns read only requisite observations. Then:

``"elimination"`` (tried first by ``method="auto"``)
    One variable-elimination pass in the expectation semiring that *maximises* each decision
    out of its bucket as soon as the bucket holds nothing but the decision and what it
    observes: the bucket's table is the decision's expected-utility table over
    ``(observations, decision)``, and its argmax is the rule (one contraction per decision, no
    query per observation). For an MDP this is backward induction, linear in the horizon.
    Exact whenever such an order exists (it does for MDPs, POMDPs with history-based
    policies, and most diagrams with sufficient recall).
``"spu"``
    Single policy updating (Lauritzen and Nilsson 2001): start from uniformly random rules and
    replace one decision's rule at a time by the best response, read off the decision's
    expected-utility table in a junction tree whose cached messages change only along the
    path between consecutive decisions (linear per pass on MDP/POMDP shapes). In the order
    of the relevance graph, one pass is exact when the agent has sufficient recall;
    otherwise the updates repeat until no rule changes, a *local* optimum (the result says
    so).
``"enumerate"``
    Try every deterministic policy (over the requisite observations): exact even without
    sufficient recall, and refused with :class:`~cid.SolveLimitError` when there are more
    than ``max_policies``.

Ties are broken towards the first value of the decision's domain, and counted per decision
in :attr:`Solution.ties`.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> sol = cid.solve(m)
>>> sol.meu, sol.policy["D"](S=1), sol.method, sol.exact
(1.0, 1, 'elimination', True)
>>> cid.expected_utility(m, sol.policy)
1.0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np

from cid.errors import DiagramError, ModelIncompleteError, SolveLimitError
from cid.graph import minimal_d_reduction, relevance_graph
from cid.quant._elimination import DEFAULT_MAX_SIZE, Elimination, Factor, combine, contract
from cid.quant._junction import JunctionTree
from cid.quant.inference import agent_utilities, model_factors
from cid.quant.model import Model
from cid.quant.policy import DecisionRule, Policy, make_policy

__all__ = ["Method", "Solution", "solve"]

Method = Literal["auto", "elimination", "spu", "enumerate"]
_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Solution:
    """The result of :func:`solve`.

    Attributes
    ----------
    meu : float
        The expected utility of :attr:`policy` (the maximum, when :attr:`exact`).
    policy : dict of str to DecisionRule
        A rule for every decision (the given fixed rules included).
    agent : str or None
        Whose utility was maximised (``None``: the only agent, or a common payoff).
    method : str
        ``"elimination"``, ``"spu"``, ``"enumerate"`` (or ``"fixed"`` with nothing to choose).
    exact : bool
        Whether :attr:`meu` is the global maximum.
    iterations : int
        Passes over the decisions (single policy updating), else 1.
    ties : dict of str to int
        For each decision, the number of observation configurations at which several actions
        are optimal (the first one in domain order was taken).
    log10_policies : float
        log10 of the number of deterministic policies the method ranged over (observations
        the method allowed each decision to read).
    note : str
        How the result was obtained, in words.
    """

    meu: float
    policy: dict[str, DecisionRule]
    agent: str | None
    method: str
    exact: bool
    iterations: int
    ties: dict[str, int]
    log10_policies: float
    note: str

    def __repr__(self) -> str:
        kind = "exact" if self.exact else "local optimum"
        return (f"<Solution meu={self.meu:.6g} ({self.method}, {kind}); "
                f"decisions {', '.join(self.policy)}>")

    def __str__(self) -> str:
        lines = [f"MEU {self.meu:.6g} — {self.note}"]
        for d, rule in self.policy.items():
            tie = f" ({self.ties[d]} tied)" if self.ties.get(d) else ""
            lines.append(f"{d}{tie}:")
            lines.extend("  " + row for row in str(rule).splitlines())
        return "\n".join(lines)


# ---------------------------------------------------------------------------- helpers
def _progress(total: int, enabled: bool, desc: str) -> Any:
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # optional: no bar without tqdm
        return None
    return tqdm(total=total, desc=desc, leave=False)


def _choose(mu: np.ndarray, tol: float, current: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``mu`` (last axis = actions): the chosen index and whether the row ties."""
    best = mu.max(axis=-1, keepdims=True)
    scale = max(float(np.abs(mu).max(initial=0.0)), 1.0)
    near = mu >= best - tol * scale
    choice = np.argmax(near, axis=-1)
    if current is not None:
        keep = np.take_along_axis(near, current[..., None], axis=-1)[..., 0]
        choice = np.where(keep, current, choice)
    return choice, near.sum(axis=-1) > 1


def _rule(model: Model, decision: str, scope: Sequence[str], choice: np.ndarray) -> DecisionRule:
    """A deterministic rule from ``choice`` indexed by ``scope``, in the diagram's parent order."""
    parents = model._diagram.parents(decision)
    order = sorted(scope, key=parents.index)
    if list(order) != list(scope):
        choice = choice.transpose([list(scope).index(p) for p in order])
    return DecisionRule.deterministic(
        decision, order, [model._domains[p] for p in order], model._domains[decision], choice,
        ignores=[p for p in parents if p not in order])


def _simplify(model: Model, rule: DecisionRule) -> DecisionRule:
    """Drop the observations a deterministic rule does not depend on."""
    if not rule.is_deterministic or not rule.parents:
        return rule
    choice = np.argmax(rule.table, axis=-1)
    keep = []
    for axis in range(choice.ndim):
        first = np.take(choice, [0], axis=axis)
        if not np.array_equal(np.broadcast_to(first, choice.shape), choice):
            keep.append(axis)
    if len(keep) == choice.ndim:
        return rule
    index = tuple(slice(None) if a in keep else 0 for a in range(choice.ndim))
    return _rule(model, rule.decision, [rule.parents[a] for a in keep], choice[index])


def _setup(model: Model, agent: str | None, fixed: Policy) -> tuple[list[str], tuple[str, ...]]:
    d = model._diagram
    utilities = agent_utilities(model, agent)
    if agent is None:
        free = [D for D in d.decisions if D not in fixed]
    else:
        own = set(d.decisions_of(agent))
        others = [D for D in d.decisions if D not in own and D not in fixed]
        if others:
            raise ModelIncompleteError(
                f"solving for agent {agent!r}: give the rules of the other agents' decisions "
                f"{', '.join(others)} in policy= (a best response is computed against them)")
        free = [D for D in d.decisions if D in own and D not in fixed]
    return free, utilities


# ---------------------------------------------------------------------------- elimination
def _by_elimination(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
                    factors: list[Factor], cards: Mapping[str, int], *, max_size: int,
                    tol: float, bar: Any) -> tuple[float, Policy, dict[str, int]] | None:
    """One max-sum elimination pass; ``None`` when no valid order is found."""
    d = model._diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    elim = Elimination(factors, cards, max_size=max_size, rank=rank)
    remaining = set(free)
    allowed_sets = {D: set(allowed[D]) for D in free}
    observers: dict[str, int] = {}
    for D in free:
        for p in allowed[D]:
            observers[p] = observers.get(p, 0) + 1

    def ready(D: str) -> bool:
        return elim.adj.get(D, set()) <= allowed_sets[D]

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
            bucket, scope = elim.take_bucket(D)
            joint = combine(bucket, scope, cards)
            phi = joint.phi
            if phi.size and float(np.abs(phi - phi[..., :1]).max()) > 1e-9 * max(
                    float(phi.max()), 1.0):
                return None
            mu = joint.mu if joint.mu is not None else np.zeros(phi.shape)
            choice, tied = _choose(mu, tol)
            ties[D] = int(tied.sum())
            rules[D] = _rule(model, D, scope[:-1], choice)
            elim.add(Factor(scope[:-1], phi[..., 0].copy(),
                            np.take_along_axis(mu, choice[..., None], axis=-1)[..., 0]))
            remaining.discard(D)
            for p in allowed[D]:
                observers[p] -= 1
                if observers[p] == 0:
                    elim.touch(p)
            touched = scope[:-1]
        else:
            nxt = elim.best(lambda u: u not in remaining and observers.get(u, 0) == 0)
            if nxt is None:
                break
            touched = tuple(elim.adj.get(nxt, ()))
            elim.sum_out(nxt)
        waiting.update(u for u in touched if u in remaining and ready(u))
        if bar is not None:
            bar.update(1)
    for D in sorted(remaining, key=rank.__getitem__):
        if elim.holding.get(D) or observers.get(D, 0):
            return None  # stuck: no decision can be maximised
        # a decision nothing depends on: every action is optimal
        rules[D] = _rule(model, D, (), np.zeros((), dtype=np.intp))
        ties[D] = 1 if cards[D] > 1 else 0
    if elim.variables():
        return None
    final = elim.result(())
    total = 0.0 if final.mu is None else float(final.mu)
    return total / float(final.phi), rules, ties


# ---------------------------------------------------------------------------- SPU
def _by_spu(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
            fixed: Policy, utilities: Sequence[str], order: Sequence[str], one_pass: bool, *,
            start: Policy, max_size: int, max_iterations: int, tol: float, bar: Any
            ) -> tuple[Policy, dict[str, int], int, bool]:
    d = model._diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    rules: Policy = {}
    for D in free:
        pdoms = [model._domains[p] for p in allowed[D]]
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
            choice, tied = _choose(mu, tol, current)
            reachable = f.phi[..., 0] > 0
            ties[D] = int((tied & reachable).sum())
            new = _rule(model, D, allowed[D], choice)
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
def _by_enumeration(model: Model, free: Sequence[str], allowed: Mapping[str, tuple[str, ...]],
                    fixed: Policy, utilities: Sequence[str], *, max_size: int, bar: Any
                    ) -> tuple[float, Policy, int]:
    d = model._diagram
    rank = {n: i for i, n in enumerate(d.topological_order)}
    per: list[list[DecisionRule]] = []  # the candidate rules of each decision
    for D in free:
        shape = tuple(model._domains[p].__len__() for p in allowed[D])
        n = math.prod(shape)
        options = []
        for actions in itertools.product(range(len(model._domains[D])), repeat=n):
            choice = np.array(actions, dtype=np.intp).reshape(shape)
            options.append(_rule(model, D, allowed[D], choice))
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
        if not best_policy or eu > best + _TOL * max(1.0, abs(best)):
            best, best_policy, count = eu, {r.decision: r for r in combo}, 1
        elif abs(eu - best) <= _TOL * max(1.0, abs(best)):
            count += 1
        if bar is not None:
            bar.update(1)
    return best, best_policy, count


# ---------------------------------------------------------------------------- solve
def solve(model: Model, agent: str | None = None, *, policy: Mapping[str, object] | None = None,
          method: Method = "auto", start: Mapping[str, object] | None = None,
          max_policies: int = 1_000_000,
          max_size: int = DEFAULT_MAX_SIZE, max_iterations: int = 100, tol: float = _TOL,
          progress: bool = False) -> Solution:
    """Find an optimal policy and the maximum expected utility.

    Parameters
    ----------
    model : Model
        A complete model.
    agent : str, optional
        The agent to optimise for. Not needed with one agent, or when all agents share every
        utility (a common payoff: the team optimum). With several agents, the other agents'
        decisions need fixed rules in ``policy`` (a best response).
    policy : mapping, optional
        Fixed rules for some decisions; they are not optimised.
    method : {"auto", "elimination", "spu", "enumerate"}
        See the module docs. ``"auto"``: elimination, else single policy updating.
    start : mapping, optional
        Rules to start single policy updating from (default: uniformly random). Each update
        only improves the expected utility, so the result is at least as good as ``start``.
    max_policies : int
        ``"enumerate"`` refuses larger policy spaces.
    max_size : int
        The largest table (entries) a contraction may build.
    max_iterations : int
        Passes of single policy updating without sufficient recall.
    tol : float
        Relative tolerance under which two expected utilities count as tied.
    progress : bool
        Show a progress bar (when tqdm is installed).

    Returns
    -------
    Solution

    Raises
    ------
    ModelIncompleteError
        The model is incomplete, or other agents' decisions have no rules.
    SolveLimitError
        A table or the policy space is above the limit.
    DiagramError
        ``method="elimination"`` finds no valid order; several agents and no ``agent``.
    """
    model.check()
    d = model._diagram
    fixed = make_policy(model, policy)
    free, utilities = _setup(model, agent, fixed)
    if not free:
        from cid.quant.inference import expected_utility

        eu = expected_utility(model, fixed, agent=agent)
        return Solution(eu, dict(fixed), agent, "fixed", True, 1, {}, 0.0,
                        "every decision has a fixed rule: nothing to optimise")
    full_parents = {D: d.parents(D) for D in free}
    reduced_graph: list[nx.DiGraph[Any]] = []

    def requisite() -> dict[str, tuple[str, ...]]:
        if not reduced_graph:
            G: nx.DiGraph[Any] = nx.DiGraph(d.edge_list)
            G.add_nodes_from(d.nodes)
            reduced_graph.append(minimal_d_reduction(G, decisions=free, utilities=utilities))
        R = reduced_graph[0]
        return {D: tuple(p for p in d.parents(D) if R.has_edge(p, D)) for D in free}

    def log10_of(allowed: Mapping[str, tuple[str, ...]]) -> float:
        return sum(math.prod(len(model._domains[p]) for p in allowed[D])
                   * math.log10(len(model._domains[D])) for D in free)

    def finish(meu: float, rules: Policy, how: str, exact: bool, iterations: int,
               ties: dict[str, int], note: str, allowed: Mapping[str, tuple[str, ...]]
               ) -> Solution:
        full = {D: (_simplify(model, rules[D]) if D in rules else fixed[D]) for D in d.decisions}
        return Solution(meu=meu, policy=full, agent=agent, method=how, exact=exact,
                        iterations=iterations, ties=ties, log10_policies=log10_of(allowed),
                        note=note)

    if method == "enumerate":
        allowed = requisite()
        log10 = log10_of(allowed)
        if log10 > math.log10(max_policies):
            raise SolveLimitError(
                f"{10 ** log10:.3g} deterministic policies for {', '.join(free)} "
                f"(over the requisite observations): above max_policies={max_policies:,}")
        total = round(10 ** log10)
        bar = _progress(total, progress, "enumerating policies")
        meu, rules, count = _by_enumeration(model, free, allowed, fixed, utilities,
                                            max_size=max_size, bar=bar)
        if bar is not None:
            bar.close()
        return finish(meu, rules, "enumerate", True, 1, {},
                      f"exact: best of {total:,} deterministic policies ({count} optimal)",
                      allowed)
    if method in ("auto", "elimination"):
        factors, cards = model_factors(model, fixed, utilities=utilities, free=set(free))
        for attempt in (full_parents, None):
            allowed = attempt if attempt is not None else requisite()
            cap = max_size
            if method == "auto":  # give up early on a blow-up: single policy updating may not
                rule_size = max(math.prod(cards[p] for p in (*allowed[D], D)) for D in free)
                largest = max((f.phi.size for f in factors), default=1)
                cap = min(max_size, max(2**20, 16 * rule_size, 16 * largest))
            bar = _progress(len(cards), progress, "eliminating")
            try:
                out = _by_elimination(model, free, allowed, factors, cards, max_size=cap,
                                      tol=tol, bar=bar)
            except SolveLimitError:
                if method == "elimination":
                    raise
                out = None
            finally:
                if bar is not None:
                    bar.close()
            if out is not None:
                meu, rules, ties = out
                return finish(meu, rules, "elimination", True, 1, ties,
                              "exact: one elimination pass, each decision maximised in its "
                              "bucket", allowed)
        if method == "elimination":
            raise DiagramError(
                "no elimination order maximises each decision over its requisite observations "
                "only; use method='spu' (or 'enumerate')", code="cid_no_elimination_order")
    elif method != "spu":
        raise DiagramError(f"unknown method {method!r}: use 'auto', 'elimination', 'spu' or "
                           "'enumerate'", code="cid_invalid_argument")
    allowed = requisite()
    relevance = relevance_graph(reduced_graph[0], decisions=free, utilities=utilities)
    sufficient = nx.is_directed_acyclic_graph(relevance)
    if sufficient:
        order: list[str] = [str(D) for D in nx.lexicographical_topological_sort(relevance)][::-1]
    else:
        rank = {n: i for i, n in enumerate(d.topological_order)}
        order = sorted(free, key=lambda D: rank[D], reverse=True)
    bar = _progress(len(order) * (1 if sufficient else max_iterations), progress,
                    "policy updating")
    rules, ties, iterations, converged = _by_spu(
        model, free, allowed, fixed, utilities, order, sufficient, start=make_policy(model, start),
        max_size=max_size,
        max_iterations=max_iterations, tol=tol, bar=bar)
    if bar is not None:
        bar.close()
    meu = _team_eu(model, {**fixed, **rules}, utilities)
    if sufficient:
        note = "exact: single policy updating, one pass in the relevance order (sufficient recall)"
    else:
        state = "converged" if converged else f"stopped after {iterations} passes"
        note = (f"local optimum: no sufficient recall, single policy updating {state}; "
                f"method='enumerate' finds the global optimum "
                f"({10 ** log10_of(allowed):.3g} policies)")
    return finish(meu, rules, "spu", sufficient, iterations, ties, note, allowed)


def _team_eu(model: Model, policy: Policy, utilities: Iterable[str]) -> float:
    factors, cards = model_factors(model, policy, utilities=utilities)
    f = contract(factors, (), cards)
    return (0.0 if f.mu is None else float(f.mu)) / float(f.phi)
