"""Write a diagram as its JSON spec (plain data; no code can run from a spec).

A spec is::

    {
      "format_version": 1,
      "name": "decision",
      "nodes": [
        {"kind": "chance", "name": "S"},
        {"kind": "decision", "name": "D"},
        {"kind": "utility", "name": "U", "label": "U"}
      ],
      "edges": [["S", "D"], ["S", "U"], "D -> U"]
    }

Writing needs no validation library; reading does (:mod:`cid.core.schema`).

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
>>> to_dict(d)["edges"]
[['S', 'D'], ['D', 'U']]
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from cid.core.nodes import Decision, Utility
from cid.errors import DiagramError

if TYPE_CHECKING:
    from cid.core.diagram import Diagram

__all__ = ["FORMAT_VERSION", "to_dict", "to_json"]

FORMAT_VERSION: Final = 1
"""The version of the diagram spec format written by this release."""

MODEL_FORMAT_VERSION: Final = 2
"""The version of a spec with numbers (a model, see :mod:`cid.quant.spec`); a diagram is read
from such a file by dropping its ``model`` section."""


def _node_dict(diagram: Diagram, name: str) -> dict[str, Any]:
    node = diagram[name]
    out: dict[str, Any] = {"kind": node.kind, "name": name}
    if isinstance(node, Decision) and node.agent is not None:
        out["agent"] = node.agent
    if isinstance(node, Utility) and node.agents:
        out["agent"] = node.agents[0] if len(node.agents) == 1 else list(node.agents)
    for key in ("label", "description", "step"):
        if getattr(node, key) is not None:
            out[key] = getattr(node, key)
    if node.domain is not None:
        out["domain"] = list(node.domain)
    if node.counterfactual:
        out["counterfactual"] = True
    return out


def to_dict(diagram: Diagram) -> dict[str, Any]:
    """The canonical spec dict: nodes in topological order, edges grouped by child.

    Raises
    ------
    DiagramError
        The diagram has no nodes: a spec has at least one (so every written spec reads back).
    """
    if not len(diagram):
        raise DiagramError(f"diagram {diagram.name!r} has no nodes: a spec needs at least one",
                           code="cid_empty")
    out: dict[str, Any] = {"format_version": FORMAT_VERSION, "name": diagram.name}
    if diagram.description is not None:
        out["description"] = diagram.description
    out["nodes"] = [_node_dict(diagram, n) for n in diagram.topological_order]
    out["edges"] = [[u, v] for u, v in diagram.edge_list]
    return out


def to_json(diagram: Diagram, *, indent: int | None = 2) -> str:
    """The canonical JSON spec as text (stable: the same diagram gives the same text).

    Raises
    ------
    DiagramError
        The diagram has no nodes, or a domain value cannot be written (an integer with
        thousands of digits); the message names the node.
    """
    data = to_dict(diagram)
    try:
        return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        bad = [n["name"] for n in data["nodes"] if not _writable(n)]
        raise DiagramError(f"diagram {diagram.name!r}: cannot write node "
                           f"{', '.join(bad) or '?'} as JSON: {err}", code="cid_json") from None


def _writable(node: dict[str, Any]) -> bool:
    try:
        json.dumps(node, allow_nan=False)
    except ValueError:
        return False
    return True


