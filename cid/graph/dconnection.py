"""Bayes-ball: d-connection, the nodes an active trail reaches, and witness trails.

A state ``(v, "up")`` means the ball arrived at ``v`` from a child, ``(v, "down")`` that it
arrived from a parent. The search is breadth-first, so the parent pointers give a shortest
path in the state graph, which is a simple active trail.

References
----------
.. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime (for Determining Irrelevance and
   Requisite Information in Belief Networks and Influence Diagrams)", UAI 1998.
.. [2] J. Pearl, *Probabilistic Reasoning in Intelligent Systems*, 1988 (d-separation).
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Sequence
from itertools import pairwise
from typing import Literal

import networkx as nx

from cid.errors import DiagramError, NodeNotFoundError
from cid.graph._common import _adjacency, _ancestors_inclusive, _node_set
from cid.graph._compact import (
    DOWN,
    SOURCE,
    UNSEEN,
    UP,
    Ball,
    Compact,
    bfs,
    mask,
    members,
    run_ball,
)

__all__ = [
    "Reachability",
    "bayes_ball",
    "d_connected_nodes",
    "find_d_connecting_trail",
    "is_active_trail",
    "is_d_connected",
]

Direction = Literal["up", "down"]


class Reachability:
    """The result of one Bayes-ball pass: which nodes active trails reach, and the trails.

    Created by :func:`bayes_ball`; do not instantiate directly.

    Attributes
    ----------
    graph : Compact
        The graph searched (node numbers are positions in ``graph.names``).
    source_ids, given_ids : sequence of int
        The numbers of the sources and of the conditioning set.
    """

    __slots__ = ("graph", "source_ids", "given_ids", "seen", "_given", "_anc", "_ball")

    def __init__(self, graph: Compact, sources: Sequence[int], given: Sequence[int],
                 given_mask: bytearray, anc: bytearray, ball: Ball) -> None:
        self.graph = graph
        self.source_ids = sources
        self.given_ids = given
        self.seen = ball.seen
        self._given = given_mask
        self._anc = anc
        self._ball = ball

    @classmethod
    def run(cls, graph: Compact, sources: Sequence[int], given: Sequence[int], *,
            anc: bytearray | None = None) -> Reachability:
        """One pass from the node numbers ``sources`` given the numbers ``given`` (whose
        ancestors, themselves included, are the mask ``anc`` if known)."""
        z = mask(len(graph), given)
        if anc is None:
            anc, _ = bfs(graph, given, upwards=True)
        return cls(graph, sources, given, z, anc, run_ball(graph, sources, z, anc))

    @property
    def sources(self) -> frozenset[Hashable]:
        """The nodes the ball started from."""
        return frozenset(self.graph.names[i] for i in self.source_ids)

    @property
    def given(self) -> frozenset[Hashable]:
        """The conditioning set."""
        return frozenset(self.graph.names[i] for i in self.given_ids)

    # ------------------------------------------------------------------ by node number
    def has(self, i: int) -> bool:
        """Whether the ball reached node number ``i`` (``seen`` is the mask of all of them)."""
        return bool(self.seen[i])

    def leaves_upwards(self, i: int) -> bool:
        """:meth:`can_leave_upwards` by node number."""
        up, down = self._ball.prev
        return ((up[i] != UNSEEN and not self._given[i])
                or (down[i] != UNSEEN and bool(self._anc[i])))

    def from_parent(self, i: int) -> bool:
        """Whether the ball arrived at node number ``i`` from a parent."""
        return self._ball.prev[DOWN][i] != UNSEEN

    def crosses(self, a: int, b: int) -> bool:
        """Whether a witness trail of the ball crosses the edge ``a -> b`` (node numbers): the
        ball first arrived at ``b`` from ``a`` or at ``a`` from ``b``."""
        up, down = self._ball.prev
        return down[b] >> 1 == a or up[a] >> 1 == b

    def leaves_downwards(self, i: int) -> bool:
        """Whether an active trail from a source can reach node ``i`` and continue to a child of
        it (even a child not in the graph): ``i`` is reached and not observed."""
        return self.has(i) and not self._given[i]

    def reached_ids(self) -> list[int]:
        """The numbers of the reached nodes, in increasing order."""
        return members(self.seen)

    @property
    def pointers(self) -> tuple[array[int], array[int]]:
        """For each direction (``UP = 0``, ``DOWN = 1``), the state ``2 u + direction`` each
        node's state was first reached from (``-1`` for a source, ``-2`` if not reached)."""
        return self._ball.prev

    def trail_ids(self, i: int) -> tuple[list[int], list[tuple[int, int]]] | None:
        """:meth:`oriented_trail` by node number."""
        ball = self._ball
        prev = ball.prev
        up, down = prev[UP][i], prev[DOWN][i]
        if up == UNSEEN and down == UNSEEN:
            return None
        direction = UP if up != UNSEEN and (
            down == UNSEEN or ball.depth(2 * i + UP) <= ball.depth(2 * i + DOWN)) else DOWN
        v = i
        nodes = [v]
        edges: list[tuple[int, int]] = []
        came = prev[direction][v]
        while came != SOURCE:
            u = came >> 1  # down: u is a parent of v; up: u is a child of v
            edges.append((u, v) if direction == DOWN else (v, u))
            v, direction = u, came & 1
            nodes.append(v)
            came = prev[direction][v]
        return nodes, edges

    # ------------------------------------------------------------------ by node name
    @property
    def reached(self) -> frozenset[Hashable]:
        """Every node at which some active trail from a source ends (sources included;
        conditioned nodes included when a trail ends there)."""
        names = self.graph.names
        return frozenset(names[i] for i in self.reached_ids())

    def __contains__(self, node: object) -> bool:
        i = self.graph.index.get(node)
        return i is not None and self.has(i)

    def _id(self, node: Hashable) -> int:
        i = self.graph.index.get(node)
        if i is None:
            raise NodeNotFoundError(f"Reachability: unknown node {node!r}")
        return i

    def arrived(self, node: Hashable, direction: Direction) -> bool:
        """Whether the ball arrived at ``node`` from a child (``"up"``) or a parent (``"down"``)."""
        return self._ball.prev[UP if direction == "up" else DOWN][self._id(node)] != UNSEEN

    def can_leave_upwards(self, node: Hashable) -> bool:
        """Whether an active trail from a source can reach ``node`` and continue to a parent of
        ``node`` (even a parent not in the graph): the test behind s-reachability."""
        return self.leaves_upwards(self._id(node))

    def trail(self, node: Hashable) -> list[Hashable] | None:
        """An active trail from ``node`` back to a source (``[node, ..., source]``), or ``None``.

        The trail is a shortest one in the state graph, and therefore a simple path.
        """
        found = self.oriented_trail(node)
        return None if found is None else found[0]

    def oriented_trail(self, node: Hashable
                       ) -> tuple[list[Hashable], list[tuple[Hashable, Hashable]]] | None:
        """:meth:`trail` with its edges as they point in the graph (read off the states)."""
        found = self.trail_ids(self._id(node))
        if found is None:
            return None
        names = self.graph.names
        nodes, edges = found
        return [names[v] for v in nodes], [(names[a], names[b]) for a, b in edges]

    def __repr__(self) -> str:
        return (f"<Reachability from {sorted(map(str, self.sources))} given "
                f"{sorted(map(str, self.given))}: {len(self.reached_ids())} nodes reached>")


def compact(G: nx.DiGraph[Hashable]) -> Compact:
    """``G`` as a :class:`~cid.graph._compact.Compact` graph (nodes in ``G``'s order, parents
    and children in ``G``'s adjacency order)."""
    pred, succ = _adjacency(G)
    names = list(pred)
    index = {v: i for i, v in enumerate(names)}
    return Compact(names, [[index[p] for p in pred[v]] for v in names],
                   [[index[c] for c in succ[v]] for v in names], index)


def _by_name(g: Compact, nodes: Iterable[Hashable]) -> list[int]:
    """Node numbers, sorted by the names' text (the order the searches start in)."""
    return g.ids(sorted(nodes, key=str))


def bayes_ball(G: nx.DiGraph[Hashable], sources: Hashable | Iterable[Hashable], *,
               given: Hashable | Iterable[Hashable] = ()) -> Reachability:
    """Run Bayes-ball from ``sources`` given ``given``: every node an active trail reaches.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph.
    sources : node or iterable of nodes
        Where the trails start (anything that is a node of ``G`` counts as one node).
    given : node or iterable of nodes, optional
        The conditioning set; disjoint from ``sources``.

    Returns
    -------
    Reachability
        ``r.reached`` is the set of trail end points; ``r.trail(v)`` is an active trail from
        ``v`` back to a source, or ``None``.

    Raises
    ------
    NodeNotFoundError
        If a node is not in ``G``.
    DiagramError
        If ``sources`` and ``given`` overlap.

    Notes
    -----
    A trail is active given :math:`Z` when every collider on it is in :math:`Z` or has a
    descendant in :math:`Z`, and no other intermediate node is in :math:`Z`; the search is
    linear in the number of nodes and edges.

    References
    ----------
    .. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("X", "M"), ("M", "Y"), ("X", "C"), ("Y", "C")])
    >>> r = bayes_ball(G, "X", given=["M", "C"])
    >>> sorted(r.reached)
    ['C', 'M', 'X', 'Y']
    >>> r.trail("Y")
    ['Y', 'C', 'X']
    """
    src = _node_set(G, sources, what="bayes_ball sources")
    z = _node_set(G, given, what="bayes_ball given")
    overlap = src & z
    if overlap:
        raise DiagramError(f"bayes_ball: nodes both sources and given: "
                           f"{', '.join(sorted(map(str, overlap)))}")
    g = compact(G)
    return Reachability.run(g, _by_name(g, src), g.ids(z))


def _check_disjoint(x: set[Hashable], y: set[Hashable], z: set[Hashable], *, what: str) -> None:
    for a, b, names in ((x, y, "x and y"), (x, z, "x and given"), (y, z, "y and given")):
        both = a & b
        if both:
            raise DiagramError(f"{what}: {names} share {', '.join(sorted(map(str, both)))}; "
                               "they must be disjoint")


def find_d_connecting_trail(G: nx.DiGraph[Hashable], x: Hashable | Iterable[Hashable],
                            y: Hashable | Iterable[Hashable], *,
                            given: Hashable | Iterable[Hashable] = ()) -> list[Hashable] | None:
    """An active trail from ``x`` to ``y`` given ``given``, or ``None`` if d-separated.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph.
    x, y : node or iterable of nodes
        The two ends (a set means "some node of the set").
    given : node or iterable of nodes, optional
        The conditioning set. ``x``, ``y`` and ``given`` must be disjoint.

    Returns
    -------
    list or None
        The nodes of a shortest active trail, from a node of ``x`` to a node of ``y``.

    Raises
    ------
    NodeNotFoundError
        If a node is not in ``G``.
    DiagramError
        If the three sets are not disjoint.

    Notes
    -----
    :math:`X` and :math:`Y` are d-connected given :math:`Z` iff some trail between them has
    every collider in :math:`\\mathrm{An}(Z) \\cup Z` and no other node in :math:`Z`; the trail
    is found by a breadth-first Bayes-ball, in time linear in the size of ``G``.

    References
    ----------
    .. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.
    .. [2] J. Pearl, *Probabilistic Reasoning in Intelligent Systems*, 1988 (d-separation).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("S", "D"), ("S", "U"), ("D", "U")])
    >>> find_d_connecting_trail(G, "S", "U", given=["D"])
    ['S', 'U']
    >>> G.remove_edge("S", "U")
    >>> find_d_connecting_trail(G, "S", "U", given=["D"]) is None
    True
    """
    xs = _node_set(G, x, what="find_d_connecting_trail x")
    ys = _node_set(G, y, what="find_d_connecting_trail y")
    z = _node_set(G, given, what="find_d_connecting_trail given")
    _check_disjoint(xs, ys, z, what="find_d_connecting_trail")
    if not xs or not ys:
        return None
    g = compact(G)
    given_mask = mask(len(g), g.ids(z))
    anc, _ = bfs(g, g.ids(z), upwards=True)
    ball = run_ball(g, _by_name(g, xs), given_mask, anc, stop=mask(len(g), g.ids(ys)))
    if ball.hit < 0:
        return None
    found = Reachability(g, g.ids(xs), g.ids(z), given_mask, anc, ball).trail_ids(ball.hit)
    assert found is not None
    return [g.names[i] for i in reversed(found[0])]


def is_d_connected(G: nx.DiGraph[Hashable], x: Hashable | Iterable[Hashable],
                   y: Hashable | Iterable[Hashable], *,
                   given: Hashable | Iterable[Hashable] = ()) -> bool:
    """Whether ``x`` and ``y`` are d-connected given ``given``.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph.
    x, y : node or iterable of nodes
    given : node or iterable of nodes, optional
        ``x``, ``y`` and ``given`` must be disjoint.

    Returns
    -------
    bool

    Notes
    -----
    The negation of d-separation: some trail between ``x`` and ``y`` is active given
    ``given`` (see :func:`find_d_connecting_trail`, which also returns the trail).

    References
    ----------
    .. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "C"), ("B", "C")])
    >>> is_d_connected(G, "A", "B"), is_d_connected(G, "A", "B", given="C")
    (False, True)
    """
    return find_d_connecting_trail(G, x, y, given=given) is not None


def d_connected_nodes(G: nx.DiGraph[Hashable], x: Hashable | Iterable[Hashable], *,
                      given: Hashable | Iterable[Hashable] = ()) -> frozenset[Hashable]:
    """Every node d-connected to ``x`` given ``given``, in one pass.

    Parameters
    ----------
    G : networkx.DiGraph
        A directed acyclic graph.
    x : node or iterable of nodes
    given : node or iterable of nodes, optional
        Disjoint from ``x``.

    Returns
    -------
    frozenset
        The nodes outside ``x`` and ``given`` with an active trail from ``x``.

    Notes
    -----
    One Bayes-ball pass answers "is :math:`Y` d-connected to :math:`X` given :math:`Z`" for
    every :math:`Y` at once, in time linear in the size of ``G``.

    References
    ----------
    .. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "B"), ("B", "C"), ("D", "C")])
    >>> sorted(d_connected_nodes(G, "A"))
    ['B', 'C']
    >>> sorted(d_connected_nodes(G, "A", given="C"))
    ['B', 'D']
    """
    r = bayes_ball(G, x, given=given)
    return r.reached - r.sources - r.given


def is_active_trail(G: nx.DiGraph[Hashable], trail: Sequence[Hashable], *,
                    given: Hashable | Iterable[Hashable] = ()) -> bool:
    """Whether ``trail`` is a simple path of the skeleton of ``G`` that is active given ``given``.

    Parameters
    ----------
    G : networkx.DiGraph
    trail : sequence of nodes
        Consecutive nodes must be adjacent (in either direction).
    given : node or iterable of nodes, optional
        The end points may belong to it.

    Returns
    -------
    bool

    Raises
    ------
    NodeNotFoundError
        If a node of ``trail`` or of ``given`` is not in ``G``.

    Notes
    -----
    A trail is active when each intermediate collider is in :math:`\\mathrm{An}(Z) \\cup Z`
    and each other intermediate node is outside :math:`Z`.

    References
    ----------
    .. [1] J. Pearl, *Probabilistic Reasoning in Intelligent Systems*, 1988 (d-separation).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("A", "C"), ("B", "C")])
    >>> is_active_trail(G, ["A", "C", "B"]), is_active_trail(G, ["A", "C", "B"], given=["C"])
    (False, True)
    """
    nodes = list(trail)
    _node_set(G, nodes, what="is_active_trail trail")
    z = _node_set(G, given, what="is_active_trail given")
    if not nodes or len(set(nodes)) != len(nodes):
        return False
    for a, b in pairwise(nodes):
        if not (G.has_edge(a, b) or G.has_edge(b, a)):
            return False
    pred, _ = _adjacency(G)
    anc = _ancestors_inclusive(pred, z)
    for a, v, b in zip(nodes, nodes[1:], nodes[2:], strict=False):
        collider = G.has_edge(a, v) and G.has_edge(b, v)
        if collider and v not in anc:
            return False
        if not collider and v in z:
            return False
    return True

