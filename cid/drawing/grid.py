"""The papers' grid for time-indexed diagrams: one column per time step, rows by node kind.

A node with a ``step`` goes to column ``step``; a node without one sits half a column before
its earliest time-indexed child (or after its latest time-indexed parent, else in column 0).
Nodes that share a *stem* (their name without the time index: ``S1``, ``S2`` -> ``S``) share
a row; chance rows come first (top), then decision rows, then utility rows. Within each
kind, the order of the rows is chosen to reduce edge crossings: the rows start in order of
first appearance (topological order) and two rows of one kind swap places while that lowers
the number of crossings of the straight edges, counting an edge that passes through a node
as a crossing too (a local search, deterministic).

Examples
--------
>>> import cid
>>> d = (cid.Diagram("g").chance("S1", step=1).decision("A1", ["S1"], step=1)
...      .chance("S2", ["S1", "A1"], step=2).utility("R2", ["S2"], step=2))
>>> cells = grid_cells(d)
>>> cells["S1"], cells["A1"], cells["S2"], cells["R2"]
((1.0, 0), (1.0, 1), (2.0, 0), (2.0, 2))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations, permutations
from typing import TYPE_CHECKING

from cid.drawing.layout import segments_cross

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["grid_cells", "grid_crossings", "is_time_indexed", "stem"]

_KIND_ORDER = {"chance": 0, "decision": 1, "utility": 2}
Cell = tuple[float, int]


def stem(name: str) -> str:
    """The name without its time index: ``S2`` -> ``S``, ``A1_1`` -> ``A``, ``S2_cf`` ->
    ``S_cf``.

    >>> stem("S2"), stem("B1_2"), stem("S2_cf"), stem("ThetaR")
    ('S', 'B', 'S_cf', 'ThetaR')
    """
    cf = name.endswith("_cf") and len(name) > len("_cf")
    base = name[:-3] if cf else name
    return (base.rstrip("0123456789_") or base) + ("_cf" if cf else "")


def is_time_indexed(d: Diagram) -> bool:
    """Whether some node of ``d`` has a ``step``."""
    return any(d[n].step is not None for n in d.nodes)


def _columns(d: Diagram) -> dict[str, float]:
    cols: dict[str, float] = {n: float(s) for n in d.nodes if (s := d[n].step) is not None}
    for n in d.nodes:
        if n in cols:
            continue
        later = [cols[c] for c in d.children(n) if c in cols]
        earlier = [cols[p] for p in d.parents(n) if p in cols]
        cols[n] = min(later) - 0.5 if later else max(earlier) + 0.5 if earlier else 0.0
    return cols


def _rows(d: Diagram, cols: Mapping[str, float]) -> dict[str, tuple[int, str, int]]:
    """Row key of each node: (kind rank, stem, index among nodes of that stem in a column)."""
    seen: dict[tuple[str, str, float], int] = {}
    keys = {}
    for n in d.nodes:
        kind = _KIND_ORDER[d.kind(n)]
        slot = (d.kind(n), stem(n), cols[n])
        index = seen.get(slot, 0)
        seen[slot] = index + 1
        keys[n] = (kind, stem(n), index)
    return keys


def _passes_through(a: tuple[float, float], b: tuple[float, float],
                    c: tuple[float, float]) -> bool:
    """Whether point ``c`` lies strictly inside segment ``ab`` (on it, not at an end)."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    if abs(cross) > 1e-9:
        return False
    dot = (c[0] - a[0]) * (b[0] - a[0]) + (c[1] - a[1]) * (b[1] - a[1])
    return 0 < dot < (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2


def grid_crossings(cells: Mapping[str, Cell], edges: Sequence[tuple[str, str]]) -> int:
    """Crossings of the straight edges between grid cells, plus edges through a node.

    >>> grid_crossings({"a": (0, 0), "b": (1, 1), "c": (0, 1), "d": (1, 0)},
    ...                [("a", "b"), ("c", "d")])
    1
    >>> grid_crossings({"a": (0, 0), "b": (1, 0), "c": (2, 0)}, [("a", "c")])
    1
    """
    pts = {n: (float(c), float(r)) for n, (c, r) in cells.items()}
    total = 0
    for (a, b), (c, e) in combinations(edges, 2):
        if not {a, b} & {c, e} and segments_cross(pts[a], pts[b], pts[c], pts[e]):
            total += 1
    for a, b in edges:
        total += sum(_passes_through(pts[a], pts[b], p) for n, p in pts.items() if n not in (a, b))
    return total


def _cells(cols: Mapping[str, float], keys: Mapping[str, tuple[int, str, int]],
           order: Sequence[tuple[int, str, int]]) -> dict[str, Cell]:
    index = {k: i for i, k in enumerate(order)}
    return {n: (cols[n], index[keys[n]]) for n in cols}


def grid_cells(d: Diagram, *, rounds: int = 20) -> dict[str, Cell]:
    """``node -> (column, row)`` on the papers' grid (see the module docstring).

    Row 0 is the top row. Columns are time steps (half steps for nodes without one).
    """
    cols = _columns(d)
    keys = _rows(d, cols)
    order = sorted(dict.fromkeys(keys[n] for n in d.nodes), key=lambda k: k[0])
    edges = list(d.edge_list)
    best = grid_crossings(_cells(cols, keys, order), edges)
    for _ in range(rounds):
        improved = False
        for i, j in permutations(range(len(order)), 2):
            if best == 0:
                break
            trial = list(order)
            trial.insert(j, trial.pop(i))  # move row i to place j
            score = grid_crossings(_cells(cols, keys, trial), edges)
            if score < best:
                order, best, improved = trial, score, True
        if not improved:
            break
    return _cells(cols, keys, order)
