"""Converters between :mod:`cid` and other libraries.

Each converter lives in its own submodule and imports its library lazily, so ``import cid``
never pulls in a heavy optional dependency; a missing library raises
:class:`~cid.OptionalDependencyError` with the ``pip install`` line to fix it.

* :mod:`cid.interop.pgmpy` — :func:`~cid.interop.pgmpy.to_pgmpy` and
  :func:`~cid.interop.pgmpy.from_pgmpy` (pgmpy's ``DiscreteBayesianNetwork``).
"""

from __future__ import annotations

__all__: list[str] = []
