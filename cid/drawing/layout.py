"""Graphviz layouts read back as data: node boxes and edge routes, in points.

:func:`layout_of` runs a Graphviz engine on a :class:`graphviz.Digraph` and reads its
``json0`` output; :func:`parse_layout` reads that text (pure, no binary needed). The layout
is what aligned variants (``render(b, like=a)``), TikZ output and the crossing count use.
Coordinates are Graphviz's: points (1/72 inch), ``y`` growing upwards, origin at the
bottom-left corner of the bounding box.

Examples
--------
>>> text = '''{"bb": "0,0,54,108", "objects": [
...   {"_gvid": 0, "name": "A", "pos": "27,90", "width": "0.75", "height": "0.5"},
...   {"_gvid": 1, "name": "B", "pos": "27,18", "width": "0.75", "height": "0.5"}],
...  "edges": [{"tail": 0, "head": 1, "pos": "e,27,36.1 27,71.7 27,63.9 27,54.5 27,46.2"}]}'''
>>> lay = parse_layout(text)
>>> lay.width, lay.nodes["A"].y, lay.edges[0].tail, len(lay.edges[0].points)
(54.0, 90.0, 'A', 4)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from types import MappingProxyType

import graphviz

from cid.errors import GraphvizNotFoundError, RenderError

__all__ = [
    "EdgeRoute",
    "Layout",
    "NodeBox",
    "crossings",
    "layout_of",
    "parse_layout",
    "polyline",
    "segments_cross",
]

Point = tuple[float, float]


@dataclass(frozen=True)
class NodeBox:
    """A laid-out node: its centre and size, in points."""

    name: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class EdgeRoute:
    """A laid-out edge: the cubic B-spline control points of its route, tail to head
    (``points[0]`` at the tail; the arrow tip, when Graphviz gives one, is ``tip``)."""

    tail: str
    head: str
    points: tuple[Point, ...]
    tip: Point | None = None


@dataclass(frozen=True)
class Layout:
    """A whole layout: bounding box size, nodes by name, edges in Graphviz's order."""

    width: float
    height: float
    nodes: Mapping[str, NodeBox]
    edges: tuple[EdgeRoute, ...]


def _point(text: str) -> Point:
    x, y = text.split(",")[:2]
    return float(x), float(y)


def _route(tail: str, head: str, pos: str) -> EdgeRoute:
    points: list[Point] = []
    tip: Point | None = None
    start: Point | None = None
    for item in pos.split():
        if item.startswith("e,"):
            tip = _point(item[2:])
        elif item.startswith("s,"):
            start = _point(item[2:])
        else:
            points.append(_point(item))
    if start is not None:
        points.insert(0, start)
    return EdgeRoute(tail, head, tuple(points), tip)


def parse_layout(text: str) -> Layout:
    """Read Graphviz ``-Tjson0`` (or ``-Tjson``) output into a :class:`Layout`.

    Subgraph objects (without a ``pos``) are skipped; edges without a route are skipped.

    Raises
    ------
    RenderError
        When the text is not a Graphviz JSON layout.
    """
    try:
        data = json.loads(text)
        x0, y0, x1, y1 = (float(v) for v in str(data["bb"]).split(","))
    except (ValueError, KeyError, TypeError) as err:
        raise RenderError(f"not a Graphviz JSON layout: {err}") from err
    names: dict[int, str] = {}
    nodes: dict[str, NodeBox] = {}
    for obj in data.get("objects", []):
        if "pos" not in obj:
            continue
        x, y = _point(obj["pos"])
        names[int(obj["_gvid"])] = obj["name"]
        nodes[obj["name"]] = NodeBox(obj["name"], x, y, float(obj.get("width", 0)) * 72,
                                     float(obj.get("height", 0)) * 72)
    edges = tuple(
        _route(names[e["tail"]], names[e["head"]], e["pos"])
        for e in data.get("edges", [])
        if "pos" in e and e["tail"] in names and e["head"] in names
    )
    return Layout(x1 - x0, y1 - y0, MappingProxyType(nodes), edges)


def layout_of(graph: graphviz.Digraph, *, engine: str | None = None,
              no_op: int | None = None) -> Layout:
    """Lay ``graph`` out with Graphviz (``dot`` unless ``engine``) and read the result.

    ``no_op=2`` runs ``neato -n2``: every node keeps its ``pos`` and only edges are routed.

    Raises
    ------
    GraphvizNotFoundError
        When the Graphviz executable is missing.
    RenderError
        When Graphviz fails.
    """
    try:
        text = graphviz.pipe(engine or graph.engine or "dot", "json0",  # killed on ^C
                             graph.source.encode("utf-8"),
                             neato_no_op=no_op, quiet=True).decode("utf-8")
    except graphviz.ExecutableNotFound as err:
        raise GraphvizNotFoundError(
            "laying out needs Graphviz's executables on PATH (cid.graphviz_available())"
        ) from err
    except graphviz.CalledProcessError as err:
        detail = err.stderr.decode("utf-8", "replace").strip() if err.stderr else str(err)
        raise RenderError(f"Graphviz failed to lay out {graph.name!r}: {detail}") from err
    return parse_layout(text)


def polyline(points: Sequence[Point], samples: int = 8) -> list[Point]:
    """Sample a Graphviz spline (control points ``p0, (c1, c2, p)*``) into a polyline.

    >>> [(round(x, 6), y) for x, y in polyline([(0, 0), (1, 0), (2, 0), (3, 0)], samples=3)]
    [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]
    """
    if len(points) < 4 or (len(points) - 1) % 3:
        return [(float(x), float(y)) for x, y in points]
    out = [(float(points[0][0]), float(points[0][1]))]
    for i in range(0, len(points) - 1, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(1, samples + 1):
            t = k / samples
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _orient(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments ``ab`` and ``cd`` cross properly (touching or overlapping ends do
    not count).

    >>> segments_cross((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_cross((0, 0), (1, 1), (1, 1), (2, 0))  # they only touch
    False
    """
    d1, d2 = _orient(c, d, a), _orient(c, d, b)
    d3, d4 = _orient(a, b, c), _orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def _boxes_apart(p: list[Point], q: list[Point]) -> bool:
    px, py = [x for x, _ in p], [y for _, y in p]
    qx, qy = [x for x, _ in q], [y for _, y in q]
    return (max(px) < min(qx) or max(qx) < min(px)
            or max(py) < min(qy) or max(qy) < min(py))


def _count(p: list[Point], q: list[Point]) -> int:
    return sum(segments_cross(p[i], p[i + 1], q[j], q[j + 1])
               for i in range(len(p) - 1) for j in range(len(q) - 1))


def crossings(layout: Layout, nodes: Iterable[str] | None = None, *, samples: int = 8) -> int:
    """The number of points where two edges cross, in a laid-out drawing.

    Each edge route is sampled into a polyline (:func:`polyline`); two edges that share an
    end node are never counted (they meet there by construction). Only edges between
    ``nodes`` count (default: all), so a legend can be left out.

    >>> lay = Layout(10, 10, {}, (EdgeRoute("a", "b", ((0, 0), (10, 10))),
    ...                           EdgeRoute("c", "d", ((0, 10), (10, 0)))))
    >>> crossings(lay), crossings(lay, ["a", "b"])
    (1, 0)
    """
    keep = None if nodes is None else frozenset(nodes)
    routes = [(e, polyline(e.points, samples)) for e in layout.edges
              if keep is None or (e.tail in keep and e.head in keep)]
    total = 0
    for (e, p), (f, q) in combinations(routes, 2):
        if {e.tail, e.head} & {f.tail, f.head} or _boxes_apart(p, q):
            continue
        total += _count(p, q)
    return total
