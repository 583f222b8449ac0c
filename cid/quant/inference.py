"""Exact inference on a :class:`~cid.quant.Model`: marginals, conditionals, expected utility.

Every query multiplies the model's CPDs (and the decision rules of a policy) and sums out
the variables it does not ask about, by variable elimination with numpy (see
:mod:`cid.quant._elimination`): no junction tree is rebuilt, no per-configuration loop runs in
Python. Expected utility uses the expectation semiring, so all utility nodes are summed in
*one* pass.

Examples
--------
>>> import cid
>>> from cid.quant import marginal, conditional, expected_utility
>>> d = cid.Diagram.from_edges(["W -> O", "W -> D -> U", "W -> U"], decisions=["D"],
...                            utilities=["U"])
>>> d = d.without_edge("W", "D").with_edge("O", "D")
>>> m = cid.Model(d, cpds={"W": {"rain": 0.3, "sun": 0.7},
...                        "O": lambda W: {"cloudy": 0.8, "clear": 0.2} if W == "rain"
...                                       else {"cloudy": 0.1, "clear": 0.9},
...                        "U": lambda W, D: 1.0 if (W == "rain") == (D == "umbrella") else 0.0},
...               domains={"D": ["umbrella", "none"]})
>>> marginal(m, "O").as_dict()
{'clear': 0.69, 'cloudy': 0.31}
>>> round(conditional(m, "W", given={"O": "cloudy"})["rain"], 4)
0.7742
>>> round(expected_utility(m, {"D": lambda O: "umbrella" if O == "cloudy" else "none"}), 4)
0.87
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cid.errors import DiagramError, ModelIncompleteError
from cid.quant._elimination import DEFAULT_MAX_SIZE, Factor, contract, restrict
from cid.quant.domains import Domain
from cid.quant.model import Model
from cid.quant.policy import Policy, make_policy

__all__ = [
    "Distribution",
    "agent_utilities",
    "ancestral_set",
    "conditional",
    "expectation",
    "expected_utility",
    "marginal",
    "model_factors",
]


@dataclass(frozen=True, eq=False)
class Distribution:
    """A (joint) distribution over ``variables``: ``table[i, j, ...] = P(v1 = dom1[i], ...)``.

    Index it with one value (one variable) or a tuple of values: ``dist["rain"]``,
    ``dist[("rain", "cloudy")]``.
    """

    variables: tuple[str, ...]
    domains: tuple[Domain, ...]
    table: np.ndarray

    def __getitem__(self, values: Hashable) -> float:
        vals = values if len(self.variables) != 1 else (values,)
        if not isinstance(vals, tuple) or len(vals) != len(self.variables):
            raise ModelIncompleteError(f"give one value for each of {', '.join(self.variables)}")
        index = []
        for v, name, dom in zip(vals, self.variables, self.domains, strict=False):
            if v not in dom:
                raise ModelIncompleteError(f"{name}={v!r} is not in {dom.values}")
            index.append(dom.index(v))
        return float(self.table[tuple(index)])

    def as_dict(self) -> dict[Hashable, float]:
        """``{value: p}`` (one variable) or ``{(v1, v2, ...): p}``: every value of the
        domain, in domain order, values of probability zero included.

        >>> import cid
        >>> from cid.quant import marginal
        >>> d = cid.Diagram.from_edges(["X -> Y"])
        >>> m = cid.Model(d, {"X": [1.0, 0.0], "Y": [[0.5, 0.5], [0.0, 1.0]]})
        >>> marginal(m, "X").as_dict()
        {0: 1.0, 1: 0.0}
        """
        out: dict[Hashable, float] = {}
        for idx in itertools.product(*(range(len(d)) for d in self.domains)):
            key = tuple(d[i] for d, i in zip(self.domains, idx, strict=False))
            out[key[0] if len(key) == 1 else key] = round(float(self.table[idx]), 12)
        return out

    def expectation(self) -> float:
        """The mean of a single numeric variable."""
        if len(self.variables) != 1:
            raise ModelIncompleteError("the expectation is defined for one variable")
        return float(self.table @ self.domains[0].as_array())

    def __repr__(self) -> str:
        return f"Distribution({', '.join(self.variables)}: {self.as_dict()})"


# ---------------------------------------------------------------------------- factors
def _as_policy(model: Model, policy: Mapping[str, object] | None) -> Policy:
    return make_policy(model, policy)


def agent_utilities(model: Model, agent: str | None) -> tuple[str, ...]:
    """The utility nodes ``agent`` maximises (all of them for one agent or a common payoff)."""
    d = model.diagram
    if agent is not None:
        return d.utilities_of(agent)
    agents = d.agents
    if len(agents) <= 1:
        return d.utilities
    sets = {d.utilities_of(a) for a in agents}
    if len(sets) == 1:
        return d.utilities
    raise DiagramError(f"{d.name!r} has several agents ({', '.join(agents)}) with different "
                       "utilities: pass agent=...", code="cid_invalid_argument")


def ancestral_set(model: Model, targets: Iterable[str]) -> set[str]:
    """``targets`` and all their ancestors (the only nodes a query about ``targets`` needs)."""
    d = model.diagram
    seen: set[str] = set()
    stack = list(targets)
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(d.parents(n))
    return seen


def model_factors(model: Model, policy: Policy, *, utilities: Iterable[str] = (),
                  free: Collection[str] = (), variables: Collection[str] = (),
                  targets: Iterable[str] | None = None) -> tuple[list[Factor], dict[str, int]]:
    """The factors of ``model``: CPDs, rules of ``policy`` and ``(1, u)`` utility factors.

    Decisions in ``free`` get no factor (they are being optimised); every other decision
    needs a rule. Utility nodes are variables only when they have children or are listed in
    ``variables``. With ``targets``, only the targets' ancestors (and the utilities' parents)
    contribute: the other nodes sum out to 1.
    """
    model.check()
    d = model.diagram
    utilities = tuple(utilities)
    keep: set[str] | None = None
    if targets is not None:
        keep = ancestral_set(model, [*targets, *variables,
                                     *(p for u in utilities for p in d.parents(u))])
    factors: list[Factor] = []
    missing = []
    for node in d.topological_order:
        if keep is not None and node not in keep:
            continue
        kind = d.kind(node)
        if kind == "decision":
            if node in free:
                continue
            rule = policy.get(node)
            if rule is None:
                missing.append(node)
                continue
            factors.append(Factor((*rule.parents, node), rule.table))
        elif kind == "chance" or d.children(node) or node in variables:
            cpd = model._cpds[node] if kind == "chance" else model._variable(node)
            factors.append(Factor((*cpd.parents, node), cpd.table))
    if missing:
        raise ModelIncompleteError(f"no rule for decision{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)}: give a policy, or solve the model")
    for u in utilities:
        table = model._utilities[u]
        factors.append(Factor(table.parents, np.ones(table.values.shape), table.values))
    cards = {n: len(dom) for n, dom in model._domains.items()}
    return factors, cards


def _evidence(model: Model, given: Mapping[str, Hashable] | None) -> dict[str, int]:
    out = {}
    for node, value in (given or {}).items():
        dom = model.domain(node)
        if value not in dom:
            raise ModelIncompleteError(
                f"evidence {node}={value!r}: not in {node}'s domain {dom.values}")
        out[node] = dom.index(value)
    return out


def _names(nodes: str | Iterable[str]) -> tuple[str, ...]:
    return (nodes,) if isinstance(nodes, str) else tuple(nodes)


def _query(model: Model, nodes: Sequence[str], policy: Policy,
           given: Mapping[str, Hashable] | None, utilities: Sequence[str] = ()) -> Factor:
    d = model.diagram
    for n in nodes:
        d[n]
    evidence = _evidence(model, given)
    factors, cards = model_factors(model, policy, utilities=utilities,
                                   variables={*nodes, *evidence}, targets=nodes)
    rank = {n: i for i, n in enumerate(d.topological_order)}
    factors = restrict(factors, evidence)
    return contract(factors, tuple(nodes), cards, max_size=DEFAULT_MAX_SIZE, rank=rank)


def _normaliser(f: Factor, given: Mapping[str, Hashable] | None) -> float:
    total = float(f.phi.sum())
    if total <= 0:
        shown = ", ".join(f"{k}={v!r}" for k, v in (given or {}).items())
        raise DiagramError(f"the evidence {shown} has probability 0",
                           code="cid_impossible_evidence")
    return total


def marginal(model: Model, nodes: str | Iterable[str], *,
             policy: Mapping[str, object] | None = None,
             given: Mapping[str, Hashable] | None = None) -> Distribution:
    """The (joint) distribution of ``nodes``, optionally given evidence ``{node: value}``.

    Parameters
    ----------
    model : Model
    nodes : str or iterable of str
    policy : mapping, optional
        A rule for every decision (anything :func:`~cid.quant.make_policy` accepts).
    given : mapping, optional
        Evidence; the result is then the conditional distribution.

    Returns
    -------
    Distribution

    Raises
    ------
    ModelIncompleteError
        The model is incomplete or a decision has no rule.
    DiagramError
        The evidence has probability zero.
    """
    names = _names(nodes)
    if len(set(names)) != len(names):
        raise DiagramError(f"a node is listed twice in {list(names)}", code="cid_invalid_argument")
    free = tuple(n for n in names if n not in (given or {}))
    f = _query(model, free, _as_policy(model, policy), given)
    table = f.phi / _normaliser(f, given)
    if free != names:  # a node both asked and given: a point mass at the given value
        evidence = _evidence(model, given)
        for n in names:
            if n in evidence:
                point = np.zeros(len(model.domain(n)))
                point[evidence[n]] = 1.0
                table = np.multiply.outer(table, point)
        order = [*free, *(n for n in names if n not in free)]
        table = table.transpose([order.index(n) for n in names])
    return Distribution(names, tuple(model.domain(n) for n in names), table)


def conditional(model: Model, nodes: str | Iterable[str], *, given: Mapping[str, Hashable],
                policy: Mapping[str, object] | None = None) -> Distribution:
    """``P(nodes | given)``: :func:`marginal` with evidence (a required argument here)."""
    return marginal(model, nodes, policy=policy, given=given)


def expectation(model: Model, node: str, *, policy: Mapping[str, object] | None = None,
                given: Mapping[str, Hashable] | None = None) -> float:
    """The mean of a numeric node (a utility node: its expected utility)."""
    pol = _as_policy(model, policy)
    if model.diagram.kind(node) == "utility":
        f = _query(model, (), pol, given, utilities=(node,))
        return float(f.mu) / _normaliser(f, given)  # type: ignore[arg-type]
    return marginal(model, node, policy=pol, given=given).expectation()


def expected_utility(model: Model, policy: Mapping[str, object] | None = None, *,
                     agent: str | None = None,
                     given: Mapping[str, Hashable] | None = None) -> float:
    """The expected total utility of ``agent`` when decisions follow ``policy``.

    Parameters
    ----------
    model : Model
    policy : mapping, optional
        A rule for every decision (needed unless the model has no decisions).
    agent : str, optional
        Whose utilities to sum; not needed with one agent or a common payoff.
    given : mapping, optional
        Evidence: the conditional expected utility.

    Returns
    -------
    float
    """
    pol = _as_policy(model, policy)
    f = _query(model, (), pol, given, utilities=agent_utilities(model, agent))
    if f.mu is None:
        return 0.0
    return float(f.mu) / _normaliser(f, given)
