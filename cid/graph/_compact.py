"""Compact graphs and the searches every algorithm of :mod:`cid.graph` is built on.

A :class:`Compact` graph numbers its nodes ``0 .. n-1`` (in a topological order when built
from a diagram) and keeps parents and children as lists of int lists; sets of nodes are
``bytearray`` masks, Bayes-ball states are the ints ``2 v + direction``, and pointers live in
``array`` objects. Next to a dict of dicts of strings this is a few times smaller, has no
per-state objects for the garbage collector to walk, and keeps the memory a search touches
close together.

Every search is breadth-first and *level-synchronous*: the frontier of one level is expanded
as a whole. A small frontier is expanded by a Python loop over the int lists; a large one (at
least :data:`VECTOR_FRONTIER` nodes, in a graph of at least :data:`VECTOR_NODES` nodes) by
numpy, on CSR copies of the adjacency and on numpy views of the same masks and pointer
arrays. Both expansions reach the same states at the same level; each new state points to a
state of the level before (which one may differ between the two), so every pointer chain is a
shortest path of the state graph either way. Small graphs never import numpy.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Ball", "Compact", "bfs", "both", "but_not", "mask", "members", "run_ball"]

VECTOR_NODES = 4096  #: graphs smaller than this are searched in Python only
VECTOR_FRONTIER = 128  #: a frontier at least this large is expanded by numpy
UNSEEN = -2  #: pointer of a state (or node) not reached
SOURCE = -1  #: pointer of a source
UP = 0  #: state ``2 v + UP``: the ball arrived at ``v`` from a child
DOWN = 1  #: state ``2 v + DOWN``: the ball arrived at ``v`` from a parent

_np: Any = None


def _numpy() -> Any:
    global _np
    if _np is None:
        import numpy

        _np = numpy
    return _np


Csr = tuple["npt.NDArray[np.int64]", "npt.NDArray[np.int64]"]


class Compact:
    """A directed acyclic graph over ``0 .. n-1``, with the node names it stands for.

    Parameters
    ----------
    names : sequence
        ``names[i]`` is node ``i``.
    pred, succ : list of list of int
        Parents and children of each node, in a fixed order (searches follow it).

    Notes
    -----
    Treat as immutable: :meth:`edited` returns a new graph that shares the unchanged lists.
    """

    __slots__ = ("names", "index", "pred", "succ", "_csr")

    def __init__(self, names: Sequence[Hashable], pred: list[list[int]],
                 succ: list[list[int]], index: dict[Hashable, int] | None = None) -> None:
        self.names = names
        self.index = index if index is not None else {v: i for i, v in enumerate(names)}
        self.pred = pred
        self.succ = succ
        self._csr: tuple[Csr, Csr] | None = None

    @classmethod
    def from_edges(cls, names: Sequence[Hashable],
                   edges: Iterable[tuple[Hashable, Hashable]]) -> Compact:
        """Build from an edge list: each node's parents, and each node's children, in the
        order their edges come."""
        index = {v: i for i, v in enumerate(names)}
        pred: list[list[int]] = [[] for _ in names]
        succ: list[list[int]] = [[] for _ in names]
        for a, b in edges:
            i, j = index[a], index[b]
            pred[j].append(i)
            succ[i].append(j)
        return cls(names, pred, succ, index)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def vectorised(self) -> bool:
        """Whether large frontiers are expanded by numpy."""
        return len(self.names) >= VECTOR_NODES

    def csr(self) -> tuple[Csr, Csr]:
        """``(indptr, indices)`` of the parents and of the children (built on first use)."""
        if self._csr is None:
            self._csr = (_to_csr(self.pred), _to_csr(self.succ))
        return self._csr

    def edited(self, *, removed: Iterable[tuple[int, int]] = (),
               added: Iterable[tuple[int, int]] = ()) -> Compact:
        """A copy without the edges ``removed`` and with the edges ``added`` (as ``(tail,
        head)``); the lists of untouched nodes are shared."""
        pred = list(self.pred)
        succ = list(self.succ)
        copied: set[tuple[int, int]] = set()  # (0, node): pred[node] copied; (1, node): succ

        def own(lists: list[list[int]], side: int, node: int) -> list[int]:
            if (side, node) not in copied:
                lists[node] = list(lists[node])
                copied.add((side, node))
            return lists[node]

        for a, b in removed:
            own(pred, 0, b).remove(a)
            own(succ, 1, a).remove(b)
        for a, b in added:
            own(pred, 0, b).append(a)
            own(succ, 1, a).append(b)
        return Compact(self.names, pred, succ, self.index)

    def ids(self, nodes: Iterable[Hashable]) -> list[int]:
        """The numbers of ``nodes``."""
        index = self.index
        return [index[v] for v in nodes]


def _to_csr(lists: list[list[int]]) -> Csr:
    np = _numpy()
    indptr = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    flat = [x for row in lists for x in row]
    return indptr, np.array(flat, dtype=np.int64)


def _expand(csr: Csr, front: npt.NDArray[np.int64]
            ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every neighbour of the nodes of ``front``, with the position in ``front`` it came from."""
    np = _numpy()
    indptr, indices = csr
    starts = indptr[front]
    counts = indptr[front + 1] - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    pos = np.repeat(np.arange(front.size, dtype=np.int64), counts)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return indices[offsets + starts[pos]], pos


def mask(n: int, nodes: Iterable[int]) -> bytearray:
    """A ``bytearray`` of length ``n`` with 1 at ``nodes``."""
    out = bytearray(n)
    for i in nodes:
        out[i] = 1
    return out


def members(m: bytes | bytearray) -> list[int]:
    """The positions of the 1s of a mask, in increasing order."""
    if len(m) >= VECTOR_NODES:
        np = _numpy()
        found: list[int] = np.flatnonzero(np.frombuffer(m, dtype=np.uint8)).tolist()
        return found
    out: list[int] = []
    find = m.find
    i = find(1)
    while i >= 0:
        out.append(i)
        i = find(1, i + 1)
    return out


def both(a: bytes | bytearray, b: bytes | bytearray) -> bytearray:
    """The mask of positions that are 1 in ``a`` and in ``b`` (masks hold only 0s and 1s)."""
    n = len(a)
    return bytearray((int.from_bytes(a, "little") & int.from_bytes(b, "little"))
                     .to_bytes(n, "little"))


def but_not(a: bytes | bytearray, b: bytes | bytearray) -> bytearray:
    """The mask of positions that are 1 in ``a`` and 0 in ``b``."""
    n = len(a)
    ones = int.from_bytes(b"\x01" * n, "little")
    return bytearray((int.from_bytes(a, "little") & (ones - int.from_bytes(b, "little")))
                     .to_bytes(n, "little"))


# --------------------------------------------------------------------------- plain BFS
def bfs(g: Compact, sources: Iterable[int], *, upwards: bool) -> tuple[bytearray, array[int]]:
    """Breadth-first search from ``sources`` along the parents (``upwards``) or the children.

    Returns ``(seen, prev)``: ``seen[v]`` is 1 for a reached node and ``prev[v]`` the node it
    was reached from (:data:`SOURCE` for a source, :data:`UNSEEN` if not reached).
    """
    n = len(g)
    adj = g.pred if upwards else g.succ
    seen = bytearray(n)
    prev = array("l", [UNSEEN]) * n
    front: list[int] = []
    for s in sources:
        if not seen[s]:
            seen[s] = 1
            prev[s] = SOURCE
            front.append(s)
    vector = g.vectorised
    while front:
        if vector and len(front) >= VECTOR_FRONTIER:
            front = _bfs_level_np(g, front, seen, prev, upwards)
            continue
        new: list[int] = []
        for v in front:
            for w in adj[v]:
                if not seen[w]:
                    seen[w] = 1
                    prev[w] = v
                    new.append(w)
        front = new
    return seen, prev


def _bfs_level_np(g: Compact, front: list[int], seen: bytearray, prev: array[int],
                  upwards: bool) -> list[int]:
    np = _numpy()
    csr = g.csr()[0 if upwards else 1]
    f = np.asarray(front, dtype=np.int64)
    nb, pos = _expand(csr, f)
    seen_v = np.frombuffer(seen, dtype=np.uint8)
    fresh = seen_v[nb] == 0
    nb, pos = nb[fresh], pos[fresh]
    nb, first = np.unique(nb, return_index=True)
    seen_v[nb] = 1
    np.frombuffer(prev, dtype="l")[nb] = f[pos[first]]
    out: list[int] = nb.tolist()
    return out


# --------------------------------------------------------------------------- Bayes-ball
class Ball:
    """The states one Bayes-ball pass reached.

    ``seen`` is the mask of the reached nodes; for a node ``v``, ``prev[UP][v]`` is the state
    the ball came from when it first arrived at ``v`` from a child (:data:`SOURCE` for a
    source, :data:`UNSEEN` if it never did), ``prev[DOWN][v]`` the same from a parent
    (:meth:`depth` gives the lengths of those trails). A state is the int
    ``2 v + direction``. ``hit`` is the first node of the ``stop`` mask reached, or -1.
    """

    __slots__ = ("seen", "prev", "hit")

    def __init__(self, n: int) -> None:
        self.seen = bytearray(n)
        self.prev = (array("l", [UNSEEN]) * n, array("l", [UNSEEN]) * n)
        self.hit = -1

    def depth(self, state: int) -> int:
        """The length of the trail that ends in ``state`` (``2 v + direction``, reached)."""
        prev = self.prev
        length = 0
        came = prev[state & 1][state >> 1]
        while came != SOURCE:
            length += 1
            came = prev[came & 1][came >> 1]
        return length


def run_ball(g: Compact, sources: Iterable[int], given: bytearray, anc: bytearray,
             stop: bytearray | None = None) -> Ball:
    """Breadth-first Bayes-ball from ``sources`` given the mask ``given``, whose ancestors
    (itself included) are the mask ``anc``; with a ``stop`` mask, the search ends at the first
    level that reaches one of its nodes.

    A ball that arrived from a child (``UP``) passes on to the parents and children of an
    unobserved node; one that arrived from a parent (``DOWN``) passes on to the children of an
    unobserved node and back to the parents of a node in ``anc`` (an observed collider, or an
    ancestor of one).
    """
    n = len(g)
    pred, succ = g.pred, g.succ
    ball = Ball(n)
    seen = ball.seen
    up_prev, down_prev = ball.prev
    ups: list[int] = []
    for s in sources:
        if up_prev[s] == UNSEEN:
            up_prev[s] = SOURCE
            seen[s] = 1
            ups.append(s)
    downs: list[int] = []
    vector = g.vectorised
    while ups or downs:
        if stop is not None:
            ball.hit = next((v for v in (*ups, *downs) if stop[v]), -1)
            if ball.hit >= 0:
                return ball
        if vector and len(ups) + len(downs) >= VECTOR_FRONTIER:
            ups, downs = _ball_level_np(g, ups, downs, given, anc, ball)
            continue
        new_ups: list[int] = []
        new_downs: list[int] = []
        for v in ups:  # arrived from a child: pass on unless observed
            if given[v]:
                continue
            state = 2 * v + UP
            for p in pred[v]:
                if up_prev[p] == UNSEEN:
                    up_prev[p] = state
                    seen[p] = 1
                    new_ups.append(p)
            for c in succ[v]:
                if down_prev[c] == UNSEEN:
                    down_prev[c] = state
                    seen[c] = 1
                    new_downs.append(c)
        for v in downs:  # arrived from a parent: on to the children unless observed,
            state = 2 * v + DOWN  # back up to the parents of an observed collider (or ancestor)
            if not given[v]:
                for c in succ[v]:
                    if down_prev[c] == UNSEEN:
                        down_prev[c] = state
                        seen[c] = 1
                        new_downs.append(c)
            if anc[v]:
                for p in pred[v]:
                    if up_prev[p] == UNSEEN:
                        up_prev[p] = state
                        seen[p] = 1
                        new_ups.append(p)
        ups, downs = new_ups, new_downs
    return ball


def _ball_level_np(g: Compact, ups: list[int], downs: list[int], given: bytearray,
                   anc: bytearray, ball: Ball) -> tuple[list[int], list[int]]:
    """One level of :func:`run_ball`, vectorised (same states, same rules)."""
    np = _numpy()
    pred_csr, succ_csr = g.csr()
    given_v = np.frombuffer(given, dtype=np.uint8)
    anc_v = np.frombuffer(anc, dtype=np.uint8)
    seen_v = np.frombuffer(ball.seen, dtype=np.uint8)
    u = np.asarray(ups, dtype=np.int64)
    d = np.asarray(downs, dtype=np.int64)
    u = u[given_v[u] == 0]
    d_on = d[given_v[d] == 0]
    d_back = d[anc_v[d] != 0]
    out = []
    for csr, front, states, direction in (
            (pred_csr, np.concatenate([u, d_back]),
             np.concatenate([2 * u + UP, 2 * d_back + DOWN]), UP),
            (succ_csr, np.concatenate([u, d_on]),
             np.concatenate([2 * u + UP, 2 * d_on + DOWN]), DOWN)):
        prev_v = np.frombuffer(ball.prev[direction], dtype="l")
        nb, pos = _expand(csr, front)
        fresh = prev_v[nb] == UNSEEN
        nb, pos = nb[fresh], pos[fresh]
        nb, first = np.unique(nb, return_index=True)
        prev_v[nb] = states[pos[first]]
        seen_v[nb] = 1
        out.append(nb.tolist())
    return out[0], out[1]
