"""The quantitative layer: CPDs, exact inference, optimal policies, interventions, values.

A :class:`Model` attaches numbers to a :class:`~cid.Diagram`; :func:`solve` finds an
optimal policy and the maximum expected utility; :func:`expected_utility`, :func:`marginal`
and :func:`conditional` answer queries by exact variable elimination; :func:`do` intervenes;
:func:`counterfactual` answers twin-network queries; :func:`information_value`,
:func:`control_value`, :func:`response_probability`, :func:`instrumental_control_effect`
and :func:`total_effect` put numbers on the incentives the graph criteria predict, and
:func:`introduced_total_effect` on introduced unfairness. :func:`compile` solves one
structure many times; :func:`load_model` and :func:`save_model` keep models in files.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> cid.solve(m).meu
1.0
>>> round(cid.quant.information_value(m, "S", decision="D").value, 6)
0.3
"""

from __future__ import annotations

from cid.quant.counterfactual import bayes_net, counterfactual
from cid.quant.cpd import CPD, Function
from cid.quant.domains import Domain
from cid.quant.fairness import introduced_total_effect
from cid.quant.inference import (
    Distribution,
    conditional,
    expectation,
    expected_utility,
    marginal,
)
from cid.quant.interventions import do
from cid.quant.model import Model
from cid.quant.plan import Plan, compile
from cid.quant.policy import DecisionRule, Policy, make_policy, make_rule
from cid.quant.solve import Solution, solve
from cid.quant.spec import load_model, load_policy, save_model
from cid.quant.utility import UtilityTable
from cid.quant.value import (
    IncentiveValue,
    control_value,
    information_value,
    instrumental_control_effect,
    response_probability,
    total_effect,
)

__all__ = [
    "CPD",
    "DecisionRule",
    "Distribution",
    "Domain",
    "Function",
    "IncentiveValue",
    "Model",
    "Plan",
    "Policy",
    "Solution",
    "UtilityTable",
    "bayes_net",
    "compile",
    "conditional",
    "control_value",
    "counterfactual",
    "do",
    "expectation",
    "expected_utility",
    "information_value",
    "instrumental_control_effect",
    "introduced_total_effect",
    "load_model",
    "load_policy",
    "make_policy",
    "make_rule",
    "marginal",
    "response_probability",
    "save_model",
    "solve",
    "total_effect",
]
