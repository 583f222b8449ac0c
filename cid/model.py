"""Where :class:`~cid.Diagram` used to live: the names are re-exported from :mod:`cid.core`.

>>> import cid.model, cid
>>> cid.model.Diagram is cid.Diagram
True
"""

from cid.core.agents import DEFAULT_AGENT
from cid.core.builder import DiagramBuilder
from cid.core.diagram import Diagram
from cid.core.edges import EdgeLike, parse_edges

__all__ = ["DEFAULT_AGENT", "Diagram", "DiagramBuilder", "EdgeLike", "parse_edges"]
