"""Which incentives differ between two diagrams (``cid compare A B``).

The papers compare frameworks this way: reward modeling against CIRL (the feedback data is an
instrumental-control target in one and only informative in the other), an MDP with a
modifiable reward function against current-RF optimisation (the tampering incentive goes).
Nodes and decisions are matched **by name**; for every decision of either diagram and every
incentive kind, the nodes that carry the incentive in only one diagram are listed: *lost*
(in A, not in B) or *gained* (in B, not in A).

Examples
--------
>>> import cid
>>> a = cid.Diagram.from_edges(["D -> X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="a")
>>> b = cid.Diagram.from_edges(["D -> U", "X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="b")
>>> cmp = compare(a, b)
>>> for line in cmp.lines():
...     print(line)
A: a
B: b
edges only in A: D -> X
edges only in B: D -> U
incentives (-: only in A, +: only in B):
  decision D:
    VoI  + X
    ICI  - X
1 incentive lost, 1 gained
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["KINDS", "Comparison", "DecisionDiff", "KindDiff", "compare", "incentive_sets"]

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


@dataclass(frozen=True)
class KindDiff:
    """One incentive kind of one decision in both diagrams."""

    kind: str
    lost: tuple[str, ...]
    gained: tuple[str, ...]
    kept: tuple[str, ...]


@dataclass(frozen=True)
class DecisionDiff:
    """One decision (matched by name); ``agent_a``/``agent_b`` is ``None`` where it is absent."""

    decision: str
    agent_a: str | None
    agent_b: str | None
    kinds: tuple[KindDiff, ...]

    @property
    def changed(self) -> bool:
        """Whether any incentive of this decision is gained or lost."""
        return any(k.lost or k.gained for k in self.kinds)


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

    @property
    def lost(self) -> int:
        """How many (decision, kind, node) incentives A has and B lacks."""
        return sum(len(k.lost) for d in self.decisions for k in d.kinds)

    @property
    def gained(self) -> int:
        """How many (decision, kind, node) incentives B has and A lacks."""
        return sum(len(k.gained) for d in self.decisions for k in d.kinds)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a stable key order."""
        return {
            "a": self.a,
            "b": self.b,
            "nodes": {
                "only_in_a": list(self.nodes_only_a),
                "only_in_b": list(self.nodes_only_b),
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
                                 "kept": list(k.kept)}
                        for k in d.kinds
                    },
                }
                for d in self.decisions
            ],
            "summary": {"lost": self.lost, "gained": self.gained},
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def lines(self) -> list[str]:
        """The human-readable report, one diff-style line per gained (+) or lost (-) incentive."""
        out = [f"A: {self.a}", f"B: {self.b}"]
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
        if self.decisions:
            out.append("incentives (-: only in A, +: only in B):")
        for d in self.decisions:
            if d.agent_a is None:
                where = " (only in B)"
            elif d.agent_b is None:
                where = " (only in A)"
            elif d.agent_a != d.agent_b:
                where = f" (agent '{d.agent_a}' in A, '{d.agent_b}' in B)"
            else:
                where = ""
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
        noun = "incentive" if self.lost == 1 else "incentives"
        out.append(f"{self.lost} {noun} lost, {self.gained} gained")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _ordered(names: Iterable[str], order: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda n: (order.get(n, len(order)), n)))


def compare(a: Diagram, b: Diagram, *, labels: tuple[str, str] | None = None) -> Comparison:
    """Compare the incentives of two diagrams, matching nodes and decisions by name.

    Parameters
    ----------
    a, b : Diagram
        The diagrams; neither is modified.
    labels : (str, str), optional
        How to call them in the report (default: their names).

    Returns
    -------
    Comparison
        Nodes, kinds and edges that differ, and per decision and incentive kind the nodes
        lost (in A only) and gained (in B only). Order: A's topological order, then B's.
    """
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
            kinds.append(KindDiff(kind, _ordered(sa - sb, order), _ordered(sb - sa, order),
                                  _ordered(sa & sb, order)))
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
    )
