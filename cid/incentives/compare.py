"""Which incentives differ between two diagrams, and which changed their reason.

Nodes and decisions are matched **by name**; ``rename`` maps names of A to names of B for
nodes that are the same but named differently. For every decision of both diagrams and every
incentive kind, each incentive on a node of both is *lost* (in A only), *gained* (in B only)
or *kept*; a kept incentive whose explanation differs (A's witness does not hold in B, or
B's does not hold in A: e.g. an instrumental control incentive that went through the later
decision in A and is direct in B) is also listed as *changed*. Incentives on a node, or of a
decision, that only one diagram has cannot be compared and are listed apart, as *only in A*
and *only in B*.

>>> import cid
>>> a = cid.Diagram.from_edges(["D -> X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="a")
>>> b = cid.Diagram.from_edges(["D -> U", "X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="b")
>>> c = cid.compare(a, b)
>>> c.lost, c.gained, c.changed
(1, 1, 2)
>>> print(c)
a vs b: 1 incentive lost, 1 gained, 2 changed
>>> [(w.kind.label, w.node, w.path_a, w.path_b) for w in c.witness_changes]
[('ICI', 'D', ('D', 'X', 'U'), ('D', 'U')), ('ICI', 'U', ('D', 'X', 'U'), ('D', 'U'))]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from cid.errors import DiagramError, NodeNotFoundError
from cid.incentives.kinds import IncentiveKind
from cid.incentives.witness import Witness

if TYPE_CHECKING:
    from cid.incentives.report import DecisionReport
    from cid.model import Diagram

__all__ = ["Comparison", "DecisionDiff", "KindDiff", "WitnessChange", "compare"]


@dataclass(frozen=True)
class WitnessChange:
    """An incentive both diagrams have, explained differently.

    ``witness_a`` and ``witness_b`` are the two :class:`~cid.Witness` objects (each in its own
    diagram's names); ``path_a`` is A's path with A's names mapped to B's, ``path_b`` B's path.
    At least one of them does not hold in the other diagram (``holds_in_b``, ``holds_in_a``).
    """

    kind: IncentiveKind
    decision: str
    node: str
    path_a: tuple[str, ...]
    path_b: tuple[str, ...]
    holds_in_b: bool
    holds_in_a: bool
    witness_a: Witness = field(repr=False, compare=False)
    witness_b: Witness = field(repr=False, compare=False)


@dataclass(frozen=True)
class KindDiff:
    """One incentive kind of one decision in both diagrams.

    ``lost``/``gained``/``kept`` are nodes of both (for a decision of both), ``changed`` the
    kept ones whose witness differs; ``only_a``/``only_b`` the incentives that cannot be
    compared: on a node only that diagram has, or of a decision only it has. Names are B's.
    """

    kind: IncentiveKind
    lost: tuple[str, ...]
    gained: tuple[str, ...]
    kept: tuple[str, ...]
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()
    changed: tuple[WitnessChange, ...] = ()


@dataclass(frozen=True)
class DecisionDiff:
    """One decision (matched by name); ``agent_a``/``agent_b`` is ``None`` where it is absent."""

    decision: str
    agent_a: str | None
    agent_b: str | None
    kinds: tuple[KindDiff, ...]

    @property
    def differs(self) -> bool:
        """Whether an incentive of this decision on a node of both is gained, lost or
        explained differently."""
        return any(k.lost or k.gained or k.changed for k in self.kinds)

    @property
    def shared(self) -> bool:
        """Whether both diagrams have this decision."""
        return self.agent_a is not None and self.agent_b is not None


@dataclass(frozen=True)
class Comparison:
    """The structural and incentive differences between diagrams A and B (see :func:`compare`).

    Node names are B's (A's renamed through ``rename``); orders are A's topological order,
    then B's.
    """

    a: str
    b: str
    nodes_only_a: tuple[str, ...]
    nodes_only_b: tuple[str, ...]
    kind_changes: tuple[tuple[str, str, str], ...]  # (node, kind in A, kind in B)
    edges_only_a: tuple[tuple[str, str], ...]
    edges_only_b: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionDiff, ...]
    renamed: tuple[tuple[str, str], ...] = ()  # (name in A, name in B)

    def _count(self, name: str) -> int:
        return sum(len(getattr(k, name)) for d in self.decisions for k in d.kinds)

    @property
    def lost(self) -> int:
        """How many (decision, kind, node) incentives on nodes of both A has and B lacks."""
        return self._count("lost")

    @property
    def gained(self) -> int:
        """How many (decision, kind, node) incentives on nodes of both B has and A lacks."""
        return self._count("gained")

    @property
    def changed(self) -> int:
        """How many incentives of both diagrams are explained differently."""
        return self._count("changed")

    @property
    def only_a(self) -> int:
        """How many incentives of A are on nodes or decisions B lacks."""
        return self._count("only_a")

    @property
    def only_b(self) -> int:
        """How many incentives of B are on nodes or decisions A lacks."""
        return self._count("only_b")

    @property
    def witness_changes(self) -> tuple[WitnessChange, ...]:
        """Every :class:`WitnessChange`, decision by decision."""
        return tuple(w for d in self.decisions for k in d.kinds for w in k.changed)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a stable key order."""
        return {
            "a": self.a,
            "b": self.b,
            "nodes": {
                "only_in_a": list(self.nodes_only_a),
                "only_in_b": list(self.nodes_only_b),
                "renamed": [{"a": na, "b": nb} for na, nb in self.renamed],
                "kind_changed": [{"node": n, "a": ka, "b": kb} for n, ka, kb in self.kind_changes],
            },
            "edges": {
                "only_in_a": [list(e) for e in self.edges_only_a],
                "only_in_b": [list(e) for e in self.edges_only_b],
            },
            "decisions": [
                {
                    "decision": d.decision,
                    "agent_a": d.agent_a,
                    "agent_b": d.agent_b,
                    "incentives": {k.kind.value: _kind_dict(k) for k in d.kinds},
                }
                for d in self.decisions
            ],
            "summary": {"lost": self.lost, "gained": self.gained, "changed": self.changed,
                        "only_in_a": self.only_a, "only_in_b": self.only_b},
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def summary(self) -> str:
        """One line: the counts."""
        noun = "incentive" if self.lost == 1 else "incentives"
        text = f"{self.lost} {noun} lost, {self.gained} gained, {self.changed} changed"
        sides = [f"{n} only in {side}" for n, side in ((self.only_a, "A"), (self.only_b, "B"))
                 if n]
        return text + ("; " + ", ".join(sides) if sides else "")

    def __str__(self) -> str:
        return f"{self.a} vs {self.b}: {self.summary()}"


def _kind_dict(k: KindDiff) -> dict[str, Any]:
    return {"lost": list(k.lost), "gained": list(k.gained), "kept": list(k.kept),
            "changed": [{"node": w.node, "a": list(w.path_a), "b": list(w.path_b),
                         "a_holds_in_b": w.holds_in_b, "b_holds_in_a": w.holds_in_a}
                        for w in k.changed],
            "only_in_a": list(k.only_a), "only_in_b": list(k.only_b)}


def _ends(diagram: Diagram, decision: str, kind: IncentiveKind) -> frozenset[str]:
    """Where a witness of ``kind`` for ``decision`` may end: the decision (response), the
    agent's utility nodes (control), those descending from the decision (the others)."""
    import networkx as nx

    from cid.incentives.control import digraph

    if kind is IncentiveKind.RESPONSE_INCENTIVE:
        return frozenset({decision})
    utilities = frozenset(diagram.utilities_of(diagram.agent_of(decision)))
    if kind is IncentiveKind.VALUE_OF_CONTROL:
        return utilities
    return utilities & nx.descendants(digraph(diagram), decision)


def _holds(witness: Witness, path: tuple[str, ...], ends: frozenset[str]) -> bool:
    """Whether ``path`` (names of the witness's diagram), ending in ``ends``, witnesses the
    same incentive in the graph ``witness`` lives in: a directed path there, or (value of
    information) a trail active given the witness's conditioning set."""
    from cid.graph import is_active_trail

    graph = witness.graph
    if not path or path[-1] not in ends or any(n not in graph for n in path):
        return False
    if witness.is_directed:
        return all(graph.has_edge(u, v) for u, v in pairwise(path))
    return is_active_trail(graph, list(path), given=witness.given)


def _check_rename(a: Diagram, b: Diagram, rename: Mapping[str, str]) -> dict[str, str]:
    unknown = [old for old in rename if old not in a]
    if unknown:
        raise NodeNotFoundError(f"cannot rename {', '.join(unknown)}: not a node of "
                                f"'{a.name}'")
    missing = [new for new in rename.values() if new not in b]
    if missing:
        raise NodeNotFoundError(f"cannot match renamed nodes with {', '.join(missing)}: not a "
                                f"node of '{b.name}'")
    counts = Counter(rename.get(n, n) for n in a.nodes)
    taken = sorted(n for n, k in counts.items() if k > 1)
    if taken:
        raise DiagramError(f"renaming would give two nodes of '{a.name}' the name "
                           f"{', '.join(taken)}", code="cid_invalid_argument")
    return dict(rename)


class _Matcher:
    """Names of A in B's terms, and orders over both diagrams."""

    def __init__(self, a: Diagram, b: Diagram, rename: dict[str, str]) -> None:
        self.a, self.b = a, b
        self.to_b = rename
        self.to_a = {new: old for old, new in rename.items()}
        self.order: dict[str, int] = {}
        for n in (*self.names(a.topological_order), *b.topological_order):
            self.order.setdefault(n, len(self.order))
        self.both = set(self.names(a.nodes)) & set(b.nodes)

    def names(self, nodes: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.to_b.get(n, n) for n in nodes)

    def ordered(self, names: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda n: (self.order.get(n, len(self.order)), n)))


def _changes(m: _Matcher, ra: DecisionReport, rb: DecisionReport, kind: IncentiveKind,
             kept: tuple[str, ...]) -> tuple[WitnessChange, ...]:
    out = []
    ends_a, ends_b = _ends(m.a, ra.decision, kind), _ends(m.b, rb.decision, kind)
    for node in kept:
        wa, wb = ra.witness(kind, m.to_a.get(node, node)), rb.witness(kind, node)
        if wa is None or wb is None:
            continue
        path_a, path_b = m.names(wa.path), wb.path
        in_b = _holds(wb, path_a, ends_b)
        in_a = _holds(wa, tuple(m.to_a.get(n, n) for n in path_b), ends_a)
        if not (in_a and in_b):
            out.append(WitnessChange(kind, rb.decision, node, path_a, path_b, in_b, in_a, wa, wb))
    return tuple(out)


def _kind_diff(m: _Matcher, ra: DecisionReport | None, rb: DecisionReport | None,
               kind: IncentiveKind, witnesses: bool) -> KindDiff:
    sa = set(m.names(ra.nodes(kind))) if ra is not None else set()
    sb = set(rb.nodes(kind)) if rb is not None else set()
    if ra is None or rb is None:  # a decision only one diagram has: nothing to compare
        return KindDiff(kind, (), (), (), m.ordered(sa), m.ordered(sb))
    kept = m.ordered(sa & sb)
    return KindDiff(kind, m.ordered((sa - sb) & m.both), m.ordered((sb - sa) & m.both), kept,
                    m.ordered(sa - m.both), m.ordered(sb - m.both),
                    _changes(m, ra, rb, kind, kept) if witnesses else ())


def compare(a: Diagram, b: Diagram, *, rename: Mapping[str, str] | None = None,
            labels: tuple[str, str] | None = None, witnesses: bool = True) -> Comparison:
    """Compare the incentives of two diagrams, matching nodes and decisions by name.

    Parameters
    ----------
    a, b : Diagram
        The diagrams; neither is modified.
    rename : mapping of str to str, optional
        ``{name in A: name in B}`` for nodes that are the same but named differently (e.g.
        the state ``S3`` of an MDP and the counterfactual ``S3_cf`` of current-RF
        optimisation). Results use B's names.
    labels : (str, str), optional
        How to call the diagrams in the result (default: their names).
    witnesses : bool
        Also compare the witnesses of the incentives both have (default ``True``; each costs
        a path, and a minimal d-reduction for value of information).

    Returns
    -------
    Comparison
        Nodes, kinds and edges that differ; per decision of both and incentive kind the
        nodes of both lost (in A only), gained (in B only), kept, and kept but explained
        differently; apart, the incentives on nodes or decisions only one diagram has.

    Raises
    ------
    NodeNotFoundError
        If a renamed node is not in A, or its new name is not in B.
    DiagramError
        If a new name clashes with another node of A.

    Notes
    -----
    A kept incentive is *changed* when A's witness (:func:`cid.explain`) is not a witness in
    B, or B's is not one in A: a directed path missing an edge of the other's graph (the
    minimal d-reduction, or the diagram for instrumental control), or a trail no longer
    active there. Two shortest paths that both still hold are not a change.

    Examples
    --------
    >>> import cid
    >>> a = cid.Diagram.from_edges(["D -> X -> U"], decisions=["D"], utilities=["U"])
    >>> b = cid.Diagram.from_edges(["D -> Y -> U"], decisions=["D"], utilities=["U"])
    >>> cid.compare(a, b, rename={"X": "Y"}).summary()
    '0 incentives lost, 0 gained, 0 changed'
    """
    from cid.incentives.report import analyze

    m = _Matcher(a, b, _check_rename(a, b, dict(rename or {})))
    na, nb = set(m.names(a.nodes)), set(b.nodes)
    ea = {(m.to_b.get(u, u), m.to_b.get(v, v)) for u, v in a.edge_list}
    eb = set(b.edge_list)
    edge_order = {e: i for i, e in enumerate((*(m.names(e) for e in a.edge_list), *b.edge_list))}
    reports_a = {m.to_b.get(r.decision, r.decision): r for r in analyze(a)}
    reports_b = {r.decision: r for r in analyze(b)}
    diffs = []
    for decision in m.ordered(set(reports_a) | set(reports_b)):
        ra, rb = reports_a.get(decision), reports_b.get(decision)
        kinds = tuple(_kind_diff(m, ra, rb, k, witnesses) for k in IncentiveKind)
        diffs.append(DecisionDiff(decision, ra.agent if ra else None, rb.agent if rb else None,
                                  kinds))
    label_a, label_b = labels or (a.name, b.name)
    return Comparison(
        a=label_a, b=label_b,
        nodes_only_a=m.ordered(na - nb), nodes_only_b=m.ordered(nb - na),
        kind_changes=tuple((n, a.kind(m.to_a.get(n, n)), b.kind(n))
                           for n in m.ordered(m.both) if a.kind(m.to_a.get(n, n)) != b.kind(n)),
        edges_only_a=tuple(sorted(ea - eb, key=edge_order.__getitem__)),
        edges_only_b=tuple(sorted(eb - ea, key=edge_order.__getitem__)),
        decisions=tuple(diffs), renamed=tuple(m.to_b.items()),
    )
