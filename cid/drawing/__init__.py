"""Drawing causal influence diagrams in the papers' visual language, with incentive overlays.

:func:`render` turns a :class:`cid.Diagram` into a :class:`Rendering`: DOT source built in
pure Python (always available), and SVG/PNG/PDF pictures made by Graphviz's ``dot`` when it
is installed. Chance nodes are ellipses, decisions rectangles, utilities diamonds (octagons
for long labels); information links are dotted; agents get colour-blind-safe tints; nodes with
a ``step`` share a rank; twin-network copies are drawn lighter with a tilde. Incentives are
marked as in the Agent Incentives figures: thick dashed rings (VoI blue, RI green, VoC orange,
ICI vermillion) with filled text badges, witness paths as thick coloured edges, and a legend.
A drawing shows the incentives of one decision: ``decision=``, by default the first one.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> r = cid.render(d, incentives={"value_of_information": ["S"]}, legend=True)
>>> print(r.dot.splitlines()[0])
digraph diagram {
>>> line = next(x for x in r.dot.splitlines() if x.lstrip().startswith("S ["))
>>> 'color="#0072B2"' in line, 'style="filled,dashed"' in line, "VoI" in line
(True, True, True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

import graphviz

from cid.drawing.aligned import comparison, pins_like
from cid.drawing.compact import legend_caption
from cid.drawing.dot import Layout, to_digraph
from cid.drawing.overlay import Overlay, build_overlay
from cid.drawing.paper import fit, paper_theme
from cid.drawing.placement import LegendOption, legend_placement
from cid.drawing.rendering import Figure, Rendering, graphviz_available
from cid.drawing.robust import RobustnessReport, fragile_marks, hinge_edges
from cid.drawing.sources import IncentiveSource, WitnessSource
from cid.drawing.theme import Theme
from cid.errors import DiagramError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "Rendering",
    "Theme",
    "graphviz_available",
    "render",
    "render_comparison",
    "with_robustness",
]


def render(
    d: Diagram,
    *,
    incentives: IncentiveSource = None,
    decision: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    witness: WitnessSource = None,
    legend: LegendOption = False,
    theme: Theme | str | None = None,
    focus: bool = False,
    trivial: bool = False,
    layout: Layout = "auto",
    width: float | None = None,
    size: tuple[float, float] | None = None,
    dpi: float | None = None,
    like: Diagram | None = None,
    robustness: RobustnessReport | None = None,
    hinges_of: tuple[str, str] | None = None,
) -> Rendering:
    """Draw a diagram, optionally with its incentives marked.

    Parameters
    ----------
    d : Diagram
        The diagram (never modified).
    incentives : None, True, Report or mapping, optional
        ``True`` runs :func:`cid.analyze`; a :class:`cid.Report` is drawn as it is; a mapping
        ``{kind: nodes}`` or ``{decision: {kind: nodes}}`` marks those nodes. Kinds are full
        names (``"value_of_information"``) or short labels (``"VoI"``).
    decision : str or iterable of str, optional
        Whose incentives to mark: one decision, or several (their marks are merged and the
        legend's caption names them all, with their agents). By default the first decision
        in topological order (among those ``incentives`` covers), as the papers' figures show
        one decision; the caption names it. Pass ``decision=`` for another.
    kinds : str or iterable of str, optional
        Mark only these incentive kinds (default: all four).
    witness : Witness, node sequence, ``"A -> B -> C"`` string, or a list of these, optional
        Path(s) to draw as thick edges in the incentive's colour. A trail may run against
        edge directions (VoI witnesses do).
    legend : bool or {"inside", "below", "right", "none", "caption"}
        ``True``: the classic legend after the diagram (the compact one, on the right, for
        the grid). ``"inside"`` (an empty corner of the grid, else below; next to the last
        rank of a ranked layout), ``"below"``, ``"right"``: the compact legend (only what
        the drawing shows, tight rows) there. ``"caption"``: no legend drawn; read it as
        LaTeX caption text from :attr:`Rendering.caption`. ``False``/``"none"``: none.
    theme : Theme or str, optional
        A :class:`Theme`, or a preset name: ``"circular"`` (default) or ``"rectangular"``.
    focus : bool
        Draw in grey everything that is neither marked, nor on a witness path, nor the
        decision whose incentives are shown.
    trivial : bool
        Also mark the self-evident incentives the criteria include by definition (a
        decision's instrumental control on itself, value of control and instrumental control
        on its agent's own utility nodes); hidden by default, as in the papers' figures.
    layout : {"auto", "grid", "ranked"}
        ``"grid"``: the papers' grid (one column per time step, one row per variable);
        ``"ranked"``: Graphviz's ``dot`` layout; ``"auto"``: the grid when a node has a
        ``step``.
    width : float, optional
        Paper mode: the figure's width in points (240 for one column), with compact
        spacing and the smallest text kept at least 6 pt once scaled (see
        :mod:`cid.drawing.paper`).
    size : (float, float), optional
        Paper mode in a box of ``(width, height)`` points instead.
    dpi : float, optional
        Resolution of PNG output.
    like : Diagram, optional
        Lay the diagram out with ``like``'s node positions for the nodes they share, so
        before/after figures line up (see :mod:`cid.drawing.aligned`).
    robustness : RobustnessReport, optional
        Mark fragile verdicts differently from robust ones (see :mod:`cid.drawing.robust`).
    hinges_of : tuple of (str, str), optional
        With ``robustness``: the ``(kind, node)`` of a verdict, whose hinge edges are
        drawn as double lines.

    Returns
    -------
    Rendering
        ``.dot`` always works; ``.svg()``, ``.png()``, ``.pdf()``, ``.save()`` need Graphviz.

    Raises
    ------
    NodeNotFoundError
        When the incentives, ``decision`` or ``witness`` name a node the diagram lacks.
    DiagramError
        For a ``decision`` that is not a decision, an unknown kind or theme, or a witness
        whose consecutive nodes are not adjacent.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram("oracle").chance("Q").decision("A", parents=["Q"])
    >>> d = d.chance("S_cf", parents=["Q"]).utility("R", parents=["A", "S_cf"])
    >>> r = cid.render(d, witness=["A", "R"], theme="rectangular")
    >>> "A -> R [color=\\"#CC79A7\\" penwidth=3]" in r.dot
    True
    """
    from cid.core.diagram import require_diagram

    require_diagram(d, "render")
    placement = legend_placement(legend)
    paper = width is not None or size is not None
    if isinstance(theme, str):
        theme = Theme.named(theme)
    theme = paper_theme(theme) if paper else (theme or Theme())
    overlay = build_overlay(
        d, incentives=incentives, decision=decision, kinds=kinds, witness=witness, theme=theme,
        trivial=trivial,
    )
    if robustness is not None:
        overlay = with_robustness(overlay, robustness, hinges_of)
    like_overlay = None
    if like is not None:
        chosen = [n for n in (decision if isinstance(decision, Iterable) and
                              not isinstance(decision, str) else [decision]) if n]
        like_overlay = build_overlay(
            like, incentives=True if incentives is not None and incentives is not False
            else None, decision=[n for n in chosen if n in like.decisions] or None,
            kinds=kinds, theme=theme, trivial=trivial)

    def build(t: Theme) -> graphviz.Digraph:  # like's positions depend on the sizes in t
        pins = None if like is None else pins_like(d, like, t, layout, overlay_a=like_overlay,
                                                   overlay_b=overlay)
        return to_digraph(d, theme=t, overlay=overlay, legend=placement, focus=focus,
                          layout=layout, pins=pins)

    graph = fit(build, theme, width=width, size=size) if paper else build(theme)
    return Rendering(graph, name=d.name, nodes=len(d), dpi=dpi,
                     caption=legend_caption(d, overlay, theme),
                     figure=Figure(d, overlay, theme))


def render_comparison(a: Diagram, b: Diagram, *, decision: str | None = None,
                      theme: Theme | str | None = None, layout: Layout = "auto") -> Rendering:
    """A and B side by side, B laid out like A, with the incentives of ``decision`` (by
    default their first shared decision) that B lost or gained marked in colour and text.

    Needs Graphviz to read a ranked layout back (the grid of a time-indexed diagram does
    not). See :mod:`cid.drawing.aligned`.

    Raises
    ------
    DiagramError
        When A and B share no decision.
    """
    if isinstance(theme, str):
        theme = Theme.named(theme)
    graph, _ = comparison(a, b, decision=decision, theme=theme, layout=layout)
    return Rendering(graph, name=f"{a.name} vs {b.name}", nodes=len(a) + len(b))


def with_robustness(overlay: Overlay, report: RobustnessReport,
                    hinges_of: tuple[str, str] | None) -> Overlay:
    """``overlay`` with the fragile marks and hinge edges of a robustness report."""
    if not isinstance(report, RobustnessReport):
        raise DiagramError(f"robustness= needs an object with .verdicts, got "
                           f"{type(report).__name__}")
    fragile = fragile_marks(report, overlay.decisions)
    shown = {n: tuple(k for k in ks if k in overlay.marks.get(n, ())) for n, ks in
             fragile.items()}
    hinges = hinge_edges(report, overlay.decisions, hinges_of) if hinges_of else ()
    return dataclasses.replace(overlay, fragile={n: ks for n, ks in shown.items() if ks},
                               hinge_edges=hinges)
