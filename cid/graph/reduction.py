"""Requisite observations and the minimal d-reduction of an agent's decisions.

References
----------
.. [1] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with
   limited information", Management Science 47 (2001).
.. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
   arXiv:2102.01685.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence, Set

import networkx as nx

from cid.graph._common import (
    _adjacency,
    _ancestors_inclusive,
    _check_decision,
    _descendants,
    _ordered_decisions,
    _utility_set,
)
from cid.graph.dconnection import Reachability, _run_ball

__all__ = ["minimal_d_reduction", "requisite_observations"]


def _requisite_ball(pred: Mapping[Hashable, Iterable[Hashable]],
                    succ: Mapping[Hashable, Iterable[Hashable]], decision: Hashable,
                    utilities: Set[Hashable]) -> Reachability:
    """Bayes-ball from U_D = utilities ∩ Desc(D) given Fa(D) (the one-pass requisite test)."""
    fam = set(pred[decision])
    fam.add(decision)
    desc = _descendants(succ, decision)
    u_d = sorted((u for u in utilities if u in desc), key=str)
    anc = _ancestors_inclusive(pred, fam)
    prev, _ = _run_ball(pred, succ, u_d, fam, anc)
    return Reachability(frozenset(u_d), frozenset(fam), anc, prev)


def requisite_observations(G: nx.DiGraph[Hashable], decision: Hashable, *,
                           utilities: Iterable[Hashable]) -> frozenset[Hashable]:
    """The requisite parents of ``decision``: the observations that can matter to it.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph.
    decision : node
        A node of ``G``; its parents are its observations.
    utilities : iterable of nodes
        The utility nodes of the agent making ``decision`` (only those descending from
        ``decision`` matter).

    Returns
    -------
    frozenset
        The requisite parents of ``decision``.

    Raises
    ------
    NodeNotFoundError
        If ``decision`` or a utility node is not in ``G``.

    Notes
    -----
    :math:`X \\in \\mathrm{Pa}(D)` is requisite iff :math:`X` is d-connected to
    :math:`U_D = U \\cap \\mathrm{Desc}(D)` given :math:`\\mathrm{Fa}(D) \\setminus \\{X\\}`.
    All parents are decided by one Bayes-ball pass from :math:`U_D` given
    :math:`\\mathrm{Fa}(D)`: a parent is requisite iff the ball reaches it as the end of an
    active trail. (A trail that starts at :math:`X` never passes :math:`X` again, and every
    ancestor of :math:`X` is an ancestor of :math:`D`, so observing :math:`X` changes no
    other node's status on the trail.)

    References
    ----------
    .. [1] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with
       limited information", Management Science 47 (2001).
    .. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, definition of a requisite observation.
    .. [3] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.

    Examples
    --------
    Grade prediction: the predictor ``P`` observes high school ``HS`` and gender ``Ge``; only
    ``HS`` carries information about the accuracy ``Ac``.

    >>> import networkx as nx
    >>> G = nx.DiGraph([("R", "HS"), ("HS", "E"), ("E", "Gr"), ("Gr", "Ac"), ("P", "Ac"),
    ...                 ("HS", "P"), ("Ge", "P")])
    >>> sorted(requisite_observations(G, "P", utilities=["Ac"]))
    ['HS']
    """
    _check_decision(G, decision, what="requisite_observations")
    us = _utility_set(G, utilities, what="requisite_observations")
    pred, succ = _adjacency(G)
    ball = _requisite_ball(pred, succ, decision, us)
    return frozenset(p for p in pred[decision] if p in ball)


_Adj = dict[Hashable, Mapping[Hashable, object]]


def _reduce_links(pred: Mapping[Hashable, Mapping[Hashable, object]],
                  succ: Mapping[Hashable, Mapping[Hashable, object]],
                  decisions: Sequence[Hashable], utilities: Set[Hashable], *,
                  balls: tuple[dict[Hashable, Reachability], dict[Hashable, Reachability]]
                  | None = None,
                  batches: list[tuple[Hashable, tuple[Hashable, ...]]] | None = None,
                  ) -> tuple[_Adj, _Adj, list[tuple[Hashable, Hashable]]]:
    """Remove nonrequisite information links until none is left (the fixpoint).

    Works on copy-on-write adjacency mappings (the inputs are not modified) and returns the
    reduced ``(pred, succ)`` and the removed links. Decisions are visited cyclically in the
    given order (reverse topological is fastest); the loop stops once every decision has
    been checked against the current graph without a removal.

    If ``balls = (original, final)`` is given, it receives the requisite Bayes-balls computed
    on the input graph (for the decisions checked before the first removal) and on the
    reduced graph (for every decision), so that callers need not run them again.

    If ``batches`` is given, it receives the removals in order, as ``(decision, parents)``
    pairs: the links from ``parents`` to ``decision`` were all nonrequisite in the graph left
    by the batches before (see :mod:`cid.incentives.voi`, which replays them).
    """
    original, final = balls if balls is not None else ({}, {})
    pred2: _Adj = dict(pred)
    succ2: _Adj = dict(succ)
    removed: list[tuple[Hashable, Hashable]] = []
    k = len(decisions)
    clean = 0  # decisions checked in a row without a removal
    i = 0
    while clean < k:
        d = decisions[i % k]
        ball = _requisite_ball(pred2, succ2, d, utilities)
        if not removed:
            original.setdefault(d, ball)
        drop = {p for p in pred2[d] if p not in ball}
        final[d] = ball
        if drop:
            del final[d]
            dropped = tuple(p for p in pred2[d] if p in drop)  # in parent order
            pred2[d] = {p: v for p, v in pred2[d].items() if p not in drop}
            for p in dropped:
                succ2[p] = {c: v for c, v in succ2[p].items() if c != d}
                removed.append((p, d))
            if batches is not None:
                batches.append((d, dropped))
            clean = 1
        else:
            clean += 1
        i += 1
    return pred2, succ2, removed


def _reduce_in_place(G: nx.DiGraph[Hashable], decisions: Sequence[Hashable],
                     utilities: Set[Hashable]) -> None:
    """Remove the nonrequisite information links of ``G`` in place (see _reduce_links)."""
    pred, succ = _adjacency(G)
    G.remove_edges_from(_reduce_links(pred, succ, decisions, utilities)[2])


def minimal_d_reduction(G: nx.DiGraph[Hashable], *, decisions: Iterable[Hashable],
                        utilities: Iterable[Hashable]) -> nx.DiGraph[Hashable]:
    """The minimal d-reduction: ``G`` without the nonrequisite information links.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph (left untouched).
    decisions : iterable of nodes
        The decisions of one agent; only edges into these are removed.
    utilities : iterable of nodes
        That agent's utility nodes.

    Returns
    -------
    networkx.DiGraph
        A new graph (node and graph attributes copied).

    Raises
    ------
    NodeNotFoundError
        If a decision or utility node is not in ``G``.

    Notes
    -----
    Nonrequisite information links are removed, over all of the agent's decisions, until
    none is left. The fixpoint does not depend on the order of removal: a link that is
    nonrequisite stays so after another nonrequisite link is removed (by the intersection
    property of d-separation for links into the same decision, and because removing an edge
    only removes active trails for the others), so the minimal reduction is unique.

    References
    ----------
    .. [1] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with
       limited information", Management Science 47 (2001).
    .. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, definition of the minimal d-reduction.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("R", "HS"), ("HS", "E"), ("E", "Gr"), ("Gr", "Ac"), ("P", "Ac"),
    ...                 ("HS", "P"), ("Ge", "P")])
    >>> R = minimal_d_reduction(G, decisions=["P"], utilities=["Ac"])
    >>> sorted(R.predecessors("P")), G.has_edge("Ge", "P")
    (['HS'], True)
    """
    order = _ordered_decisions(G, decisions, what="minimal_d_reduction")
    us = _utility_set(G, utilities, what="minimal_d_reduction")
    H = G.copy()
    _reduce_in_place(H, order, us)
    return H

