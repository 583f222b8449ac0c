"""Argument checks of the :class:`~cid.Diagram` builder, and an order-keeping graph copy.

Each check raises a :class:`~cid.CIDError` naming the node: a :class:`~cid.CIDTypeError`
(also a ``TypeError``) for a value of the wrong type, a :class:`~cid.NodeNotFoundError` for an
unknown parent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from cid.errors import CIDTypeError, DiagramError, NodeNotFoundError
from cid.nodes import ATTRIBUTES, check_domain

__all__ = ["check_parents", "ordered_copy", "record_attributes"]


def check_parents(name: str, parents: object, known: Mapping[str, object]) -> list[str]:
    """The parents of a new node ``name``, checked against the ``known`` nodes.

    A single name counts as a list of one; a parent listed twice counts once.

    Raises
    ------
    CIDTypeError
        ``parents`` is not a list of names.
    NodeNotFoundError
        A parent is not a known node.
    DiagramError
        The node is its own parent.
    """
    if isinstance(parents, str):
        parents = [parents]
    if isinstance(parents, Mapping) or not isinstance(parents, Iterable):
        raise CIDTypeError(f"node {name}: parents must be a list of node names, got {parents!r}")
    checked: dict[str, None] = {}
    for p in parents:
        if not isinstance(p, str):
            raise CIDTypeError(f"node {name}: a parent is a node name, got {p!r}")
        if p == name:
            raise DiagramError(f"self-loop on node {name}: {name} -> {name}", code="cid_cycle")
        if p not in known:
            raise NodeNotFoundError(
                f"node {name}: unknown parent {p!r} (add parents before their children)")
        checked[p] = None
    return list(checked)


def record_attributes(name: object, kind: str, label: object, description: object,
                      domain: object, step: object, counterfactual: object,
                      unknown: Mapping[str, object]) -> dict[str, Any]:
    """The keyword arguments of a new node record, its domain checked and made a tuple.

    Raises
    ------
    CIDTypeError
        ``unknown`` holds a keyword that is no attribute of a ``kind`` node.
    DiagramError
        The domain is invalid (see :func:`cid.nodes.check_domain`).
    """
    if unknown:
        keys = ", ".join(map(repr, unknown))
        allowed = ", ".join(ATTRIBUTES) + ("" if kind == "chance" else ", agent")
        raise CIDTypeError(f"{kind} {name}: unknown attribute {keys}; a {kind} node has "
                           f"{allowed}", code="cid_unknown_attribute")
    if domain is not None:
        domain = check_domain(domain, node=str(name))
    return {"label": label, "description": description, "domain": domain, "step": step,
            "counterfactual": counterfactual}


def ordered_copy(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """Copy keeping each node's predecessor order (``DiGraph.copy`` re-adds edges by source)."""
    new: nx.DiGraph[str] = nx.DiGraph()
    new.add_nodes_from(graph)
    new.add_edges_from((p, n) for n in graph for p in graph.pred[n])
    return new
