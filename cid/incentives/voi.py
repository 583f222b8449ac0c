"""Value of information for an agent with several decisions: which candidates need the
definition, decided by replaying the minimal d-reduction.

``X ∉ Desc(D) ∪ {D}`` admits value of information for ``D`` iff the link ``X -> D`` is in
``(G + X -> D)*``, the minimal d-reduction of the diagram with that link added (for a parent
``X`` of ``D``: iff ``X -> D`` is in ``G*``). Computing one reduction per candidate is
quadratic. The engine (:mod:`cid.incentives.engine`) brackets the answer between two
Bayes-ball passes, from ``U_D`` given ``Fa(D)``:

* the **upper bound**, the pass in ``G``: a node it does not reach has no value of
  information;
* the **lower bound**, the pass in ``G*``: a node it reaches has value of information.

The nodes between the two (the *gap*) are decided here, by :func:`revivable`: a candidate
whose new link cannot bring back any link that the reduction of ``G`` removed has no value of
information; only the others are decided by the definition, by
:func:`reduction_with_link`. The test needs two Bayes-ball passes per removed link
(:func:`replay`), shared by every decision of the agent and every candidate.

Notes
-----
Facts used. **(F1)** ``A`` and ``B`` are d-connected given ``W`` iff some *walk* (a sequence of
adjacent nodes, repetitions allowed) joins them on which every collider is in ``W`` and every
other intermediate node is outside ``W`` (the walks Bayes-ball follows; Shachter 1998). Whether
a walk is active depends only on the edges it uses and on ``W``: for a fixed ``W``, adding an
edge only adds active walks. **(F2)** d-separation satisfies composition, weak union and
contraction. **(F3)** A link that is nonrequisite stays nonrequisite when another
nonrequisite link is removed (:func:`cid.graph.minimal_d_reduction`); hence every order of
removals ends in the same ``G*``, and a link is in it iff it never becomes nonrequisite.

Say that a Bayes-ball pass from ``S`` given ``W`` *leaves* ``X`` *downwards* when ``S`` is
d-connected given ``W`` to a new child of ``X`` (``X ∈ S``, or the ball reaches ``X ∉ W``),
and *leaves* ``D`` *upwards* when ``S`` is d-connected to a new parent of ``D``
(:meth:`cid.graph.Reachability.can_leave_upwards`).

**Upper bound.** A walk from ``X`` given ``Fa(D)`` gains nothing from the edge ``X -> D``
(``D`` and its other parents are observed), so if the pass in ``G`` misses ``X``, then
``X -> D`` is nonrequisite in ``G + X -> D`` and, by (F3), never in its reduction.

**Lower bound.** That a node reached by the pass in ``G*`` admits value of information is the
lemma the engine has relied on from the start. It is not proven here; it is checked on every
diagram of four nodes (``tests/incentives/test_voi.py``), on every diagram of five nodes with
several decisions (``python benchmarks/incentives.py --exhaustive 5``) and on random diagrams
against the brute-force oracle.

**Replay.** Let the reduction of ``G`` remove the batches ``E_1, ..., E_k`` (``E_i``: links
into one decision ``D_i``, all nonrequisite in ``G_{i-1}``; ``G_i = G_{i-1} - E_i``;
``G_k = G*``) and let ``X`` be in the gap (not a parent of ``D``). If for every ``i`` every link
of ``E_i`` is still nonrequisite in ``G_{i-1} + X -> D``, then by (F3) these removals are valid
in ``G + X -> D`` one at a time, ``G* + X -> D`` is reached from it, and
``(G + X -> D)* = (G* + X -> D)*``. As ``X`` is not reached by the pass in ``G*``, ``X -> D``
is nonrequisite in ``G* + X -> D`` (as for the upper bound), so ``X`` has no value of
information. It remains to bound when ``X -> D`` can make a removed link ``e = Z -> D'`` of
``E_i`` requisite again. Let ``K = G_{i-1}``, ``W = Fa_K(D') \\ {Z}`` and
``T = U ∩ Desc_K(D')``; ``e`` is nonrequisite, so ``Z`` and ``T`` are d-separated by ``W``
in ``K``.

(a) ``D' = D``. In ``K + X -> D`` the conditioning set is ``W ∪ {X}``, ``T`` is unchanged,
and the new edge is of no use to a walk (its end ``X`` is observed and is no collider on it).
If ``Z ⊥ X | W`` or ``X ⊥ T | W`` in ``K``, composition and weak union (F2) give
``Z ⊥ T | W ∪ {X}``. So ``e`` can come back only if the pass from ``Z`` and the pass from
``T``, both given ``W`` in ``K``, reach ``X``.

(b) ``D' ≠ D``. ``W`` is unchanged. ``T`` grows only if ``X`` is ``D'`` or descends from it,
by utilities that descend from ``D`` but not from ``D'``; such candidates are passed to the
definition. Otherwise an active walk from ``Z`` to ``T`` in ``K + X -> D`` must use the new
edge (F1). Up to its first use it is a walk in ``K`` from ``Z`` that then leaves ``X``
downwards or ``D`` upwards; after its last use, read backwards, it is a walk in ``K`` from
``T`` that then leaves ``D`` upwards or ``X`` downwards. So ``e`` can come back only if the
pass from ``Z`` leaves ``X`` downwards or ``D`` upwards, *and* the pass from ``T`` leaves ``D``
upwards or ``X`` downwards.

Both tests are necessary conditions, so a candidate that passes neither for any removed link
is decided correctly without a reduction; the others get one (``definition_checks`` in the
report). On the shape ``X_i -> Y -> D1 -> U <- D2 -> D1`` with ``m`` nodes ``X_i`` this turns
``m`` reductions for ``D2`` into none.

**Deciding a candidate** (:func:`reduction_with_link`). The batches are replayed on
``G + X -> D``; the new link and the links kept so far form a set ``N`` of new links, and the
graph is ``G_{i-1} + N`` as long as every batch checked lost exactly the links it did not
keep. Case (b) holds for a set of new links none of which enters ``D_i`` (F1 again: the walk
uses some new edge; its first use leaves a new tail downwards or a new head upwards, its last
use the same read backwards), and a batch that ``N`` cannot revive is removed as it is. A
batch that it can is checked link by link: each link's requisite test is one Bayes-ball from
its parent given the rest of the family, stopped at the first utility below ``D_i`` it
reaches; a link that fails is removed (a valid step), a link that passes is kept with the
trail found. At the end the graph is ``G*`` plus some links, and it is already the fixpoint
when every link into a decision with a new link is still requisite: a link of ``G*`` keeps
the trail of its ball in ``G*`` (every edge, collider and source of it is still there) unless
a new parent lies on it as a non-collider; a kept link keeps its trail unless a later removal
cut it, a collider on it stopped being an ancestor of the decision, or its utility stopped
being below it; and ``X -> D`` is tested in the final graph. Otherwise the decisions left
undecided are checked by the reduction's own loop.

References
----------
.. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
   arXiv:2102.01685 (value of information, minimal d-reduction).
.. [2] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.
.. [3] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with
   limited information", Management Science 47 (2001).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from cid.graph._compact import Compact, bfs, mask, members
from cid.graph.dconnection import Reachability
from cid.graph.reduction import (
    Reduction,
    RequisiteBall,
    Trail,
    _link_trails,
    _reduce_links,
    _requisite_ball,
    _survives,
    _trail_active,
    _used,
)

__all__ = ["RemovedLink", "reduction_with_link", "replay", "revivable"]


def _bits(m: bytes | bytearray) -> int:
    """A mask as an int (bit ``8 i`` is node ``i``), for whole-set operations."""
    return int.from_bytes(m, "little")


@dataclass(frozen=True)
class RemovedLink:
    """A link ``parent -> decision`` (node numbers) removed by the reduction in its batch
    number ``batch``, with the two passes of the graph ``K`` it was removed from, both given
    ``Fa_K(decision) \\ {parent}``, and their reach as ints (see :func:`_bits`)."""

    parent: int
    decision: int
    batch: int
    given: frozenset[int]
    below: bytearray  # Desc_K(decision), as a mask
    from_parent: Reachability
    from_utilities: Reachability

    @cached_property
    def sets(self) -> tuple[int, int, int, int]:
        """The reach of the two passes, ``given`` and ``Desc_K(decision) ∪ {decision}``,
        as ints."""
        n = len(self.below)
        below = _bits(self.below) | 1 << 8 * self.decision
        return (_bits(self.from_parent.seen), _bits(self.from_utilities.seen),
                _bits(mask(n, self.given)), below)


def replay(g: Compact, batches: Iterable[tuple[int, tuple[int, ...]]],
           utilities: Sequence[int]) -> list[RemovedLink]:
    """Replay the reduction's removals on ``g`` (not modified): two passes per link.

    Parameters
    ----------
    g : Compact
        The diagram.
    batches : iterable of (decision, parents)
        The removals, in order (:attr:`cid.graph.reduction.Reduction.batches`).
    utilities : sequence of int
        The agent's utility nodes (the order the passes start in).

    Returns
    -------
    list of RemovedLink
    """
    out: list[RemovedLink] = []
    for i, (d, parents) in enumerate(batches):
        below, _ = bfs(g, [d], upwards=False)
        below[d] = 0
        t = [u for u in utilities if below[u]]
        for z in parents:
            w = [p for p in g.pred[d] if p != z]
            w.append(d)
            anc, _ = bfs(g, w, upwards=True)
            out.append(RemovedLink(z, d, i, frozenset(w), below,
                                   Reachability.run(g, [z], w, anc=anc),
                                   Reachability.run(g, t, w, anc=anc)))
        g = g.edited(removed=[(p, d) for p in parents])
    return out


def _hits(link: RemovedLink, sets: tuple[int, int, int, int], decision: int, todo: int,
          t_grows: bool) -> int:
    """The candidates of ``todo`` (an int set) whose link to ``decision`` could make
    ``link`` requisite again (cases (a) and (b) of the module notes)."""
    z_seen, t_seen, w, below = sets
    if link.decision == decision:  # case (a)
        return todo & z_seen & t_seen
    up_z = link.from_parent.leaves_upwards(decision)  # case (b)
    up_t = link.from_utilities.leaves_upwards(decision)
    if up_z and up_t:
        hit = todo
    elif up_z:
        hit = todo & t_seen & ~w
    elif up_t:
        hit = todo & z_seen & ~w
    else:
        hit = todo & z_seen & t_seen & ~w
    if t_grows:  # T can grow through X -> decision: X is link.decision or below it
        hit |= todo & below
    return hit


def revivable(links: Sequence[RemovedLink], decision: int, gap: Iterable[int],
              utilities_below: Sequence[int]) -> dict[int, list[int]]:
    """The candidates of ``gap`` whose new link ``X -> decision`` could make a removed link
    requisite again (a superset: see the module notes), each with the batches it could
    revive; the other candidates have no value of information.

    Parameters
    ----------
    links : sequence of RemovedLink
        From :func:`replay`.
    decision : int
    gap : iterable of int
        Candidates between the two bounds, none a parent or descendant of ``decision``.
    utilities_below : sequence of int
        The agent's utility nodes descending from ``decision`` (in ``G``; a superset of those
        in each intermediate graph is enough).

    Returns
    -------
    dict of int to list of int
        Candidate to the batch numbers (increasing) of the links it could revive.
    """
    gap = list(gap)
    if not gap or not links:
        return {}
    todo = _bits(mask(len(links[0].below), gap))
    out: dict[int, list[int]] = {}
    for link in links:
        sets = link.sets
        t_grows = not all(link.below[u] for u in utilities_below)
        hit = _hits(link, sets, decision, todo, t_grows)
        if not hit:
            continue
        for x in members(hit.to_bytes(len(link.below), "little")):
            batches = out.setdefault(x, [])
            if not batches or batches[-1] != link.batch:
                batches.append(link.batch)
    return out


def _may_revive(link: RemovedLink, new: Sequence[tuple[int, int]]) -> bool:
    """Whether the links ``new`` (added together to the graph ``link`` was removed from)
    could make ``link`` requisite again: the walk argument of case (b) with several new
    links, and ``True`` whenever one of them could change ``W`` or ``T``."""
    below = link.sets[3]
    zb, tb = link.from_parent, link.from_utilities
    if any(b == link.decision or below >> 8 * a & 1 for a, b in new):
        return True
    return (any(zb.leaves_downwards(a) or zb.leaves_upwards(b) for a, b in new)
            and any(tb.leaves_upwards(b) or tb.leaves_downwards(a) for a, b in new))


def reduction_with_link(g: Compact, reduction: Reduction, links: Sequence[RemovedLink],
                        flagged: Iterable[int], x: int, decision: int,
                        decisions: Sequence[int], utilities: Sequence[int]) -> Reduction:
    """``(G + x -> decision)*``, from the reduction of ``G`` and its replay.

    The reduction's batches are replayed on ``G + x -> decision``. While the graph is
    ``G_i + N`` (the graph after ``i`` original batches, plus the new link and the links the
    replay has kept so far, ``N``), a batch that ``N`` cannot revive is removed as it is: for
    ``N = {x -> decision}`` the batches not ``flagged`` (:func:`revivable`), later those
    that pass no test of :func:`_may_revive`. Any other batch is checked by a Bayes-ball
    pass, which removes the links that are nonrequisite in the current graph. Every removal
    is valid, so the fixpoint of the result is ``(G + x -> decision)*``; if the replay ends
    in ``G*`` plus some links, only the heads of those links need another check.

    Parameters
    ----------
    g : Compact
        The diagram ``G`` (without the link).
    reduction : Reduction
        The reduction of ``G``.
    links : sequence of RemovedLink
        Its replay (:func:`replay`).
    flagged : iterable of int
        The batches ``x`` could revive (from :func:`revivable`).
    x, decision : int
        The new link ``x -> decision``; ``x`` is not a parent of ``decision``.
    decisions, utilities : sequence of int
        The agent's decisions (in the order to visit them) and utility nodes.

    Returns
    -------
    Reduction
        Its ``removed`` links are those of ``G + x -> decision``.
    """
    by_batch: dict[int, list[RemovedLink]] = {}
    for link in links:
        by_batch.setdefault(link.batch, []).append(link)
    h, batches, found = _replay_with(g.edited(added=[(x, decision)]), reduction.batches,
                                     by_batch, set(flagged), (x, decision), utilities)
    rest = _settle(h, reduction, batches, found, (x, decision), decisions, utilities)
    batches.extend(rest.batches)
    return Reduction(rest.graph, tuple((p, d) for d, ps in batches for p in ps),
                     tuple(batches), rest.balls, {})


_Found = tuple[dict[int, tuple[RequisiteBall, int]], dict[tuple[int, int], tuple[Trail, int]]]


def _replay_with(h: Compact, original: Sequence[tuple[int, tuple[int, ...]]],
                 by_batch: dict[int, list[RemovedLink]], flagged: set[int],
                 link: tuple[int, int], utilities: Sequence[int]
                 ) -> tuple[Compact, list[tuple[int, tuple[int, ...]]], _Found]:
    """Replay the batches ``original`` on ``h`` (``G`` with the new ``link``): the graph at
    the end, the batches removed, and what the checks found (each checked decision's ball,
    each kept link's trail, with the number of batches removed before it)."""
    batches: list[tuple[int, tuple[int, ...]]] = []
    new = [link]
    exact = True  # h is G_i + new
    checked: dict[int, tuple[RequisiteBall, int]] = {}
    searched: dict[tuple[int, int], tuple[Trail, int]] = {}
    for i, (d, parents) in enumerate(original):
        if exact and (i not in flagged if len(new) == 1
                      else not any(_may_revive(removed, new) for removed in by_batch[i])):
            drop = parents
        elif exact and all(b != d for _, b in new):  # d's family is as in G_i: one search a link
            trails = _link_trails(h, d, parents, utilities)
            drop = tuple(p for p in parents if trails[p] is None)
            for p in parents:
                if (trail := trails[p]) is not None:
                    new.append((p, d))
                    searched[p, d] = trail, len(batches) + bool(drop)
        else:
            ball = _requisite_ball(h, d, utilities)
            drop = tuple(p for p in h.pred[d] if not ball.has(p))
            if exact and set(drop) <= set(parents):
                new.extend((p, d) for p in parents if p not in drop)
            else:
                exact = False
            checked[d] = ball, len(batches) + bool(drop)
        if drop:
            h = h.edited(removed=[(p, d) for p in drop])
            batches.append((d, drop))
    return h, batches, (checked, searched)


def _settle(h: Compact, reduction: Reduction, batches: Sequence[tuple[int, tuple[int, ...]]],
            found: _Found, link: tuple[int, int], decisions: Sequence[int],
            utilities: Sequence[int]) -> Reduction:
    """The fixpoint from the replay's graph ``h``. When ``h`` is ``G*`` plus some links,
    only the heads of those links need a check, and not even those whose ball from the
    replay is still exact, or whose links all keep an active witness trail."""
    reduced = reduction.graph
    if not all(set(h.pred[d]) >= set(reduced.pred[d]) for d in decisions):
        return _reduce_links(h, decisions, utilities)
    checked, searched = found
    exact: dict[int, RequisiteBall] = {}
    pending = []
    for d in decisions:
        extra = set(h.pred[d]) - set(reduced.pred[d])
        if not extra:
            continue  # G*'s links of d, all requisite in G*, stay so in h
        if d in checked:
            ball, before = checked[d]
            later = [(p, e) for e, ps in batches[before:] for p in ps]
            if not any(_used(ball, e, [p]) for p, e in later) and _survives(ball, h, d):
                exact[d] = ball
                continue
            if _trails_survive(ball, h, d, later):
                continue
        elif _certified(h, reduction, batches, searched, link, d, extra, utilities):
            continue
        pending.append(d)
    return _reduce_links(h, decisions, utilities, pending=pending, balls=exact)


def _certified(h: Compact, reduction: Reduction, batches: Sequence[tuple[int, tuple[int, ...]]],
               searched: dict[tuple[int, int], tuple[Trail, int]], link: tuple[int, int],
               d: int, extra: set[int], utilities: Sequence[int]) -> bool:
    """Whether every link into ``d`` is requisite in ``h``: each link of ``G*`` keeps its
    trail of the ball in ``G*`` (``h`` has more edges; only the ``extra`` parents are new in
    the conditioning set), each kept link its trail from the replay's search, and the new
    link ``link`` (if into ``d``) has one in ``h``."""
    star = reduction.balls[d]
    for q in reduction.graph.pred[d]:
        trail = star.trail_ids(q)
        if trail is None or not _trail_active(trail, gone=set(), anc=star.anc, given=extra):
            return False
    if link[1] == d and _link_trails(h, d, [link[0]], utilities)[link[0]] is None:
        return False
    kept = extra - {link[0]} if link[1] == d else extra
    if not kept:
        return True
    anc, _ = bfs(h, [d], upwards=True)
    below, _ = bfs(h, [d], upwards=False)
    for z in kept:
        if (z, d) not in searched:
            return False
        trail, before = searched[z, d]
        gone = {(p, e) for e, ps in batches[before:] for p in ps}
        if not below[trail[0][0]] or not _trail_active(trail, gone=gone, anc=anc, given=set()):
            return False
    return True


def _trails_survive(ball: RequisiteBall, h: Compact, decision: int,
                    removed: Sequence[tuple[int, int]]) -> bool:
    """Whether the witness trail of every parent of ``decision`` in ``ball`` is still active
    in ``h``, the graph the ball was run on minus the links ``removed``: none of its edges
    was removed, its source is still below ``decision``, and each of its colliders is still
    an ancestor of ``decision`` (so every parent is still requisite)."""
    if any(ball.below[d] for _, d in removed):
        return False
    gone = set(removed)
    anc, _ = bfs(h, [decision], upwards=True)
    for q in h.pred[decision]:
        trail = ball.trail_ids(q)
        if trail is None or not _trail_active(trail, gone=gone, anc=anc, given=set()):
            return False
    return True
