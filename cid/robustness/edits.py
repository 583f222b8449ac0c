"""Single modelling edits of a diagram, as small frozen values.

An edit is one modelling choice made differently: an edge removed or added, an information
link removed or added, a node of another kind. Each edit is applied through the public,
non-mutating editing API of :class:`~cid.Diagram` (``without_edge``, ``with_edge``,
``with_kind``), so the diagram it is applied to never changes.

Examples
--------
>>> import cid
>>> from cid.robustness import RemoveEdge, AddInformationLink, single_edits
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> RemoveEdge("S", "U").apply(d).edge_list
(('S', 'D'), ('D', 'U'))
>>> str(AddInformationLink("U", "D"))
'+link U -> D'
>>> edits, skipped = single_edits(d, classes=("add",))
>>> edits, [str(e) for e in skipped]
((), ['+edge D -> S', '+edge U -> S'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

import networkx as nx

from cid.errors import DiagramError, NodeNotFoundError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "EDIT_CLASSES",
    "AddEdge",
    "AddInformationLink",
    "ChangeKind",
    "Edit",
    "RemoveEdge",
    "RemoveInformationLink",
    "creates_cycle",
    "edit_for",
    "parse_edit_classes",
    "single_edits",
]

EditClass = Literal["remove", "add", "remove_link", "add_link", "kind"]
EDIT_CLASSES: tuple[EditClass, ...] = ("remove", "add", "remove_link", "add_link", "kind")
"""The classes of single edits: edge removal and addition (into chance and utility nodes),
information-link removal and addition (edges into decisions), and change of a node's kind."""


def _known(d: Diagram, *nodes: str) -> None:
    for n in nodes:
        if not isinstance(n, str) or n not in d:
            raise NodeNotFoundError(f"edit names unknown node {n!r} (diagram {d.name!r})")


@dataclass(frozen=True, order=True)
class _EdgeEdit:
    parent: str
    child: str
    symbol: ClassVar[str] = "?"
    edit_class: ClassVar[EditClass]

    @property
    def edge(self) -> tuple[str, str]:
        """The edge ``(parent, child)`` the edit is about."""
        return (self.parent, self.child)

    def __str__(self) -> str:
        return f"{self.symbol} {self.parent} -> {self.child}"

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready record."""
        return {"edit": self.edit_class, "parent": self.parent, "child": self.child}


class _Removal(_EdgeEdit):
    def apply(self, d: Diagram) -> Diagram:
        """The edited copy (``d`` is unchanged).

        Raises
        ------
        NodeNotFoundError
            An endpoint is not a node of ``d``.
        DiagramError
            ``d`` has no such edge.
        """
        _known(d, self.parent, self.child)
        return d.without_edge(self.parent, self.child)


class _Addition(_EdgeEdit):
    def apply(self, d: Diagram) -> Diagram:
        """The edited copy (``d`` is unchanged).

        Raises
        ------
        NodeNotFoundError
            An endpoint is not a node of ``d``.
        DiagramError
            The edge would make a cycle (see :func:`creates_cycle` to test first).
        """
        _known(d, self.parent, self.child)
        return d.with_edge(self.parent, self.child)


@dataclass(frozen=True, order=True)
class RemoveEdge(_Removal):
    """Remove the edge ``parent -> child`` (into a chance or utility node)."""

    symbol: ClassVar[str] = "-edge"
    edit_class: ClassVar[EditClass] = "remove"


@dataclass(frozen=True, order=True)
class AddEdge(_Addition):
    """Add the edge ``parent -> child`` (into a chance or utility node)."""

    symbol: ClassVar[str] = "+edge"
    edit_class: ClassVar[EditClass] = "add"


@dataclass(frozen=True, order=True)
class RemoveInformationLink(_Removal):
    """Remove the information link ``parent -> child`` (``child`` a decision)."""

    symbol: ClassVar[str] = "-link"
    edit_class: ClassVar[EditClass] = "remove_link"


@dataclass(frozen=True, order=True)
class AddInformationLink(_Addition):
    """Add the information link ``parent -> child`` (``child`` a decision)."""

    symbol: ClassVar[str] = "+link"
    edit_class: ClassVar[EditClass] = "add_link"


@dataclass(frozen=True, order=True)
class ChangeKind:
    """Make ``node`` a node of another ``kind`` (``"chance"`` or ``"utility"``), owned by
    ``agent`` when it becomes a utility (default: the diagram's only agent)."""

    node: str
    kind: Literal["chance", "utility"]
    agent: str | None = None
    edit_class: ClassVar[EditClass] = "kind"

    edge: ClassVar[None] = None  # a change of kind is about no edge

    def __post_init__(self) -> None:
        if self.kind not in ("chance", "utility"):
            raise DiagramError(f"ChangeKind({self.node!r}, {self.kind!r}): a node can become "
                               "a 'chance' or a 'utility' node (the decisions are the "
                               "question, not an edit)", code="cid_bad_edit")

    def apply(self, d: Diagram) -> Diagram:
        """The edited copy (``d`` is unchanged).

        Raises
        ------
        NodeNotFoundError
            ``node`` is not a node of ``d``.
        DiagramError
            The change leaves the diagram invalid (a utility without an agent in a diagram
            with several).
        """
        _known(d, self.node)
        return d.with_kind(self.node, self.kind, agent=self.agent)

    def __str__(self) -> str:
        owner = f" of {self.agent}" if self.agent is not None else ""
        return f"{self.node} as {self.kind}{owner}"

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready record."""
        return {"edit": "kind", "node": self.node, "kind": self.kind, "agent": self.agent}


Edit = RemoveEdge | AddEdge | RemoveInformationLink | AddInformationLink | ChangeKind
"""Any single edit."""


def creates_cycle(graph: nx.DiGraph[str], parent: str, child: str) -> bool:
    """Whether adding ``parent -> child`` to the DAG ``graph`` would close a directed cycle.

    >>> import networkx as nx
    >>> g = nx.DiGraph([("A", "B")])
    >>> creates_cycle(g, "B", "A"), creates_cycle(g, "A", "B")
    (True, False)
    """
    return parent == child or bool(nx.has_path(graph, child, parent))


def parse_edit_classes(classes: str | Iterable[str] | None) -> tuple[EditClass, ...]:
    """Read edit classes from names (``"remove,add"`` or a list); ``None`` means all.

    Raises
    ------
    DiagramError
        An unknown class (the message lists the valid ones).

    >>> parse_edit_classes("remove, add_link")
    ('remove', 'add_link')
    """
    if classes is None:
        return EDIT_CLASSES
    items = classes.split(",") if isinstance(classes, str) else list(classes)
    out: list[EditClass] = []
    for raw in items:
        name = str(raw).strip().lower().replace("-", "_")
        match = next((c for c in EDIT_CLASSES if c == name), None)
        if match is None:
            raise DiagramError(f"unknown edit class {raw!r}; use {', '.join(EDIT_CLASSES)}",
                               code="cid_unknown_edit")
        if match not in out:
            out.append(match)
    return tuple(out)


def _kind_edits(d: Diagram) -> list[Edit]:
    deciding = [a for a in d.agents if d.decisions_of(a)]
    out: list[Edit] = []
    for n in d.nodes:
        if d.kind(n) == "utility":
            out.append(ChangeKind(n, "chance"))
        elif d.kind(n) == "chance":
            agents: Sequence[str | None] = [None] if len(d.agents) == 1 else deciding
            out.extend(ChangeKind(n, "utility", a) for a in agents)
    return out


def single_edits(d: Diagram, classes: str | Iterable[str] | None = None
                 ) -> tuple[tuple[Edit, ...], tuple[Edit, ...]]:
    """Every single edit of ``d`` of the given classes, and the additions skipped because
    they would make a cycle.

    Parameters
    ----------
    d : Diagram
    classes : str or iterable of str, optional
        Among :data:`EDIT_CLASSES` (default: all).

    Returns
    -------
    edits, skipped : tuple of Edit
        The applicable edits, in a stable order (class, then topological order of the
        endpoints), and the cyclic additions (never applied).
    """
    wanted = parse_edit_classes(classes)
    g = d.to_networkx()
    order = d.topological_order
    decisions = set(d.decisions)
    edits: list[Edit] = []
    skipped: list[Edit] = []
    for cls in wanted:
        if cls == "kind":
            edits.extend(_kind_edits(d))
            continue
        into_decision = cls in ("remove_link", "add_link")
        for child in order:
            if (child in decisions) != into_decision:
                continue
            if cls in ("remove", "remove_link"):
                make = RemoveInformationLink if into_decision else RemoveEdge
                edits.extend(make(p, child) for p in d.parents(child))
                continue
            add = AddInformationLink if into_decision else AddEdge
            for parent in order:
                if parent == child or g.has_edge(parent, child):
                    continue
                target = skipped if creates_cycle(g, parent, child) else edits
                target.append(add(parent, child))
    return tuple(edits), tuple(skipped)


def edit_for(d: Diagram, parent: str, child: str, *, add: bool) -> Edit:
    """The edge edit of the right class for ``parent -> child`` in ``d`` (a link when
    ``child`` is a decision).

    Raises
    ------
    NodeNotFoundError
        An endpoint is not a node of ``d``.
    """
    _known(d, parent, child)
    link = d.kind(child) == "decision"
    if add:
        return AddInformationLink(parent, child) if link else AddEdge(parent, child)
    return RemoveInformationLink(parent, child) if link else RemoveEdge(parent, child)
