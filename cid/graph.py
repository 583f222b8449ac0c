"""Graph algorithms for influence diagrams: d-connection with witness trails, requisite
observations, minimal d-reduction, s-reachability and sufficient recall.

Every function here is a pure function of a :class:`networkx.DiGraph` (the graph comes first,
options are keyword-only) and never mutates its input. Nothing here knows about
:class:`cid.Diagram`; the incentive criteria in :mod:`cid.incentives` are built on top.

All queries are answered with **Bayes-ball** (Shachter 1998): a breadth-first search over
*(node, direction)* states, linear in the size of the graph. A state ``(v, "up")`` means the
ball arrived at ``v`` from a child, ``(v, "down")`` that it arrived from a parent. Keeping a
parent pointer per state turns the search into a witness: the BFS path to the first state of a
node is an *active trail* (a simple path of the skeleton whose colliders are ancestors of the
conditioning set and whose other intermediate nodes are outside it). Simple paths are never
enumerated: their number is exponential in the size of the graph.

References
----------
.. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime (for Determining Irrelevance and
   Requisite Information in Belief Networks and Influence Diagrams)", UAI 1998.
.. [2] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and solving
   games", Games and Economic Behavior 45 (2003): s-reachability and the relevance graph.
.. [3] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with limited
   information", Management Science 47 (2001): requisite observations and d-reduction.
.. [4] T. Everitt, R. Carey, E. Langlois, P. A. Ortega, S. Legg, "Agent Incentives: A Causal
   Perspective", AAAI 2021, arXiv:2102.01685.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from itertools import pairwise
from typing import Literal

import networkx as nx

from cid.errors import DiagramError, NodeNotFoundError

__all__ = [
    "Reachability",
    "bayes_ball",
    "d_connected_nodes",
    "find_d_connecting_trail",
    "has_sufficient_recall",
    "is_active_trail",
    "is_d_connected",
    "minimal_d_reduction",
    "relevance_graph",
    "requisite_observations",
    "s_reachable_decisions",
]

Direction = Literal["up", "down"]
_UP = 0  # arrived from a child: the ball is moving against the edges
_DOWN = 1  # arrived from a parent: the ball is moving along the edges
_State = tuple[Hashable, int]


# --------------------------------------------------------------------------- helpers
def _adjacency(G: nx.DiGraph[Hashable]) -> tuple[Mapping[Hashable, Mapping[Hashable, object]],
                                       Mapping[Hashable, Mapping[Hashable, object]]]:
    """The raw predecessor and successor mappings (fast iteration, no view objects)."""
    pred = getattr(G, "_pred", None)
    succ = getattr(G, "_succ", None)
    if pred is None or succ is None:  # pragma: no cover - exotic graph classes
        return G.pred, G.succ
    return pred, succ


def _node_set(G: nx.DiGraph[Hashable], nodes: Hashable | Iterable[Hashable], *,
              what: str) -> set[Hashable]:
    """Read "a node or an iterable of nodes": anything that is a node of G is one node."""
    out: set[Hashable]
    if isinstance(nodes, str) or (isinstance(nodes, Hashable) and nodes in G):
        out = {nodes}
    elif isinstance(nodes, Iterable):
        out = set(nodes)
    else:
        out = {nodes}
    missing = sorted((n for n in out if n not in G), key=str)
    if missing:
        names = ", ".join(repr(n) for n in missing)
        raise NodeNotFoundError(f"{what}: unknown node{'s' if len(missing) > 1 else ''} {names}")
    return out


def _ancestors_inclusive(pred: Mapping[Hashable, Iterable[Hashable]],
                         nodes: Iterable[Hashable]) -> set[Hashable]:
    """``nodes`` together with all their ancestors."""
    seen = set(nodes)
    stack = list(seen)
    while stack:
        v = stack.pop()
        for p in pred[v]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _descendants(succ: Mapping[Hashable, Iterable[Hashable]], node: Hashable) -> set[Hashable]:
    """The strict descendants of ``node``."""
    seen: set[Hashable] = set()
    stack = [node]
    while stack:
        v = stack.pop()
        for c in succ[v]:
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


# --------------------------------------------------------------------------- Bayes-ball
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
        if node not in self:
            return None
        state: _State | None = self._first_state(node)
        out: list[Hashable] = []
        while state is not None:
            out.append(state[0])
            state = self._prev[state[1]][state[0]]
        return out

    def _first_state(self, node: Hashable) -> _State:
        up, down = self._prev
        if node in up and node in down:
            return (node, _UP) if _depth(self._prev, (node, _UP)) <= _depth(
                self._prev, (node, _DOWN)) else (node, _DOWN)
        return (node, _UP) if node in up else (node, _DOWN)

    def __repr__(self) -> str:
        return (f"<Reachability from {sorted(map(str, self.sources))} given "
                f"{sorted(map(str, self.given))}: {len(self.reached)} nodes reached>")


def _depth(prev: tuple[dict[Hashable, _State | None], dict[Hashable, _State | None]],
           state: _State) -> int:
    n = 0
    cur: _State | None = prev[state[1]][state[0]]
    while cur is not None:
        n += 1
        cur = prev[cur[1]][cur[0]]
    return n


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
            state = (v, _UP)
            for p in pred[v]:
                if p not in up:
                    up[p] = state
                    new_ups.append(p)
            for c in succ[v]:
                if c not in down:
                    down[c] = state
                    new_downs.append(c)
        for v in downs:  # arrived from a parent: on to children unless observed,
            state = (v, _DOWN)  # back up to the parents if v is an observed collider
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


# --------------------------------------------------------------------------- requisite links
def _check_decision(G: nx.DiGraph[Hashable], decision: Hashable, *, what: str) -> None:
    if decision not in G:
        raise NodeNotFoundError(f"{what}: unknown decision {decision!r}")


def _utility_set(G: nx.DiGraph[Hashable], utilities: Iterable[Hashable], *,
                 what: str) -> set[Hashable]:
    us: set[Hashable] = {utilities} if isinstance(utilities, str) else set(utilities)
    missing = sorted((u for u in us if u not in G), key=str)
    if missing:
        raise NodeNotFoundError(f"{what}: unknown utility node{'s' if len(missing) > 1 else ''} "
                                f"{', '.join(map(repr, missing))}")
    return us


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
                  ) -> tuple[_Adj, _Adj, list[tuple[Hashable, Hashable]]]:
    """Remove nonrequisite information links until none is left (the fixpoint).

    Works on copy-on-write adjacency mappings (the inputs are not modified) and returns the
    reduced ``(pred, succ)`` and the removed links. Decisions are visited cyclically in the
    given order (reverse topological is fastest); the loop stops once every decision has
    been checked against the current graph without a removal.

    If ``balls = (original, final)`` is given, it receives the requisite Bayes-balls computed
    on the input graph (for the decisions checked before the first removal) and on the
    reduced graph (for every decision), so that callers need not run them again.
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
            pred2[d] = {p: v for p, v in pred2[d].items() if p not in drop}
            for p in drop:
                succ2[p] = {c: v for c, v in succ2[p].items() if c != d}
                removed.append((p, d))
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


def _ordered_decisions(G: nx.DiGraph[Hashable], decisions: Iterable[Hashable], *,
                       what: str) -> list[Hashable]:
    """``decisions`` in reverse topological order (ties by name)."""
    ds = set(decisions) if not isinstance(decisions, str) else {decisions}
    for d in ds:
        _check_decision(G, d, what=what)
    topo = {n: i for i, n in enumerate(nx.topological_sort(G))}
    return sorted(ds, key=lambda d: (topo[d], str(d)), reverse=True)


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


# --------------------------------------------------------------------------- sufficient recall
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
    pred, succ = _adjacency(G)
    ball = _requisite_ball(pred, succ, decision, us)
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
        for d in order:
            per[d] = _utility_set(G, utilities.get(d, ()), what="relevance_graph")
    else:
        us = _utility_set(G, utilities, what="relevance_graph")
        per = {d: us for d in order}
    pred, succ = _adjacency(G)
    R: nx.DiGraph[Hashable] = nx.DiGraph()
    R.add_nodes_from(order)
    R.add_edges_from(_relevance_edges(pred, succ, order, per))
    return R


def _relevance_edges(pred: Mapping[Hashable, Mapping[Hashable, object]],
                     succ: Mapping[Hashable, Mapping[Hashable, object]],
                     decisions: Sequence[Hashable],
                     utilities: Mapping[Hashable, Set[Hashable]],
                     ) -> list[tuple[Hashable, Hashable]]:
    """The edges ``D -> D'`` of the relevance graph (one Bayes-ball pass per decision)."""
    edges: list[tuple[Hashable, Hashable]] = []
    for d in decisions:
        ball = _requisite_ball(pred, succ, d, utilities[d])
        edges.extend((d, e) for e in decisions if e != d and ball.can_leave_upwards(e))
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
