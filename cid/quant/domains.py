"""Finite domains: the values a node of a quantitative model can take.

A :class:`Domain` is an ordered tuple of distinct hashable values (numbers, strings, booleans,
tuples, ...). The order is kept: it is the order of the last axis of a node's probability
table and of the axes that index by that node.

Examples
--------
>>> from cid.quant.domains import Domain
>>> dom = Domain(["low", "high"])
>>> len(dom), dom.index("high"), dom[0]
(2, 1, 'low')
>>> Domain.infer([3, 1, 2, 1])
Domain((1, 2, 3))
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable, Iterator

import numpy as np

from cid.errors import ModelIncompleteError

__all__ = ["Domain", "plain"]


def plain(value: object) -> object:
    """Turn a numpy scalar into the Python value it holds (other values pass unchanged).

    >>> plain(np.int64(3)), plain("a")
    (3, 'a')
    """
    return value.item() if isinstance(value, np.generic) else value


class Domain:
    """An ordered set of distinct hashable values.

    Parameters
    ----------
    values : iterable of hashable
        The values, in order. Numpy scalars are stored as the Python values they hold.

    Raises
    ------
    ModelIncompleteError
        The domain is empty, has repeated values, or holds an unhashable value or NaN.
    """

    __slots__ = ("values", "_index")

    def __init__(self, values: Iterable[Hashable]) -> None:
        vals = tuple(plain(v) for v in values)
        if not vals:
            raise ModelIncompleteError("a domain needs at least one value")
        try:
            index = {v: i for i, v in enumerate(vals)}
        except TypeError:
            raise ModelIncompleteError(f"domain values must be hashable, got {vals!r}") from None
        if any(isinstance(v, float) and v != v for v in vals):
            raise ModelIncompleteError(f"domain {vals!r} holds NaN, which equals no value")
        if len(index) != len(vals):
            raise ModelIncompleteError(f"domain {vals!r} has repeated values")
        self.values: tuple[Hashable, ...] = vals
        self._index = index

    @classmethod
    def infer(cls, seen: Iterable[Hashable]) -> Domain:
        """The domain of the values ``seen``: sorted when they sort, else in first-seen order."""
        unique = list(dict.fromkeys(plain(v) for v in seen))
        try:
            kinds = {_sort_kind(v) for v in unique}
            if len(kinds) == 1:
                unique.sort()
        except TypeError:
            pass
        return cls(unique)

    def index(self, value: object) -> int:
        """The position of ``value``; raise :class:`KeyError` when it is not in the domain."""
        return self._index[plain(value)]

    def __contains__(self, value: object) -> bool:
        try:
            return plain(value) in self._index
        except TypeError:
            return False

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.values)

    def __getitem__(self, i: int) -> Hashable:
        return self.values[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Domain):
            return self.values == other.values
        if isinstance(other, tuple):
            return self.values == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.values)

    @property
    def is_numeric(self) -> bool:
        """Whether every value is a real number (booleans included)."""
        return all(isinstance(v, numbers.Real) for v in self.values)

    def as_array(self) -> np.ndarray:
        """The values as a float array (numeric domains only)."""
        if not self.is_numeric:
            raise ModelIncompleteError(f"domain {self.values!r} is not numeric")
        return np.asarray(self.values, dtype=float)

    def __repr__(self) -> str:
        return f"Domain({self.values!r})"


def _sort_kind(value: object) -> str:
    if isinstance(value, numbers.Real):
        return "number"
    return type(value).__name__
