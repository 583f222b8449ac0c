"""Minimal design fixes: the smallest sets of edits that remove (or create) one incentive.

Examples
--------
>>> import cid
>>> from cid.robustness import fixes
>>> d = cid.Diagram.from_edges(["D -> T -> U", "D -> S -> U"], decisions=["D"],
...                            utilities=["U"], name="tamper")
>>> [str(f) for f in fixes(d, "D", "T", "ICI")]
['-edge D -> T', '-edge T -> U']
>>> [str(f) for f in fixes(d, "D", "T", "ICI", pinned=["T -> U"])]
['-edge D -> T']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx

from cid.edges import EdgeLike, parse_edges
from cid.errors import CIDError, DiagramError, NodeNotFoundError
from cid.incentives import (
    IncentiveKind,
    Witness,
    analyze,
    explain,
    instrumental_control_incentives,
    response_incentives,
    value_of_control,
    value_of_information,
)
from cid.robustness.edits import Edit, creates_cycle, parse_edit_classes, single_edits

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Fix", "fixes", "ici_cut_size"]

_CRITERIA: dict[IncentiveKind, Callable[[Diagram, str], frozenset[str]]] = {
    IncentiveKind.VALUE_OF_INFORMATION: value_of_information,
    IncentiveKind.RESPONSE_INCENTIVE: response_incentives,
    IncentiveKind.VALUE_OF_CONTROL: value_of_control,
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: instrumental_control_incentives,
}


@dataclass(frozen=True)
class Fix:
    """A set of edits that removes (or creates) one incentive, checked by re-analysis.

    Attributes
    ----------
    edits : tuple of Edit
    kind : IncentiveKind
    node, decision : str
    create : bool
        Whether the fix creates the incentive (``False``: removes it).
    witness : Witness or None
        The witness the fix creates (in the fixed diagram) or breaks (in the diagram).
    """

    edits: tuple[Edit, ...]
    kind: IncentiveKind
    node: str
    decision: str
    create: bool
    witness: Witness | None

    @property
    def size(self) -> int:
        """The number of edits."""
        return len(self.edits)

    def apply(self, d: Diagram) -> Diagram:
        """The fixed copy of ``d``."""
        for e in self.edits:
            d = e.apply(d)
        return d

    def __str__(self) -> str:
        return ", ".join(map(str, self.edits)) or "(no edit needed)"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {"kind": self.kind.value, "node": self.node, "decision": self.decision,
                "create": self.create, "size": self.size,
                "edits": [e.to_dict() for e in self.edits],
                "witness": None if self.witness is None else self.witness.to_dict()}


def ici_cut_size(d: Diagram, decision: str, node: str, *,
                 pinned: Iterable[tuple[str, str]] = ()) -> float:
    """The fewest edge removals that leave no directed path ``decision ⇝ node ⇝ U``.

    Every such path goes through ``node``, so the answer is the smaller of two minimum edge
    cuts (max-flow, Ford and Fulkerson): ``decision`` from ``node``, and ``node`` from the
    agent's utilities. Pinned edges cannot be cut (infinite capacity; ``inf`` if nothing
    else works).

    >>> import cid
    >>> d = cid.Diagram.from_edges(["D -> T -> U", "D -> S -> T"], decisions=["D"],
    ...                            utilities=["U"])
    >>> ici_cut_size(d, "D", "T"), ici_cut_size(d, "D", "T", pinned=[("T", "U")])
    (1, 2)
    """
    g = d.to_networkx()
    keep = set(pinned)
    big = g.number_of_edges() + 1  # more than any cut of cuttable edges: "never cut"
    h: nx.DiGraph[Any] = nx.DiGraph()
    for a, b in g.edges:
        h.add_edge(a, b, capacity=big if (a, b) in keep else 1)
    sink = ("utilities",)
    for u in d.utilities_of(d.agent_of(decision)):
        h.add_edge(u, sink, capacity=big)
    best: float = big
    for s, t in ((decision, node), (node, sink)):
        if s == t:
            continue
        if s not in h or t not in h or not nx.has_path(h, s, t):
            return 0
        best = min(best, nx.minimum_cut_value(h, s, t))
    return float("inf") if best >= big else int(best)


def _check(d: Diagram, decision: str, node: str) -> None:
    analyze(d, decisions=[decision])  # raises on an unknown node or a non-decision
    if not isinstance(node, str) or node not in d:
        raise NodeNotFoundError(f"unknown node {node!r} in diagram {d.name!r}")


def _pins(d: Diagram, pinned: Iterable[EdgeLike] | str) -> set[tuple[str, str]]:
    pins = set(parse_edges(pinned)) if isinstance(pinned, str) else set(parse_edges(*pinned))
    for a, b in pins:
        for n in (a, b):
            if n not in d:
                raise NodeNotFoundError(f"pinned edge {a} -> {b}: unknown node {n!r} "
                                        f"(diagram {d.name!r})")
    return pins


def _apply_all(d: Diagram, edits: tuple[Edit, ...]) -> Diagram | None:
    for e in edits:
        if e.edit_class in ("add", "add_link") and creates_cycle(d.to_networkx(), *e.edge):  # type: ignore[misc]
            return None
        try:
            d = e.apply(d)
        except CIDError:
            return None
    return d


def _candidates(d: Diagram, decision: str, node: str, kind: IncentiveKind, create: bool,
                classes: str | Iterable[str] | None, pins: set[tuple[str, str]]) -> list[Edit]:
    default = ("add", "add_link", "remove_link") if create else ("remove", "remove_link",
                                                                   "add_link")
    wanted = parse_edit_classes(default if classes is None else classes)
    if "kind" in wanted:
        raise DiagramError("fixes change edges and links only, not kinds", code="cid_bad_edit")
    edits, _ = single_edits(d, wanted)
    out = [e for e in edits if e.edge not in pins]
    if kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE and not create:
        on_paths = _ici_edges(d, decision, node)  # only removals on D ⇝ X ⇝ U can help
        out = [e for e in out if e.edit_class.startswith("remove") and e.edge in on_paths]
    return out


def _ici_edges(d: Diagram, decision: str, node: str) -> set[tuple[str, str]]:
    g = d.to_networkx()
    utilities = set(d.utilities_of(d.agent_of(decision)))
    to_u = set(utilities)
    for u in utilities:
        to_u |= nx.ancestors(g, u)
    from_d = nx.descendants(g, decision) | {decision}
    first = (nx.ancestors(g, node) | {node}) & from_d
    second = (nx.descendants(g, node) | {node}) & to_u
    return {(a, b) for a, b in g.edges
            if (a in first and b in first) or (a in second and b in second)}


def _search(d: Diagram, decision: str, node: str, kind: IncentiveKind, create: bool,
            candidates: list[Edit], sizes: range) -> Iterator[tuple[tuple[Edit, ...], Diagram]]:
    criterion = _CRITERIA[kind]
    found: list[frozenset[Edit]] = []
    for size in sizes:
        for combo in combinations(candidates, size):
            if any(f <= set(combo) for f in found):
                continue  # a superset of a smaller fix: not minimal
            edited = _apply_all(d, combo)
            if edited is None or (node in criterion(edited, decision)) != create:
                continue
            found.append(frozenset(combo))
            yield combo, edited


def fixes(d: Diagram, decision: str, node: str, kind: IncentiveKind | str, *,
          budget: int = 2, pinned: Iterable[EdgeLike] | str = (), create: bool = False,
          edits: str | Iterable[str] | None = None) -> tuple[Fix, ...]:
    """The smallest sets of edits that remove (or create) the incentive ``kind`` on ``node``.

    Parameters
    ----------
    d : Diagram
        Left untouched.
    decision, node : str
        The decision and the node of the incentive.
    kind : IncentiveKind or str
        ``"ICI"``, ``"value_of_information"``, ...
    budget : int, optional
        The largest number of edits in a fix (default 2).
    pinned : str or iterable of (str, str), optional
        Edges never removed or added (``["S1 -> S2"]``): the modelling choices to keep.
    create : bool, optional
        Look for fixes that create the incentive instead of removing it.
    edits : str or iterable of str, optional
        Default: removals of edges and information links and additions of links (remove
        mode); additions of edges and links and removals of links (create mode).

    Returns
    -------
    tuple of Fix
        Every inclusion-minimal fix of at most ``budget`` edits, ranked by size (then by
        the order of the edits); each one checked by re-running the criterion on the fixed
        diagram. A single empty fix when nothing needs doing; empty when no fix fits.

    Raises
    ------
    NodeNotFoundError
        ``decision``, ``node`` or a node of a pinned edge is not in ``d``.
    DiagramError
        ``decision`` is not a decision, ``kind`` no criterion, or ``budget`` negative.

    Notes
    -----
    The search is exhaustive over the candidate edits, by increasing size, so the first
    fixes are true minima. For removing an instrumental control incentive only the removals
    of edges on paths ``D ⇝ X ⇝ U`` can matter (additions only add paths), and the
    minimum cut of :func:`ici_cut_size` is a lower bound: sizes below it are not searched.
    """
    from cid.core.diagram import require_diagram

    require_diagram(d, "fixes")
    k = IncentiveKind.parse(kind)
    _check(d, decision, node)
    if not isinstance(budget, int) or budget < 0:
        raise DiagramError(f"budget must be a non-negative integer, got {budget!r}",
                           code="cid_bad_budget")
    pins = _pins(d, pinned)
    if (node in _CRITERIA[k](d, decision)) == create:
        return (Fix((), k, node, decision, create, _witness(d, decision, node, k, create)),)
    candidates = _candidates(d, decision, node, k, create, edits, pins)
    start = 1
    if k is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE and not create:
        cut = ici_cut_size(d, decision, node, pinned=pins)
        if cut > budget:
            return ()
        start = max(1, int(cut))
    out = []
    for combo, edited in _search(d, decision, node, k, create, candidates,
                                 range(start, budget + 1)):
        witness = _witness(edited if create else d, decision, node, k, create)
        out.append(Fix(combo, k, node, decision, create, witness))
    return tuple(out)


def _witness(d: Diagram, decision: str, node: str, kind: IncentiveKind,
             create: bool) -> Witness | None:
    return explain(d, decision, node, kind) if node in _CRITERIA[kind](d, decision) else None
