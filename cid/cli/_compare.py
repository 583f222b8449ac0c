"""The text of ``cid compare A B``: a :class:`cid.Comparison` as a diff-style report.

The comparison itself is :func:`cid.compare`; this module only lays it out, and decides the
exit status of ``--fail-on``.

Examples
--------
>>> import cid
>>> a = cid.Diagram.from_edges(["D -> X -> U", "S -> D", "S -> U", "D -> W -> U"],
...                            decisions=["D"], utilities=["U"], name="a")
>>> b = cid.Diagram.from_edges(["D -> U", "X -> U", "S -> D", "S -> U"], decisions=["D"],
...                            utilities=["U"], name="b")
>>> for line in comparison_lines(cid.compare(a, b)):
...     print(line)
A: a
B: b
nodes only in A: W
edges only in A: D -> W, D -> X, W -> U
edges only in B: D -> U
incentives on the nodes of both (-: only in A, +: only in B, ~: explained differently):
  decision D:
    VoI  + X
    ICI  - X
    ICI  ~ D: D → X → U (A), D → U (B)
    ICI  ~ U: D → W → U (A), D → U (B)
on nodes or decisions only in A (not compared):
  decision D:
    VoC  W
    ICI  W
1 incentive lost, 1 gained, 2 changed; 2 only in A
>>> failures(cid.compare(a, b), ("lost", "changed"))
['lost', 'changed']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cid.incentives.compare import Comparison, DecisionDiff, KindDiff

__all__ = ["EXIT_FAILED_CHECK", "FAIL_ON", "comparison_lines", "failures"]

FAIL_ON = ("gained", "lost", "changed")
"""What ``--fail-on`` can name: incentives gained, lost, or explained differently."""

EXIT_FAILED_CHECK = 4
"""The exit status of ``cid compare --fail-on ...`` when the comparison has what it names."""


def failures(comparison: Comparison, fail_on: Iterable[str]) -> list[str]:
    """The names in ``fail_on`` (of :data:`FAIL_ON`) that the comparison has, in order."""
    return [what for what in fail_on if getattr(comparison, what)]


def _structure(c: Comparison) -> list[str]:
    out = [f"A: {c.a}", f"B: {c.b}"]
    if c.renamed:
        out.append("renamed: " + ", ".join(f"{na} (A) = {nb} (B)" for na, nb in c.renamed))
    if c.nodes_only_a:
        out.append(f"nodes only in A: {', '.join(c.nodes_only_a)}")
    if c.nodes_only_b:
        out.append(f"nodes only in B: {', '.join(c.nodes_only_b)}")
    for node, ka, kb in c.kind_changes:
        out.append(f"node {node} is a {ka} node in A, a {kb} node in B")
    if c.edges_only_a:
        out.append("edges only in A: " + ", ".join(f"{u} -> {v}" for u, v in c.edges_only_a))
    if c.edges_only_b:
        out.append("edges only in B: " + ", ".join(f"{u} -> {v}" for u, v in c.edges_only_b))
    return out


def _one_sided(c: Comparison, side: str) -> list[str]:
    """The section of incentives on nodes or decisions only ``side`` ("A"/"B") has."""
    out = []
    for d in c.decisions:
        rows = [(k.kind.label, k.only_a if side == "A" else k.only_b) for k in d.kinds]
        rows = [(label, nodes) for label, nodes in rows if nodes]
        if not rows:
            continue
        agent = d.agent_a if side == "A" else d.agent_b
        where = "" if d.shared else f" (agent '{agent}'; only in {side})"
        out.append(f"  decision {d.decision}{where}:")
        out += [f"    {label:<4} {', '.join(nodes)}" for label, nodes in rows]
    if out:
        out.insert(0, f"on nodes or decisions only in {side} (not compared):")
    return out


def _kind_lines(k: KindDiff) -> list[str]:
    label = f"    {k.kind.label:<4}"
    parts = ([f"- {', '.join(k.lost)}"] if k.lost else []) + (
        [f"+ {', '.join(k.gained)}"] if k.gained else [])
    out = [f"{label} {'   '.join(parts)}"] if parts else []
    for w in k.changed:
        out.append(f"{label} ~ {w.node}: {w.witness_a} (A), {w.witness_b} (B)")
    return out


def _decision_lines(d: DecisionDiff) -> list[str]:
    where = f" (agent '{d.agent_a}' in A, '{d.agent_b}' in B)" if d.agent_a != d.agent_b else ""
    if not d.differs:
        return [f"  decision {d.decision}{where}: unchanged"]
    return [f"  decision {d.decision}{where}:", *(line for k in d.kinds for line in _kind_lines(k))]


def comparison_lines(c: Comparison) -> list[str]:
    """The human-readable report: structure, then one diff-style line per kind with
    incentives gained (+) or lost (-) on nodes of both, one per incentive explained
    differently (~, with both witnesses, each in its diagram's names), then the
    incentives on nodes or decisions only one diagram has, then the counts."""
    out = _structure(c)
    shared = [d for d in c.decisions if d.shared]
    if shared:
        out.append("incentives on the nodes of both (-: only in A, +: only in B, "
                   "~: explained differently):")
    for d in shared:
        out += _decision_lines(d)
    if not c.decisions:
        out.append("neither diagram has a decision")
    elif not shared:
        out.append("no decision is in both diagrams")
    out += _one_sided(c, "A") + _one_sided(c, "B")
    out.append(c.summary())
    return out
