"""Strategic relevance in multi-agent influence diagrams: relevance graphs and MAID subgames.

A decision ``D`` *strategically relies* on ``D'`` when the optimal rule for ``D`` can depend
on the rule for ``D'``; graphically, when ``D'`` is s-reachable from ``D`` (Koller and Milch
2003). The *relevance graph* has an edge ``D -> D'`` for each such pair; its strongly
connected components, in topological order, are the steps of Koller and Milch's divide and
conquer (the last component is solved first). More generally a node ``V`` is *r-reachable*
from ``D`` when a new parent of ``V`` could be d-connected to ``D``'s agent's utilities
downstream of ``D`` given what ``D`` observes (Hammond et al. 2021). A set of decisions closed
under relevance (every decision a member relies on is a member) carries a *MAID subgame*.

References
----------
.. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and solving
   games", Games and Economic Behavior 45 (2003).
.. [2] L. Hammond, J. Fox, T. Everitt, A. Abate, M. Wooldridge, "Equilibrium Refinements for
   Multi-Agent Influence Diagrams: Theory and Practice", AAMAS 2021, arXiv:2102.05008.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx

from cid.errors import DiagramError, NodeNotFoundError
from cid.graph import relevance_graph as _graph_relevance
from cid.graph import s_reachable_decisions
from cid.model import Diagram

__all__ = ["condensation", "r_reachable", "relevance_graph", "subgames"]


def _decisions(d: Diagram, decisions: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(decisions, str):
        decisions = [decisions]
    chosen = set(decisions)
    for D in chosen:
        if D not in d.nodes:
            raise NodeNotFoundError(f"{what}: unknown node {D!r} in {d.name!r}")
        if d.kind(D) != "decision":
            raise DiagramError(f"{what}: {D} is a {d.kind(D)} node, not a decision",
                               code="cid_not_a_decision")
    return tuple(D for D in d.decisions if D in chosen)


def _graph(d: Diagram) -> nx.DiGraph[Hashable]:
    G: nx.DiGraph[Hashable] = nx.DiGraph(d.edge_list)
    G.add_nodes_from(d.nodes)
    return G


def relevance_graph(d: Diagram) -> nx.DiGraph[str]:
    """The relevance graph of a (multi-agent) influence diagram.

    Parameters
    ----------
    d : Diagram

    Returns
    -------
    networkx.DiGraph
        Nodes: the decisions, in topological order. An edge ``D -> D'`` when ``D``
        strategically relies on ``D'``.

    Notes
    -----
    ``D'`` is s-reachable from ``D`` iff a new parent added to ``D'`` would be d-connected to
    ``U_D`` (the utilities of ``D``'s agent that descend from ``D``) given ``D`` and its
    parents; each decision is judged with its own agent's utilities.

    References
    ----------
    .. [1] D. Koller and B. Milch (2003), Games and Economic Behavior 45, Definitions 5.1
       (s-reachability) and 5.2 (relevance graph).

    Examples
    --------
    >>> import cid
    >>> from cid.games import relevance_graph
    >>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
    ...                             "D2 -> U2"], decisions={"a": ["D1"], "b": ["D2"]},
    ...                            utilities={"a": ["U1"], "b": ["U2"]})
    >>> sorted(relevance_graph(d).edges)
    [('D1', 'D2')]
    """
    utilities = {D: d.utilities_of(d.agent_of(D)) for D in d.decisions}
    R = _graph_relevance(_graph(d), decisions=d.decisions, utilities=utilities)
    out: nx.DiGraph[str] = nx.DiGraph()
    out.add_nodes_from(d.decisions)
    out.add_edges_from((str(a), str(b)) for a, b in R.edges)
    return out


def condensation(d: Diagram) -> tuple[frozenset[str], ...]:
    """The strongly connected components of the relevance graph, in topological order.

    A component relies only on itself and on later components, so backward induction solves
    them last first (Koller and Milch's divide and conquer).

    Parameters
    ----------
    d : Diagram

    Returns
    -------
    tuple of frozenset of str

    References
    ----------
    .. [1] D. Koller and B. Milch (2003), Games and Economic Behavior 45, Section 6
       (divide and conquer over the strongly connected components).

    Examples
    --------
    >>> import cid
    >>> from cid.games import condensation
    >>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
    ...                             "D2 -> U2"], decisions={"a": ["D1"], "b": ["D2"]},
    ...                            utilities={"a": ["U1"], "b": ["U2"]})
    >>> condensation(d)
    (frozenset({'D1'}), frozenset({'D2'}))
    """
    R = relevance_graph(d)
    C = nx.condensation(R)
    rank = {D: i for i, D in enumerate(d.decisions)}
    order = nx.lexicographical_topological_sort(
        C, key=lambda c: min(rank[D] for D in C.nodes[c]["members"]))
    return tuple(frozenset(str(D) for D in C.nodes[c]["members"]) for c in order)


def r_reachable(d: Diagram, decisions: Iterable[str], nodes: Iterable[str]) -> frozenset[str]:
    """The nodes among ``nodes`` that are r-reachable from some decision in ``decisions``.

    Parameters
    ----------
    d : Diagram
    decisions : iterable of str
    nodes : iterable of str
        The candidates (any kind; a decision is not r-reachable from itself).

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError
        An unknown node.
    DiagramError
        A member of ``decisions`` is not a decision.

    Notes
    -----
    ``V`` is r-reachable from ``D`` iff a new parent ``V^`` of ``V`` would be d-connected to
    ``U_D`` given ``Fa(D)``, with ``U_D`` the utilities of ``D``'s agent that descend from
    ``D``: the rule for ``D`` can depend on ``V``'s CPD. For a decision ``V`` this is
    s-reachability. One Bayes-ball pass per decision.

    References
    ----------
    .. [1] L. Hammond et al., "Equilibrium Refinements for Multi-Agent Influence Diagrams",
       AAMAS 2021, arXiv:2102.05008, definition of r-reachability.

    Examples
    --------
    >>> import cid
    >>> from cid.games import r_reachable
    >>> d = cid.Diagram.from_edges(["X -> D", "X -> U", "D -> U", "Z -> U"],
    ...                            decisions=["D"], utilities=["U"])
    >>> sorted(r_reachable(d, ["D"], ["X", "Z"]))  # D sees X: X's CPD does not matter to D
    ['Z']
    """
    ds = _decisions(d, decisions, "r_reachable")
    candidates = set([nodes] if isinstance(nodes, str) else nodes)
    for v in candidates:
        if v not in d.nodes:
            raise NodeNotFoundError(f"r_reachable: unknown node {v!r} in {d.name!r}")
    G = _graph(d)
    found: set[str] = set()
    for D in ds:
        found |= {str(v) for v in s_reachable_decisions(
            G, D, decisions=candidates, utilities=d.utilities_of(d.agent_of(D)))}
    return frozenset(found)


def subgames(d: Diagram) -> tuple[frozenset[str], ...]:
    """The decision sets of every MAID subgame: the sets closed under strategic relevance.

    Parameters
    ----------
    d : Diagram

    Returns
    -------
    tuple of frozenset of str
        Every non-empty set of decisions that contains each decision its members rely on
        (a union of components of :func:`condensation`), smallest first; the last one is the
        whole game.

    Notes
    -----
    A MAID subgame is defined by a set of decisions closed under r-reachability among the
    decisions: solving it needs no rule from outside the set. The sets are enumerated by
    deciding, component by component from the last, whether to take it (allowed only when
    every component it relies on is taken), so each set is produced once.

    References
    ----------
    .. [1] L. Hammond et al., "Equilibrium Refinements for Multi-Agent Influence Diagrams",
       AAMAS 2021, arXiv:2102.05008, definition of MAID subgames.

    Examples
    --------
    >>> import cid
    >>> from cid.games import subgames
    >>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
    ...                             "D2 -> U2"], decisions={"a": ["D1"], "b": ["D2"]},
    ...                            utilities={"a": ["U1"], "b": ["U2"]})
    >>> [sorted(s) for s in subgames(d)]
    [['D2'], ['D1', 'D2']]
    """
    components = condensation(d)
    R = relevance_graph(d)
    relies: list[set[int]] = []
    for comp in components:
        succ = {b for a in comp for b in R.successors(a)} - comp
        relies.append({j for j, c in enumerate(components) if c & succ})
    found: list[frozenset[str]] = []

    def extend(i: int, taken: frozenset[int]) -> None:
        if i < 0:
            if taken:
                found.append(frozenset().union(*(components[j] for j in taken)))
            return
        extend(i - 1, taken)
        if relies[i] <= taken:
            extend(i - 1, taken | {i})

    extend(len(components) - 1, frozenset())
    rank = {D: k for k, D in enumerate(d.decisions)}
    return tuple(sorted(found, key=lambda s: (len(s), sorted(rank[D] for D in s))))
