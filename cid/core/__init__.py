"""The core type: the immutable :class:`~cid.Diagram`, its builder, and their parts.

* :mod:`cid.core.names` — the identifier rule for node names, close-match suggestions;
* :mod:`cid.core.nodes` — the node records (:class:`~cid.Chance`, :class:`~cid.Decision`,
  :class:`~cid.Utility`);
* :mod:`cid.core.edges` — the edge-chain language (``"A, B -> C"``);
* :mod:`cid.core.agents` — which agents a diagram has;
* :mod:`cid.core.validation` — every structural check, returning problems;
* :mod:`cid.core.structure` — the state behind a diagram and every edit of it;
* :mod:`cid.core.diagram` — :class:`~cid.Diagram`, the value;
* :mod:`cid.core.builder` — :class:`~cid.DiagramBuilder`, for building in place;
* :mod:`cid.core.edgelist`, :mod:`cid.core.spec`, :mod:`cid.core.schema` — reading an edge
  list, writing and reading the JSON spec (only the last imports pydantic, when reading).

Nothing here imports pydantic, rendering or incentives at module level (except
:mod:`cid.core.schema`, which is loaded to read a spec); the package is imported lazily by
:mod:`cid`.
"""

__all__: list[str] = []
