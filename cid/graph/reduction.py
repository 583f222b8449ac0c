"""Requisite observations and the minimal d-reduction of an agent's decisions.

References
----------
.. [1] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with
   limited information", Management Science 47 (2001).
.. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
   arXiv:2102.01685.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from cid.graph._common import _check_decision, _ordered_decisions, _utility_set
from cid.graph._compact import Compact, bfs, mask, members, run_ball
from cid.graph.dconnection import Reachability, _by_name, compact

__all__ = ["Reduction", "minimal_d_reduction", "requisite_observations"]


class RequisiteBall(Reachability):
    """The Bayes-ball from ``U_D`` given ``Fa(D)``, with the descendants of ``D`` and the
    ancestors of ``Fa(D)`` it used."""

    __slots__ = ("below", "anc")

    below: bytearray  # the strict descendants of the decision, as a mask
    anc: bytearray  # Fa(D) and its ancestors, as a mask


def _requisite_ball(g: Compact, decision: int, utilities: Sequence[int], *,
                    below: bytearray | None = None) -> RequisiteBall:
    """Bayes-ball from ``U_D = utilities ∩ Desc(D)`` given ``Fa(D)`` (the one-pass requisite
    test); ``utilities`` are node numbers in the order the ball starts from them, ``below``
    the descendants of ``D`` if known."""
    fam = [*g.pred[decision], decision]
    if below is None:
        below, _ = bfs(g, [decision], upwards=False)
        below[decision] = 0
    u_d = [u for u in utilities if below[u]]
    given = mask(len(g), fam)
    anc, _ = bfs(g, fam, upwards=True)
    ball = RequisiteBall(g, u_d, fam, given, anc, run_ball(g, u_d, given, anc))
    ball.below = below
    ball.anc = anc
    return ball


def _survives(ball: RequisiteBall, g: Compact, decision: int) -> bool:
    """Whether the requisite ball ``ball`` of ``decision`` is still exact in ``g``, a graph
    it was run on minus some links that it did not use (:func:`_used`) and that start
    nowhere below ``decision``: no node at which it turned back up (arrived from a parent)
    stopped being an ancestor of the family."""
    anc, _ = bfs(g, [*g.pred[decision], decision], upwards=True)
    lost = int.from_bytes(ball.anc, "little") & ~int.from_bytes(anc, "little")
    return not lost or not any(ball.from_parent(v)
                               for v in members(lost.to_bytes(len(anc), "little")))


Trail = tuple[list[int], list[tuple[int, int]]]  # nodes and edges (as they point)


def _link_trails(g: Compact, decision: int, parents: Sequence[int],
                 utilities: Sequence[int]) -> dict[int, Trail | None]:
    """For each of some ``parents`` of ``decision``, a witness that its link is requisite in
    ``g``: an active trail from a utility below ``decision`` to the parent given the rest of
    the family, found by a Bayes-ball from the parent that stops at the first such utility;
    ``None`` if the link is nonrequisite. (The family and its ancestors are those of
    ``decision``: every parent is an ancestor of it.)"""
    below, _ = bfs(g, [decision], upwards=False)
    below[decision] = 0
    targets = mask(len(g), (u for u in utilities if below[u]))
    anc, _ = bfs(g, [decision], upwards=True)
    out: dict[int, Trail | None] = {}
    for parent in parents:
        w = [p for p in g.pred[decision] if p != parent]
        w.append(decision)
        given = mask(len(g), w)
        ball = run_ball(g, [parent], given, anc, stop=targets)
        out[parent] = None if ball.hit < 0 else \
            Reachability(g, [parent], w, given, anc, ball).trail_ids(ball.hit)
    return out


def _trail_active(trail: Trail, *, gone: set[tuple[int, int]], anc: bytearray,
                  given: set[int]) -> bool:
    """Whether a trail that was active stays so: none of its edges is ``gone``, its colliders
    are in ``anc`` (the conditioning set and its ancestors), its other inner nodes are not in
    ``given``."""
    nodes, edges = trail
    if any(e in gone for e in edges):
        return False
    for v, (_, into), (_, out) in zip(nodes[1:], edges, edges[1:], strict=False):
        if (not anc[v]) if into == v == out else v in given:
            return False
    return True


@dataclass(frozen=True)
class Reduction:
    """The minimal d-reduction of one agent's decisions, as found by :func:`_reduce_links`.

    Attributes
    ----------
    graph : Compact
        The reduced graph (it shares the unchanged adjacency lists of the input).
    removed : tuple of (int, int)
        The removed links ``(parent, decision)``, in the order they were removed.
    batches : tuple of (int, tuple of int)
        The same removals as ``(decision, parents)`` pairs: the links from ``parents`` to
        ``decision`` were all nonrequisite in the graph left by the batches before.
    balls : mapping of int to RequisiteBall
        For each decision checked, its requisite Bayes-ball; its reach and its trails are
        those of the ball in ``graph``.
    first : mapping of int to RequisiteBall
        The balls computed on the input graph itself (before the first removal).
    """

    graph: Compact
    removed: tuple[tuple[int, int], ...]
    batches: tuple[tuple[int, tuple[int, ...]], ...]
    balls: Mapping[int, RequisiteBall]
    first: Mapping[int, RequisiteBall]


def _used(ball: RequisiteBall, decision: int, dropped: Sequence[int]) -> bool:
    """Whether the ball's witness trails use one of the links ``dropped -> decision``, or it
    may lose a source when they are removed (``decision`` is below the ball's decision).

    If not, and no node it turned back up at stops being an ancestor of its family
    (:func:`_survives`), its trails are still trails of the graph without the links, as
    short as they can be there, and it reaches the same nodes."""
    return bool(ball.below[decision]) or any(ball.crosses(p, decision) for p in dropped)


def _affected(ball: RequisiteBall, g: Compact, removed: Sequence[tuple[int, tuple[int, ...]]],
              owner: int) -> bool:
    """Whether removing the batches ``removed`` (``(decision, parents)`` pairs, giving
    ``g``) can change the requisite ball ``ball`` of ``owner``."""
    if any(d != owner and _used(ball, d, dropped) for d, dropped in removed):
        return True
    return any(ball.anc[d] for d, _ in removed) and not _survives(ball, g, owner)


def _reduce_links(g: Compact, decisions: Sequence[int], utilities: Sequence[int], *,
                  pending: Iterable[int] | None = None,
                  balls: Mapping[int, RequisiteBall] | None = None,
                  below: Mapping[int, bytearray] | None = None) -> Reduction:
    """Remove nonrequisite information links until none is left (the fixpoint).

    Every pending decision is first checked on ``g`` itself (one Bayes-ball pass each), and
    all the links found nonrequisite are removed together: a nonrequisite link stays so
    when another one is removed, whatever the order. Then the decisions whose ball the
    removals can change (:func:`_affected`: their links stay requisite, but the nodes their
    ball reaches may change) are pending again, and are checked in the given order,
    cyclically (reverse topological is fastest), until none is pending. Removing a link
    only removes active trails, so the ball of a decision not affected by a removal stays
    exact.

    ``pending`` (default: every decision) lets a caller start from a graph in which the
    other decisions are known to have only requisite links; those are checked again after
    any removal, unless ``balls`` gives their requisite ball in ``g``. ``below`` may give
    the strict descendants of some decisions in ``g`` (as masks). ``g`` is not modified.
    """
    dirty = set(decisions) if pending is None else set(pending) & set(decisions)
    below = dict(below) if below is not None else {}
    known = {d: b for d, b in (balls or {}).items() if d not in dirty}
    batches: list[tuple[int, tuple[int, ...]]] = []

    def check(d: int) -> tuple[int, tuple[int, ...]] | None:
        ball = _requisite_ball(g, d, utilities, below=below.get(d))
        below[d] = ball.below
        known[d] = ball
        dropped = tuple(p for p in g.pred[d] if not ball.has(p))  # in parent order
        return (d, dropped) if dropped else None

    def remove(new: list[tuple[int, tuple[int, ...]]]) -> Compact:
        h = g.edited(removed=[(p, d) for d, ps in new for p in ps])
        batches.extend(new)
        for e in [e for e, m in below.items() if any(m[d] for d, _ in new)]:
            del below[e]  # a removed link may start at or below e: its descendants may shrink
        dirty.update(e for e in decisions if e not in known or _affected(known[e], h, new, e))
        for e in dirty:
            known.pop(e, None)
        return h

    found = [b for b in (check(d) for d in decisions if d in dirty) if b is not None]
    first = {d: known[d] for d in dirty}
    dirty.clear()
    if found:
        g = remove(found)
    i = 0
    while dirty:
        d = decisions[i % len(decisions)]
        i += 1
        if d in dirty:
            dirty.discard(d)
            batch = check(d)
            if batch is not None:
                g = remove([batch])
    removed = tuple((p, d) for d, ps in batches for p in ps)
    return Reduction(g, removed, tuple(batches), known, first)


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
    g = compact(G)
    d = g.index[decision]
    ball = _requisite_ball(g, d, _by_name(g, us))
    return frozenset(g.names[p] for p in g.pred[d] if ball.has(p))


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
    g = compact(G)
    reduction = _reduce_links(g, g.ids(order), _by_name(g, us))
    H = G.copy()
    H.remove_edges_from((g.names[p], g.names[d]) for p, d in reduction.removed)
    return H

