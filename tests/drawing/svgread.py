"""Read the nodes of an SVG drawn by Graphviz: each node's title and outline shape."""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["SVG", "outline_shape", "svg_nodes"]

SVG = "{http://www.w3.org/2000/svg}"


def svg_nodes(svg: str) -> dict[str, ET.Element]:
    """Node name -> its ``<g class="node">`` group."""
    root = ET.fromstring(svg)
    return {g.find(f"{SVG}title").text: g for g in root.iter(f"{SVG}g")  # type: ignore[union-attr]
            if g.get("class") == "node"}


def outline_shape(group: ET.Element) -> str:
    """The shape of a node's outline: its first drawn element (badges and table cells come
    after it), ``ellipse``, ``box``, ``diamond``, ``octagon`` or ``rounded box`` (a path)."""
    shapes = (f"{SVG}ellipse", f"{SVG}polygon", f"{SVG}path")  # maybe inside a tooltip's <a>
    first = next((el for el in group.iter() if el.tag in shapes), None)
    if first is None:
        return "?"
    if first.tag == f"{SVG}ellipse":
        return "ellipse"
    if first.tag == f"{SVG}path":  # rounded boxes are drawn as a path
        return "rounded box"
    points = (first.get("points") or "").split()
    corners = len(points) - 1  # the first point is repeated at the end
    xs = {round(float(p.split(",")[0])) for p in points}
    if corners == 4:
        return "box" if len(xs) == 2 else "diamond"
    return {8: "octagon"}.get(corners, f"{corners}-gon")
