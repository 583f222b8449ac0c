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

import sys
import types
from typing import TYPE_CHECKING, Any

from cid.explore.data import explorer_data, is_trivial
from cid.explore.explorer import Explorer, explore
from cid.explore.page import script_json
from cid.explore.robustness import RobustnessReport, RobustnessVerdict
from cid.explore.svg import annotate_svg

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

if TYPE_CHECKING:
    from cid.model import Diagram


class _CallableModule(types.ModuleType):
    """Lets ``cid.explore(d)`` work even after ``import cid.explore`` made ``cid.explore``
    this package (Python binds a subpackage to its parent's attribute of the same name)."""

    def __call__(self, d: Diagram, **options: Any) -> Explorer:
        return explore(d, **options)


sys.modules[__name__].__class__ = _CallableModule
