"""The explorer's data: a diagram and its incentive report as one JSON-ready dict.

:func:`explorer_data` collects what the page shows: the nodes (kind, label, agents), the
edges (information links flagged), the decisions with their agents, and for each decision
every incentive :func:`cid.analyze` finds, with its witness path (node names), the path's
edges as they point in the witness graph, which graph that is, and the conditioning set of a
value-of-information trail. Incentives a criterion includes by definition (a decision's
instrumental control on itself, value of control and instrumental control on its agent's
own utility nodes) are flagged ``trivial``. An optional robustness report adds one row per
verdict (see :mod:`cid.explorer.robustness`).

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> data = explorer_data(d)
>>> [n["name"] for n in data["nodes"]], data["edges"][0]
(['S', 'D', 'U'], {'tail': 'S', 'head': 'D', 'info': True})
>>> voi = data["decisions"][0]["incentives"]["value_of_information"][0]
>>> voi["node"], voi["path"], voi["given"]
('S', ['S', 'U'], ['D'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cid.errors import DiagramError
from cid.explorer.robustness import RobustnessReport, robustness_rows
from cid.incentives import IncentiveKind, Report, analyze

if TYPE_CHECKING:
    from cid.incentives.report import DecisionReport
    from cid.model import Diagram

__all__ = ["DATA_FORMAT", "DATA_VERSION", "explorer_data", "is_trivial"]

DATA_FORMAT = "cid-explorer"
DATA_VERSION = 1

_KIND_TEXT = {
    IncentiveKind.VALUE_OF_INFORMATION: "the decision would do better knowing it",
    IncentiveKind.RESPONSE_INCENTIVE: "the optimal decision responds to it",
    IncentiveKind.VALUE_OF_CONTROL: "the agent would gain from setting it",
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE:
        "the decision wants to influence it to reach its utility",
}


def is_trivial(d: Diagram, kind: IncentiveKind, decision: str, node: str) -> bool:
    """Whether an incentive holds by definition: instrumental control of a decision on itself,
    or value of control / instrumental control on one of its agent's utility nodes.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["D -> U"], decisions=["D"], utilities=["U"])
    >>> is_trivial(d, IncentiveKind.VALUE_OF_CONTROL, "D", "U")
    True
    """
    if kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE and node == decision:
        return True
    controlled = (IncentiveKind.VALUE_OF_CONTROL, IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE)
    return kind in controlled and node in d.utilities_of(d.agent_of(decision))


def _node_row(d: Diagram, name: str) -> dict[str, Any]:
    node = d[name]
    return {"name": name, "label": node.display_label, "kind": d.kind(name),
            "agents": list(d.agents_of(name)), "description": node.description or "",
            "counterfactual": bool(node.counterfactual)}


def _decision_row(d: Diagram, r: DecisionReport) -> dict[str, Any]:
    incentives: dict[str, list[dict[str, Any]]] = {}
    for kind in IncentiveKind:
        rows = []
        for node in r.nodes(kind):
            w = r.witness(kind, node)
            if w is None:  # pragma: no cover - the report lists only positive answers
                continue
            rows.append({"node": node, "path": list(w.path),
                         "edges": [list(e) for e in w.edges], "graph": w.graph_name,
                         "text": str(w), "given": sorted(w.given),
                         "trivial": is_trivial(d, kind, r.decision, node)})
        incentives[kind.value] = rows
    return {"name": r.decision, "agent": r.agent, "guarantee": r.guarantee.value,
            "guarantee_text": r.guarantee_text, "incentives": incentives}


def explorer_data(d: Diagram, *, report: Report | None = None,
                  robustness: RobustnessReport | None = None,
                  colors: dict[str, str] | None = None) -> dict[str, Any]:
    """The JSON-ready data the explorer page shows for ``d``.

    Parameters
    ----------
    d : Diagram
        The diagram (left untouched).
    report : Report, optional
        Its :func:`cid.analyze` report, when already computed (default: computed here).
    robustness : RobustnessReport, optional
        Verdicts with their robustness (see :mod:`cid.explorer.robustness`).
    colors : dict, optional
        Incentive kind (full name) -> colour (default: :class:`cid.Theme`'s).

    Returns
    -------
    dict
        ``format``, ``version``, ``name``, ``nodes``, ``edges``, ``agents``, ``kinds``,
        ``decisions`` and ``robustness`` (a list, empty without a report).

    Raises
    ------
    DiagramError
        If ``report`` is not the report of a diagram with ``d``'s decisions.
    """
    import cid

    report = analyze(d) if report is None else report
    if {r.decision for r in report} != set(d.decisions):
        raise DiagramError(f"the report of {report.name!r} does not cover the decisions of "
                           f"{d.name!r} ({', '.join(d.decisions) or 'none'})")
    palette = dict(cid.Theme().incentive_colors if colors is None else colors)
    info = set(d.information_links)
    return {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "name": d.name,
        "nodes": [_node_row(d, n) for n in d.topological_order],
        "edges": [{"tail": a, "head": b, "info": (a, b) in info} for a, b in d.edge_list],
        "agents": sorted({r.agent for r in report}),
        "kinds": [{"key": k.value, "label": k.label, "phrase": k.phrase,
                   "meaning": _KIND_TEXT[k], "color": palette.get(k.value, "#000000")}
                  for k in IncentiveKind],
        "decisions": [_decision_row(d, r) for r in report],
        "robustness": [] if robustness is None else robustness_rows(robustness),
    }
