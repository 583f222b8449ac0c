"""Which incentives differ between two diagrams (``cid compare A B``).

The papers compare frameworks this way: reward modeling against CIRL (the feedback data is an
instrumental-control target in one and only informative in the other), an MDP with a
modifiable reward function against current-RF optimisation (the tampering incentive goes).
Nodes and decisions are matched **by name** (``renames`` matches differently named nodes).
For every decision of both diagrams and every incentive kind, the nodes of both diagrams that
carry the incentive in only one of them are listed: *lost* (in A, not in B) or *gained* (in B,
not in A). Incentives that cannot be compared — on a node, or of a decision, that only one
diagram has — are listed apart, as *only in A* and *only in B*.

Examples
--------
>>> import cid
>>> a = cid.Diagram.from_edges(["D -> X -> U", "S -> D", "S -> U", "D -> W -> U"],
...                            decisions=["D"], utilities=["U"], name="a")
>>> b = cid.Diagram.from_edges(["D -> U", "X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="b")
>>> cmp = compare(a, b)
>>> for line in cmp.lines():
...     print(line)
A: a
B: b
nodes only in A: W
edges only in A: D -> W, D -> X, W -> U
edges only in B: D -> U
incentives on the nodes of both (-: only in A, +: only in B):
  decision D:
    VoI  + X
    ICI  - X
on nodes or decisions only in A (not compared):
  decision D:
    VoC  W
    ICI  W
1 incentive lost, 1 gained; 2 only in A
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["KINDS", "Comparison", "DecisionDiff", "KindDiff", "compare", "incentive_sets",
           "rename_nodes"]

KINDS: tuple[str, ...] = (
    "value_of_information",
    "response_incentive",
    "value_of_control",
    "instrumental_control_incentive",
)
"""The incentive kinds compared, in report order."""

SHORT = dict(zip(KINDS, ("VoI", "RI", "VoC", "ICI"), strict=True))
"""Their short labels, as in the report tables."""


def _criteria() -> dict[str, Callable[[Diagram, str], frozenset[str]]]:
    import cid

    return {
        "value_of_information": cid.value_of_information,
        "response_incentive": cid.response_incentives,
        "value_of_control": cid.value_of_control,
        "instrumental_control_incentive": cid.instrumental_control_incentives,
    }


def incentive_sets(diagram: Diagram, decision: str) -> dict[str, frozenset[str]]:
    """The nodes carrying each incentive kind for ``decision``: ``{kind: frozenset}``."""
    return {kind: fn(diagram, decision) for kind, fn in _criteria().items()}


def rename_nodes(diagram: Diagram, renames: Mapping[str, str]) -> Diagram:
    """A copy of ``diagram`` with the nodes ``renames`` maps renamed (``{old: new}``).

    Raises
    ------
    NodeNotFoundError
        If an old name is not a node of ``diagram``.
    DiagramError
        If a new name is already taken by a node that is not renamed itself, or two nodes
        would get the same name.
    """
    from cid.errors import DiagramError, NodeNotFoundError
    from cid.model import Diagram as DiagramClass

    unknown = [old for old in renames if old not in diagram]
    if unknown:
        raise NodeNotFoundError(f"cannot rename {', '.join(unknown)}: not a node of "
                                f"'{diagram.name}'")
    names = [renames.get(n, n) for n in diagram.nodes]
    taken = sorted({n for n in names if names.count(n) > 1})
    if taken:
        raise DiagramError(f"renaming would give two nodes of '{diagram.name}' the name "
                           f"{', '.join(taken)}")
    data = diagram.to_dict()
    for node in data["nodes"]:
        node["name"] = renames.get(node["name"], node["name"])
    data["edges"] = [[renames.get(u, u), renames.get(v, v)] for u, v in diagram.edge_list]
    return DiagramClass.from_dict(data)


@dataclass(frozen=True)
class KindDiff:
    """One incentive kind of one decision in both diagrams.

    ``lost``/``gained``/``kept`` are nodes of both diagrams (for a decision of both);
    ``only_a``/``only_b`` the incentives that cannot be compared: on a node only that diagram
    has, or of a decision only it has.
    """

    kind: str
    lost: tuple[str, ...]
    gained: tuple[str, ...]
    kept: tuple[str, ...]
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionDiff:
    """One decision (matched by name); ``agent_a``/``agent_b`` is ``None`` where it is absent."""

    decision: str
    agent_a: str | None
    agent_b: str | None
    kinds: tuple[KindDiff, ...]

    @property
    def changed(self) -> bool:
        """Whether any incentive of this decision on a node of both is gained or lost."""
        return any(k.lost or k.gained for k in self.kinds)

    @property
    def shared(self) -> bool:
        """Whether both diagrams have this decision."""
        return self.agent_a is not None and self.agent_b is not None


@dataclass(frozen=True)
class Comparison:
    """The structural and incentive differences between diagrams A and B."""

    a: str
    b: str
    nodes_only_a: tuple[str, ...]
    nodes_only_b: tuple[str, ...]
    kind_changes: tuple[tuple[str, str, str], ...]  # (node, kind in A, kind in B)
    edges_only_a: tuple[tuple[str, str], ...]
    edges_only_b: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionDiff, ...]
    renamed: tuple[tuple[str, str], ...] = ()  # (name in A, name in B)

    @property
    def lost(self) -> int:
        """How many (decision, kind, node) incentives on nodes of both A has and B lacks."""
        return sum(len(k.lost) for d in self.decisions for k in d.kinds)

    @property
    def gained(self) -> int:
        """How many (decision, kind, node) incentives on nodes of both B has and A lacks."""
        return sum(len(k.gained) for d in self.decisions for k in d.kinds)

    @property
    def only_a(self) -> int:
        """How many incentives of A are on nodes or decisions B lacks."""
        return sum(len(k.only_a) for d in self.decisions for k in d.kinds)

    @property
    def only_b(self) -> int:
        """How many incentives of B are on nodes or decisions A lacks."""
        return sum(len(k.only_b) for d in self.decisions for k in d.kinds)

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
                    "incentives": {
                        k.kind: {"lost": list(k.lost), "gained": list(k.gained),
                                 "kept": list(k.kept), "only_in_a": list(k.only_a),
                                 "only_in_b": list(k.only_b)}
                        for k in d.kinds
                    },
                }
                for d in self.decisions
            ],
            "summary": {"lost": self.lost, "gained": self.gained, "only_in_a": self.only_a,
                        "only_in_b": self.only_b},
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def _structure(self) -> list[str]:
        out = [f"A: {self.a}", f"B: {self.b}"]
        if self.renamed:
            out.append("renamed: " + ", ".join(f"{na} (A) = {nb} (B)" for na, nb in self.renamed))
        if self.nodes_only_a:
            out.append(f"nodes only in A: {', '.join(self.nodes_only_a)}")
        if self.nodes_only_b:
            out.append(f"nodes only in B: {', '.join(self.nodes_only_b)}")
        for node, ka, kb in self.kind_changes:
            out.append(f"node {node} is a {ka} node in A, a {kb} node in B")
        if self.edges_only_a:
            out.append("edges only in A: " + ", ".join(f"{u} -> {v}" for u, v in self.edges_only_a))
        if self.edges_only_b:
            out.append("edges only in B: " + ", ".join(f"{u} -> {v}" for u, v in self.edges_only_b))
        return out

    def _one_sided(self, side: str) -> list[str]:
        """The section of incentives on nodes or decisions only ``side`` ("A"/"B") has."""
        out = []
        for d in self.decisions:
            rows = [(k.kind, k.only_a if side == "A" else k.only_b) for k in d.kinds]
            rows = [(kind, nodes) for kind, nodes in rows if nodes]
            if not rows:
                continue
            agent = d.agent_a if side == "A" else d.agent_b
            where = "" if d.shared else f" (agent '{agent}'; only in {side})"
            out.append(f"  decision {d.decision}{where}:")
            out += [f"    {SHORT[kind]:<4} {', '.join(nodes)}" for kind, nodes in rows]
        if out:
            out.insert(0, f"on nodes or decisions only in {side} (not compared):")
        return out

    def lines(self) -> list[str]:
        """The human-readable report: structure, then one diff-style line per kind with
        incentives gained (+) or lost (-) on nodes of both, then the incentives on nodes or
        decisions only one diagram has, then the counts."""
        out = self._structure()
        shared = [d for d in self.decisions if d.shared]
        if shared:
            out.append("incentives on the nodes of both (-: only in A, +: only in B):")
        for d in shared:
            where = f" (agent '{d.agent_a}' in A, '{d.agent_b}' in B)" \
                if d.agent_a != d.agent_b else ""
            if not d.changed:
                out.append(f"  decision {d.decision}{where}: unchanged")
                continue
            out.append(f"  decision {d.decision}{where}:")
            for k in d.kinds:
                parts = ([f"- {', '.join(k.lost)}"] if k.lost else []) + (
                    [f"+ {', '.join(k.gained)}"] if k.gained else [])
                if parts:
                    out.append(f"    {SHORT[k.kind]:<4} {'   '.join(parts)}")
        if not self.decisions:
            out.append("neither diagram has a decision")
        elif not shared:
            out.append("no decision is in both diagrams")
        out += self._one_sided("A") + self._one_sided("B")
        noun = "incentive" if self.lost == 1 else "incentives"
        summary = f"{self.lost} {noun} lost, {self.gained} gained"
        sides = [f"{n} only in {side}" for n, side in ((self.only_a, "A"), (self.only_b, "B"))
                 if n]
        out.append(summary + ("; " + ", ".join(sides) if sides else ""))
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _ordered(names: Iterable[str], order: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda n: (order.get(n, len(order)), n)))


def compare(
    a: Diagram, b: Diagram, *, labels: tuple[str, str] | None = None,
    renames: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare the incentives of two diagrams, matching nodes and decisions by name.

    Parameters
    ----------
    a, b : Diagram
        The diagrams; neither is modified.
    labels : (str, str), optional
        How to call them in the report (default: their names).
    renames : mapping of str to str, optional
        ``{name in A: name in B}`` for nodes that are the same but named differently (e.g. the
        state ``S3`` of an MDP and the counterfactual ``S3_cf`` of current-RF optimisation).

    Returns
    -------
    Comparison
        Nodes, kinds and edges that differ; per decision of both and incentive kind the nodes
        of both lost (in A only) and gained (in B only); apart, the incentives on nodes or
        decisions only one diagram has. Order: A's topological order, then B's.

    Raises
    ------
    NodeNotFoundError
        If a renamed node is not in A, or its new name is not in B.
    DiagramError
        If a new name clashes with another node of A.
    """
    from cid.errors import NodeNotFoundError

    renames = dict(renames or {})
    missing = [new for new in renames.values() if new not in b]
    if missing:
        raise NodeNotFoundError(f"cannot match renamed nodes with {', '.join(missing)}: not a "
                                f"node of '{b.name}'")
    if renames:
        a = rename_nodes(a, renames)
    order: dict[str, int] = {}
    for n in (*a.topological_order, *b.topological_order):
        order.setdefault(n, len(order))
    edge_order = {e: i for i, e in enumerate((*a.edge_list, *b.edge_list))}
    na, nb = set(a.nodes), set(b.nodes)
    ea, eb = set(a.edge_list), set(b.edge_list)
    kind_changes = tuple(
        (n, a.kind(n), b.kind(n)) for n in _ordered(na & nb, order) if a.kind(n) != b.kind(n)
    )
    diffs = []
    for decision in _ordered(set(a.decisions) | set(b.decisions), order):
        in_a, in_b = decision in a.decisions, decision in b.decisions
        sets_a = incentive_sets(a, decision) if in_a else {}
        sets_b = incentive_sets(b, decision) if in_b else {}
        kinds = []
        for kind in KINDS:
            sa, sb = sets_a.get(kind, frozenset()), sets_b.get(kind, frozenset())
            if not (in_a and in_b):  # a decision only one diagram has: nothing to compare
                kinds.append(KindDiff(kind, (), (), (), _ordered(sa, order), _ordered(sb, order)))
                continue
            both = na & nb
            kinds.append(KindDiff(kind, _ordered((sa - sb) & both, order),
                                  _ordered((sb - sa) & both, order), _ordered(sa & sb, order),
                                  _ordered(sa - nb, order), _ordered(sb - na, order)))
        diffs.append(DecisionDiff(decision, a.agent_of(decision) if in_a else None,
                                  b.agent_of(decision) if in_b else None, tuple(kinds)))
    label_a, label_b = labels or (a.name, b.name)
    return Comparison(
        a=label_a,
        b=label_b,
        nodes_only_a=_ordered(na - nb, order),
        nodes_only_b=_ordered(nb - na, order),
        kind_changes=kind_changes,
        edges_only_a=tuple(sorted(ea - eb, key=edge_order.__getitem__)),
        edges_only_b=tuple(sorted(eb - ea, key=edge_order.__getitem__)),
        decisions=tuple(diffs),
        renamed=tuple(renames.items()),
    )
