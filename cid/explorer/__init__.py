"""An interactive explorer of a diagram's incentives, as one self-contained HTML page.

:func:`explore` returns an :class:`Explorer`: ``.html()`` is the page (the drawing as inline
SVG, the :func:`cid.analyze` report as JSON data, vanilla script and style inlined; no
network), ``.save("x.html")`` writes it atomically, and Jupyter displays it. See
``docs/explorer.md``.

>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> cid.explore(d, decision="D").data["view"]["decision"]
'D'
"""

from __future__ import annotations

from cid.explorer.data import explorer_data, is_trivial
from cid.explorer.explorer import Explorer, explore
from cid.explorer.page import script_json
from cid.explorer.robustness import RobustnessReport, RobustnessVerdict
from cid.explorer.svg import annotate_svg

__all__ = [
    "Explorer",
    "RobustnessReport",
    "RobustnessVerdict",
    "annotate_svg",
    "explore",
    "explorer_data",
    "is_trivial",
    "script_json",
]
