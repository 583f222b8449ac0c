"""Build the model of a MAID subgame: the decisions of a relevance-closed set and what follows.

The subgame of a set ``S`` of decisions closed under strategic relevance keeps ``S``, every
descendant of ``S`` (the *inside*) and the parents of the inside that lie outside it (the
*boundary*). Inside, chance and utility nodes keep their CPDs; decisions outside ``S`` become
chance nodes following a given rule (default: uniformly random). The boundary nodes become
chance nodes whose joint distribution is the original one, marginalised from the whole model
and written as a chain of CPDs (each boundary node given the earlier ones), so that
correlations between boundary nodes survive. Utility nodes outside the inside are dropped:
the decisions of ``S`` cannot change them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np

from cid.errors import DiagramError
from cid.games._tensor import Game, Table
from cid.games.relevance import _decisions, relevance_graph
from cid.model import Diagram
from cid.quant.inference import marginal
from cid.quant.model import Model
from cid.quant.policy import make_policy

__all__ = ["subgame"]


def _inside(d: Diagram, decisions: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    stack = list(decisions)
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(d.children(n))
    return [n for n in d.topological_order if n in seen]


def _chain(joint: Table) -> list[Table]:
    """CPD tables ``P(b_i | b_1..b_{i-1})`` of a joint table (uniform rows where undefined)."""
    tables = []
    for i in range(joint.ndim):
        head = joint.sum(axis=tuple(range(i + 1, joint.ndim))) if i + 1 < joint.ndim else joint
        below = head.sum(axis=-1, keepdims=True)
        n = head.shape[-1]
        tables.append(np.divide(head, below, out=np.full(head.shape, 1.0 / n), where=below > 0))
    return tables


def subgame(model: Model, decisions: Iterable[str], *,
            policy: Mapping[str, object] | None = None) -> Model:
    """The model of the MAID subgame over a relevance-closed set of decisions.

    Parameters
    ----------
    model : Model
        A complete model.
    decisions : iterable of str
        A set closed under strategic relevance (one of :func:`cid.games.subgames`).
    policy : mapping, optional
        Rules for decisions outside the set (anything :func:`cid.quant.make_policy`
        accepts); the others follow the uniformly random rule.

    Returns
    -------
    Model
        Over the set, its descendants and their parents (see the module docs); its
        decisions are exactly ``decisions``.

    Raises
    ------
    DiagramError
        The set is empty or not closed (the message names a decision it relies on), or
        ``policy`` gives a rule for a decision of the set.
    NodeNotFoundError
        An unknown node.

    Notes
    -----
    For every profile of the subgame's rules, each agent's expected utility in the subgame
    equals its expected utility in the whole model (with ``policy`` outside) minus the
    expected value of the dropped utility nodes, which no rule of the subgame changes: the
    equilibria of the subgame are those of the whole game restricted to the set.

    References
    ----------
    .. [1] L. Hammond et al., "Equilibrium Refinements for Multi-Agent Influence Diagrams",
       AAMAS 2021, arXiv:2102.05008, MAID subgames.

    Examples
    --------
    >>> import cid
    >>> from cid.games import subgame
    >>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
    ...                             "D2 -> U2"], decisions={"1": ["D1"], "2": ["D2"]},
    ...                            utilities={"1": ["U1"], "2": ["U2"]})
    >>> m = cid.Model(d, cpds={"U1": lambda D1, D2: float(D1 != D2),
    ...                        "U2": lambda D1, D2: float(D1 == D2)},
    ...               domains={"D1": [0, 1], "D2": [0, 1]})
    >>> sub = subgame(m, ["D2"])
    >>> sub.diagram.decisions, sub.diagram.chance_nodes
    (('D2',), ('D1',))
    """
    game = Game(model)
    d = game.diagram
    chosen = _decisions(d, decisions, "subgame")
    if not chosen:
        raise DiagramError("subgame: give at least one decision", code="cid_invalid_argument")
    R = relevance_graph(d)
    for D in chosen:
        outside = [E for E in R.successors(D) if E not in chosen]
        if outside:
            raise DiagramError(f"subgame: {{{', '.join(chosen)}}} is not closed: {D} relies on "
                               f"{', '.join(outside)}", code="cid_not_a_subgame")
    rules = make_policy(game.model, policy)
    inner_rules = [D for D in rules if D in chosen]
    if inner_rules:
        raise DiagramError(f"subgame: {', '.join(inner_rules)} belong to the subgame; give "
                           "rules only for decisions outside it", code="cid_invalid_argument")
    tables = {D: (game.table(rules[D]) if D in rules else game.uniform(D))
              for D in d.decisions}
    inside = _inside(d, chosen)
    boundary = [n for n in d.topological_order
                if n not in inside and any(n in d.parents(c) for c in inside)]
    joint = (marginal(model, boundary, policy={D: game.rule(D, t) for D, t in tables.items()})
             .table if boundary else np.ones(()))
    return _build(model, game, chosen, inside, boundary, _chain(np.asarray(joint)), tables)


def _build(model: Model, game: Game, chosen: tuple[str, ...], inside: list[str],
           boundary: list[str], chain: list[Table], tables: Mapping[str, Table]) -> Model:
    d = game.diagram
    sub = Diagram(f"{d.name}_subgame")
    specs: dict[str, object] = {}
    domains: dict[str, Iterable[Hashable]] = {}
    for i, b in enumerate(boundary):
        sub = sub.chance(b, boundary[:i])
        specs[b] = chain[i]
        domains[b] = model.domain(b).values
    for n in inside:
        kind = d.kind(n)
        parents = d.parents(n)
        if n in chosen:
            sub = sub.decision(n, parents, agent=d.agent_of(n))
            domains[n] = model.domain(n).values
        elif kind == "utility":
            sub = sub.utility(n, parents, agent=d.agents_of(n))
            specs[n] = model.utility(n).values
        else:
            sub = sub.chance(n, parents)
            specs[n] = tables[n] if kind == "decision" else model.cpd(n).table
            domains[n] = model.domain(n).values
    return Model(sub, cpds=specs, domains=domains, name=f"{model.name}_subgame")
