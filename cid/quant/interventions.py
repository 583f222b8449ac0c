"""Interventions on a model: hard ``do(X = x)`` and soft (a new mechanism for ``X``).

A **hard** intervention sets ``X`` to a value: ``X`` loses its incoming edges and gets a point
mass (a decision so set is no longer chosen: it becomes a chance node; a utility so set is a
constant). A **soft** intervention replaces the CPD of ``X`` by another one over the same
parents (for a decision: a fixed rule, and it becomes a chance node). Both return a *new*
model; the model given is unchanged.

Examples
--------
>>> import cid
>>> from cid.quant import do, marginal
>>> d = cid.Diagram.from_edges(["X -> Y"], utilities=[], nodes=[])
>>> m = cid.Model(d, cpds={"X": [0.5, 0.5], "Y": lambda X: {X: 0.9, 1 - X: 0.1}})
>>> marginal(do(m, {"X": 1}), "Y").as_dict()
{0: 0.1, 1: 0.9}
>>> marginal(do(m, soft={"X": [0.0, 1.0]}), "Y")[1]
0.9
>>> marginal(m, "Y")[1]
0.5
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Mapping

import numpy as np

from cid.errors import ModelIncompleteError
from cid.quant._diagram import rebuild, retyped
from cid.quant.cpd import CPD, resolve_chance
from cid.quant.domains import Domain
from cid.quant.model import Model
from cid.quant.utility import UtilityTable, resolve_utility

__all__ = ["do"]


def _point_mass(node: str, domain: Domain, value: Hashable) -> CPD:
    if value not in domain:
        raise ModelIncompleteError(f"do({node}={value!r}): not in {node}'s domain {domain.values}")
    table = np.zeros(len(domain))
    table[domain.index(value)] = 1.0
    return CPD(node, (), domain, (), table)


def do(model: Model, values: Mapping[str, Hashable] | None = None, /, *,
       soft: Mapping[str, object] | None = None, name: str | None = None) -> Model:
    """Intervene on ``model``: set nodes to values (hard) and/or replace their CPDs (soft).

    Parameters
    ----------
    model : Model
    values : mapping of str to value, optional
        Hard interventions ``{X: x}``: ``X`` is cut from its parents and fixed at ``x`` (a
        utility node: fixed at the number ``x``).
    soft : mapping of str to spec, optional
        Soft interventions ``{X: spec}``: a new CPD (table, dict, function) over ``X``'s
        parents, or for a utility node a new utility function.
    name : str, optional
        The new model's name (default: the old one).

    Returns
    -------
    Model
        A new model; ``model`` is unchanged.

    Raises
    ------
    NodeNotFoundError
        An unknown node.
    ModelIncompleteError
        A value outside the node's domain, an invalid soft spec, or a node both set and
        replaced.
    """
    values = dict(values or {})
    soft = dict(soft or {})
    for n in [*values, *soft]:
        model._diagram[n]
    both = sorted(set(values) & set(soft))
    if both:
        raise ModelIncompleteError(f"do: {', '.join(both)} given both a value and a new mechanism")
    d = model._diagram
    new_parents: dict[str, tuple[str, ...]] = {}
    records = {}
    cpds = dict(model._cpds)
    utilities = dict(model._utilities)
    domains = dict(model._domains)
    changed = {*values, *soft}
    for node, value in values.items():
        kind = d.kind(node)
        new_parents[node] = ()
        if kind == "decision":
            records[node] = retyped(d[node], "chance")
        if kind == "utility":
            if not isinstance(value, numbers.Real):
                raise ModelIncompleteError(f"do({node}={value!r}): a utility is set to a number")
            utilities[node] = UtilityTable(node, (), (), np.array(float(value)),
                                           domains.get(node))
            if node in cpds:
                cpds[node] = _point_mass(node, domains[node], value)
            continue
        cpds[node] = _point_mass(node, model.domain(node), value)
    for node, spec in soft.items():
        kind = d.kind(node)
        parents = d.parents(node)
        pdoms = tuple(model.domain(p) for p in parents)
        if kind == "utility":
            table, problems = resolve_utility(node, spec, parents, pdoms, None)
            if table is None:
                raise ModelIncompleteError("\n".join(problems))
            utilities[node] = table
            if node in cpds:
                cpds[node] = table.as_cpd(domains[node])
            continue
        if kind == "decision":
            records[node] = retyped(d[node], "chance")
        cpd, problems = resolve_chance(node, spec, parents, pdoms, model.domain(node))
        if cpd is None:
            raise ModelIncompleteError("\n".join(problems))
        cpds[node] = cpd
    missing = [p for p in model._missing if p.split(":", 1)[0] not in changed]
    d = rebuild(d, parents=new_parents, records=records)
    return Model._derive(model, d, cpds=cpds, utilities=utilities, domains=domains,
                         missing=missing, name=name)
