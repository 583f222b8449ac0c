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
information; only the others are decided by the definition (one reduction each). The test
needs two Bayes-ball passes per removed link (:func:`replay`), shared by every decision of
the agent and every candidate.

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

from cid.graph._compact import Compact, bfs
from cid.graph.dconnection import Reachability

__all__ = ["RemovedLink", "replay", "revivable"]


@dataclass(frozen=True)
class RemovedLink:
    """A link ``parent -> decision`` (node numbers) removed by the reduction, with the two
    passes of the graph ``K`` it was removed from, both given ``Fa_K(decision) \\ {parent}``."""

    parent: int
    decision: int
    given: frozenset[int]
    below: bytearray  # Desc_K(decision), as a mask
    from_parent: Reachability
    from_utilities: Reachability


def replay(g: Compact, batches: Iterable[tuple[int, tuple[int, ...]]],
           utilities: Sequence[int]) -> list[RemovedLink]:
    """Replay the reduction's removals on ``g`` (not modified): two passes per link.

    Parameters
    ----------
    g : Compact
        The diagram.
    batches : iterable of (decision, parents)
        The removals, in order, as recorded by :func:`cid.graph.reduction._reduce_links`.
    utilities : sequence of int
        The agent's utility nodes (the order the passes start in).

    Returns
    -------
    list of RemovedLink
    """
    out: list[RemovedLink] = []
    for d, parents in batches:
        below, _ = bfs(g, [d], upwards=False)
        below[d] = 0
        t = [u for u in utilities if below[u]]
        for z in parents:
            w = [p for p in g.pred[d] if p != z]
            w.append(d)
            anc, _ = bfs(g, w, upwards=True)
            out.append(RemovedLink(z, d, frozenset(w), below,
                                   Reachability.run(g, [z], w, anc=anc),
                                   Reachability.run(g, t, w, anc=anc)))
        g = g.edited(removed=[(p, d) for p in parents])
    return out


def revivable(links: Iterable[RemovedLink], decision: int, gap: Iterable[int],
              utilities_below: Sequence[int]) -> set[int]:
    """The candidates of ``gap`` whose new link ``X -> decision`` could make a removed link
    requisite again (a superset: see the module notes); the rest have no value of
    information.

    Parameters
    ----------
    links : iterable of RemovedLink
        From :func:`replay`.
    decision : int
    gap : iterable of int
        Candidates between the two bounds, none a parent or descendant of ``decision``.
    utilities_below : sequence of int
        The agent's utility nodes descending from ``decision`` (in ``G``; a superset of those
        in each intermediate graph is enough).

    Returns
    -------
    set of int
    """
    todo = set(gap)
    out: set[int] = set()
    for link in links:
        if not todo:
            break
        zb, tb, w = link.from_parent, link.from_utilities, link.given
        z_seen, t_seen = zb.seen, tb.seen
        if link.decision == decision:  # case (a)
            hit = {x for x in todo if z_seen[x] and t_seen[x]}
        else:  # case (b)
            up_z = zb.leaves_upwards(decision)
            up_t = tb.leaves_upwards(decision)
            if up_z and up_t:
                hit = set(todo)
            elif up_z:
                hit = {x for x in todo if t_seen[x] and x not in w}
            elif up_t:
                hit = {x for x in todo if z_seen[x] and x not in w}
            else:
                hit = {x for x in todo if z_seen[x] and t_seen[x] and x not in w}
            below = link.below
            if not all(below[u] for u in utilities_below):  # T can grow through X -> decision
                hit |= {x for x in todo if below[x] or x == link.decision}
        out |= hit
        todo -= hit
    return out
