"""The :class:`Explorer`: one diagram's drawing and incentives as an interactive HTML page.

:func:`explore` analyses a diagram and returns an :class:`Explorer`. Its :meth:`~Explorer.html`
is one self-contained page (no network, no CDN; it works from ``file://``): the drawing as
inline SVG, the analysis as JSON data, and a small inlined script. Click a node to list its
incentives for the chosen decision, with the witness path of the one picked highlighted on
the drawing; switch the agent and the decision; toggle incentive kinds; with a robustness
report, each verdict says whether it survives edits and which edges it hinges on.

In Jupyter an explorer displays as the same view (trusted HTML with its script). Where
scripts are blocked (an untrusted notebook, a static viewer) the drawing and a text table of
the incentives are shown instead, and the script, when it runs, replaces the table with the
interactive panel. Display never raises: without Graphviz it shows an install hint.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> x = cid.explore(d)
>>> x
<Explorer 'diagram': 3 nodes, decision D>
>>> [i["node"] for i in x.data["decisions"][0]["incentives"]["response_incentive"]]
['S']
"""

from __future__ import annotations

import copy
import os
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cid.errors import DiagramError, GraphvizNotFoundError, NodeNotFoundError, SaveError
from cid.explorer.data import explorer_data
from cid.explorer.page import document, fragment
from cid.explorer.robustness import RobustnessReport
from cid.explorer.svg import annotate_svg
from cid.incentives import IncentiveKind, analyze

if TYPE_CHECKING:
    from os import PathLike

    from cid import Theme
    from cid.model import Diagram

__all__ = ["Explorer", "explore"]

PAGE_ID = "cid-explorer"
"""The id of the explorer's root element in :meth:`Explorer.html` (fragments get a fresh one)."""


class Explorer:
    """An interactive view of a diagram's incentives (made by :func:`explore`; immutable).

    :attr:`diagram` is the diagram, :attr:`data` a copy of the JSON data the page shows (see
    :func:`cid.explorer.explorer_data`).
    """

    __slots__ = ("_diagram", "_data", "_svg", "_table", "_theme")

    def __init__(self, diagram: Diagram, data: dict[str, Any], *, table: str,
                 svg: str | None = None, theme: Theme | str | None = None) -> None:
        self._diagram = diagram
        self._data = data
        self._table = table
        self._svg = svg
        self._theme = theme

    @property
    def diagram(self) -> Diagram:
        """The diagram explored."""
        return self._diagram

    @property
    def data(self) -> dict[str, Any]:
        """A copy of the page's data: ``nodes``, ``edges``, ``agents``, ``kinds``,
        ``decisions`` (each incentive with its witness), ``robustness`` and ``view`` (what
        the page shows first)."""
        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        n = len(self._data["nodes"])
        decision = self._data["view"]["decision"]
        return (f"<Explorer {self._data['name']!r}: {n} node{'s' if n != 1 else ''}, "
                f"{'decision ' + decision if decision else 'no decision'}>")

    # ------------------------------------------------------------------ output
    def svg(self) -> str:
        """The drawing, tagged for the script (needs Graphviz unless given to :func:`explore`).

        Raises
        ------
        GraphvizNotFoundError
            When no SVG was given and Graphviz's ``dot`` is missing.
        """
        if self._svg is None:
            import cid

            raw = cid.render(self._diagram, theme=self._theme).svg()
            self._svg = annotate_svg(raw, nodes=self._diagram.nodes,
                                     edges=self._diagram.edge_list)
        return self._svg

    def _note(self) -> str:
        return (f"The incentives of {self._data['name']} (cid.analyze). Enable scripts (or "
                "trust the notebook) for the interactive view.")

    def html(self) -> str:
        """The whole page: one self-contained HTML document (deterministic)."""
        return document(uid=PAGE_ID, svg=self.svg(), data=self._data, fallback=self._table,
                        note=self._note())

    def fragment(self) -> str:
        """The view as an HTML fragment with a fresh element id (to embed in a page)."""
        uid = f"cid-explorer-{uuid.uuid4().hex[:12]}"
        return fragment(uid=uid, svg=self.svg(), data=self._data, fallback=self._table,
                        note=self._note())

    def save(self, path: str | PathLike[str]) -> Path:
        """Write :meth:`html` to ``path`` (``.html`` or ``.htm``) atomically: into a temporary
        file in the same folder, then renamed over ``path``.

        Raises
        ------
        DiagramError
            For another suffix.
        SaveError
            When the file cannot be written (nothing is left behind).
        """
        target = Path(path)
        if target.suffix.lower() not in (".html", ".htm"):
            raise DiagramError(f"an explorer is saved as .html, not {str(target)!r}",
                               code="cid_invalid_argument")
        text = self.html()
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                       suffix=".tmp")
        except OSError as err:
            raise SaveError(f"cannot write {target}: {err.strerror or err}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(tmp, _file_mode(target))  # mkstemp makes it private (0600)
            os.replace(tmp, target)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise SaveError(f"cannot write {target}: {err.strerror or err}") from None
        return target

    # ------------------------------------------------------------------ Jupyter
    def _repr_mimebundle_(self, include: Iterable[str] | None = None,
                          exclude: Iterable[str] | None = None,
                          **kwargs: object) -> dict[str, str]:
        """Jupyter display: the interactive view, or a hint; never raises."""
        try:
            try:
                bundle = {"text/html": self.fragment(), "text/plain": repr(self)}
            except GraphvizNotFoundError as err:
                bundle = {"text/plain": f"{self!r}\n{err}\n\n{self._table}"}
            except Exception as err:  # noqa: BLE001 - display must never raise
                detail = " ".join(str(err).split())[:300]
                bundle = {"text/plain": f"{self!r}\ncannot draw it: {detail}\n\n{self._table}"}
            if include is not None:
                bundle = {k: v for k, v in bundle.items() if k in set(include)}
            if exclude is not None:
                bundle = {k: v for k, v in bundle.items() if k not in set(exclude)}
            return bundle
        except Exception:  # noqa: BLE001 - display must never raise
            return {"text/plain": object.__repr__(self)}


def _file_mode(target: Path) -> int:
    """The permissions a new file gets (or ``target``'s, when it exists)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _initial_decision(d: Diagram, decision: str | None) -> str | None:
    if decision is None:
        return d.decisions[0] if d.decisions else None
    if decision not in d.nodes:
        raise NodeNotFoundError(f"no node {decision!r} in {d.name!r} (its decisions are "
                                f"{', '.join(d.decisions) or 'none'})")
    if d.kind(decision) != "decision":
        raise DiagramError(f"{decision} is a {d.kind(decision)} node, not a decision of "
                           f"{d.name!r} (its decisions are {', '.join(d.decisions) or 'none'})",
                           code="cid_not_a_decision")
    return decision


def explore(d: Diagram, *, decision: str | None = None,
            kinds: str | Iterable[str] | None = None,
            robustness: RobustnessReport | None = None,
            svg: str | None = None, theme: Theme | str | None = None) -> Explorer:
    """An interactive explorer of ``d``'s incentives (see :class:`Explorer`).

    Parameters
    ----------
    d : Diagram
        The diagram (left untouched).
    decision : str, optional
        The decision shown first (default: the first in topological order); the page can
        switch to any other, and to any agent.
    kinds : str or iterable of str, optional
        The incentive kinds shown first (default: all four; full names or ``VoI``, ``RI``,
        ``VoC``, ``ICI``); the page has a toggle for each.
    robustness : RobustnessReport, optional
        A robustness report (``cid.robustness.sensitivity(d)``, or any object with
        ``verdicts``): each verdict then shows whether it is robust and its hinge edges.
    svg : str, optional
        The drawing, when already made by ``cid.render(d).svg()`` (default: drawn on first
        use, which needs Graphviz).
    theme : Theme or str, optional
        The theme to draw with (see :func:`cid.render`).

    Returns
    -------
    Explorer

    Raises
    ------
    NodeNotFoundError
        If ``decision`` is not a node of ``d``.
    DiagramError
        If ``decision`` is not a decision, or a kind names no incentive criterion.
    RenderError
        If ``svg`` is not a drawing of ``d``.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram("x").chance("S").decision("D", parents=["S"])
    >>> d = d.utility("U", parents=["D", "S"])
    >>> cid.explore(d, kinds="VoI").data["view"]
    {'decision': 'D', 'kinds': ['value_of_information']}
    """
    from cid.core.diagram import require_diagram

    require_diagram(d, "explore")
    chosen = _initial_decision(d, decision)
    if kinds is None:
        shown = [k.value for k in IncentiveKind]
    else:
        wanted = {IncentiveKind.parse(k) for k in ([kinds] if isinstance(kinds, str) else kinds)}
        shown = [k.value for k in IncentiveKind if k in wanted]
    report = analyze(d)
    colors = None
    if theme is not None:
        import cid

        chosen_theme = cid.Theme.named(theme) if isinstance(theme, str) else theme
        colors = dict(chosen_theme.incentive_colors)
    data = explorer_data(d, report=report, robustness=robustness, colors=colors)
    data["view"] = {"decision": chosen, "kinds": shown}
    annotated = None
    if svg is not None:
        annotated = annotate_svg(svg, nodes=d.nodes, edges=d.edge_list)
    return Explorer(d, data, table=report.table(), svg=annotated, theme=theme)
