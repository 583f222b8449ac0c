r"""TikZ output: the drawing as a LaTeX picture, from the same layout as the SVG and PDF.

:func:`to_tikz` writes a ``tikzpicture`` in the papers' node styles: chance nodes as ellipses
(circles for short labels), decisions as rectangles, utilities as diamonds (octagons for long
labels); information links dotted; incentive rings dashed in the kind's colour with the
kind's badge below the node; witness paths thick in their colour; fragile verdicts with a
dotted ring; edges a verdict hinges on as double lines. Labels are set in math mode
(``Θ^R_2`` becomes ``$\Theta^{R}_{2}$``); node names shown as they are are escaped text.
Positions and edge routes come from Graphviz's layout (:func:`cid.drawing.layout.layout_of`),
in points, so the picture matches the other formats; the legend is left to the caption
(:attr:`cid.Rendering.caption`).

``standalone=True`` wraps the picture in a ``standalone`` document that ``pdflatex``
compiles; otherwise the text can be ``\input`` into a document that loads TikZ with the
``shapes.geometric`` and ``arrows.meta`` libraries.

Examples
--------
>>> import cid
>>> from cid.drawing.overlay import build_overlay
>>> from cid.drawing.layout import Layout, NodeBox
>>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"],
...                            labels={"S": "Θ^R_2"})
>>> boxes = {n: NodeBox(n, 0.0, 60.0 - 30 * i, 40.0, 20.0) for i, n in enumerate(d.nodes)}
>>> tex = to_tikz(d, build_overlay(d), cid.Theme(), Layout(40, 80, boxes, ()))
>>> print(next(line for line in tex.splitlines() if "(S)" in line))
\node[chance, minimum width=40pt, minimum height=20pt] (S) at (0.0,60.0) {$\Theta^{R}_{2}$};
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cid.drawing.colors import text_color_on
from cid.drawing.kinds import KINDS, SHORT_NAMES
from cid.drawing.labels import Segment, parse_label
from cid.drawing.layout import EdgeRoute, Layout
from cid.drawing.marks import ring_attributes
from cid.drawing.nodelabel import is_counterfactual, label_source
from cid.drawing.overlay import Overlay
from cid.drawing.theme import Theme
from cid.escape import latex_math, latex_text, tikz_name

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["TIKZ_COMMANDS", "label_tex", "to_tikz"]

TIKZ_COMMANDS = frozenset({
    "documentclass", "usetikzlibrary", "begin", "end", "definecolor", "node", "draw",
    "colorbox", "textcolor", "textbf", "tiny", "fontsize", "selectfont", "scriptsize",
    "footnotesize", "bfseries",
    "mathrm", "mbox", "tilde", "hat", "bar", "dot", "ddot", "vec", "widetilde", "ldots",
    "textbackslash", "textasciitilde", "textasciicircum", "textless", "textgreater",
    "textbar", "backslash", "sim", "strut", "{", "}", "$", "&", "%", "#", "_", " ", ",",
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
    "Omega", "varsigma", "~", "\\",
})
"""Every LaTeX command :func:`to_tikz` may write (for validity checks)."""

_SHAPES = {"ellipse": "ellipse", "circle": "circle", "box": "rectangle", "rect": "rectangle",
           "square": "rectangle", "diamond": "diamond", "octagon": "regular polygon, "
           "regular polygon sides=8"}


def _math(pieces: Iterable[Segment]) -> str:
    out = []
    for seg in pieces:
        if seg.role == "text":
            text = latex_math(seg.text)
            letters = seg.text.strip()
            word = len(letters) > 1 and letters.isascii() and letters.isalpha()
            out.append(f"\\mathrm{{{text}}}" if word else text)
        elif seg.role in ("sup", "sub"):
            mark = "^" if seg.role == "sup" else "_"
            out.append(f"{mark}{{{_math(seg.children)}}}")
        else:
            out.append("\\ ")
    return "".join(out)


def label_tex(d: Diagram, name: str) -> str:
    """The LaTeX of the label of ``name``: math mode for a label (``$\\Theta^{R}_{2}$``),
    escaped text for a name shown as it is; a twin-network copy gets a tilde."""
    text, markup, twin = label_source(d, name)
    if not markup:
        body = latex_text(text)
        return f"\\~{{}}{body}" if twin else body
    math = re.sub(r"(\\[A-Za-z]+) (?![A-Za-z])", r"\1", _math(parse_label(text)))
    return f"$\\widetilde{{{math}}}$" if twin else f"${math}$"


def _colors(theme: Theme) -> list[str]:
    defs = {f"cid{SHORT_NAMES[k]}": theme.incentive_colors[k] for k in KINDS}
    defs.update(cidDecision=theme.decision_fill, cidUtility=theme.utility_fill,
                cidChance=theme.chance_fill, cidWitness=theme.witness_color,
                cidTwin=theme.counterfactual_color, cidTwinFill=theme.counterfactual_fill)
    return [f"\\definecolor{{{n}}}{{HTML}}{{{c.lstrip('#').upper()[:6]}}}"
            for n, c in defs.items() if c.startswith("#")]


def _styles(theme: Theme) -> str:
    shape = _SHAPES.get(theme.chance_shape, "ellipse")
    dec = _SHAPES.get(theme.decision_shape, "rectangle")
    size = f"\\fontsize{{{theme.fontsize:g}pt}}{{{theme.fontsize * 1.2:g}pt}}\\selectfont"
    return (f"x=1pt, y=1pt, >={{Stealth[length=4pt]}}, every node/.style={{font={size}, "
            f"inner sep=1pt}}, chance/.style={{draw, {shape}, fill=cidChance}}, "
            f"decision/.style={{draw, {dec}, fill=cidDecision}}, "
            "utility/.style={draw, diamond, aspect=1.3, fill=cidUtility}, "
            "utility long/.style={draw, regular polygon, regular polygon sides=8, "
            "fill=cidUtility}, causal/.style={->}, information/.style={->, dotted, "
            "line width=1pt}, badge/.style={font=\\tiny\\bfseries, inner sep=1pt}")


def _ink(theme: Theme, kind: str) -> str:
    color = theme.incentive_colors[kind]
    ok = color.startswith("#") and len(color) == 7
    return "white" if ok and text_color_on(color).upper() == "#FFFFFF" else "black"


def _node(d: Diagram, name: str, overlay: Overlay, theme: Theme, layout: Layout) -> list[str]:
    from cid.drawing.dot import utility_shape  # dot imports the package

    box = layout.nodes[name]
    kind = d.kind(name)
    style = kind if kind != "utility" or utility_shape(d, name, theme) == theme.utility_shape \
        else "utility long"
    opts = [style, f"minimum width={box.width:.0f}pt", f"minimum height={box.height:.0f}pt"]
    if is_counterfactual(d, name):
        opts += ["draw=cidTwin", "fill=cidTwinFill"]
    kinds = overlay.marks.get(name, ())
    if kinds:
        ring = ring_attributes(kinds, theme)
        color = next(f"cid{SHORT_NAMES[k]}" for k in KINDS
                     if theme.incentive_colors[k] == ring["color"])
        dots = "dotted" if set(kinds) <= set(overlay.fragile.get(name, ())) else "dashed"
        opts += [f"draw={color}", dots, "line width=1.5pt"]
    me = tikz_name(name)
    text = label_tex(d, name)
    if kinds:  # the badges under the label, inside the node, as in the other formats
        small = (f"\\fontsize{{{theme.badge_fontsize:g}pt}}{{{theme.badge_fontsize * 1.2:g}pt}}"
                 "\\selectfont")
        badges = "\\,".join(
            f"\\colorbox{{cid{SHORT_NAMES[k]}}}{{\\textcolor{{{_ink(theme, k)}}}"
            f"{{{small}\\bfseries {SHORT_NAMES[k]}}}}}"
            for k in kinds)
        opts.append("align=center")
        text = f"{text}\\\\{badges}"
    lines = [f"\\node[{', '.join(opts)}] ({me}) at ({box.x:.1f},{box.y:.1f}) {{{text}}};"]
    if overlay.fragile.get(name):
        tag = ", ".join(SHORT_NAMES[k] for k in overlay.fragile[name])
        lines.append(f"\\node[badge, anchor=south west] at ({me}.north east) "
                     f"{{fragile: {tag}}};")
    return lines


def _path(route: EdgeRoute | None, tail: str, head: str) -> str:
    if route is None or len(route.points) < 2:
        return f"({tikz_name(tail)}) -- ({tikz_name(head)})"
    pts = [f"({x:.1f},{y:.1f})" for x, y in route.points]
    parts = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        parts.append(f".. controls {pts[i]} and {pts[i + 1]} .. {pts[i + 2]}")
    if route.tip is not None:
        parts.append(f"-- ({route.tip[0]:.1f},{route.tip[1]:.1f})")
    return " ".join(parts)


def _edge_style(d: Diagram, tail: str, head: str, overlay: Overlay, theme: Theme) -> str:
    opts = ["information" if head in d.decisions else "causal"]
    if is_counterfactual(d, head):
        opts.append("draw=cidTwin")
    color = overlay.witness_colors.get((tail, head))
    if color is not None:
        named = [f"cid{SHORT_NAMES[k]}" for k in KINDS if theme.incentive_colors[k] == color]
        opts += [f"draw={named[0] if named else 'cidWitness'}", "line width=2pt"]
    if (tail, head) in overlay.hinge_edges:
        opts += ["double", "line width=0.5pt"]
    if (tail, head) in overlay.added_edges:
        opts.append("dashed")
    return ", ".join(opts)


def to_tikz(d: Diagram, overlay: Overlay, theme: Theme, layout: Layout, *,
            standalone: bool = False) -> str:
    """The TikZ picture of ``d`` laid out as ``layout`` (see the module docstring)."""
    routes: dict[tuple[str, str], EdgeRoute] = {}
    for route in layout.edges:
        routes.setdefault((route.tail, route.head), route)
    lines = [f"% {latex_text(d.name)}: drawn by cid (TikZ; libraries shapes.geometric, "
             "arrows.meta)", *_colors(theme), f"\\begin{{tikzpicture}}[{_styles(theme)}]"]
    for name in d.nodes:
        if name in layout.nodes:
            lines += _node(d, name, overlay, theme, layout)
    edges = list(dict.fromkeys([*d.edge_list, *overlay.added_edges, *overlay.hinge_edges]))
    for tail, head in edges:
        style = _edge_style(d, tail, head, overlay, theme)
        lines.append(f"\\draw[{style}] {_path(routes.get((tail, head)), tail, head)};")
    lines.append("\\end{tikzpicture}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return ("\\documentclass[tikz, border=2pt]{standalone}\n"
            "\\usetikzlibrary{shapes.geometric, arrows.meta}\n"
            "\\begin{document}\n" + body + "\\end{document}\n")
