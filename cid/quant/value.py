"""Quantitative incentives: how much information, control and influence are worth.

The graphical criteria (:mod:`cid.incentives`) say which nodes *may* carry an incentive in
some model compatible with the diagram. On a concrete :class:`~cid.quant.Model` these
functions give the number:

* :func:`information_value` — MEU with the information link ``X → D`` minus MEU without it
  (value of information, Everitt et al. 2021, Def. 7);
* :func:`control_value` — MEU when the agent may also set ``X`` as a function of ``X``'s
  parents, minus MEU (value of control, Def. 10);
* :func:`response_probability` — the largest probability, over values ``x``, that the
  decision under the optimal policy would have been different had ``X`` been set to ``x``:
  ``max_x P(D_x ≠ D)`` (response incentive, Def. 8, read on the solved policy);
* :func:`instrumental_control_effect` — ``max_d |E[U_{X_d}] − E[U]|``: how much the agent's
  utility would change if ``X`` took the value it would have had under another decision
  ``d``, everything else as it is (instrumental control incentive, Def. 11, by nested
  counterfactuals in a three-world twin network);
* :func:`total_effect` — ``E[Y | do(X = x)] − E[Y | do(X = x')]``.

Where the graph admits no incentive, these values are zero for every choice of CPDs (the
soundness of the criteria); the tests check this on random models.

Notes
-----
The response and instrumental-control numbers are computed for *one* optimal policy, the one
:func:`~cid.quant.solve` returns (ties broken towards the first action), whereas the paper's
definitions quantify over all optimal policies. Counterfactuals use the monotone coupling of
:mod:`cid.quant.counterfactual`.

References
----------
T. Everitt, R. Carey, E. Langlois, P. A. Ortega, S. Legg, "Agent Incentives: A Causal
Perspective", AAAI 2021, arXiv:2102.01685.

Examples
--------
>>> import cid
>>> from cid.quant import information_value, control_value
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> information_value(m, "S", decision="D")
IncentiveValue(value_of_information on S for D: 0.3, exact)
>>> round(control_value(m, "S", decision="D").value, 6)
0.0
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np

from cid.errors import DiagramError
from cid.nodes import Utility
from cid.quant._rewire import rewire
from cid.quant.counterfactual import World, bayes_net, worlds
from cid.quant.inference import agent_utilities, expectation, expected_utility, marginal
from cid.quant.interventions import do
from cid.quant.model import Model
from cid.quant.policy import DecisionRule
from cid.quant.solve import Method, Solution, solve
from cid.quant.utility import UtilityTable

__all__ = [
    "IncentiveValue",
    "control_value",
    "information_value",
    "instrumental_control_effect",
    "response_probability",
    "total_effect",
]


@dataclass(frozen=True)
class IncentiveValue:
    """A quantitative incentive: ``value`` (``float(v)`` works) and how it was obtained.

    Attributes
    ----------
    kind : str
        ``"value_of_information"``, ``"value_of_control"``, ``"response_incentive"`` or
        ``"instrumental_control_incentive"``.
    node, decision : str
    value : float
    exact : bool
        ``False`` when a solve behind it reached only a local optimum (no sufficient recall).
    detail : str
    """

    kind: str
    node: str
    decision: str
    value: float
    exact: bool
    detail: str = ""

    def __float__(self) -> float:
        return self.value

    def __bool__(self) -> bool:
        return abs(self.value) > 1e-9

    def __repr__(self) -> str:
        how = "exact" if self.exact else "NOT EXACT: a lower bound from a local optimum"
        return (f"IncentiveValue({self.kind} on {self.node} for {self.decision}: "
                f"{round(self.value, 12):.6g}, {how})")


def _agent(model: Model, decision: str) -> str | None:
    d = model.diagram
    if d.kind(decision) != "decision":
        raise DiagramError(f"{decision} is a {d.kind(decision)} node, not a decision")
    if len(d.agents) <= 1 or len({d.utilities_of(a) for a in d.agents}) == 1:
        return None  # one agent, or a common payoff: the team optimum, as cid.solve
    return d.agent_of(decision)


def _solve(model: Model, agent: str | None, policy: Mapping[str, object] | None,
           method: Method = "auto", start: Mapping[str, object] | None = None) -> Solution:
    return solve(model, agent, policy=policy, method=method, start=start)


def information_value(model: Model, node: str, *, decision: str,
                      policy: Mapping[str, object] | None = None,
                      method: Method = "auto") -> IncentiveValue:
    """MEU with the information link ``node → decision`` minus MEU without it.

    Parameters
    ----------
    model : Model
    node : str
        Not ``decision`` and not a descendant of it.
    decision : str
    policy : mapping, optional
        Fixed rules for other decisions (e.g. other agents').
    method : str
        Passed to :func:`~cid.quant.solve`. Without sufficient recall the solve with the
        link starts from the optimum without it, so the value is never negative.

    Returns
    -------
    IncentiveValue
    """
    d = model.diagram
    agent = _agent(model, decision)
    d[node]
    if node == decision or node in _descendants(d, decision):
        raise DiagramError(f"value of information: {node} is {decision} or one of its "
                           "descendants", code="cid_invalid_argument")
    pa = d.parents(decision)
    if node in pa:
        with_link = d
        without = d.without_edge(node, decision)
    else:
        with_link, without = d.with_edge(node, decision), d
    b = _solve(rewire(model, without), agent, policy, method)
    a = _solve(rewire(model, with_link), agent, policy, method, start=b.policy)
    return IncentiveValue("value_of_information", node, decision, a.meu - b.meu,
                          a.exact and b.exact, f"MEU {a.meu:.6g} with {node} → {decision}, "
                          f"{b.meu:.6g} without")


def control_value(model: Model, node: str, *, decision: str | None = None,
                  agent: str | None = None, policy: Mapping[str, object] | None = None,
                  method: Method = "auto") -> IncentiveValue:
    """MEU when the agent also chooses ``node`` (given ``node``'s parents), minus MEU.

    The agent is ``decision``'s (or ``agent``); ``node`` must not be one of its decisions. A
    utility node is controlled by choosing which of its values it takes. Turning ``node`` into
    a decision often costs sufficient recall: the solve then starts from the optimum of the
    original model (``node`` following its CPD), so the value is never negative, and is a
    lower bound unless it is ``exact`` (``method="enumerate"`` makes it exact on small models).
    """
    d = model.diagram
    owner: str | None
    if decision is not None:
        agent = _agent(model, decision)
        owner = d.agent_of(decision)
    else:
        owner = agent if agent is not None else (d.agents[0] if d.agents else None)
    if d.kind(node) == "decision" and owner in d.agents_of(node):
        raise DiagramError(f"value of control is defined for nodes other than the agent's "
                           f"decisions; {node} is one", code="cid_invalid_argument")
    base = _solve(model, agent, policy, method)
    controlled = _controlled(model, node, agent=owner if len(d.agents) > 1 else None)
    fixed = {k: v for k, v in (policy or {}).items() if k != node}
    cpd = model.cpd(node) if d.kind(node) != "decision" else None
    start: dict[str, object] = {k: r for k, r in base.policy.items() if k not in fixed}
    if cpd is not None:
        start[node] = DecisionRule(node, cpd.parents, cpd.parent_domains, cpd.domain, cpd.table)
    best = _solve(controlled, agent, fixed, method, start=start)
    return IncentiveValue("value_of_control", node, decision or "", best.meu - base.meu,
                          base.exact and best.exact,
                          f"MEU {best.meu:.6g} when the agent sets {node}, {base.meu:.6g} "
                          "otherwise")


def response_probability(model: Model, node: str, *, decision: str,
                         policy: Mapping[str, object] | None = None) -> IncentiveValue:
    """``max_x P(D_x ≠ D)``: how likely the decision changes when ``node`` is set to ``x``.

    Computed under ``policy`` if it has a rule for every decision, else under an optimal
    policy (:func:`~cid.quant.solve`, with ``policy`` fixing the rules given).
    """
    pol, exact = _full_policy(model, decision, policy)
    d = model.diagram
    d[node]
    if node == decision or decision not in _descendants(d, node):
        return IncentiveValue("response_incentive", node, decision, 0.0, exact,
                              f"{decision} is not a descendant of {node}")
    bn = bayes_net(model, pol)
    best, arg = 0.0, None
    for x in model.domain(node):
        net, (world,) = worlds(bn, [{node: x}])
        joint = marginal(net, [decision, world[decision]])
        p = float(1.0 - np.trace(joint.table))
        if p > best + 1e-12:
            best, arg = p, x
    detail = f"largest at {node}={arg!r}" if arg is not None else "the decision never changes"
    return IncentiveValue("response_incentive", node, decision, max(best, 0.0), exact, detail)


def instrumental_control_effect(model: Model, node: str, *, decision: str,
                                policy: Mapping[str, object] | None = None) -> IncentiveValue:
    """``max_d |E[U_{X_d}] − E[U]|`` for ``X = node``: the utility at stake in controlling ``X``.

    ``U`` is the sum of the decision's agent's utilities; ``U_{X_d}`` their value when ``X``
    takes the value it would have had under ``decision = d``, everything else as it is.
    """
    pol, exact = _full_policy(model, decision, policy)
    d = model.diagram
    d[node]
    agent = _agent(model, decision)
    utilities = agent_utilities(model, agent)
    factual = expected_utility(model, pol, agent=agent)
    if node != decision and node not in _descendants(d, decision):
        return IncentiveValue("instrumental_control_incentive", node, decision, 0.0, exact,
                              f"{node} is not a descendant of {decision}")
    bn = bayes_net(model, pol)
    best, arg = 0.0, None
    for value in model.domain(decision):
        if node == decision:
            rest = {k: r for k, r in pol.items() if k != decision}
            eu = expected_utility(do(model, {decision: value}), rest, agent=agent)
        else:
            net, (_, world) = worlds(bn, [{decision: value}, {node: World(node + "__cf1")}])
            eu = sum(marginal(net, world[u]).expectation() for u in utilities)
        if abs(eu - factual) > best + 1e-12:
            best, arg = abs(eu - factual), value
    detail = (f"E[U] {factual:.6g}; largest change with {node} as under {decision}={arg!r}"
              if arg is not None else f"E[U] {factual:.6g} whatever {node} would have been")
    return IncentiveValue("instrumental_control_incentive", node, decision, best, exact, detail)


def total_effect(model: Model, node: str, value: Hashable, baseline: Hashable, *,
                 target: str | None = None, agent: str | None = None,
                 policy: Mapping[str, object] | None = None) -> float:
    """``E[target | do(node = value)] − E[target | do(node = baseline)]``.

    ``target`` is a numeric node (a utility node: its expected utility); by default the
    agent's total utility. Decisions follow ``policy`` (default: an optimal policy of the
    unintervened model).
    """
    pol: Mapping[str, object]
    if policy is not None and set(model.diagram.decisions) <= set(policy):
        pol = policy
    elif model.diagram.decisions:
        pol = solve(model, agent, policy=policy).policy
    else:
        pol = {}
    results = []
    for v in (value, baseline):
        m = do(model, {node: v})
        rules = {k: r for k, r in pol.items() if k != node}
        if target is None:
            results.append(expected_utility(m, rules, agent=agent))
        else:
            results.append(expectation(m, target, policy=rules))
    return results[0] - results[1]


# ---------------------------------------------------------------------------- helpers
def _descendants(diagram: object, node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        for c in diagram.children(n):  # type: ignore[attr-defined]
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def _full_policy(model: Model, decision: str, policy: Mapping[str, object] | None
                 ) -> tuple[Mapping[str, object], bool]:
    if policy is not None and set(model.diagram.decisions) <= set(policy):
        return policy, True
    sol = _solve(model, _agent(model, decision), policy)
    return sol.policy, sol.exact


def _controlled(model: Model, node: str, *, agent: str | None) -> Model:
    """The model in which ``node`` is a decision of ``agent`` observing its parents."""
    d = model.diagram
    cpds = {k: v for k, v in model._cpds.items() if k != node}
    utilities = dict(model._utilities)
    domains = dict(model._domains)
    controlled = d.with_kind(node, "decision", agent=agent)
    if d.kind(node) != "utility":
        new = controlled
        return Model._derive(model, new, cpds=cpds, utilities=utilities, domains=domains)
    table = utilities.pop(node)
    owners = d.agents_of(node)
    dom = domains.get(node) or table.as_cpd().domain
    domains[node] = dom
    value_node = f"{node}__value"
    while value_node in d:
        value_node += "_"
    value_record = Utility(value_node, agents=owners if len(d.agents) > 1 else ())
    new = controlled.add_node(value_record, [node])
    utilities[value_node] = UtilityTable(value_node, (node,), (dom,), dom.as_array())
    return Model._derive(model, new, cpds=cpds, utilities=utilities, domains=domains)

