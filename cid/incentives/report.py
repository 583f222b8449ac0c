"""The incentive report: every criterion, for every decision of every agent, with witnesses.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"],
...                            name="tiny")
>>> report = cid.analyze(d)
>>> print(report.table())
decision  node  VoI  RI  VoC  ICI
--------  ----  ---  --  ---  ---
D         S     x    x   x
D         D                   x
D         U              x    x
>>> report.get("response_incentive", node="S").witness.path
('S', 'D')
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from cid.errors import DiagramError, NodeNotFoundError
from cid.incentives._jsontext import dumps_value
from cid.incentives.compact import WitnessMode, compact_records, witness_mode
from cid.incentives.criteria import check_decision, check_node, make_witness
from cid.incentives.engine import AgentAnalysis, DecisionAnalysis, DiagramGraph
from cid.incentives.kinds import Guarantee, IncentiveKind
from cid.incentives.witness import Witness

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["DecisionReport", "Incentive", "Report", "analyze"]

REPORT_FORMAT = "cid-incentive-report"
REPORT_VERSION = 2
_KINDS = tuple(IncentiveKind)


@dataclass(frozen=True, slots=True)
class Incentive:
    """One positive answer: ``node`` admits an incentive of ``kind`` for ``decision``."""

    kind: IncentiveKind
    decision: str
    node: str
    agent: str
    witness: Witness

    def __str__(self) -> str:
        return f"{self.kind.label} on {self.node} for {self.decision}: {self.witness}"


@dataclass(frozen=True)
class DecisionReport:
    """The four criteria for one decision.

    Attributes
    ----------
    decision, agent : str
    guarantee : Guarantee
        Which guarantee the graphical answers carry (see :class:`Guarantee`).
    value_of_information, response_incentive, value_of_control, \
instrumental_control_incentive : tuple of str
        The nodes admitting each incentive, in topological order.
    definition_checks : int
        How many value-of-information candidates had to be decided by the definition
        (one minimal d-reduction each) rather than by a single pass; 0 for one decision.
    other_agents : bool
        Whether other agents make decisions in the diagram (the answers then hold with their
        policies fixed: see :attr:`guarantee_text`).
    """

    decision: str
    agent: str
    guarantee: Guarantee
    value_of_information: tuple[str, ...]
    response_incentive: tuple[str, ...]
    value_of_control: tuple[str, ...]
    instrumental_control_incentive: tuple[str, ...]
    definition_checks: int = 0
    other_agents: bool = False
    _analysis: DecisionAnalysis | None = field(default=None, repr=False, compare=False)

    @property
    def guarantee_text(self) -> str:
        """The guarantee in words (see :meth:`Guarantee.describe`)."""
        return self.guarantee.describe(other_agents=self.other_agents)

    def nodes(self, kind: IncentiveKind | str) -> tuple[str, ...]:
        """The nodes admitting ``kind``, in topological order."""
        return getattr(self, IncentiveKind.parse(kind).value)  # type: ignore[no-any-return]

    def witness(self, kind: IncentiveKind | str, node: str) -> Witness | None:
        """The witness for ``node``, or ``None`` if it does not admit ``kind``.

        Raises
        ------
        NodeNotFoundError
            If ``node`` is not a node of the diagram.
        DiagramError
            If ``kind`` names no criterion.
        """
        k = IncentiveKind.parse(kind)
        if self._analysis is None:
            return None
        check_node(self._analysis.agent.base.diagram, node)
        return make_witness(self._analysis, k, node)  # membership tested on frozensets

    def incentives(self, kind: IncentiveKind | str | None = None) -> Iterator[Incentive]:
        """Every positive answer (of one kind, or all), with its witness."""
        kinds = _KINDS if kind is None else (IncentiveKind.parse(kind),)
        a, decision, agent = self._analysis, self.decision, self.agent
        for k in kinds:
            for node in self.nodes(k):
                if a is None:
                    continue
                yield Incentive(k, decision, node, agent, Witness(k, decision, node, a))


class Report:
    """The incentives of every decision of every agent of a diagram (see :func:`analyze`).

    Attributes
    ----------
    name : str
        The diagram's name.
    decisions : tuple of DecisionReport
        In topological order of the decisions.
    """

    def __init__(self, name: str, decisions: tuple[DecisionReport, ...], *,
                 order: dict[str, int] | None = None,
                 diagram_agents: tuple[str, ...] | None = None) -> None:
        self.name = name
        self.decisions = decisions
        self._diagram_agents = diagram_agents
        self._by_name = {r.decision: r for r in decisions}
        self._topo = dict(order) if order is not None else {}

    # ------------------------------------------------------------------ access
    def __iter__(self) -> Iterator[DecisionReport]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def __getitem__(self, decision: str) -> DecisionReport:
        try:
            return self._by_name[decision]
        except (KeyError, TypeError):
            raise NodeNotFoundError(
                f"no decision {decision!r} in the report of {self.name!r} (its decisions are "
                f"{', '.join(self._by_name) or 'none'})") from None

    @property
    def agents(self) -> tuple[str, ...]:
        """The agents that make at least one decision, sorted."""
        return tuple(sorted({r.agent for r in self.decisions}))

    def _decision(self, decision: str | None) -> DecisionReport:
        if decision is not None:
            return self[decision]
        if len(self.decisions) != 1:
            raise DiagramError(
                f"diagram {self.name!r} has {len(self.decisions)} decisions "
                f"({', '.join(self._by_name) or 'none'}): pass decision=...",
                code="cid_ambiguous_decision")
        return self.decisions[0]

    def get(self, kind: IncentiveKind | str, *, node: str,
            decision: str | None = None) -> Incentive | None:
        """The incentive of ``kind`` on ``node`` for ``decision``, or ``None`` if ``node``
        does not admit it.

        ``decision`` may be left out when the diagram has a single decision.

        Raises
        ------
        NodeNotFoundError
            If ``node`` or ``decision`` is not in the diagram.
        DiagramError
            If ``decision`` is left out but the diagram has several, or ``kind`` names no
            criterion.
        """
        k = IncentiveKind.parse(kind)
        r = self._decision(decision)
        w = r.witness(k, node)
        return None if w is None else Incentive(k, r.decision, node, r.agent, w)

    def incentives(self, kind: IncentiveKind | str | None = None, *,
                   decision: str | None = None) -> tuple[Incentive, ...]:
        """Every positive answer (optionally of one kind, for one decision)."""
        reports = self.decisions if decision is None else (self[decision],)
        return tuple(i for r in reports for i in r.incentives(kind))

    # ------------------------------------------------------------------ export
    def to_dict(self, *, witnesses: WitnessMode | bool = "one") -> dict[str, Any]:
        """A JSON-ready dict with a stable order (decisions and nodes topologically).

        Parameters
        ----------
        witnesses : {"one", "all", "none"} or bool
            ``"one"`` (default): one witness per incentive in the compact form (its first
            steps and the witness it continues: see :func:`cid.expand_witnesses`), so the
            output grows with the number of incentives, not with their paths' lengths;
            ``"all"``: every path written out in full; ``"none"``: node names only.
            ``True`` means ``"all"`` and ``False`` ``"none"``.
        """
        mode = witness_mode(witnesses)
        out: dict[str, Any] = {"format": REPORT_FORMAT, "version": REPORT_VERSION,
                               "diagram": self.name, "witnesses": mode, "decisions": []}
        for r in self.decisions:
            entry: dict[str, Any] = {"decision": r.decision, "agent": r.agent,
                                     "guarantee": r.guarantee.value,
                                     "guarantee_text": r.guarantee_text,
                                     "incentives": {}}
            for k in _KINDS:
                entry["incentives"][k.value] = _records(r, k, mode)
            out["decisions"].append(entry)
        return out

    def to_json(self, *, indent: int | None = 2,
                witnesses: WitnessMode | bool = "one") -> str:
        """The report as JSON text (see :meth:`to_dict`)."""
        return "".join(self.iter_json(indent=indent, witnesses=witnesses))

    def iter_json(self, *, indent: int | None = 2,
                  witnesses: WitnessMode | bool = "one") -> Iterator[str]:
        """:meth:`to_json` in pieces, one decision at a time (to write a large report with
        memory for one decision's part only)."""
        mode = witness_mode(witnesses)
        whole = self.to_dict(witnesses="none")
        whole["witnesses"] = mode
        if not self.decisions:
            yield json.dumps(whole, indent=indent, ensure_ascii=False)
            return
        entries = whole.pop("decisions")
        head = json.dumps(whole, indent=indent, ensure_ascii=False)[:-1].rstrip()
        if indent is None:
            pad, sep, key, close = "", ", ", ', "decisions": [', "]}"
        else:
            pad, sep = "\n" + " " * (2 * indent), ","
            key, close = f',\n{" " * indent}"decisions": [', f'\n{" " * indent}]\n}}'
        yield head + key
        for i, (r, entry) in enumerate(zip(self.decisions, entries, strict=True)):
            if indent is None:
                for k in _KINDS:
                    entry["incentives"][k.value] = _records(r, k, mode)
                text = json.dumps(entry, ensure_ascii=False)
            else:  # the large part, the incentive lists, is written by dumps_value
                del entry["incentives"]
                text = json.dumps(entry, indent=indent, ensure_ascii=False)[:-2]
                text += ",\n" + " " * indent + '"incentives": ' + dumps_value(
                    {k.value: _records(r, k, mode) for k in _KINDS}, indent, 1) + "\n}"
            yield (sep if i else "") + pad + text.replace("\n", pad)
        yield close

    def _rows(self) -> list[tuple[str, str, list[bool]]]:
        rows = []
        for r in self.decisions:
            marked = [set(r.nodes(k)) for k in _KINDS]
            seen = {n for k in _KINDS for n in r.nodes(k)}
            for n in sorted(seen, key=lambda n: (self._topo.get(n, -1), n)):
                rows.append((r.decision, n, [n in m for m in marked]))
        return rows

    def table(self, format: Literal["text", "markdown"] = "text") -> str:
        """A table: one row per (decision, node) with some incentive, one column per kind."""
        if format not in ("text", "markdown"):
            raise DiagramError(f"unknown table format {format!r}; use 'text' or 'markdown'",
                               code="cid_unknown_format")
        header = ["decision", "node", *(k.label for k in _KINDS)]
        mark = "x" if format == "text" else "✓"
        body = [[d, n, *(mark if f else "" for f in flags)] for d, n, flags in self._rows()]
        if format == "markdown":
            lines = ["| " + " | ".join(header) + " |",
                     "|" + "|".join(":---" if i < 2 else ":---:" for i in range(len(header)))
                     + "|"]
            lines += ["| " + " | ".join(row) + " |" for row in body]
            return "\n".join(lines)
        widths = [max(len(str(c)) for c in col) for col in zip(header, *body, strict=True)]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
        lines += [fmt.format(*row) for row in body]
        return "\n".join(line.rstrip() for line in lines)

    def __str__(self) -> str:
        n = len(self.decisions)
        agents = len(self._diagram_agents if self._diagram_agents is not None else self.agents)
        lines = [f"incentives of {self.name!r}: {n} decision{'s' if n != 1 else ''}, "
                 f"{agents} agent{'s' if agents != 1 else ''}"]
        for r in self.decisions:
            lines.append(f"decision {r.decision} of {r.agent!r} ({r.guarantee_text})")
            found = list(r.incentives())
            if not found:
                lines.append("  no incentives")
            width = max((len(i.node) for i in found), default=0)
            for i in found:
                lines.append(f"  {i.kind.label:<4} {i.node:<{width}}  {i.witness}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{k.label} {sum(len(r.nodes(k)) for r in self.decisions)}" for k in _KINDS)
        n = len(self.decisions)
        return f"<Report {self.name!r}: {n} decision{'s' if n != 1 else ''}; {counts}>"

    def _repr_html_(self) -> str:
        """Jupyter display: an HTML table with witnesses as tooltips; never raises."""
        try:
            esc = html.escape
            parts = [f"<p><b>incentives of {esc(self.name)}</b></p>"]
            for r in self.decisions:
                parts.append(f"<p>decision <b>{esc(r.decision)}</b> of {esc(r.agent)} "
                             f"<i>({esc(r.guarantee_text)})</i></p>")
                parts.append("<table><tr><th>node</th>"
                             + "".join(f"<th title='{esc(k.phrase)}'>{k.label}</th>"
                                       for k in _KINDS) + "</tr>")
                for d, n, flags in self._rows():
                    if d != r.decision:
                        continue
                    cells = []
                    for k, f in zip(_KINDS, flags, strict=True):
                        w = r.witness(k, n) if f else None
                        cells.append(f"<td title='{esc(str(w))}'>✓</td>" if w else "<td></td>")
                    parts.append(f"<tr><td>{esc(n)}</td>{''.join(cells)}</tr>")
                parts.append("</table>")
            return "\n".join(parts)
        except Exception:  # noqa: BLE001 - display must never raise
            try:
                return f"<pre>{html.escape(repr(self))}</pre>"
            except Exception:  # noqa: BLE001
                return "<pre>Report</pre>"


def _records(r: DecisionReport, kind: IncentiveKind, mode: WitnessMode) -> list[Any]:
    """The JSON list of one decision's incentives of one kind (see :meth:`Report.to_dict`)."""
    nodes = r.nodes(kind)
    a = r._analysis
    if mode == "none" or a is None:
        return list(nodes)
    if mode == "one":
        return compact_records(a, kind)
    items: list[Any] = []
    for node in nodes:
        items.append({"node": node, **Witness(kind, r.decision, node, a).to_dict()})
    return items


def decision_report(analysis: DecisionAnalysis, *, other_agents: bool = False
                    ) -> DecisionReport:
    """Compute the four sets of one decision (witnesses stay lazy)."""
    a = analysis.agent
    return DecisionReport(
        decision=analysis.decision, agent=a.agent, guarantee=a.guarantee,
        value_of_information=analysis.ordered(IncentiveKind.VALUE_OF_INFORMATION),
        response_incentive=analysis.ordered(IncentiveKind.RESPONSE_INCENTIVE),
        value_of_control=analysis.ordered(IncentiveKind.VALUE_OF_CONTROL),
        instrumental_control_incentive=analysis.ordered(
            IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE),
        definition_checks=analysis.voi_fallbacks, other_agents=other_agents,
        _analysis=analysis)


def analyze(diagram: Diagram, *,
            decisions: str | list[str] | tuple[str, ...] | None = None) -> Report:
    """Every incentive criterion for every decision of every agent, with witnesses.

    Parameters
    ----------
    diagram : Diagram
        Left untouched.
    decisions : str or sequence of str, optional
        Only this decision, or these (default: all).

    Returns
    -------
    Report

    Raises
    ------
    NodeNotFoundError, DiagramError
        If a listed decision is not a decision node of ``diagram``.

    Notes
    -----
    Each decision costs a constant number of linear-time graph searches (Bayes-ball and
    breadth-first search), plus the agent's minimal d-reduction, computed once per agent.
    Witness paths are built when first asked for. For agents with several decisions, the
    few value-of-information candidates on which the one-pass bounds disagree are decided
    by the definition (``DecisionReport.definition_checks`` counts them).

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685.
    .. [2] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and
       solving games", Games and Economic Behavior 45 (2003) (sufficient recall).

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["O -> I -> C", "O -> M -> P -> I", "P -> C"],
    ...                            decisions=["P"], utilities=["C"], name="recommender")
    >>> report = cid.analyze(d)
    >>> report["P"].instrumental_control_incentive
    ('P', 'I', 'C')
    >>> print(report.get("ICI", node="I").witness)
    P → I → C
    """
    from cid.core.diagram import require_diagram

    require_diagram(diagram, "analyze")
    wanted = None
    if decisions is not None:
        if isinstance(decisions, str):  # one decision, not its characters
            decisions = (decisions,)
        for dec in decisions:
            check_decision(diagram, dec)
        wanted = set(decisions)
    topo = {n: i for i, n in enumerate(diagram.topological_order)}
    base = DiagramGraph(diagram)
    out: list[DecisionReport] = []
    deciding = [agent for agent in diagram.agents if diagram.decisions_of(agent)]
    for agent in deciding:
        ds = diagram.decisions_of(agent)
        if wanted is not None and not wanted & set(ds):
            continue
        view = AgentAnalysis(base, agent, ds, diagram.utilities_of(agent))
        out.extend(decision_report(view.decision(dec), other_agents=len(deciding) > 1)
                   for dec in ds if wanted is None or dec in wanted)
    out.sort(key=lambda r: topo[r.decision])
    return Report(diagram.name, tuple(out), order=topo, diagram_agents=diagram.agents)
