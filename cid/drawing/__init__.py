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

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cid.drawing.compact import legend_caption
from cid.drawing.dot import Layout, to_digraph
from cid.drawing.overlay import build_overlay
from cid.drawing.placement import LegendOption
from cid.drawing.rendering import Rendering, graphviz_available
from cid.drawing.sources import IncentiveSource, WitnessSource
from cid.drawing.theme import Theme

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Rendering", "Theme", "graphviz_available", "render"]


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
    legend : bool
        Add a legend listing the node kinds, links and incentive kinds shown.
    theme : Theme or str, optional
        A :class:`Theme`, or a preset name: ``"circular"`` (default) or ``"rectangular"``.
    focus : bool
        Draw in grey everything that is neither marked, nor on a witness path, nor the
        decision whose incentives are shown.
    trivial : bool
        Also mark the self-evident incentives the criteria include by definition (a
        decision's instrumental control on itself, value of control and instrumental control
        on its agent's own utility nodes); hidden by default, as in the papers' figures.

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
    if isinstance(theme, str):
        theme = Theme.named(theme)
    theme = theme or Theme()
    overlay = build_overlay(
        d, incentives=incentives, decision=decision, kinds=kinds, witness=witness, theme=theme,
        trivial=trivial,
    )
    graph = to_digraph(d, theme=theme, overlay=overlay, legend=legend, focus=focus, layout=layout)
    return Rendering(graph, name=d.name, nodes=len(d),
                     caption=legend_caption(d, overlay, theme))
