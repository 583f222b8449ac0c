"""Run the searches of :mod:`cid.graph._compact` with numpy on every level (shared by the
graph and incentive tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cid.graph import _compact

__all__ = ["numpy_levels"]


@contextmanager
def numpy_levels() -> Iterator[None]:
    """Expand every frontier with numpy, whatever the graph's size."""
    saved = _compact.VECTOR_NODES, _compact.VECTOR_FRONTIER
    _compact.VECTOR_NODES, _compact.VECTOR_FRONTIER = 0, 1
    try:
        yield
    finally:
        _compact.VECTOR_NODES, _compact.VECTOR_FRONTIER = saved
