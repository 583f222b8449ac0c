"""Compact witnesses: each path written as its first steps plus a reference to the witness it
continues, and :func:`expand_witnesses`, which writes every path out again.

The witnesses of one decision and one kind are walks along the pointers of one search, so
most paths are suffixes of others. A compact record has the keys ``node`` and, when they
apply, ``after``, ``path``, ``edges`` and ``then``; it stands for the path

* ``up(X) = up(P) + [X]`` if the record of ``X`` has ``after: P``, else ``[X]``;
* ``down(X) = path[:-1] + down(Y)`` if it has ``then: Y`` (``path[-1]`` is ``Y``), else
  ``path``; a missing ``path`` is ``[X, Y]`` (one step to ``Y``), or ``[X]``;
* the full path is ``up(X)[:-1] + down(X)``.

``P`` and ``Y`` name records of the same decision and kind. Directed paths (response
incentive, value of control, instrumental control) have their edges pointing forwards and
write none; a value-of-information trail writes the ``edges`` of its ``path`` as they point
in the graph (the rest are those of ``down(Y)``). Only instrumental control witnesses
(``D ⇝ X ⇝ U``) have an ``after``: the edges of ``up`` point forwards. The graph a witness
lives in is named by its kind (and, for value of information, its node and decision), as
in the full form. Each record costs its own length, which is one step for every witness but
where the search passed a node that admits no incentive of that kind (or, for value of
information, reached the next node in another state than that node's own witness starts
in), so the output grows with the number of incentives, not with their paths' lengths.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U", "X -> S"], decisions=["D"],
...                            utilities=["U"])
>>> compact = cid.analyze(d).to_dict(witnesses="one")
>>> compact["decisions"][0]["incentives"]["value_of_control"]
[{'node': 'X', 'then': 'S'}, {'node': 'S', 'then': 'U'}, {'node': 'U'}]
>>> full = cid.expand_witnesses(compact)
>>> full["decisions"][0]["incentives"]["value_of_control"][0]["path"]
['X', 'S', 'U']
>>> full == cid.analyze(d).to_dict(witnesses="all")
True
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any, Literal, NamedTuple

from cid.errors import DiagramError
from cid.graph._compact import SOURCE, UNSEEN, UP
from cid.incentives.engine import DecisionAnalysis
from cid.incentives.kinds import IncentiveKind
from cid.incentives.witness import graph_name

__all__ = ["WitnessMode", "expand_witnesses", "witness_mode"]

WitnessMode = Literal["none", "one", "all"]
_MODES = ("none", "one", "all")


def witness_mode(witnesses: WitnessMode | bool) -> WitnessMode:
    """The mode a ``witnesses=`` argument asks for (``True`` is ``"all"``, ``False``
    ``"none"``, as before modes existed)."""
    if witnesses is True:
        return "all"
    if witnesses is False:
        return "none"
    if witnesses not in _MODES:
        raise DiagramError(f"unknown witnesses mode {witnesses!r}; use 'none', 'one' or 'all'",
                           code="cid_unknown_option")
    return witnesses


class _Step(NamedTuple):
    path: list[str]
    edges: list[list[str]]
    then: str | None = None


class _Trails:
    """The start state of each node's value-of-information trail, with every state's depth
    computed once (so that each record costs its own length, not its path's)."""

    def __init__(self, analysis: DecisionAnalysis) -> None:
        ball, extra = analysis.voi_ball
        self.prev = ball.pointers
        self.names = ball.graph.names
        ids = analysis.agent.base.compact.index
        self.listed = bytearray(len(self.names))
        for node in analysis.ordered(IncentiveKind.VALUE_OF_INFORMATION):
            if node not in extra:
                self.listed[ids[node]] = 1
        self.depth = array("l", [-1]) * (2 * len(self.names))

    def _depth(self, state: int) -> int:
        chain = []
        s = state
        while self.depth[s] < 0:
            came = self.prev[s & 1][s >> 1]
            if came == SOURCE:
                self.depth[s] = 0
                break
            chain.append(s)
            s = came
        d = self.depth[s]
        for t in reversed(chain):
            d += 1
            self.depth[t] = d
        return self.depth[state]

    def start(self, i: int) -> int:
        """The state the witness trail of node ``i`` starts in (as ``trail_ids`` picks it)."""
        up, down = self.prev[0][i], self.prev[1][i]
        if up != UNSEEN and (down == UNSEEN or self._depth(2 * i) <= self._depth(2 * i + 1)):
            return 2 * i + UP
        return 2 * i + 1

    def step(self, i: int) -> _Step:
        """The trail of node ``i`` up to the first node whose own trail is the rest."""
        names, prev = self.names, self.prev
        state = self.start(i)
        path, edges = [str(names[i])], []
        came = prev[state & 1][i]
        while came != SOURCE:
            v, u = state >> 1, came >> 1
            a, b = (u, v) if state & 1 else (v, u)
            path.append(str(names[u]))
            edges.append([str(names[a]), str(names[b])])
            if self.listed[u] and self.start(u) == came:
                return _Step(path, edges, path[-1])
            state = came
            came = prev[state & 1][u]
        return _Step(path, edges)


def _directed(prev: array[int], ids: Sequence[int], listed: bytearray, names: list[str],
              back: array[int] | None = None, start: int = -1) -> list[dict[str, Any]]:
    """The records of directed paths: from each node along ``prev`` to the first listed node
    (whose walk is the rest), and for ``back`` (instrumental control) the node before it."""
    out = []
    for x in ids:
        rec: dict[str, Any] = {"node": names[x]}
        if back is not None and x != start:
            rec["after"] = names[back[x]]
        cur = prev[x]
        if cur >= 0 and not listed[cur]:  # a detour through unlisted nodes: written out
            path = [names[x]]
            while cur >= 0 and not listed[cur]:
                path.append(names[cur])
                cur = prev[cur]
            rec["path"] = path + [names[cur]] if cur >= 0 else path
        if cur >= 0:
            rec["then"] = names[cur]
        out.append(rec)
    return out


def compact_records(analysis: DecisionAnalysis, kind: IncentiveKind) -> list[dict[str, Any]]:
    """The compact record of every node admitting ``kind`` for the analysed decision (see
    the module docstring)."""
    a = analysis.agent
    g = a.base.compact
    names = a.base.str_names
    ids = analysis.ordered_ids(kind)
    if kind is IncentiveKind.VALUE_OF_INFORMATION:
        return _trail_records(analysis, ids, names)
    listed = bytearray(len(g))
    for x in ids:
        listed[x] = 1
    if kind is IncentiveKind.RESPONSE_INCENTIVE:
        return _directed(analysis.ri_search[1], ids, listed, names)
    if kind is IncentiveKind.VALUE_OF_CONTROL:
        return _directed(a.voc_search[1], ids, listed, names)
    return _directed(a.to_utility[1], ids, listed, names, a.from_decision(analysis.id)[1],
                     analysis.id)


def _trail_records(analysis: DecisionAnalysis, ids: Sequence[int],
                   names: list[str]) -> list[dict[str, Any]]:
    trails = _Trails(analysis)
    extra = analysis.voi_ball[1]
    records = []
    for x in ids:
        node = names[x]
        if node in extra:  # a trail in a graph of its own: written out
            path, edges = analysis.voi_trail(node)
            step = _Step(list(path), [list(e) for e in edges])
        else:
            step = trails.step(x)
        rec: dict[str, Any] = {"node": node}
        if step.path != ([node] if step.then is None else [node, step.then]):
            rec["path"] = step.path
        if step.edges:
            rec["edges"] = step.edges
        if step.then is not None:
            rec["then"] = step.then
        records.append(rec)
    return records


# --------------------------------------------------------------------------- expansion
_Walk = tuple[list[str], list[list[str]]]


def _head(rec: Mapping[str, Any], trail: bool) -> _Walk:
    """The path and edges a record writes out (see the module docstring)."""
    node, then = rec["node"], rec.get("then")
    path = list(rec.get("path") or ([node] if then is None else [node, then]))
    if trail:
        return path, [list(e) for e in rec.get("edges", ())]
    return path, [[a, b] for a, b in pairwise(path)]


def _resolve(records: dict[str, Mapping[str, Any]], node: str, key: str, trail: bool,
             memo: dict[str, _Walk]) -> _Walk:
    """``down`` (``key="then"``) or ``up`` (``key="after"``) of ``node``, iteratively."""
    chain: list[str] = []
    cur: str | None = node
    while cur is not None and cur not in memo:
        if cur not in records:
            raise DiagramError(f"compact witness: {key!r} names {cur!r}, which has no record "
                               "of the same decision and kind", code="cid_bad_report")
        if len(chain) > len(records):
            raise DiagramError(f"compact witness: the {key!r} references of {node!r} form a "
                               "cycle", code="cid_bad_report")
        chain.append(cur)
        cur = records[cur].get(key)
    tail = memo[cur] if cur is not None else None
    for name in reversed(chain):
        if key == "then":
            nodes, edges = _head(records[name], trail)
            if tail is not None:
                if nodes[-1] != tail[0][0]:
                    raise DiagramError(f"compact witness of {name!r}: its path ends in "
                                       f"{nodes[-1]!r}, but 'then' continues from "
                                       f"{tail[0][0]!r}", code="cid_bad_report")
                nodes, edges = nodes[:-1] + tail[0], edges + tail[1]
        elif tail is None:
            nodes, edges = [name], []
        else:
            nodes, edges = tail[0] + [name], tail[1] + [[tail[0][-1], name]]
        memo[name] = tail = (nodes, edges)
    return memo[node]


def _expand_kind(items: list[Any], kind: IncentiveKind, decision: str) -> list[Any]:
    if not items or not isinstance(items[0], Mapping):
        return items  # node names only (witnesses="none")
    trail = kind is IncentiveKind.VALUE_OF_INFORMATION
    records = {rec["node"]: rec for rec in items}
    down: dict[str, _Walk] = {}
    up: dict[str, _Walk] = {}
    out = []
    for rec in items:
        node = rec["node"]
        d_nodes, d_edges = _resolve(records, node, "then", trail, down)
        u_nodes, u_edges = _resolve(records, node, "after", trail, up)
        out.append({"node": node, "path": u_nodes[:-1] + d_nodes, "edges": u_edges + d_edges,
                    "graph": rec.get("graph") or graph_name(kind, decision, node)})
    return out


def expand_witnesses(report: Mapping[str, Any]) -> dict[str, Any]:
    """A report dict with every compact witness written out as its full path.

    Parameters
    ----------
    report : mapping
        What :meth:`cid.Report.to_dict` returns (or ``json.loads`` of ``cid analyze
        --format json``), with any ``witnesses`` mode.

    Returns
    -------
    dict
        The same report as ``to_dict(witnesses="all")`` gives it (a report without witnesses
        is returned as it is). The input is not changed.

    Raises
    ------
    DiagramError
        If a ``then`` or ``after`` names no record of the same decision and kind, the
        references form a cycle, or a path does not join the one it continues.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["D -> X -> Y -> U"], decisions=["D"], utilities=["U"])
    >>> one = cid.analyze(d).to_dict()
    >>> ici = one["decisions"][0]["incentives"]["instrumental_control_incentive"]
    >>> ici
    [{'node': 'D', 'then': 'X'}, {'node': 'X', 'after': 'D', 'then': 'Y'}, \
{'node': 'Y', 'after': 'X', 'then': 'U'}, {'node': 'U', 'after': 'Y'}]
    >>> [r["path"] for r in expand_witnesses(one)["decisions"][0]["incentives"][
    ...     "instrumental_control_incentive"]]  # doctest: +NORMALIZE_WHITESPACE
    [['D', 'X', 'Y', 'U'], ['D', 'X', 'Y', 'U'], ['D', 'X', 'Y', 'U'],
     ['D', 'X', 'Y', 'U']]
    """
    out = copy.deepcopy(dict(report))
    if out.get("witnesses") == "none":
        return out
    for entry in out.get("decisions", []):
        incentives = entry["incentives"]
        for kind in list(incentives):
            incentives[kind] = _expand_kind(incentives[kind], IncentiveKind.parse(kind),
                                            entry["decision"])
    if "witnesses" in out:
        out["witnesses"] = "all"
    return out
