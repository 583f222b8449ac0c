"""Counterfactual queries with twin networks: "what would ``Y`` have been, had ``X`` been ``x``?"

A counterfactual compares worlds that share their exogenous noise: the factual one and one
in which some nodes are intervened on. The diagram side is :func:`cid.twin_network`, which
copies the affected nodes and adds one shared noise node ``U_X`` per copied node. This module
attaches numbers to it.

CPDs say how a node is distributed, not which noise produced it, so a counterfactual needs a
choice of structural model. We use the **monotone (inverse-CDF) coupling**: each node is
``X = F⁻¹(U_X | parents)`` with ``U_X`` uniform on [0, 1), values in domain order; ``U_X`` is
made finite by cutting [0, 1) at every cumulative probability of ``X``'s CPD. Deterministic
nodes (decision rules, utilities, functions) need no noise, and with every chance node
deterministic given explicit root noise nodes (an SCM written out) the answers do not depend
on this choice at all.

Examples
--------
An answer ``A`` read by the world changes the outcome ``S`` it predicts; had it not been read
(``Read = 0``), ``S`` would follow the question alone:

>>> import cid
>>> from cid.quant import counterfactual
>>> d = cid.Diagram.from_edges(["Q -> S", "Read -> S"], nodes=[])
>>> m = cid.Model(d, cpds={"Q": [0.5, 0.5], "Read": [0.0, 1.0],
...                        "S": lambda Q, Read: 1 if Read else Q})
>>> counterfactual(m, "S", do={"Read": 0}, given={"S": 1}).as_dict()
{0: 0.5, 1: 0.5}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from cid.core.builder import DiagramBuilder
from cid.errors import ModelIncompleteError
from cid.quant.cpd import CPD
from cid.quant.domains import Domain
from cid.quant.inference import Distribution, marginal
from cid.quant.model import Model
from cid.quant.policy import make_policy

__all__ = ["World", "bayes_net", "counterfactual", "coupled_noise", "worlds"]

SUFFIX = "__cf"
_NOTHING = object()


@dataclass(frozen=True)
class World:
    """In :func:`worlds`: "the value node ``node`` takes" (for nested counterfactuals)."""

    node: str


def bayes_net(model: Model, policy: Mapping[str, object] | None = None, *,
              nodes: Iterable[str] | None = None) -> Model:
    """The model as a Bayesian network: decisions follow ``policy``, utilities are variables.

    Every node becomes a chance node: a decision gets its rule as CPD, a utility node a CPD
    over the numbers it takes. Counterfactual worlds are built on this network. With
    ``nodes``, only they and their ancestors are kept (other decisions need no rule).
    """
    from cid.quant.inference import ancestral_set

    model.check()
    rules = make_policy(model, policy)
    d = model.diagram
    keep = set(d.nodes) if nodes is None else ancestral_set(model, nodes)
    missing = [D for D in d.decisions if D not in rules and D in keep]
    if missing:
        raise ModelIncompleteError(f"no rule for decision{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)}: give a policy")
    bn = DiagramBuilder(d.name)
    cpds: dict[str, CPD] = {}
    domains = dict(model._domains)
    for n in d.topological_order:
        if n not in keep:
            continue
        record = d[n]
        bn.chance(n, d.parents(n), label=record.label, step=record.step,
                  counterfactual=record.counterfactual)
        if d.kind(n) == "decision":
            pdoms = tuple(model._domains[p] for p in d.parents(n))
            rule = rules[n].over(d.parents(n), pdoms)
            cpds[n] = CPD(n, d.parents(n), rule.domain, pdoms, rule.table.copy())
        elif d.kind(n) == "utility":
            cpds[n] = model._cpds.get(n) or model._utilities[n].as_cpd()
            domains[n] = cpds[n].domain
        else:
            cpds[n] = model._cpds[n]
    domains = {n: dom for n, dom in domains.items() if n in keep}
    return Model._derive(model, bn.build(), cpds=cpds, utilities={}, domains=domains)


def coupled_noise(cpd: CPD) -> tuple[np.ndarray, np.ndarray]:
    """The monotone coupling of a CPD: noise probabilities and the deterministic table.

    Returns ``(p_noise, table)``: ``p_noise[j]`` is the probability of noise value ``j``,
    ``table[parents..., j, x]`` is 1 when the node takes value ``x`` given the parents and
    noise ``j``.
    """
    cum = np.cumsum(cpd.table, axis=-1)
    cuts = np.unique(np.round(np.concatenate([[0.0, 1.0], cum.ravel()]), 12))
    cuts = cuts[(cuts >= 0) & (cuts <= 1)]
    widths = np.diff(cuts)
    keep = widths > 1e-15
    lows, widths = cuts[:-1][keep], widths[keep]
    mids = lows + widths / 2
    k = cpd.table.shape[-1]
    index = np.minimum((cum[..., None, :] < mids[:, None]).sum(axis=-1), k - 1)
    table = np.zeros(index.shape + (k,))
    np.put_along_axis(table, index[..., None], 1.0, axis=-1)
    return widths / widths.sum(), table


def worlds(bn: Model, interventions: Sequence[Mapping[str, object]],
           ) -> tuple[Model, list[dict[str, str]]]:
    """A network holding the factual world and one counterfactual world per intervention set.

    ``bn`` is a model whose nodes are all chance nodes (see :func:`bayes_net`). World ``k``
    (``k = 1, 2, ...``) intervenes on *factual* nodes: ``{X: x}`` sets ``X`` to ``x``, and
    ``{X: World(name)}`` sets it to the value that node ``name`` (of the network built so far,
    e.g. ``"X__cf1"``) takes: a nested counterfactual. The worlds are copies made by
    :func:`cid.twin_network`, sharing the noise of every stochastic node (a root ``U_X`` added
    for the monotone coupling). Returns the network and, per world, the name of each node's
    copy (an unaffected node keeps its factual name).
    """
    from cid.twin import twin_network

    d = bn.diagram
    affected: set[str] = set()
    graph = nx.DiGraph(d.edge_list)
    graph.add_nodes_from(d.nodes)
    for world in interventions:
        for n in world:
            d[n]
            affected |= nx.descendants(graph, n)
    diagram = d
    cpds = dict(bn._cpds)
    domains = dict(bn._domains)
    for n in d.topological_order:
        table = cpds[n].table
        if n not in affected or bool(np.all((table == 0) | (table == 1))):
            continue
        u = f"U_{n}"
        while u in diagram:
            u = "_" + u
        p_noise, coupled = coupled_noise(cpds[n])
        diagram = diagram.chance(
            u, description=f"exogenous noise of {n} (monotone coupling)").edge(u, n)
        domains[u] = Domain(range(len(p_noise)))
        cpds[u] = CPD(u, (), domains[u], (), p_noise)
        pa = diagram.parents(n)
        cpds[n] = CPD(n, pa, domains[n], tuple(domains[p] for p in pa), coupled)
    names: list[dict[str, str]] = []
    for k, world in enumerate(interventions, start=1):
        suffix = f"{SUFFIX}{k}"
        new_parents = {n: ([v.node] if isinstance(v, World) else []) for n, v in world.items()}
        diagram = twin_network(diagram, intervened=new_parents, suffix=suffix,
                               copy_utilities=True, name=diagram.name)
        mapping = {b: (b + suffix if b + suffix in diagram else b) for b in d.nodes}
        for base, copy in mapping.items():
            if copy == base:
                continue
            dom = domains[base]
            value = world.get(base, _NOTHING)
            if isinstance(value, World):
                cpds[copy] = CPD(copy, (value.node,), dom, (domains[value.node],),
                                 np.eye(len(dom)))
            elif value is not _NOTHING:
                if value not in dom:
                    raise ModelIncompleteError(f"do({base}={value!r}): not in {base}'s domain "
                                               f"{dom.values}")
                point = np.zeros(len(dom))
                point[dom.index(value)] = 1.0
                cpds[copy] = CPD(copy, (), dom, (), point)
            else:
                pa = tuple(p + suffix if p + suffix in diagram else p for p in cpds[base].parents)
                if set(pa) != set(diagram.parents(copy)):  # pragma: no cover - twin contract
                    raise AssertionError(f"twin copy {copy}: parents {diagram.parents(copy)}")
                cpds[copy] = CPD(copy, pa, dom, tuple(domains[p] for p in pa), cpds[base].table)
            domains[copy] = dom
        names.append(mapping)
    return Model._derive(bn, diagram, cpds=cpds, utilities={}, domains=domains), names


def counterfactual(model: Model, nodes: str | Iterable[str], *, do: Mapping[str, Hashable],
                   given: Mapping[str, Hashable] | None = None,
                   policy: Mapping[str, object] | None = None) -> Distribution:
    """``P(nodes had do been applied | given)``: a counterfactual distribution.

    Parameters
    ----------
    model : Model
    nodes : str or iterable of str
        The nodes asked about, in the counterfactual world.
    do : mapping of str to value
        The hard interventions defining the counterfactual world.
    given : mapping of str to value, optional
        Evidence about the *factual* world.
    policy : mapping, optional
        Rules for the decisions (needed when the model has decisions).

    Returns
    -------
    Distribution
        Over ``nodes`` (named as in the model), their values in the counterfactual world.

    Notes
    -----
    Stochastic CPDs are coupled across worlds by the monotone coupling (see the module
    docs); the result is exact for that structural model.
    """
    names = (nodes,) if isinstance(nodes, str) else tuple(nodes)
    bn = bayes_net(model, policy, nodes=[*names, *(given or {}), *do])
    net, (world,) = worlds(bn, [dict(do)])
    dist = marginal(net, [world[n] for n in names], given=given)
    return Distribution(names, dist.domains, dist.table)
