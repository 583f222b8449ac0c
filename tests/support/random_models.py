"""Random quantitative models and an independent brute-force oracle for the quant tests.

The oracle enumerates every joint assignment and every deterministic policy over the *full*
observation sets; it shares nothing with the library's inference, reduction or solver code.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np

import cid
from cid.quant import Model


def random_model(seed: int, *, n: int = 6, max_parents: int = 2, max_card: int = 3,
                 decisions: int | None = None, utilities: int | None = None,
                 alpha: float = 1.0, cpd_seed: int | None = None, agents: int = 1) -> Model:
    """A random model over N0..N{n-1} (random kinds, parents, CPDs, utilities).

    ``seed`` fixes the structure and the domains; ``cpd_seed`` (default ``seed``) the numbers.
    With ``agents=2``, decisions alternate between agents ``a0`` and ``a1`` and so do the
    utilities (each utility belongs to one agent).
    """
    names_of_agents = [f"a{i}" for i in range(agents)] if agents > 1 else [None]
    counter = {"decision": 0, "utility": 0}

    def owner(kind: str) -> str | None:
        counter[kind] += 1
        return names_of_agents[(counter[kind] - 1) % len(names_of_agents)]

    rng = np.random.default_rng(seed)
    num = np.random.default_rng(seed if cpd_seed is None else [seed, cpd_seed])
    names = [f"N{i}" for i in range(n)]
    kinds = [str(k) for k in rng.choice(["chance", "chance", "decision", "utility"], size=n)]
    if decisions is not None or utilities is not None:
        kinds = ["chance"] * n
        slots = list(rng.permutation(n))
        for _ in range(decisions or 0):
            kinds[slots.pop()] = "decision"
        for _ in range(utilities or 0):
            kinds[slots.pop()] = "utility"
    if "utility" not in kinds:
        kinds[-1] = "utility"
    d = cid.Diagram(f"random{seed}")
    cards: dict[str, int] = {}
    cpds: dict[str, object] = {}
    domains: dict[str, list[int]] = {}
    for i, (name, kind) in enumerate(zip(names, kinds, strict=False)):
        candidates = [p for p in names[:i]
                      if kinds[names.index(p)] != "utility" or rng.random() < 0.3]
        k = int(rng.integers(0, min(max_parents, len(candidates)) + 1))
        parents = [str(p) for p in rng.choice(candidates, size=k, replace=False)] if k else []
        pshape = tuple(cards[p] for p in parents)
        if kind == "chance":
            card = int(rng.integers(2, max_card + 1))
            d = d.chance(name, parents)
            cpds[name] = num.dirichlet(np.full(card, alpha), size=pshape or None)
            cards[name] = card
        elif kind == "decision":
            card = int(rng.integers(2, max_card + 1))
            d = d.decision(name, parents, agent=owner("decision"))
            domains[name] = list(range(card))
            cards[name] = card
        else:
            d = d.utility(name, parents, agent=owner("utility"))
            values = np.round(num.random(pshape) * 4, 1)
            if parents:
                cpds[name] = values
                cards[name] = len(np.unique(values))
            else:  # a root utility is random (a deterministic one would be a constant)
                p = float(num.uniform(0.2, 0.8))
                low, high = sorted({float(values), float(values) + 1.0})
                cpds[name] = {low: p, high: 1 - p}
                cards[name] = 2
    return Model(d, cpds, domains)


def joint_table(model: Model, policy: Mapping[str, np.ndarray] | None = None
                ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every joint assignment of the variables, its probability and its total utility.

    ``policy`` maps decisions to tables over (their full parents, decision); decisions
    without one are left free (probability factor 1).
    """
    d = model._diagram
    variables = [n for n in d.topological_order
                 if d.kind(n) != "utility" or d.children(n)]
    cards = [len(model.domain(v)) for v in variables]
    index = {v: i for i, v in enumerate(variables)}
    assignments = np.array(list(itertools.product(*(range(c) for c in cards))), dtype=int)
    prob = np.ones(len(assignments))
    util = np.zeros(len(assignments))
    for v in variables:
        pa = [index[p] for p in d.parents(v)]
        cols = tuple(assignments[:, j] for j in pa) + (assignments[:, index[v]],)
        if d.kind(v) == "decision":
            if policy is not None and v in policy:
                prob *= policy[v][cols]
        else:
            prob *= model.cpd(v).table[cols]
    for u in d.utilities:
        pa = [index[p] for p in d.parents(u)]
        util += model.utility(u).values[tuple(assignments[:, j] for j in pa)]
    return variables, prob, util


def brute_force_meu(model: Model) -> tuple[float, int]:
    """The MEU over every deterministic policy (full observations), and the policy count."""
    d = model._diagram
    rules: list[list[np.ndarray]] = []
    for D in d.decisions:
        pshape = tuple(len(model.domain(p)) for p in d.parents(D))
        card = len(model.domain(D))
        options = []
        for combo in itertools.product(range(card), repeat=int(np.prod(pshape, dtype=int))):
            table = np.zeros(pshape + (card,))
            choice = np.array(combo, dtype=int).reshape(pshape)
            np.put_along_axis(table, choice[..., None], 1.0, axis=-1)
            options.append(table)
        rules.append(options)
    _, base_prob, util = joint_table(model)
    variables, _, _ = joint_table(model)
    d_index = {v: i for i, v in enumerate(variables)}
    assignments = np.array(list(itertools.product(
        *(range(len(model.domain(v))) for v in variables))), dtype=int)
    best, count = -np.inf, 0
    for combo in itertools.product(*rules):
        prob = base_prob.copy()
        for D, table in zip(d.decisions, combo, strict=False):
            cols = tuple(assignments[:, d_index[p]] for p in d.parents(D)) + (
                assignments[:, d_index[D]],)
            prob *= table[cols]
        best = max(best, float(prob @ util))
        count += 1
    return best, count


def brute_force_eu(model: Model, policy: Mapping[str, object]) -> float:
    """The expected utility of a policy, by enumerating every joint assignment."""
    d = model._diagram
    tables = {}
    for D in d.decisions:
        rule = cid.quant.make_rule(model, D, policy[D])
        full = d.parents(D)
        shape = [len(model.domain(p)) if p in rule.parents else 1 for p in full]
        order = sorted(range(len(rule.parents)), key=lambda i: full.index(rule.parents[i]))
        arr = rule.table.transpose([*order, len(rule.parents)]).reshape(
            [*shape, len(rule.domain)])
        tables[D] = np.broadcast_to(arr, tuple(len(model.domain(p)) for p in full)
                                    + (len(rule.domain),))
    _, prob, util = joint_table(model, tables)
    return float(prob @ util)


def policy_count(model: Model) -> int:
    """The number of deterministic policies over the full observation sets."""
    d = model._diagram
    total = 1
    for D in d.decisions:
        configs = int(np.prod([len(model.domain(p)) for p in d.parents(D)], dtype=int))
        total *= len(model.domain(D)) ** configs
    return total


def small_random_model(seed: int, *, max_policies: int = 2000, **kwargs: int) -> Model:
    """:func:`random_model` with at most ``max_policies`` policies (the first such seed)."""
    for attempt in range(1000):
        m = random_model(seed * 1000 + attempt, **kwargs)
        if policy_count(m) <= max_policies:
            return m
    raise AssertionError("no small model found")  # pragma: no cover


def full_rule_table(model: Model, decision: str, rule: object) -> np.ndarray:
    """A rule (anything a policy accepts) as a table over the decision's full parents."""
    d = model._diagram
    r = cid.quant.make_rule(model, decision, rule)
    full = d.parents(decision)
    shape = [len(model.domain(p)) if p in r.parents else 1 for p in full]
    order = sorted(range(len(r.parents)), key=lambda i: full.index(r.parents[i]))
    arr = r.table.transpose([*order, len(r.parents)]).reshape([*shape, len(r.domain)])
    return np.broadcast_to(arr, tuple(len(model.domain(p)) for p in full) + (len(r.domain),))


def best_response_gain(model: Model, policy: Mapping[str, object], decision: str) -> float:
    """How much ``decision`` alone could gain by deviating from ``policy`` (0 at a local
    optimum), by enumerating every joint assignment: the best action per observation."""
    d = model._diagram
    others = {D: full_rule_table(model, D, policy[D]) for D in d.decisions if D != decision}
    variables, prob, util = joint_table(model, others)
    assignments = np.array(list(itertools.product(
        *(range(len(model.domain(v))) for v in variables))), dtype=int)
    index = {v: i for i, v in enumerate(variables)}
    obs = [index[p] for p in d.parents(decision)]
    shape = tuple(len(model.domain(p)) for p in d.parents(decision))
    q = np.zeros(shape + (len(model.domain(decision)),))
    np.add.at(q, tuple(assignments[:, j] for j in obs) + (assignments[:, index[decision]],),
              prob * util)
    own = full_rule_table(model, decision, policy[decision])
    return float(q.max(axis=-1).sum() - (q * own).sum())
