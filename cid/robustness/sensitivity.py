"""How robust each incentive verdict is to single modelling edits.

:func:`sensitivity` answers, for every incentive verdict of a diagram (a kind, a node and a
decision; the incentive *present* or *absent*), which single edits flip it, each flip with
the witness path that appears or disappears. See ``docs/robustness.md`` for which edits are
answered incrementally, and why that is exact.

Examples
--------
>>> import cid
>>> from cid.robustness import sensitivity
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> report = sensitivity(d)
>>> v = report.verdict("VoI", "S")
>>> v.present, v.robust, [str(f.edit) for f in v.flips], v.hinges
(True, False, ['-edge D -> U', '-edge S -> U', 'U as chance'], (('D', 'U'), ('S', 'U')))
>>> print(v.flips[1])
-edge S -> U removes it (S → U)
>>> report.verdict("ICI", "U").robust
False
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from cid.errors import CIDError, CIDTypeError, DiagramError, NodeNotFoundError
from cid.incentives import IncentiveKind, Witness, analyze, explain, value_of_information
from cid.robustness.edits import ChangeKind, Edit, creates_cycle, single_edits

if TYPE_CHECKING:
    from cid.incentives import Report
    from cid.model import Diagram

__all__ = ["Flip", "SensitivityReport", "Verdict", "sensitivity"]

_KINDS = tuple(IncentiveKind)
Sets = dict[tuple[str, IncentiveKind], frozenset[str]]


@dataclass(frozen=True)
class Flip:
    """One edit that flips one verdict.

    Attributes
    ----------
    edit : Edit
    appears : bool
        ``True`` if the edit creates the incentive, ``False`` if it removes it.
    witness : Witness
        The witness that appears (in the edited diagram) or disappears (from the diagram).
    """

    edit: Edit
    appears: bool
    witness: Witness

    def __str__(self) -> str:
        verb = "creates" if self.appears else "removes"
        return f"{self.edit} {verb} it ({self.witness})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {**self.edit.to_dict(), "appears": self.appears, "witness": self.witness.to_dict()}


@dataclass(frozen=True)
class Verdict:
    """One incentive verdict and the single edits that flip it.

    Attributes
    ----------
    kind : IncentiveKind
    node, decision : str
    present : bool
        Whether ``node`` admits the incentive for ``decision`` in the diagram.
    flips : tuple of Flip
        The single edits that flip the verdict (empty: robust).
    hinges : tuple of (parent, child)
        The edges of the diagram whose removal alone flips the verdict.
    """

    kind: IncentiveKind
    node: str
    decision: str
    present: bool
    flips: tuple[Flip, ...] = ()
    hinges: tuple[tuple[str, str], ...] = field(default=())

    @property
    def robust(self) -> bool:
        """No single edit (of those tried) flips the verdict."""
        return not self.flips

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The flipping edits."""
        return tuple(f.edit for f in self.flips)

    def __str__(self) -> str:
        has = "has" if self.present else "has no"
        n = len(self.flips)
        status = "robust" if self.robust else f"fragile ({n} flip{'s' if n != 1 else ''})"
        return f"{self.node} {has} {self.kind.label} for {self.decision}: {status}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {"kind": self.kind.value, "node": self.node, "decision": self.decision,
                "present": self.present, "robust": self.robust,
                "hinges": [list(e) for e in self.hinges],
                "flips": [f.to_dict() for f in self.flips]}


@dataclass(frozen=True)
class SensitivityReport:
    """Every verdict of a diagram with the single edits that flip it (see :func:`sensitivity`).

    Attributes
    ----------
    name : str
        The diagram's name.
    verdicts : tuple of Verdict
        Present and absent, by decision, kind and node (topological orders).
    edits : tuple of Edit
        The edits tried (applied to copies).
    skipped : tuple of (Edit, str)
        The edits not applied, with the reason (a cycle, an invalid diagram).
    analyses : int
        Edits answered by re-analysing the edited diagram with all four criteria.
    incremental : int
        Edits answered from the diagram's own analysis plus value of information only.
    """

    name: str
    verdicts: tuple[Verdict, ...]
    edits: tuple[Edit, ...]
    skipped: tuple[tuple[Edit, str], ...]
    analyses: int
    incremental: int

    @property
    def cycles_skipped(self) -> int:
        """How many additions were skipped because they would make a cycle."""
        return sum(1 for _, why in self.skipped if why == "cycle")

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts)

    def verdict(self, kind: IncentiveKind | str, node: str,
                decision: str | None = None) -> Verdict:
        """The verdict of ``kind`` on ``node`` (for ``decision``; optional with one decision).

        Raises
        ------
        NodeNotFoundError
            No such verdict (an unknown node or decision).
        """
        k = IncentiveKind.parse(kind)
        found = [v for v in self.verdicts if v.kind is k and v.node == node
                 and (decision is None or v.decision == decision)]
        if len(found) != 1:
            what = "several decisions: pass decision=" if found else "no such node or decision"
            raise NodeNotFoundError(f"no single verdict {k.label} on {node!r} in "
                                    f"{self.name!r} ({what})")
        return found[0]

    def fragile(self, *, present: bool | None = None) -> tuple[Verdict, ...]:
        """The verdicts some single edit flips (only present or absent ones, if asked)."""
        return tuple(v for v in self.verdicts if not v.robust
                     and (present is None or v.present == present))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"format": "cid-sensitivity-report", "version": 1, "diagram": self.name,
                "edits": len(self.edits), "analyses": self.analyses,
                "incremental": self.incremental,
                "skipped": [{**e.to_dict(), "reason": why} for e, why in self.skipped],
                "verdicts": [v.to_dict() for v in self.verdicts]}

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __str__(self) -> str:
        present = [v for v in self.verdicts if v.present]
        fragile_absent = self.fragile(present=False)
        lines = [f"sensitivity of {self.name!r}: {len(self.edits)} single edits "
                 f"({self.cycles_skipped} cyclic additions skipped)"]
        for v in present:
            lines.append(f"  {v}")
            lines.extend(f"      {f}" for f in v.flips)
        if fragile_absent:
            lines.append("absent incentives that one edit creates:")
            for v in fragile_absent:
                lines.append(f"  {v}")
                lines.extend(f"      {f}" for f in v.flips)
        return "\n".join(lines)


def relevant_nodes(d: Diagram, agent: str) -> frozenset[str]:
    """``An*(U ∪ D)``: the agent's utilities and decisions and all their ancestors.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U", "D -> Z"], decisions=["D"], utilities=["U"])
    >>> sorted(relevant_nodes(d, "agent"))
    ['D', 'S', 'U']
    """
    g = d.to_networkx()
    seeds = set(d.utilities_of(agent)) | set(d.decisions_of(agent))
    out = set(seeds)
    for s in seeds:
        out |= nx.ancestors(g, s)
    return frozenset(out)


def _sets(report: Report) -> Sets:
    return {(r.decision, k): frozenset(r.nodes(k)) for r in report for k in _KINDS}


class _Study:
    """The diagram's analysis, and the per-agent facts the incremental rule reads."""

    def __init__(self, d: Diagram, decisions: tuple[str, ...]) -> None:
        self.d = d
        self.decisions = decisions
        self.report = analyze(d, decisions=list(decisions))
        self.sets = _sets(self.report)
        self.graph = d.to_networkx()
        self.agent = {dec: d.agent_of(dec) for dec in decisions}
        self.relevant = {a: relevant_nodes(d, a) for a in set(self.agent.values())}

    def witness(self, kind: IncentiveKind, node: str, decision: str) -> Witness:
        w = self.report[decision].witness(kind, node)
        assert w is not None
        return w

    def local(self, edit: Edit) -> dict[str, frozenset[str]]:
        """For each decision whose agent's ``An*(U ∪ D)`` misses the edited edge's child:
        the only nodes whose value of information the edit may change (see the docs)."""
        if isinstance(edit, ChangeKind):
            return {}
        child = edit.edge[1]
        outside = {dec: a for dec, a in self.agent.items() if child not in self.relevant[a]}
        if not outside:
            return {}
        below = {child} | nx.descendants(self.graph, child)  # the edit, into child, cannot
        # change them: a path from child back through parent would be a cycle
        return {dec: frozenset(below - self.relevant[a]) for dec, a in outside.items()}


def _flips_full(study: _Study, edit: Edit, edited: Diagram,
                decisions: list[str]) -> Iterator[tuple[tuple[str, IncentiveKind, str], Flip]]:
    new = analyze(edited, decisions=decisions)
    for r in new:
        for k in _KINDS:
            before, after = study.sets[(r.decision, k)], frozenset(r.nodes(k))
            for node in before - after:
                yield (r.decision, k, node), Flip(edit, False, study.witness(k, node, r.decision))
            for node in after - before:
                w = r.witness(k, node)
                assert w is not None
                yield (r.decision, k, node), Flip(edit, True, w)


def _flips_voi(study: _Study, edit: Edit, edited: Diagram, local: dict[str, frozenset[str]]
               ) -> Iterator[tuple[tuple[str, IncentiveKind, str], Flip]]:
    """The value-of-information flips on the nodes ``local[decision]`` (one criterion on the
    edited diagram; the others cannot change, see :meth:`_Study.local`)."""
    k = IncentiveKind.VALUE_OF_INFORMATION
    if len(local) == 1:
        ((only, _),) = local.items()
        voi = {only: value_of_information(edited, only)}
    else:
        voi = {r.decision: frozenset(r.nodes(k)) for r in analyze(edited, decisions=[*local])}
    for decision, nodes in local.items():
        before = study.sets[(decision, k)] & nodes
        after = voi[decision] & nodes
        for node in sorted(before - after):
            yield (decision, k, node), Flip(edit, False, study.witness(k, node, decision))
        for node in sorted(after - before):
            w = explain(edited, decision, node, k)
            assert w is not None
            yield (decision, k, node), Flip(edit, True, w)


def _resolve_edits(d: Diagram, edits: Iterable[Edit] | str | Iterable[str] | None
                   ) -> tuple[list[Edit], list[tuple[Edit, str]]]:
    if edits is None or isinstance(edits, str):
        ok, cyclic = single_edits(d, edits)
        return list(ok), [(e, "cycle") for e in cyclic]
    items = list(edits)
    if all(isinstance(e, str) for e in items):
        ok, cyclic = single_edits(d, items)  # type: ignore[arg-type]
        return list(ok), [(e, "cycle") for e in cyclic]
    g = d.to_networkx()
    chosen: list[Edit] = []
    skipped: list[tuple[Edit, str]] = []
    for e in items:
        if isinstance(e, str):
            raise CIDTypeError("edits: a mix of edit class names and edits; pass one or the "
                               "other")
        nodes = (e.node,) if isinstance(e, ChangeKind) else e.edge
        for n in nodes:
            if n not in d:
                raise NodeNotFoundError(f"edit {e} names unknown node {n!r} "
                                        f"(diagram {d.name!r})")
        if isinstance(e, ChangeKind):
            chosen.append(e)
        elif e.edit_class in ("remove", "remove_link") and not g.has_edge(*e.edge):
            raise DiagramError(f"edit {e}: diagram {d.name!r} has no edge {e.parent} -> "
                               f"{e.child}", code="cid_unknown_edge")
        elif e.edit_class in ("add", "add_link") and creates_cycle(g, *e.edge):
            skipped.append((e, "cycle"))
        else:
            chosen.append(e)
    return chosen, skipped


def sensitivity(d: Diagram, decision: str | None = None, *,
                edits: Iterable[Edit] | str | Iterable[str] | None = None,
                incremental: bool = True) -> SensitivityReport:
    """The single edits that flip each incentive verdict of ``d``.

    For every decision (or ``decision``), every incentive kind and every node, the verdict
    "``node`` admits the incentive" is computed on ``d``, present or absent, and recomputed
    on ``d`` with each single edit applied. A verdict is *robust* when no edit flips it,
    *fragile* otherwise; its *hinges* are the edges whose removal alone flips it.

    Parameters
    ----------
    d : Diagram
        Left untouched (edits are applied to copies).
    decision : str, optional
        Only the verdicts of this decision (default: every decision of every agent).
    edits : str, iterable of str or iterable of Edit, optional
        Class names among :data:`~cid.robustness.EDIT_CLASSES` (``"remove,add"``), or
        explicit :class:`~cid.robustness.Edit` values; default: every single edit of every
        class. Additions that would make a cycle are skipped and counted, never applied.
    incremental : bool, optional
        Answer the edits that cannot change the agent's relevant part of the graph from the
        diagram's own analysis (plus value of information); ``False`` re-analyses every edit.

    Returns
    -------
    SensitivityReport

    Raises
    ------
    NodeNotFoundError
        ``decision``, or a node named by an explicit edit, is not in ``d``.
    DiagramError
        ``decision`` is not a decision; an unknown edit class; an explicit removal of an
        edge ``d`` does not have.

    Notes
    -----
    An edge edit ``a -> b`` with ``b`` outside ``An*(U ∪ D)`` of the decision's agent
    (its utilities, decisions and their ancestors) changes no response incentive, value of
    control or instrumental control incentive, and no value of information except on the
    descendants of ``b`` outside that set: d-separation between sets of ``An*(U ∪ D)``
    reads only the subgraph induced by their ancestors (Lauritzen et al. 1990). Those
    edits cost one value-of-information pass instead of a full analysis. The proof, and
    the property test against naive re-analysis, are described in ``docs/robustness.md``.

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685 (the four criteria).
    .. [2] S. L. Lauritzen, A. P. Dawid, B. N. Larsen, H.-G. Leimer, "Independence
       properties of directed Markov fields", Networks 20 (1990) (ancestral sets).
    """
    from cid.core.diagram import require_diagram

    require_diagram(d, "sensitivity")
    decisions = tuple(d.decisions) if decision is None else (decision,)
    study = _Study(d, decisions)
    chosen, skipped = _resolve_edits(d, edits)
    flips: dict[tuple[str, IncentiveKind, str], list[Flip]] = {}
    applied: list[Edit] = []
    analyses = local_count = 0
    for e in chosen:
        try:
            edited = e.apply(d)
        except CIDError as err:  # a change of kind that leaves the diagram invalid
            skipped.append((e, str(err)))
            continue
        applied.append(e)
        local = study.local(e) if incremental else {}
        if len(local) == len(decisions):  # every decision: value of information only
            found = list(_flips_voi(study, e, edited, local))
            local_count += 1
        else:  # one analysis of every decision (exact for all of them)
            found = list(_flips_full(study, e, edited, list(decisions)))
            analyses += 1
        for key, flip in found:
            flips.setdefault(key, []).append(flip)
    return SensitivityReport(d.name, _verdicts(d, study, flips), tuple(applied),
                             tuple(skipped), analyses, local_count)


def _verdicts(d: Diagram, study: _Study,
              flips: dict[tuple[str, IncentiveKind, str], list[Flip]]) -> tuple[Verdict, ...]:
    out = []
    for dec in sorted(study.decisions, key=d.topological_order.index):
        for k in _KINDS:
            present = study.sets[(dec, k)]
            for node in d.topological_order:
                fs = tuple(flips.get((dec, k, node), ()))
                hinges = tuple(f.edit.edge for f in fs
                               if f.edit.edit_class in ("remove", "remove_link")
                               and f.edit.edge is not None)
                out.append(Verdict(k, node, dec, node in present, fs, hinges))
    return tuple(out)
