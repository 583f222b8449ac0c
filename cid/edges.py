"""The edge language (re-exported from :mod:`cid.core.edges`, where it is defined).

>>> from cid.edges import parse_edges
>>> parse_edges("A, B -> C")
[('A', 'C'), ('B', 'C')]
"""

from cid.core.edges import EdgeLike, parse_edges

__all__ = ["EdgeLike", "parse_edges"]
