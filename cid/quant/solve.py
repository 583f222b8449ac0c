"""Optimal policies: :func:`solve` a model for the maximum expected utility (MEU).

The solver first removes the nonrequisite information links (the minimal d-reduction,
:func:`cid.graph.minimal_d_reduction`): an optimal rule never needs them, and the rules it
returns read only requisite observations. Then:

``"elimination"`` (tried first by ``method="auto"``)
    One variable-elimination pass in the expectation semiring that *maximises* each decision
    out of its bucket as soon as the bucket holds nothing but the decision and what it
    observes, and no decision still to be maximised observes it: the bucket's table is the
    decision's expected-utility table over ``(observations, decision)``, and its argmax is
    the rule (one contraction per decision, no query per observation). For an MDP this is
    backward induction, linear in the horizon. Exact whenever such an order exists (it does
    for MDPs, POMDPs with history-based policies, and most diagrams with sufficient recall).
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

Actions are compared on their expected utility *given* each observation, so a rare
observation gets its best action too. Ties (values equal within the relative tolerance
``tol``) are broken towards the first value of the decision's domain and counted per
decision in :attr:`Solution.ties`; observations of probability zero are not counted.

Elimination and single policy updating need no limit on the number of policies: they never
range over policies but build one expected-utility table per decision and per elimination
step, each checked against ``max_size`` before it is allocated. Enumeration refuses more
than ``max_policies`` policies. With ``progress=None`` (the default) a tqdm bar is shown when
tqdm is installed, stderr is a terminal and the estimated work is large.

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

import dataclasses
import functools
import importlib.util
import math
import numbers
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import networkx as nx
import numpy as np

from cid.core.builder import DiagramBuilder
from cid.errors import DiagramError, ModelIncompleteError, SolveLimitError
from cid.graph import minimal_d_reduction, relevance_graph
from cid.quant._elimination import DEFAULT_MAX_SIZE
from cid.quant._methods import (
    TOL,
    by_elimination,
    by_enumeration,
    by_spu,
    rule_from_choice,
    simplify,
    team_eu,
)
from cid.quant._rewire import rewire
from cid.quant._search import (
    Budget,
    SearchResult,
    branch_and_bound,
    cutset,
    log10_rules,
    no_forgetting_parents,
    rules_of,
)
from cid.quant.inference import agent_utilities, model_factors
from cid.quant.model import Model
from cid.quant.policy import DecisionRule, Policy, make_policy
from cid.quant.solution import Solution, count_text

__all__ = ["Method", "Solution", "count_text", "requisite_observations", "solve",
           "solve_setup"]

Method = Literal["auto", "elimination", "spu", "enumerate"]
DEFAULT_BUDGET = 1_000
"""Sub-solves (bounds and leaves) the exact search may perform before settling for the best
policy found, labelled a local optimum with an upper bound."""
PROGRESS_WORK = 20_000_000
"""Estimated table entries above which ``progress=None`` shows a bar (about a second)."""


# ---------------------------------------------------------------------------- helpers
def _want_bar(progress: bool | None, work: float) -> bool:
    """``progress``, or when it is ``None``: tqdm installed, stderr a TTY, enough work."""
    if progress is not None:
        return bool(progress)
    if work < PROGRESS_WORK:
        return False
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False
    return tty and importlib.util.find_spec("tqdm") is not None


def _progress(total: int, enabled: bool, desc: str) -> Any:
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # optional: no bar without tqdm
        return None
    return tqdm(total=total, desc=desc, leave=False)


def _invalid(text: str) -> DiagramError:
    return DiagramError(f"solve: {text}", code="cid_invalid_argument")


def _check_arguments(model: object, agent: object, method: object, limits: Mapping[str, object],
                     tol: object, progress: object) -> None:
    if not isinstance(model, Model):
        raise _invalid(f"needs a cid.Model, got {type(model).__name__} {model!r:.40}")
    if agent is not None and not isinstance(agent, str):
        raise _invalid(f"agent must be an agent's name, got {agent!r}")
    if method not in get_args(Method):
        raise _invalid(f"unknown method {method!r}: use 'auto', 'elimination', 'spu' or "
                       "'enumerate'")
    for name, value in limits.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise _invalid(f"{name} must be a positive integer, got {value!r}")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not 0 <= float(tol) < 1:
        raise _invalid(f"tol must be a number in [0, 1), got {tol!r}")
    if progress is not None and not isinstance(progress, bool):
        raise _invalid(f"progress must be True, False or None (automatic), got {progress!r}")


def solve_setup(model: Model, agent: str | None, fixed: Policy
                ) -> tuple[list[str], tuple[str, ...]]:
    """The decisions to optimise and the utilities maximised (checks the other agents'
    decisions have rules when ``agent`` is given)."""
    d = model.diagram
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



@functools.lru_cache(maxsize=64)
def _analysis(edges: tuple[tuple[str, str], ...], nodes: tuple[str, ...],
              parents: tuple[tuple[str, tuple[str, ...]], ...], free: tuple[str, ...],
              utilities: tuple[str, ...]
              ) -> tuple[dict[str, tuple[str, ...]], nx.DiGraph[Any]]:
    """The requisite observations of the decisions ``free`` and their relevance graph, for
    one structure (cached: sweeps and the exact search solve one structure many times)."""
    G: nx.DiGraph[Any] = nx.DiGraph(edges)
    G.add_nodes_from(nodes)
    R = minimal_d_reduction(G, decisions=free, utilities=utilities)
    pa = dict(parents)
    requisite = {D: tuple(p for p in pa[D] if R.has_edge(p, D)) for D in free}
    return requisite, relevance_graph(R, decisions=free, utilities=utilities)


def _analyse(model: Model, free: Sequence[str], utilities: Sequence[str]
             ) -> tuple[dict[str, tuple[str, ...]], nx.DiGraph[Any]]:
    d = model.diagram
    return _analysis(tuple(d.edge_list), tuple(d.nodes),
                     tuple((D, d.parents(D)) for D in free), tuple(free), tuple(utilities))


def requisite_observations(model: Model, free: Sequence[str], utilities: Sequence[str]
                           ) -> dict[str, tuple[str, ...]]:
    """The requisite observations of each decision in ``free`` (minimal d-reduction), in
    the diagram's parent order."""
    return dict(_analyse(model, free, utilities)[0])


# ---------------------------------------------------------------------------- solve
def solve(model: Model, agent: str | None = None, *, policy: Mapping[str, object] | None = None,
          method: Method = "auto", start: Mapping[str, object] | None = None,
          max_policies: int = 1_000_000,
          max_size: int = DEFAULT_MAX_SIZE, max_iterations: int = 100, tol: float = TOL,
          budget: int = DEFAULT_BUDGET, progress: bool | None = None) -> Solution:
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
        ``"enumerate"`` refuses larger policy spaces (the other methods need no such limit:
        they never range over policies, see the module docs).
    max_size : int
        The largest table (entries) any method may build; checked before allocating.
    max_iterations : int
        Passes of single policy updating without sufficient recall.
    tol : float
        Relative tolerance under which two expected utilities (given an observation) count
        as tied.
    budget : int
        Sub-solves (upper bounds and leaves) the exact search without sufficient recall may
        perform; when it runs out, the best policy found is returned as a local optimum
        with :attr:`Solution.upper_bound`.
    progress : bool or None
        Show a progress bar (tqdm); ``None``: when tqdm is installed, stderr is a terminal
        and the estimated work exceeds :data:`PROGRESS_WORK` table entries.

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
        An invalid argument; ``method="elimination"`` finds no valid order; several agents
        and no ``agent``.
    """
    _check_arguments(model, agent, method, {"max_policies": max_policies, "max_size": max_size,
                                            "max_iterations": max_iterations, "budget": budget},
                     tol, progress)
    model.check()
    limits = _Limits(max_policies, max_size, max_iterations, float(tol), progress)
    return _solve(model, agent, make_policy(model, policy), method, make_policy(model, start),
                  limits, Budget(budget))


@dataclass(frozen=True)
class _Limits:
    max_policies: int
    max_size: int
    max_iterations: int
    tol: float
    progress: bool | None


def _solve(model: Model, agent: str | None, fixed: Policy, method: Method, start: Policy,
           limits: _Limits, budget: Budget) -> Solution:
    """:func:`solve` on checked arguments (also the search's sub-solves)."""
    max_policies, max_size, max_iterations = (limits.max_policies, limits.max_size,
                                              limits.max_iterations)
    tol, progress = limits.tol, limits.progress
    d = model.diagram
    free, utilities = solve_setup(model, agent, fixed)
    if not free:
        from cid.quant.inference import expected_utility

        eu = expected_utility(model, fixed, agent=agent)
        return Solution(eu, dict(fixed), agent, "fixed", True, 1, {}, 0.0,
                        "every decision has a fixed rule: nothing to optimise")
    full_parents = {D: d.parents(D) for D in free}
    size = float(sum(c.table.size for c in model._cpds.values())
                 + sum(u.values.size for u in model._utilities.values()))

    def requisite() -> dict[str, tuple[str, ...]]:
        return dict(_analyse(model, free, utilities)[0])

    def log10_of(allowed: Mapping[str, tuple[str, ...]]) -> float:
        return sum(math.prod(len(model._domains[p]) for p in allowed[D])
                   * math.log10(len(model._domains[D])) for D in free)

    def finish(meu: float, rules: Policy, how: str, exact: bool, iterations: int,
               ties: dict[str, int], note: str, allowed: Mapping[str, tuple[str, ...]],
               bound: float | None = None) -> Solution:
        full = {D: (simplify(model, rules[D]) if D in rules else fixed[D]) for D in d.decisions}
        return Solution(meu=meu, policy=full, agent=agent, method=how, exact=exact,
                        iterations=iterations, ties=ties, log10_policies=log10_of(allowed),
                        note=note, upper_bound=meu if exact else bound)

    if method == "enumerate":
        allowed = requisite()
        log10 = log10_of(allowed)
        # the exact count only when it is a manageable integer (log10 can be in the millions)
        total = (math.prod(len(model._domains[D]) ** math.prod(
            len(model._domains[p]) for p in allowed[D]) for D in free)
            if log10 <= math.log10(max_policies) + 1 else None)
        if total is None or total > max_policies:
            shown = count_text(log10) if total is None else f"{total:,}"
            raise SolveLimitError(
                f"{shown} deterministic policies for {', '.join(free)} (over the requisite "
                f"observations): above max_policies={max_policies:,}")
        bar = _progress(total, _want_bar(progress, total * size), "enumerating policies")
        meu, rules, count = by_enumeration(model, free, allowed, fixed, utilities,
                                           max_size=max_size, tol=tol, bar=bar)
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
            bar = _progress(len(cards), _want_bar(progress, 4 * size), "eliminating")
            try:
                out = by_elimination(model, free, allowed, factors, cards, max_size=cap,
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
    allowed = requisite()
    relevance = _analyse(model, free, utilities)[1]
    sufficient = nx.is_directed_acyclic_graph(relevance)
    if sufficient:
        order: list[str] = [str(D) for D in nx.lexicographical_topological_sort(relevance)][::-1]
    else:
        rank = {n: i for i, n in enumerate(d.topological_order)}
        order = sorted(free, key=lambda D: rank[D], reverse=True)
    passes = 1 if sufficient else max_iterations
    bar = _progress(len(order) * passes, _want_bar(progress, min(passes, 10) * len(order) * size),
                    "policy updating")
    rules, ties, iterations, converged = by_spu(
        model, free, allowed, fixed, utilities, order, sufficient, start=start,
        max_size=max_size, max_iterations=max_iterations, tol=tol, bar=bar)
    if bar is not None:
        bar.close()
    meu = team_eu(model, {**fixed, **rules}, utilities)
    if sufficient:
        note = "exact: single policy updating, one pass in the relevance order (sufficient recall)"
        return finish(meu, rules, "spu", True, iterations, ties, note, allowed)
    state = "converged" if converged else f"stopped after {iterations} passes"
    if method == "spu":
        note = (f"local optimum: no sufficient recall, single policy updating {state}; "
                f"method='auto' searches for the global optimum "
                f"({count_text(log10_of(allowed))} policies)")
        return finish(meu, rules, "spu", False, iterations, ties, note, allowed)
    def sum_log10(names: Sequence[str]) -> float:
        return sum(log10_rules(math.prod(len(model._domains[p]) for p in allowed[D]),
                               len(model._domains[D])) for D in names)

    found = _exact_search(model, agent, fixed, free, allowed, relevance,
                          (meu, {**fixed, **rules}), limits, budget)
    if found.exhaustive:
        note = (f"exact: branch and bound over the rules of {', '.join(found.cut)} "
                f"({found.evaluations} sub-solves; bound from the no-forgetting relaxation)"
                if found.evaluations else
                "exact: single policy updating reached the no-forgetting upper bound")
    else:
        bound = ("no upper bound (the no-forgetting relaxation is too large)"
                 if math.isinf(found.bound) else
                 f"the optimum is at most {found.bound:.6g} (no-forgetting relaxation)")
        note = (f"local optimum: no sufficient recall, and the exact search over the rules of "
                f"{', '.join(found.cut)} ({count_text(sum_log10(found.cut))} choices) does not "
                f"fit its budget of {budget.used + budget.left:,} sub-solves "
                f"({found.evaluations} done); {bound}")
    best = {D: found.policy[D] for D in free}
    return finish(found.value, best, "search" if found.evaluations else "spu", found.exhaustive,
                  iterations, ties, note, allowed,
                  bound=None if math.isinf(found.bound) else found.bound)


def _relaxed(model: Model, free: Sequence[str]) -> Model:
    """The model in which every free decision observes what earlier decisions observed."""
    d = model.diagram
    builder = DiagramBuilder.from_diagram(d)
    for decision, parents in no_forgetting_parents(d, free).items():
        for parent in parents:
            if parent not in d.parents(decision):
                builder.edge(parent, decision)
    return rewire(model, builder.build())


def _exact_search(model: Model, agent: str | None, fixed: Policy, free: list[str],
                  allowed: Mapping[str, tuple[str, ...]], relevance: nx.DiGraph[Any],
                  incumbent: tuple[float, Policy], limits: _Limits, budget: Budget
                  ) -> SearchResult:
    """Branch and bound over the rules of a cutset of the relevance graph (see
    :mod:`cid.quant._search`), starting from the single-policy-updating ``incumbent``."""
    domains = model._domains
    weight = {D: log10_rules(math.prod(len(domains[p]) for p in allowed[D]), len(domains[D]))
              for D in free}
    cut = sorted(cutset(relevance, weight), key=lambda D: weight[D])
    relaxed: dict[frozenset[str], Model] = {}
    quiet = dataclasses.replace(limits, progress=False)

    def upper(assigned: Policy) -> float:
        key = frozenset(assigned)
        if key not in relaxed:
            relaxed[key] = _relaxed(model, [D for D in free if D not in assigned])
        r = relaxed[key]
        if any(math.prod(len(r._domains[p]) for p in (*r.diagram.parents(D), D))
               > limits.max_size for D in free if D not in assigned):
            return math.inf  # the relaxation's rules alone are too large
        try:
            sol = _solve(r, agent, make_policy(r, {**fixed, **assigned}), "auto", {}, quiet,
                         Budget(0))
        except SolveLimitError:
            return math.inf
        return sol.meu if sol.exact else math.inf

    def leaf(assigned: Policy) -> tuple[float, Policy, bool]:
        sol = _solve(model, agent, {**fixed, **assigned}, "auto", {}, quiet, budget)
        return sol.meu, sol.policy, sol.exact

    def candidates(D: str) -> Iterator[DecisionRule]:
        obs = allowed[D]
        shape = tuple(len(domains[p]) for p in obs)

        def make(actions: Sequence[int]) -> DecisionRule:
            choice = np.array(actions, dtype=np.intp).reshape(shape)
            return rule_from_choice(model, D, obs, choice)

        first = incumbent[1][D].over(obs, [domains[p] for p in obs]) if set(
            incumbent[1][D].parents) <= set(obs) else None
        return rules_of(D, math.prod(shape), len(domains[D]), make, first)

    root = upper({})
    if math.isinf(root) and sum(weight[D] for D in cut) > math.log10(max(budget.left, 1)):
        # without a bound the search must try every rule of the cutset: it cannot finish
        return SearchResult(incumbent[0], incumbent[1], math.inf, False, 0, tuple(cut))
    return branch_and_bound(cut, candidates, leaf, upper, incumbent, root, budget, limits.tol)
