"""s-reachability, the relevance graph and sufficient recall (Koller and Milch 2003).

References
----------
.. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and solving
   games", Games and Economic Behavior 45 (2003).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx

from cid.graph._common import _check_decision, _node_set, _ordered_decisions, _utility_set
from cid.graph._compact import Compact
from cid.graph.dconnection import _by_name, compact
from cid.graph.reduction import _requisite_ball

__all__ = ["has_sufficient_recall", "relevance_graph", "s_reachable_decisions"]


def s_reachable_decisions(G: nx.DiGraph[Hashable], decision: Hashable, *,
                          decisions: Iterable[Hashable],
                          utilities: Iterable[Hashable]) -> frozenset[Hashable]:
    """The decisions ``D'`` that are s-reachable from ``decision`` (``decision`` relies on them).

    Parameters
    ----------
    G : networkx.DiGraph
    decision : node
    decisions : iterable of nodes
        The candidate decisions ``D'`` (``decision`` itself is skipped).
    utilities : iterable of nodes
        The utility nodes of the agent making ``decision``.

    Returns
    -------
    frozenset

    Notes
    -----
    :math:`D'` is s-reachable from :math:`D` iff a new parent :math:`\\hat D'` added to
    :math:`D'` would be d-connected to :math:`U_D = U \\cap \\mathrm{Desc}(D)` given
    :math:`\\mathrm{Fa}(D)`; one Bayes-ball pass from :math:`U_D` decides every :math:`D'`
    (the ball must be able to leave :math:`D'` towards a parent).

    References
    ----------
    .. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and
       solving games", Games and Economic Behavior 45 (2003), definition of
       s-reachability.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "U"), ("B", "U")])
    >>> sorted(s_reachable_decisions(G, "A", decisions=["A", "B"], utilities=["U"]))
    ['B']
    """
    _check_decision(G, decision, what="s_reachable_decisions")
    ds = _node_set(G, decisions, what="s_reachable_decisions decisions")
    us = _utility_set(G, utilities, what="s_reachable_decisions")
    g = compact(G)
    ball = _requisite_ball(g, g.index[decision], _by_name(g, us))
    return frozenset(d for d in ds if d != decision and ball.can_leave_upwards(d))


def relevance_graph(G: nx.DiGraph[Hashable], *, decisions: Iterable[Hashable],
                    utilities: Iterable[Hashable] | Mapping[Hashable, Iterable[Hashable]],
                    ) -> nx.DiGraph[Hashable]:
    """The relevance graph: an edge ``D -> D'`` when ``D'`` is s-reachable from ``D``.

    Parameters
    ----------
    G : networkx.DiGraph
    decisions : iterable of nodes
    utilities : iterable of nodes, or mapping from decision to iterable of nodes
        The utility nodes of the agent (or, for several agents, of each decision's agent).

    Returns
    -------
    networkx.DiGraph
        Nodes are the decisions (in topological order of ``G``).

    Notes
    -----
    :math:`D` strategically relies on :math:`D'` when the optimal rule for :math:`D` can
    depend on the rule for :math:`D'`, which is the case exactly when :math:`D'` is
    s-reachable from :math:`D` (:func:`s_reachable_decisions`).

    References
    ----------
    .. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and
       solving games", Games and Economic Behavior 45 (2003), definition of the
       relevance graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "U"), ("B", "U")])
    >>> sorted(relevance_graph(G, decisions=["A", "B"], utilities=["U"]).edges)
    [('A', 'B'), ('B', 'A')]
    """
    order = _ordered_decisions(G, decisions, what="relevance_graph")[::-1]
    per: dict[Hashable, set[Hashable]] = {}
    if isinstance(utilities, Mapping):
        _node_set(G, list(utilities), what="relevance_graph utilities (keys)")
        for d in order:
            per[d] = _utility_set(G, utilities.get(d, ()), what="relevance_graph")
    else:
        us = _utility_set(G, utilities, what="relevance_graph")
        per = {d: us for d in order}
    g = compact(G)
    R: nx.DiGraph[Hashable] = nx.DiGraph()
    R.add_nodes_from(order)
    ids = g.ids(order)
    edges = _relevance_edges(g, ids, {g.index[d]: _by_name(g, per[d]) for d in order})
    R.add_edges_from((g.names[a], g.names[b]) for a, b in edges)
    return R


def _relevance_edges(g: Compact, decisions: Sequence[int],
                     utilities: Mapping[int, Sequence[int]]) -> list[tuple[int, int]]:
    """The edges ``D -> D'`` of the relevance graph (one Bayes-ball pass per decision)."""
    edges: list[tuple[int, int]] = []
    for d in decisions:
        ball = _requisite_ball(g, d, utilities[d])
        edges.extend((d, e) for e in decisions if e != d and ball.leaves_upwards(e))
    return edges


def has_sufficient_recall(G: nx.DiGraph[Hashable], *, decisions: Iterable[Hashable],
                          utilities: Iterable[Hashable] | Mapping[Hashable, Iterable[Hashable]],
                          ) -> bool:
    """Whether the agent has sufficient recall: its relevance graph is acyclic.

    Parameters
    ----------
    G : networkx.DiGraph
    decisions : iterable of nodes
        The agent's decisions.
    utilities : iterable of nodes, or mapping from decision to iterable of nodes

    Returns
    -------
    bool

    Notes
    -----
    Sufficient recall holds iff the relevance graph over the decisions
    (:func:`relevance_graph`) has no cycle; then the decisions can be optimised one at a
    time, last first.

    References
    ----------
    .. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and
       solving games", Games and Economic Behavior 45 (2003): an acyclic relevance
       graph lets the decisions be optimised one at a time.
    .. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685 (multi-decision criteria assume sufficient recall).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "U"), ("B", "U")])
    >>> has_sufficient_recall(G, decisions=["A", "B"], utilities=["U"])
    False
    >>> G.add_edge("A", "B")
    >>> has_sufficient_recall(G, decisions=["A", "B"], utilities=["U"])
    True
    """
    return bool(nx.is_directed_acyclic_graph(relevance_graph(G, decisions=decisions,
                                                             utilities=utilities)))
