"""Incentive analysis: which nodes an agent wants to observe, respond to, or control.

Four graphical criteria from Everitt, Carey, Langlois, Ortega and Legg, "Agent Incentives: A
Causal Perspective" (AAAI 2021, arXiv:2102.01685), each a function ``(diagram, decision) ->
frozenset[str]``:

* :func:`value_of_information` — nodes the agent would like to observe before deciding;
* :func:`response_incentives` — nodes the optimal decision responds to;
* :func:`value_of_control` — nodes the agent would like to control;
* :func:`instrumental_control_incentives` — nodes the decision wants to influence.

Value of control splits into :func:`direct_value_of_control` and
:func:`indirect_value_of_control` (:func:`explain_control` gives their witnesses);
:func:`incentive_nodes` and :func:`only_via` query any kind by name (:func:`parse_kind`);
:func:`compare` lists the incentives two diagrams do not share, or explain differently.

:func:`explain` returns the :class:`Witness` path behind an answer, and :func:`analyze` a
:class:`Report` for every decision of every agent, saying which guarantee applies
(:class:`Guarantee`). Every answer is a linear-time graph search; see :mod:`cid.graph`.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> sorted(cid.value_of_information(d, "D")), sorted(cid.instrumental_control_incentives(d, "D"))
(['S'], ['D', 'U'])
"""

from __future__ import annotations

from cid.incentives.compact import WitnessMode, expand_witnesses
from cid.incentives.compare import Comparison, compare
from cid.incentives.control import (
    ControlWitness,
    direct_value_of_control,
    explain_control,
    indirect_value_of_control,
)
from cid.incentives.criteria import (
    explain,
    instrumental_control_incentives,
    response_incentives,
    value_of_control,
    value_of_information,
)
from cid.incentives.kinds import ControlKind, Guarantee, IncentiveKind, parse_kind
from cid.incentives.query import incentive_nodes, only_via
from cid.incentives.reasoning import (
    PATTERNS,
    ReasoningPattern,
    direct_effect,
    effective_decisions,
    manipulation,
    reasoning_patterns,
    revealing_denying,
    signalling,
)
from cid.incentives.report import DecisionReport, Incentive, Report, analyze
from cid.incentives.witness import Witness

__all__ = [
    "PATTERNS",
    "Comparison",
    "ControlKind",
    "ControlWitness",
    "DecisionReport",
    "Guarantee",
    "Incentive",
    "IncentiveKind",
    "ReasoningPattern",
    "Report",
    "Witness",
    "WitnessMode",
    "analyze",
    "compare",
    "direct_effect",
    "direct_value_of_control",
    "effective_decisions",
    "explain",
    "explain_control",
    "expand_witnesses",
    "incentive_nodes",
    "indirect_value_of_control",
    "instrumental_control_incentives",
    "manipulation",
    "only_via",
    "parse_kind",
    "reasoning_patterns",
    "response_incentives",
    "revealing_denying",
    "signalling",
    "value_of_control",
    "value_of_information",
]
