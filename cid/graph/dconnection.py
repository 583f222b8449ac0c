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

from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from itertools import pairwise
from typing import Literal

import networkx as nx

from cid.errors import DiagramError
from cid.graph._common import _adjacency, _ancestors_inclusive, _node_set

__all__ = [
    "Reachability",
    "bayes_ball",
    "d_connected_nodes",
    "find_d_connecting_trail",
    "is_active_trail",
    "is_d_connected",
]

Direction = Literal["up", "down"]
_UP = 0  # arrived from a child: the ball is moving against the edges
_DOWN = 1  # arrived from a parent: the ball is moving along the edges
_State = tuple[Hashable, int, int]  # (node, direction, depth: trail length from a source)


class Reachability:
    """The result of one Bayes-ball pass: which nodes active trails reach, and the trails.

    Created by :func:`bayes_ball`; do not instantiate directly.

    Attributes
    ----------
    sources : frozenset
        The nodes the ball started from.
    given : frozenset
        The conditioning set.
    """

    __slots__ = ("sources", "given", "_anc", "_prev")

    def __init__(self, sources: frozenset[Hashable], given: frozenset[Hashable],
                 anc: set[Hashable], prev: tuple[dict[Hashable, _State | None],
                                                 dict[Hashable, _State | None]]) -> None:
        self.sources = sources
        self.given = given
        self._anc = anc
        self._prev = prev

    @property
    def reached(self) -> frozenset[Hashable]:
        """Every node at which some active trail from a source ends (sources included;
        conditioned nodes included when a trail ends there)."""
        up, down = self._prev
        return frozenset(up) | frozenset(down)

    def __contains__(self, node: object) -> bool:
        up, down = self._prev
        return node in up or node in down

    def arrived(self, node: Hashable, direction: Direction) -> bool:
        """Whether the ball arrived at ``node`` from a child (``"up"``) or a parent (``"down"``)."""
        return node in self._prev[_UP if direction == "up" else _DOWN]

    def can_leave_upwards(self, node: Hashable) -> bool:
        """Whether an active trail from a source can reach ``node`` and continue to a parent of
        ``node`` (even a parent not in the graph): the test behind s-reachability."""
        up, down = self._prev
        if node in up and node not in self.given:
            return True
        return node in down and node in self._anc

    def trail(self, node: Hashable) -> list[Hashable] | None:
        """An active trail from ``node`` back to a source (``[node, ..., source]``), or ``None``.

        The trail is a shortest one in the state graph, and therefore a simple path.
        """
        found = self.oriented_trail(node)
        return None if found is None else found[0]

    def oriented_trail(self, node: Hashable
                       ) -> tuple[list[Hashable], list[tuple[Hashable, Hashable]]] | None:
        """:meth:`trail` with its edges as they point in the graph (read off the states)."""
        if node not in self:
            return None
        prev = self._prev
        state: _State | None = self._first_state(node)
        nodes: list[Hashable] = []
        edges: list[tuple[Hashable, Hashable]] = []
        while state is not None:
            v, direction, _ = state
            nodes.append(v)
            state = prev[direction][v]
            if state is not None:  # the ball came from state[0]: down from a parent, or up
                edges.append((state[0], v) if direction == _DOWN else (v, state[0]))
        return nodes, edges

    def _first_state(self, node: Hashable) -> _State:
        up, down = self._prev
        if node in up and node in down:
            return (node, _UP, 0) if _depth(up[node]) <= _depth(down[node]) else (
                node, _DOWN, 0)
        return (node, _UP, 0) if node in up else (node, _DOWN, 0)

    def __repr__(self) -> str:
        return (f"<Reachability from {sorted(map(str, self.sources))} given "
                f"{sorted(map(str, self.given))}: {len(self.reached)} nodes reached>")


def _depth(came_from: _State | None) -> int:
    """The trail length of the state whose parent pointer is ``came_from``."""
    return 0 if came_from is None else came_from[2] + 1


def _run_ball(pred: Mapping[Hashable, Iterable[Hashable]],
              succ: Mapping[Hashable, Iterable[Hashable]],
              sources: Iterable[Hashable], given: Set[Hashable], anc: Set[Hashable],
              stop: Set[Hashable] | None = None,
              ) -> tuple[tuple[dict[Hashable, _State | None], dict[Hashable, _State | None]],
                         Hashable | None]:
    """Breadth-first Bayes-ball, level by level. Returns the parent pointers and the first
    ``stop`` node reached (at the smallest distance), if any.

    ``up[v]`` / ``down[v]`` hold the state the ball came from when it first arrived at ``v``
    from a child / from a parent (``None`` for a source).
    """
    up: dict[Hashable, _State | None] = {}
    down: dict[Hashable, _State | None] = {}
    ups: list[Hashable] = []
    for s in sources:
        if s not in up:
            up[s] = None
            ups.append(s)
    downs: list[Hashable] = []
    level = 0  # the depth of the states in ups and downs
    while ups or downs:
        if stop:
            hit = next((v for v in (*ups, *downs) if v in stop), None)
            if hit is not None:
                return (up, down), hit
        new_ups: list[Hashable] = []
        new_downs: list[Hashable] = []
        for v in ups:  # arrived from a child: pass on unless observed
            if v in given:
                continue
            state = (v, _UP, level)
            for p in pred[v]:
                if p not in up:
                    up[p] = state
                    new_ups.append(p)
            for c in succ[v]:
                if c not in down:
                    down[c] = state
                    new_downs.append(c)
        for v in downs:  # arrived from a parent: on to children unless observed,
            state = (v, _DOWN, level)  # back up to the parents if v is an observed collider
            if v not in given:
                for c in succ[v]:
                    if c not in down:
                        down[c] = state
                        new_downs.append(c)
            if v in anc:
                for p in pred[v]:
                    if p not in up:
                        up[p] = state
                        new_ups.append(p)
        ups, downs = new_ups, new_downs
        level += 1
    return (up, down), None


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
    pred, succ = _adjacency(G)
    anc = _ancestors_inclusive(pred, z)
    prev, _ = _run_ball(pred, succ, sorted(src, key=str), z, anc)
    return Reachability(frozenset(src), frozenset(z), anc, prev)


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
    pred, succ = _adjacency(G)
    anc = _ancestors_inclusive(pred, z)
    prev, hit = _run_ball(pred, succ, sorted(xs, key=str), z, anc, stop=ys)
    if hit is None:
        return None
    trail = Reachability(frozenset(xs), frozenset(z), anc, prev).trail(hit)
    assert trail is not None
    return trail[::-1]


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
                    given: Iterable[Hashable] = ()) -> bool:
    """Whether ``trail`` is a simple path of the skeleton of ``G`` that is active given ``given``.

    Parameters
    ----------
    G : networkx.DiGraph
    trail : sequence of nodes
        Consecutive nodes must be adjacent (in either direction).
    given : iterable of nodes, optional
        The end points may belong to it.

    Returns
    -------
    bool

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
    if not nodes or len(set(nodes)) != len(nodes) or any(n not in G for n in nodes):
        return False
    for a, b in pairwise(nodes):
        if not (G.has_edge(a, b) or G.has_edge(b, a)):
            return False
    pred, _ = _adjacency(G)
    z = set(given)
    anc = _ancestors_inclusive(pred, (n for n in z if n in G))
    for a, v, b in zip(nodes, nodes[1:], nodes[2:], strict=False):
        collider = G.has_edge(a, v) and G.has_edge(b, v)
        if collider and v not in anc:
            return False
        if not collider and v in z:
            return False
    return True

