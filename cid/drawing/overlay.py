"""Incentive overlays: which nodes carry which incentive marks, and which edges a witness uses.

An :class:`Overlay` is what :func:`cid.render` draws on top of a diagram:

- **marks**: node -> incentive kinds, drawn as one thick dashed ring in the colour of the
  most telling kind plus small filled badges (``VoI``, ``RI``, ``VoC``, ``ICI``) naming
  every kind, so several kinds on one node stay distinguishable (see
  :mod:`cid.drawing.marks`);
- **witness edges**: the edges of a witness path, drawn thick in the incentive's colour.

A drawing shows the incentives of one decision unless told otherwise: ``decision=`` picks it
(or several, whose marks are merged); by default it is the first decision, in topological
order, that the incentives cover. The legend's caption names it.

The incentives come from a :class:`cid.Report` (``cid.analyze(d)``), or from plain mappings,
so that any analysis can be drawn:

- ``{kind: nodes}`` for the chosen decision, e.g. ``{"value_of_information": {"S1"}}``;
- ``{decision: {kind: nodes}}`` for several decisions.

Kinds are given by full name (``"value_of_information"``) or short label (``"VoI"``).

Examples
--------
>>> import cid
>>> from cid.drawing.overlay import build_overlay
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> o = build_overlay(d, incentives={"D": {"VoI": ["S"], "VoC": ["S", "U"]}})
>>> dict(o.marks)  # value of control on the agent's own utility is self-evident: hidden
{'S': ('value_of_information', 'value_of_control')}
>>> o.decisions
('D',)
>>> build_overlay(d, incentives=True).decisions  # the first decision by default
('D',)
>>> build_overlay(d, witness=["S", "U"]).witness_edges
(('S', 'U'),)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from cid.drawing.kinds import KINDS, normalize_kind
from cid.drawing.sources import (
    IncentiveSource,
    MarksReport,
    WitnessPath,
    WitnessSource,
)
from cid.drawing.theme import Theme
from cid.errors import CIDError, DiagramError, NodeNotFoundError, RenderError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "IncentiveSets",
    "IncentiveSource",
    "Overlay",
    "WitnessSource",
    "build_overlay",
    "incentive_sets",
]

IncentiveSets = Mapping[str, Mapping[str, frozenset[str]]]
"""decision -> incentive kind -> nodes."""

_ANY_DECISION = ""  # key for marks given as {kind: nodes} without a decision


@dataclass(frozen=True)
class Overlay:
    """The marks and witness edges drawn on top of a diagram.

    Attributes
    ----------
    marks : mapping of str to tuple of str
        Node -> incentive kinds (in :data:`~cid.drawing.kinds.KINDS` order); nodes in the
        diagram's topological order.
    decisions : tuple of str
        The decisions whose incentives are shown (empty when the marks name none).
    witness_edges : tuple of (str, str)
        Edges of the witness paths, as edges of the diagram (a trail may use an edge against
        its direction).
    witness_colors : mapping of (str, str) to str
        Edge -> colour of the witness path using it.
    witness_nodes : frozenset of str
        Every node on a witness path.
    added_edges : tuple of (str, str)
        Witness edges that are not in the diagram: the information link ``X -> D`` that the
        value-of-information criterion adds before it looks for a trail. They are drawn
        dashed, in the witness colour, without moving the layout.
    fragile : mapping of str to tuple of str
        Node -> the marked kinds whose verdict is fragile (see :mod:`cid.drawing.robust`).
    hinge_edges : tuple of (str, str)
        The edges a chosen verdict hinges on, drawn as double lines.
    """

    marks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    decisions: tuple[str, ...] = ()
    witness_edges: tuple[tuple[str, str], ...] = ()
    witness_colors: Mapping[tuple[str, str], str] = field(default_factory=dict)
    witness_nodes: frozenset[str] = frozenset()
    added_edges: tuple[tuple[str, str], ...] = ()
    fragile: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hinge_edges: tuple[tuple[str, str], ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        """The incentive kinds that appear on some node, in canonical order."""
        shown = {k for kinds in self.marks.values() for k in kinds}
        return tuple(k for k in KINDS if k in shown)

    @property
    def highlighted(self) -> frozenset[str]:
        """Nodes kept in full colour when ``focus=True``: the marked ones, those on a witness
        path, and the decisions whose incentives are shown."""
        return frozenset(self.marks) | self.witness_nodes | frozenset(self.decisions)

    def __bool__(self) -> bool:
        return bool(self.marks or self.witness_nodes or self.hinge_edges)


# --------------------------------------------------------------------------- incentive sets
def _node_set(
    d: Diagram, nodes: object, where: str, known: frozenset[str] | None = None
) -> frozenset[str]:
    if isinstance(nodes, str) or not isinstance(nodes, Iterable):
        raise DiagramError(f"{where}: give a collection of node names, got {nodes!r}")
    names = frozenset(nodes)
    unknown = sorted(names.difference(known if known is not None else d.nodes))
    if unknown:
        raise NodeNotFoundError(
            f"{where}: unknown node{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))} in diagram {d.name!r}"
        )
    return names


def _is_kind(key: object) -> bool:
    try:
        normalize_kind(key)
    except CIDError:
        return False
    return True


def _from_mapping(d: Diagram, data: Mapping[Any, Any]) -> dict[str, dict[str, frozenset[str]]]:
    out: dict[str, dict[str, frozenset[str]]] = {}
    known = frozenset(d.nodes)
    if all(_is_kind(k) for k in data):  # {kind: nodes}
        out[_ANY_DECISION] = {
            normalize_kind(k): _node_set(d, v, f"incentives[{k!r}]", known) for k, v in data.items()
        }
        return out
    for dec, per_kind in data.items():
        _check_decision(d, dec)
        if not isinstance(per_kind, Mapping):
            raise DiagramError(
                f"incentives[{dec!r}]: give a mapping {{kind: nodes}}, got {per_kind!r}"
            )
        sets = out.setdefault(dec, {})
        for k, v in per_kind.items():
            kind = normalize_kind(k)
            nodes = _node_set(d, v, f"incentives[{dec!r}][{k!r}]", known)
            sets[kind] = sets.get(kind, frozenset()) | nodes
    return out


def _from_report(d: Diagram, report: object) -> dict[str, dict[str, frozenset[str]]]:
    """Read a :class:`~cid.drawing.sources.MarksReport`: per decision, ``nodes(kind)``."""
    if isinstance(report, MarksReport):
        items = list(report.decisions)
        return _from_mapping(d, {r.decision: {k: r.nodes(k) for k in KINDS} for r in items})
    raise DiagramError(
        f"cannot read incentives from {type(report).__name__}: give True, a cid.Report, "
        "{kind: nodes} or {decision: {kind: nodes}}"
    )


def incentive_sets(d: Diagram, incentives: IncentiveSource) -> IncentiveSets:
    """Normalise ``render(incentives=...)`` to ``{decision: {kind: nodes}}``.

    ``None``/``False`` give no marks; ``True`` runs :func:`cid.analyze`. Marks given as
    ``{kind: nodes}`` are keyed by the empty string (no particular decision).

    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    >>> incentive_sets(d, {"RI": ["S"]})
    {'': {'response_incentive': frozenset({'S'})}}
    """
    if incentives is None or incentives is False:
        return {}
    if incentives is True:
        try:
            from cid.incentives import analyze
        except ImportError as err:  # pragma: no cover - the engine ships with cid
            raise RenderError("incentives=True needs the incentive engine cid.incentives") from err
        incentives = analyze(d)
    if isinstance(incentives, Mapping):
        return _from_mapping(d, incentives)
    return _from_report(d, incentives)


def _check_decision(d: Diagram, name: object) -> str:
    if not isinstance(name, str):
        raise DiagramError(f"a decision is named by a string, got {name!r}")
    if d.kind(name) != "decision":  # raises NodeNotFoundError for unknown names
        raise DiagramError(f"{name} is a {d.kind(name)} node, not a decision of {d.name!r}")
    return name


_SELF_EVIDENT = ("value_of_control", "instrumental_control_incentive")


def _without_trivial(
    decision: str, per_kind: Mapping[str, frozenset[str]], own: set[str]
) -> dict[str, frozenset[str]]:
    """Drop ICI on the decision itself and VoC/ICI on ``own``, its agent's utility nodes."""
    out = {}
    for kind, nodes in per_kind.items():
        drop = (own | {decision}) if kind in _SELF_EVIDENT else set()
        if kind == "value_of_control":
            drop.discard(decision)
        out[kind] = frozenset(n for n in nodes if n not in drop)
    return out


def _select_decisions(d: Diagram, decision: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if decision is None:
        return None
    names = [decision] if isinstance(decision, str) else list(decision)
    chosen = {_check_decision(d, n) for n in names}
    return tuple(n for n in d.decisions if n in chosen)


def _select_kinds(kinds: str | Iterable[str] | None) -> tuple[str, ...]:
    if kinds is None:
        return KINDS
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    chosen = {normalize_kind(k) for k in names}
    return tuple(k for k in KINDS if k in chosen)


# --------------------------------------------------------------------------- witnesses
def _path_nodes(item: object) -> tuple[tuple[str, ...], str | None]:
    """``(nodes, kind)`` of a witness object, a node sequence or an ``"A -> B"`` string."""
    kind: str | None = None
    path: object = item
    if isinstance(item, WitnessPath) and not isinstance(item, (str, Sequence)):
        path = item.path
        raw_kind = getattr(item, "kind", None)
        if raw_kind is not None and _is_kind(raw_kind):
            kind = normalize_kind(raw_kind)
    if isinstance(path, str):
        path = [p.strip() for p in re.split(r"->|<-|→|←", path)]
    if not isinstance(path, Sequence) or not all(isinstance(n, str) for n in path):
        raise DiagramError(f"cannot read a witness path from {item!r}: give node names")
    return tuple(path), kind


def _witness_items(witness: WitnessSource) -> list[object]:
    if witness is None:
        return []
    if isinstance(witness, (str, WitnessPath)):
        return [witness]
    if isinstance(witness, Sequence) and all(isinstance(n, str) for n in witness):
        return [witness]
    if isinstance(witness, Iterable):
        return list(witness)
    return [witness]


def _given_edges(item: object) -> tuple[tuple[str, str], ...] | None:
    """The oriented edges a witness object carries (``Witness.edges``), if any."""
    edges = getattr(item, "edges", None)
    if isinstance(item, (str, Sequence)) or not isinstance(edges, Iterable):
        return None
    out = tuple(edges)
    if not all(isinstance(e, tuple) and len(e) == 2 and all(isinstance(n, str) for n in e)
               for e in out):
        raise DiagramError(f"cannot read witness edges from {item!r}")
    return out


def _edge_between(d: Diagram, a: str, b: str) -> tuple[str, str]:
    if b in d.children(a):
        return (a, b)
    if a in d.children(b):
        return (b, a)
    raise DiagramError(f"witness path: {a} and {b} are not adjacent in diagram {d.name!r}")


# --------------------------------------------------------------------------- overlay
def build_overlay(
    d: Diagram,
    *,
    incentives: IncentiveSource = None,
    decision: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    witness: WitnessSource = None,
    theme: Theme | None = None,
    trivial: bool = False,
) -> Overlay:
    """Collect the marks and witness edges that :func:`cid.render` draws.

    Parameters
    ----------
    d : Diagram
    incentives : None, True, Report or mapping
        See the module docstring.
    decision : str or iterable of str, optional
        Whose incentives to show: one decision, or several (their marks are merged). By
        default the first decision, in topological order, that ``incentives`` covers (for
        ``True``: the diagram's first decision), as the papers' figures show one decision.
    kinds : str or iterable of str, optional
        Show only these incentive kinds; by default all four.
    witness : Witness, sequence of node names, ``"A -> B -> C"`` string, or a list of these
        Paths to draw as thick coloured edges.
    theme : Theme, optional
        Gives the witness colours.
    trivial : bool
        Also mark the self-evident cases that the criteria include by definition: the
        decision's instrumental control incentive on itself, and value of control and
        instrumental control on its agent's own utility nodes. Hidden by default, as in the
        papers' figures (they are only hidden when the decision is known).

    Returns
    -------
    Overlay
    """
    theme = theme or Theme()
    chosen = _select_decisions(d, decision)
    if incentives is True:  # analyse only the decisions that will be drawn
        from cid.incentives import analyze

        sets = incentive_sets(d, analyze(d, decisions=list(chosen or d.decisions[:1])))
    else:
        sets = incentive_sets(d, incentives)
    if chosen is None:
        covered = [n for n in d.decisions if n in sets]
        chosen = tuple(covered[:1]) if covered else None
    if not trivial:
        own: dict[str, set[str]] = {}  # agent -> its utility nodes, computed once per agent
        for u in d.utilities:
            for agent in d.agents_of(u):
                own.setdefault(agent, set()).add(u)
        sets = {
            dec: per_kind if dec == _ANY_DECISION
            else _without_trivial(dec, per_kind, own.get(d.agent_of(dec), set()))
            for dec, per_kind in sets.items()
        }
    shown_kinds = _select_kinds(kinds)
    per_node: dict[str, set[str]] = {}
    used: list[str] = []
    for dec, per_kind in sets.items():
        if chosen is not None and dec != _ANY_DECISION and dec not in chosen:
            continue
        if dec != _ANY_DECISION:
            used.append(dec)
        for kind, nodes in per_kind.items():
            if kind in shown_kinds:
                for n in nodes:
                    per_node.setdefault(n, set()).add(kind)
    marks = {
        n: tuple(k for k in KINDS if k in per_node[n]) for n in d.topological_order if n in per_node
    }
    decisions = chosen if chosen is not None else tuple(n for n in d.decisions if n in used)

    shown = [k for k in KINDS if any(k in ks for ks in marks.values())]
    edges: list[tuple[str, str]] = []
    colors: dict[tuple[str, str], str] = {}
    on_path: set[str] = set()
    added: list[tuple[str, str]] = []
    for item in _witness_items(witness):
        path, path_kind = _path_nodes(item)
        _node_set(d, path, "witness")
        if path_kind is None and len(shown) == 1:
            path_kind = shown[0]
        color = theme.witness_color if path_kind is None else theme.incentive_colors[path_kind]
        on_path.update(path)
        given = _given_edges(item)
        if given is not None:
            _node_set(d, [n for e in given for n in e], "witness edges")
            path_edges = [
                e if e[1] in d.children(e[0]) else
                (e[1], e[0]) if e[0] in d.children(e[1]) else e
                for e in given
            ]
        else:
            path_edges = [_edge_between(d, a, b) for a, b in zip(path, path[1:], strict=False)]
        for edge in path_edges:
            if edge not in colors:
                edges.append(edge)
                if edge[1] not in d.children(edge[0]):
                    added.append(edge)
            colors.setdefault(edge, color)
    return Overlay(
        marks=MappingProxyType(marks),
        decisions=decisions,
        witness_edges=tuple(edges),
        witness_colors=MappingProxyType(colors),
        witness_nodes=frozenset(on_path),
        added_edges=tuple(added),
    )
