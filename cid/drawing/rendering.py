"""The :class:`Rendering` returned by :func:`cid.render`: DOT always, pictures with Graphviz.

``Rendering.dot`` is the DOT source; it needs no Graphviz binary. ``svg()``, ``png()``,
``pdf()`` and ``save()`` run Graphviz's ``dot`` and raise :class:`cid.GraphvizNotFoundError`
(with the install line for this platform) when it is missing; ``save("figure.dot")`` always
works. In Jupyter a rendering shows as SVG; without ``dot`` (or when ``dot`` fails) it
shows a one-line install hint and the DOT source.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
>>> r = cid.render(d)
>>> r
<Rendering 'diagram': 3 nodes>
>>> r.dot.startswith("digraph diagram {")
True
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import graphviz

from cid.errors import DiagramError, GraphvizNotFoundError, RenderError
from cid.escape import escape_html

if TYPE_CHECKING:
    from cid.drawing.overlay import Overlay
    from cid.drawing.theme import Theme
    from cid.model import Diagram

__all__ = ["FORMATS", "Figure", "Rendering", "graphviz_available", "install_hint"]

FORMATS: tuple[str, ...] = (
    "dot", "gv", "svg", "png", "pdf", "jpg", "jpeg", "eps", "ps", "tex", "html", "htm",
)
"""File suffixes :meth:`Rendering.save` understands (``dot``/``gv`` need no Graphviz;
``tex`` is a standalone TikZ picture, ``html`` the interactive explorer)."""


@dataclass(frozen=True)
class Figure:
    """What a rendering shows, for the writers that need more than DOT (TikZ)."""

    diagram: Diagram
    overlay: Overlay
    theme: Theme


def graphviz_available() -> bool:
    """Whether Graphviz's ``dot`` executable is on ``PATH`` (needed for SVG, PNG and PDF).

    >>> isinstance(graphviz_available(), bool)
    True
    """
    return shutil.which("dot") is not None


def install_hint(platform: str | None = None) -> str:
    """The command that installs Graphviz on ``platform`` (default: this one).

    >>> install_hint("darwin")
    'brew install graphviz (or: conda install graphviz)'
    """
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux"):
        line = "sudo apt-get install graphviz (Debian/Ubuntu; dnf/pacman/apk: package 'graphviz')"
    elif platform == "darwin":
        line = "brew install graphviz"
    elif platform in ("win32", "cygwin"):
        line = "winget install graphviz (or the installer from https://graphviz.org/download/)"
    else:
        line = "the Graphviz package from https://graphviz.org/download/"
    return f"{line} (or: conda install graphviz)"


def _missing_message(what: str) -> str:
    return (
        f"Graphviz's 'dot' executable was not found on PATH, so {what} is not available. "
        f"Install it with: {install_hint()}. .dot output works without it "
        "(Rendering.dot, or save('figure.dot'))."
    )


class Rendering:
    """A drawn diagram: DOT source, and pictures made by Graphviz.

    Made by :func:`cid.render`; immutable.

    Parameters
    ----------
    graph : graphviz.Digraph
        The graph to draw (copied).
    name : str, optional
        The diagram's name, for ``repr``.
    nodes : int
        How many nodes the diagram has, for ``repr``.
    caption : str
        The legend as LaTeX caption text (:attr:`caption`).
    dpi : float, optional
        Resolution of raster output (PNG, JPEG).
    figure : Figure, optional
        The diagram, overlay and theme drawn (needed by :meth:`tikz`).
    """

    __slots__ = ("_graph", "_dot", "_name", "_nodes", "_svg", "_caption", "_dpi", "_figure")

    def __init__(self, graph: graphviz.Digraph, *, name: str | None = None, nodes: int = 0,
                 caption: str = "", dpi: float | None = None,
                 figure: Figure | None = None) -> None:
        self._graph = graph.copy()
        self._figure = figure
        self._caption = caption
        self._dpi = dpi
        self._dot: str = self._graph.source
        self._name = name if name is not None else (graph.name or "graph")
        self._nodes = nodes
        self._svg: str | None = None

    # ------------------------------------------------------------------ sources
    @property
    def dot(self) -> str:
        """The DOT source (deterministic; needs no Graphviz binary)."""
        return self._dot

    @property
    def caption(self) -> str:
        """The legend in words, LaTeX-escaped, for a figure caption (see
        ``render(legend="caption")``); ``""`` for an empty legend."""
        return self._caption

    @property
    def dpi(self) -> float | None:
        """The resolution of PNG (and JPEG) output, in dots per inch (Graphviz's 96 if
        ``None``)."""
        return self._dpi

    def to_graphviz(self) -> graphviz.Digraph:
        """A copy of the underlying :class:`graphviz.Digraph`, to customise further."""
        return self._graph.copy()

    def __str__(self) -> str:
        return self._dot

    def __repr__(self) -> str:
        return f"<Rendering {self._name!r}: {self._nodes} node{'s' if self._nodes != 1 else ''}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rendering):
            return NotImplemented
        return self._dot == other._dot

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ pictures
    def pipe(self, format: str) -> bytes:
        """The drawing in a Graphviz output ``format`` (``"svg"``, ``"png"``, ``"pdf"``, ...).

        Raises
        ------
        GraphvizNotFoundError
            When the ``dot`` executable is missing.
        RenderError
            When ``dot`` fails (its message is included).
        """
        # PostScript through cairo: the core PostScript writer knows only Latin-1 text and
        # PostScript font names, not the theme's font list or Greek letters
        renderer = "cairo" if format in ("ps", "eps") else None
        graph = self._graph
        if self._dpi is not None and format in ("png", "jpg", "jpeg"):
            graph = graph.copy()
            graph.attr(dpi=f"{self._dpi:g}")
        try:
            # graphviz.pipe on bytes runs dot through subprocess.run, which kills it when the
            # caller is interrupted (Digraph.pipe feeds lines and would leave dot running)
            return bytes(graphviz.pipe(graph.engine or "dot", format, graph.source.encode("utf-8"),
                                       renderer=renderer, quiet=True))
        except graphviz.ExecutableNotFound as err:
            raise GraphvizNotFoundError(_missing_message(f"{format.upper()} output")) from err
        except graphviz.CalledProcessError as err:
            detail = err.stderr.decode("utf-8", "replace").strip() if err.stderr else str(err)
            raise RenderError(
                f"Graphviz failed to draw {self._name!r} as {format}: {detail}"
            ) from err

    def svg(self) -> str:
        """The drawing as SVG text (needs Graphviz)."""
        if self._svg is None:
            self._svg = self.pipe("svg").decode("utf-8")
        return self._svg

    def png(self) -> bytes:
        """The drawing as PNG bytes (needs Graphviz)."""
        return self.pipe("png")

    def pdf(self) -> bytes:
        """The drawing as PDF bytes (needs Graphviz)."""
        return self.pipe("pdf")

    def _made_by_render(self, what: str) -> Figure:
        """What this rendering shows, for the writers that need the diagram itself."""
        if self._figure is None:
            raise RenderError(f"{self!r} was not made by cid.render: no diagram to {what}")
        return self._figure

    def tikz(self, *, standalone: bool = False) -> str:
        """The drawing as a TikZ picture, from Graphviz's layout of it (needs Graphviz).

        ``standalone=True`` gives a whole ``standalone`` document for ``pdflatex``; else a
        ``tikzpicture`` to ``\\input`` (see :mod:`cid.drawing.tikz`).

        Raises
        ------
        RenderError
            For a rendering made without a diagram (not by :func:`cid.render`).
        GraphvizNotFoundError
            When Graphviz is missing.
        """
        from cid.drawing.layout import layout_of
        from cid.drawing.tikz import to_tikz

        f = self._made_by_render("write as TikZ")
        return to_tikz(f.diagram, f.overlay, f.theme, layout_of(self._graph),
                       standalone=standalone)

    def html(self) -> str:
        """This drawing's diagram in the interactive explorer: one self-contained HTML page
        (see :func:`cid.explore`), showing the decision this drawing marks first.

        Raises
        ------
        RenderError
            For a rendering made without a diagram (not by :func:`cid.render`).
        GraphvizNotFoundError
            When Graphviz is missing.
        """
        from cid.explorer import explore

        f = self._made_by_render("explore")
        decision = f.overlay.decisions[0] if f.overlay.decisions else None
        return explore(f.diagram, decision=decision, theme=f.theme).html()

    def save(self, path: str | PathLike[str], *, format: str | None = None) -> Path:
        """Write the drawing to ``path``; the format comes from the suffix unless given.

        ``.dot`` and ``.gv`` write the DOT source and need no Graphviz; ``.svg``, ``.png``,
        ``.pdf`` (and ``.jpg``, ``.eps``, ``.ps``) need it, and so does ``.tex`` (a
        standalone TikZ document, :meth:`tikz`).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        DiagramError
            For a suffix (or ``format``) that is not one of :data:`FORMATS`.
        GraphvizNotFoundError
            For a picture format when the ``dot`` executable is missing.
        SaveError
            The file cannot be written; the old file (if any) is left untouched.
        """
        path = Path(path)
        fmt = (format or path.suffix.lstrip(".")).lower()
        if fmt not in FORMATS:
            raise DiagramError(
                f"cannot tell the format of {str(path)!r}: use a suffix or format among "
                f"{', '.join('.' + f for f in FORMATS)}"
            )
        from cid.files import write_atomic

        data: str | bytes
        if fmt in ("dot", "gv"):
            data = self._dot
        elif fmt == "svg":
            data = self.svg()
        elif fmt == "tex":
            data = self.tikz(standalone=True)
        elif fmt in ("html", "htm"):
            data = self.html()
        else:
            data = self.pipe(fmt)
        return write_atomic(path, data)

    # ------------------------------------------------------------------ Jupyter
    def _fallback_bundle(self, problem: str, *, missing: bool = True) -> dict[str, str]:
        if missing:
            line = f"Graphviz is not available ({problem}); install it with: {install_hint()}."
        else:
            line = f"Graphviz could not draw this diagram ({problem}); here is its DOT source."
        longest = max((len(run) for run in re.findall(r"`+", self._dot)), default=0)
        fence = "`" * max(3, longest + 1)  # a fence longer than any run inside: never closed
        return {  # the problem may quote a label: no tag in it survives into the Markdown
            "text/plain": f"{self!r}\n{line}\nDOT source:\n{self._dot}",
            "text/markdown": f"{escape_html(line, quote=False)}\n\n{fence}dot\n{self._dot}"
                             f"{fence}\n",
        }

    def _repr_mimebundle_(
        self,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        **kwargs: object,
    ) -> dict[str, str]:
        """Jupyter display: SVG, or the install hint and DOT source.

        The failures drawing can meet (no ``dot``; ``dot`` failing or unable to run) degrade
        to text; anything else is a bug and propagates.
        """
        try:
            bundle = {"image/svg+xml": self.svg(), "text/plain": repr(self)}
        except GraphvizNotFoundError:
            bundle = self._fallback_bundle("the 'dot' executable is missing")
        except (RenderError, OSError, UnicodeDecodeError) as err:
            detail = " ".join(str(err).split())[:300]
            bundle = self._fallback_bundle(f"dot failed: {detail}", missing=False)
        return select_mimetypes(bundle, include, exclude)


def select_mimetypes(bundle: dict[str, str], include: Iterable[str] | None,
                     exclude: Iterable[str] | None) -> dict[str, str]:
    """The entries of a Jupyter mime bundle that ``include`` keeps and ``exclude`` drops (the
    arguments of ``_repr_mimebundle_``; ``None`` keeps everything).

    >>> select_mimetypes({"a": "1", "b": "2"}, include=None, exclude=["b"])
    {'a': '1'}
    """
    if include is not None:
        wanted = set(include)
        bundle = {k: v for k, v in bundle.items() if k in wanted}
    if exclude is not None:
        unwanted = set(exclude)
        bundle = {k: v for k, v in bundle.items() if k not in unwanted}
    return bundle
