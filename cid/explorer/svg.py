"""Make a Graphviz SVG of a diagram addressable by the explorer's script.

:func:`annotate_svg` parses the SVG that :func:`cid.render` draws, drops what does not
belong inline in an HTML page (the XML declaration, the DOCTYPE with its external DTD,
comments, Graphviz's ``id`` attributes, which would clash between several drawings on one
page), and tags each node group ``data-cid-node="NAME"`` and each edge group
``data-cid-edge="TAIL->HEAD"`` (node names are identifiers, so the tags need no quoting).
Serialising through :mod:`xml.etree.ElementTree` escapes every text and attribute.

>>> svg = '''<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">
... <g id="node1" class="node"><title>S</title></g><g class="node"><title>D</title></g>
... <g id="edge1" class="edge"><title>S&#45;&gt;D</title></g></svg>'''
>>> out = annotate_svg(svg, nodes=["S", "D"], edges=[("S", "D")])
>>> 'data-cid-node="S"' in out, 'data-cid-edge="S-&gt;D"' in out, "<?xml" in out
(True, True, False)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from cid.errors import RenderError

__all__ = ["SVG_NS", "annotate_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_G, _TITLE = f"{{{SVG_NS}}}g", f"{{{SVG_NS}}}title"


def annotate_svg(svg: str, *, nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> str:
    """``svg`` with its node and edge groups tagged, ready to inline in HTML.

    Parameters
    ----------
    svg : str
        A drawing made by Graphviz (``cid.render(d).svg()``).
    nodes, edges
        The diagram's node names and edges ``(tail, head)``: the groups whose title names
        one of them are tagged; other groups (a legend, say) are left as they are.

    Raises
    ------
    RenderError
        If ``svg`` is not SVG, or some node of ``nodes`` is not drawn in it.
    """
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as err:
        raise RenderError(f"the drawing is not well-formed SVG: {err}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise RenderError(f"the drawing is not SVG (its root is {root.tag!r})")
    wanted_nodes = set(nodes)
    wanted_edges = {f"{a}->{b}" for a, b in edges}
    drawn: set[str] = set()
    for element in root.iter():
        element.attrib.pop("id", None)
        if element.tag != _G:
            continue
        title = element.find(_TITLE)
        text = (title.text or "").strip() if title is not None else ""
        cls = element.get("class", "")
        if cls == "node" and text in wanted_nodes:
            element.set("data-cid-node", text)
            drawn.add(text)
        elif cls == "edge" and text in wanted_edges:
            element.set("data-cid-edge", text)
    missing = sorted(wanted_nodes - drawn)
    if missing:
        raise RenderError(f"the drawing does not show the nodes {', '.join(missing)}: "
                          "draw it with cid.render(d)")
    return ET.tostring(root, encoding="unicode")
