"""Interventions on a model: hard ``do(X = x)`` and soft (a new mechanism for ``X``).

A **hard** intervention sets ``X`` to a value: ``X`` loses its incoming edges and gets a point
mass (a decision so set is no longer chosen: it becomes a chance node; a utility so set is a
constant). A **soft** intervention replaces the CPD of ``X`` by another one over the same
parents (for a decision: a fixed rule, and it becomes a chance node). Both return a *new*
model; the model given is unchanged.

A chance node or decision keeps its domain: setting it to a value outside is an error. A
utility node takes the numbers its new mechanism gives: when they do not fit its old values,
they become its domain, and the nodes that read it (a decision observing a past reward, a
chance node depending on it) are re-resolved from their specs over the new values. A child
given as a table over the old values cannot be: the error says to give it a new mechanism in
``soft=`` too.

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
from cid.quant._binding import Function
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


def _as_mapping(what: str, value: object) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ModelIncompleteError(f"do: {what} must be a mapping {{node: ...}}, got "
                                   f"{type(value).__name__} {value!r:.60}",
                                   code="cid_invalid_argument")
    return dict(value)


def _fail(node: str, problems: list[str]) -> ModelIncompleteError:
    return ModelIncompleteError(f"do: invalid new mechanism for {node}:\n" + "\n".join(
        f"  - {p}" for p in problems))


def do(model: Model, values: Mapping[str, Hashable] | None = None, /, *,
       soft: Mapping[str, object] | None = None, name: str | None = None) -> Model:
    """Intervene on ``model``: set nodes to values (hard) and/or replace their CPDs (soft).

    Parameters
    ----------
    model : Model
    values : mapping of str to value, optional
        Hard interventions ``{X: x}``: ``X`` is cut from its parents and fixed at ``x`` (a
        utility node: fixed at the number ``x``, which need not be one of its old values).
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
        A chance node or decision set outside its domain, an invalid soft spec, a node both
        set and replaced, or a child given as a table over a utility's old values.
    """
    if not isinstance(model, Model):
        raise ModelIncompleteError(f"do needs a cid.Model, got {type(model).__name__}",
                                   code="cid_invalid_argument")
    hard = _as_mapping("the values", values)
    new = _as_mapping("soft=", soft)
    d = model.diagram
    for n in [*hard, *new]:
        d[n]
    both = sorted(set(hard) & set(new))
    if both:
        raise ModelIncompleteError(f"do: {', '.join(both)} given both a value and a new mechanism")
    cpds = dict(model._cpds)
    utilities = dict(model._utilities)
    domains = dict(model._domains)
    specs = dict(model._specs)
    moved: dict[str, Domain | None] = {}  # utilities whose values changed: their old domain
    for node, value in hard.items():
        if d.kind(node) != "utility":
            cpds[node] = specs[node] = _point_mass(node, model.domain(node), value)
            continue
        if not isinstance(value, numbers.Real) or isinstance(value, bool) or not np.isfinite(
                float(value)):
            raise ModelIncompleteError(f"do({node}={value!r}): a utility is set to a number")
        utilities[node] = specs[node] = UtilityTable(node, (), (), np.array(float(value)))
        _retable(node, utilities[node], d.children(node) or node in cpds, cpds, domains, moved)
    g = d
    for n in hard:
        for p in d.parents(n):
            g = g.without_edge(p, n)
    for n in (*hard, *new):
        if d.kind(n) == "decision":
            g = g.with_kind(n, "chance")
    for node in g.topological_order:
        if node in hard or (node not in new and not any(p in moved for p in g.parents(node))):
            continue
        kind = d.kind(node)
        if kind == "decision" and node not in new:
            continue  # its rules are made later, over the new values
        parents = g.parents(node)
        pdoms = tuple(domains[p] for p in parents)
        spec = new[node] if node in new else specs.get(node)
        if node not in new and not (callable(spec) or isinstance(spec, (Function, numbers.Real))):
            changes = "; ".join(f"{p} now takes {domains[p].values}, not "
                                f"{old.values if old else '(unknown)'}"
                                for p, old in moved.items() if p in parents)
            raise ModelIncompleteError(
                f"do: {changes}; {node}'s {'utility' if kind == 'utility' else 'CPD'} is a "
                f"table over the old values: give {node} a new mechanism in soft= too (a "
                "function of its parents)")
        if kind == "utility":
            table, problems = resolve_utility(node, spec, parents, pdoms, None)
            if table is None:
                raise _fail(node, problems)
            utilities[node] = table
            _retable(node, table, g.children(node) or node in cpds, cpds, domains, moved)
        else:
            declared = model.domain(node) if node in new else model._declared_domain(node)
            cpd, problems = resolve_chance(node, spec, parents, pdoms, declared)
            if cpd is None:
                raise _fail(node, problems)
            if node in domains and cpd.domain != domains[node]:
                moved[node] = domains[node]
            cpds[node], domains[node] = cpd, cpd.domain
        specs[node] = spec
    changed = {*hard, *new}
    missing = [p for p in model._missing if p.split(":", 1)[0] not in changed]
    return Model._derive(model, g, cpds=cpds, utilities=utilities, domains=domains,
                         missing=missing, name=name, specs=specs)


def _retable(node: str, table: UtilityTable, variable: object, cpds: dict[str, CPD],
             domains: dict[str, Domain], moved: dict[str, Domain | None]) -> None:
    """Record a utility's new values: its CPD as a variable, and whether its domain moved."""
    old = domains.get(node)
    if old is not None and not table.outside(old):
        dom = old
    elif old is not None or variable:
        dom = table.support()
    else:
        return
    if dom != old:
        moved[node] = old
    domains[node] = dom
    if variable:
        cpds[node] = table.as_cpd(dom)
