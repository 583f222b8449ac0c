"""Conditional probability distributions (CPDs) and utility tables, from tables, dicts or functions.

Every chance node of a :class:`~cid.quant.Model` gets a CPD: the probability of each of its
values given each configuration of its parents. A CPD can be given as

**a table** (numpy array or nested lists) whose axes are the node's parents, *in the order of*
``diagram.parents(node)``, and then the node itself. For ``S2`` with parents ``(S1, A1)``,
binary ``S1``, actions ``A1`` in ``("left", "right")`` and three states::

                         S2 = 0   S2 = 1   S2 = 2
    table[0, 0] = S1=0, A1=left   [0.8,     0.2,     0.0]
    table[0, 1] = S1=0, A1=right  [0.1,     0.6,     0.3]
    table[1, 0] = S1=1, A1=left   [...                  ]
    table[1, 1] = S1=1, A1=right  [...                  ]

    shape = (|S1|, |A1|, |S2|) = (2, 2, 3); each row (last axis) sums to 1.

A root's table is a plain list of probabilities, ``[0.3, 0.7]``.

**a dict** ``{value: probability}`` for a root node: ``{"sunny": 0.7, "rain": 0.3}``.

**a function of the parents** returning a value (deterministic) or a ``{value: p}`` dict.
How the parents are passed follows a strict rule (:mod:`cid.quant._binding`):

* *by name* when every parameter is named after a parent and every parent is a parameter
  (``lambda S1, A1: ...``, in any order; extra parameters need defaults);
* *positionally, in parent order* when no parameter is named after a parent and there is one
  required parameter per parent (``lambda s, a: ...``, handy for generated, time-indexed
  diagrams);
* *as one mapping* ``{parent: value}`` when the node has several parents and the function
  one required parameter not named after a parent (``lambda pa: ...``);
* anything else (``lambda A1, s``; ``lambda S1`` when the parents are ``S1, A1``) is an error
  naming the node, the function's parameters and the parents. Wrap the function in
  :class:`Function` to choose the call style explicitly.

A function must return a value for every parent configuration: ``None`` (a forgotten
``return``) and NaN are refused, naming the node and the parent values.

Utility nodes are resolved by :mod:`cid.quant.utility`.

Domains: a node's values come from ``Model(domains=...)``, else from the node record's
``domain``, else from the spec (``range(n)`` for a table with ``n`` columns, the keys of a
dict, the values a function returns, sorted when they sort).

Examples
--------
>>> from cid.quant.cpd import resolve_chance
>>> from cid.quant.domains import Domain
>>> cpd, problems = resolve_chance("S2", lambda s, a: {s: 0.9, 1 - s: 0.1} if a else s,
...                                ("S1", "A1"), (Domain([0, 1]), Domain([False, True])), None)
>>> problems
[]
>>> cpd.table.shape
(2, 2, 2)
>>> cpd.distribution(S1=0, A1=True)
{0: 0.9, 1: 0.1}
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cid.errors import ModelIncompleteError
from cid.quant._binding import (
    MAX_SHOWN,
    CallStyle,
    Function,
    evaluate,
    format_config,
    limit,
)
from cid.quant.domains import Domain
from cid.quant.limits import check_table_size

__all__ = [
    "CPD",
    "CallStyle",
    "Function",
    "format_config",
    "resolve_chance",
]

_TOL = 1e-6  # tolerance for probabilities summing to 1


def finite_number(value: object) -> float | None:
    """``value`` as a finite float; ``None`` for a value that is not a real number, NaN, an
    infinity, or too large for a float (``10**400``).

    >>> finite_number(3), finite_number(10**400), finite_number(float("nan")), finite_number("1")
    (3.0, None, None, None)
    """
    if not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _finite(value: object) -> str:
    """``"finite "`` for a real number (so "not a finite number"), else ``""``."""
    return "finite " if isinstance(value, numbers.Real) else ""


def shown_value(value: object, width: int = 60) -> str:
    """``repr(value)``, cut to ``width`` characters, and why it is no finite number.

    >>> print(shown_value(10**400, width=10))
    1000000... (an integer of 401 digits, too large for a float)
    """
    text = repr(value)
    if len(text) > width:
        text = text[:width - 3] + "..."
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        try:
            float(value)
        except OverflowError:
            digits = len(str(abs(int(value))))
            text += f" (an integer of {digits} digits, too large for a float)"
    return text


@dataclass(frozen=True, eq=False)
class CPD:
    """The resolved CPD of one node: a probability table over (parents..., node).

    Attributes
    ----------
    node : str
    parents : tuple of str
        In the diagram's parent order; the first axes of ``table``.
    domain : Domain
        The node's values; the last axis of ``table``.
    parent_domains : tuple of Domain
    table : numpy.ndarray
        Shape ``(|parent_1|, ..., |parent_k|, |node|)``; every row sums to 1. Read-only.
    """

    node: str
    parents: tuple[str, ...]
    domain: Domain
    parent_domains: tuple[Domain, ...]
    table: np.ndarray

    def __post_init__(self) -> None:
        expected = tuple(len(d) for d in self.parent_domains) + (len(self.domain),)
        if self.table.shape != expected or len(self.parents) != len(self.parent_domains):
            raise ModelIncompleteError(
                f"{self.node}: a CPD table of shape {self.table.shape} for parents "
                f"{', '.join(self.parents) or 'none'} and {len(self.domain)} values "
                f"(expected {expected})")
        problems: list[str] = []
        if _check_rows(self.node, self.table, self.parents, self.parent_domains,
                       problems) is None:  # never let lost probability mass pass silently
            raise ModelIncompleteError("\n".join(problems))
        self.table.flags.writeable = False

    def distribution(self, *args: Hashable, **kwargs: Hashable) -> dict[Hashable, float]:
        """``{value: probability}`` given parent values (positional or by name)."""
        row = self.table[_config_index(self.node, self.parents, self.parent_domains, args, kwargs)]
        return {v: float(p) for v, p in zip(self.domain, row, strict=False) if p > 0}

    def __repr__(self) -> str:
        pa = ", ".join(self.parents) or "no parents"
        return f"CPD({self.node!r} | {pa}; shape {self.table.shape})"

    def __str__(self) -> str:
        return _format_rows(self.node, self.parents, self.parent_domains, self.domain, self.table)


# ---------------------------------------------------------------------------- helpers
def _config_index(node: str, parents: Sequence[str], domains: Sequence[Domain],
                  args: Sequence[Hashable], kwargs: Mapping[str, Hashable]) -> tuple[int, ...]:
    if args and kwargs:
        raise ModelIncompleteError(f"{node}: give parent values positionally or by name, not both")
    if args:
        if len(args) != len(parents):
            raise ModelIncompleteError(
                f"{node}: expected values for {', '.join(parents) or 'no parents'}")
        values = dict(zip(parents, args, strict=False))
    else:
        missing = [p for p in parents if p not in kwargs]
        if missing:
            raise ModelIncompleteError(f"{node}: missing parent values for {', '.join(missing)}")
        values = dict(kwargs)
    index = []
    for p, dom in zip(parents, domains, strict=False):
        if values[p] not in dom:
            raise ModelIncompleteError(
                f"{node}: {p}={values[p]!r} is not in {p}'s domain {dom.values}")
        index.append(dom.index(values[p]))
    return tuple(index)


def _format_rows(node: str, parents: Sequence[str], parent_domains: Sequence[Domain],
                 domain: Domain, table: np.ndarray) -> str:
    header = [format_config(parents, []) if not parents else ", ".join(parents)]
    header += [f"{node}={v!r}" for v in domain]
    rows = [header]
    for cfg in itertools.product(*(range(len(d)) for d in parent_domains)):
        label = ", ".join(repr(parent_domains[i][j]) for i, j in enumerate(cfg)) or "-"
        rows.append([label] + [f"{p:.4g}" for p in table[cfg]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


def _check_rows(node: str, table: np.ndarray, parents: Sequence[str],
                parent_domains: Sequence[Domain], problems: list[str]) -> np.ndarray | None:
    """Check that every row is a distribution; return the table renormalised exactly."""
    if not np.all(np.isfinite(table)):
        problems.append(f"{node}: the table holds NaN or infinite entries")
        return None
    cards = table.shape[:-1]
    rows = table.reshape(-1, table.shape[-1])
    sums = rows.sum(axis=1)

    def config(i: int) -> str:
        cfg = np.unravel_index(i, cards) if cards else ()
        return format_config(parents, [parent_domains[a][int(j)] for a, j in enumerate(cfg)])

    negative = np.flatnonzero((rows < 0).any(axis=1))
    for i in negative[:MAX_SHOWN]:
        problems.append(f"{node}: negative probability for {config(int(i))}")
    limit(problems, len(negative), node, "with negative probabilities")
    bad = np.flatnonzero(np.abs(sums - 1.0) > _TOL)
    for i in bad[:MAX_SHOWN]:
        problems.append(f"{node}: probabilities for {config(int(i))} sum to "
                        f"{float(sums[i]):.6g}, not 1")
    limit(problems, len(bad), node, "not summing to 1")
    if len(negative) or len(bad):
        return None
    normalised: np.ndarray = (rows / sums[:, None]).reshape(table.shape)
    return normalised


def _shape_text(node: str, parents: Sequence[str], parent_domains: Sequence[Domain],
                last: str | None) -> str:
    parts = [f"|{p}|={len(d)}" for p, d in zip(parents, parent_domains, strict=False)]
    if last is not None:
        parts.append(last)
    axes = (f"the parents {', '.join(parents)} in order" if parents else "no parent axes")
    own = f", then {node} itself" if last is not None else ""
    return f"({', '.join(parts)}): {axes}{own}"


# ---------------------------------------------------------------------------- chance nodes
def resolve_chance(node: str, spec: object, parents: Sequence[str],
                   parent_domains: Sequence[Domain],
                   declared: Domain | None) -> tuple[CPD | None, list[str]]:
    """Resolve a chance node's spec (table, dict, function or :class:`CPD`) into a :class:`CPD`.

    Returns the CPD (``None`` when invalid) and the list of problems found, each naming the
    node and, where it applies, the parent values.
    """
    parents = tuple(parents)
    pdoms = tuple(parent_domains)
    problems: list[str] = []
    if isinstance(spec, CPD):
        if spec.node != node or spec.parents != parents or spec.parent_domains != pdoms or (
                declared is not None and spec.domain != declared):
            problems.append(f"{node}: the CPD given is for {spec.node} | "
                            f"{', '.join(spec.parents) or 'no parents'} with other domains")
            return None, problems
        return spec, problems
    check_table_size(node, parents, pdoms, len(declared) if declared is not None else 1)
    if isinstance(spec, Mapping):
        return _from_dict(node, spec, parents, pdoms, declared, problems)
    if callable(spec) or isinstance(spec, Function):
        return _chance_from_function(node, spec, parents, pdoms, declared, problems)
    return _chance_from_table(node, spec, parents, pdoms, declared, problems)


def _from_dict(node: str, spec: Mapping[object, object], parents: tuple[str, ...],
               pdoms: tuple[Domain, ...], declared: Domain | None,
               problems: list[str]) -> tuple[CPD | None, list[str]]:
    if parents:
        problems.append(f"{node}: a {{value: probability}} dict is for root nodes; {node} has "
                        f"parents {', '.join(parents)}: give a table or a function of them")
        return None, problems
    dom = declared
    if dom is None:
        try:
            dom = Domain(spec)
        except Exception as err:  # noqa: BLE001
            problems.append(f"{node}: {err}")
            return None, problems
    row = np.zeros(len(dom))
    for value, p in spec.items():
        if value not in dom:
            problems.append(f"{node}: value {value!r} is not in the domain {dom.values}")
            continue
        number = finite_number(p)
        if number is None:
            problems.append(f"{node}: probability of {value!r} is {shown_value(p)}, not a "
                            f"{_finite(p)}number")
            continue
        row[dom.index(value)] += number
    if problems:
        return None, problems
    table = _check_rows(node, row, parents, pdoms, problems)
    return (None if table is None else CPD(node, parents, dom, pdoms, table)), problems


def _not_a_value(value: object) -> str | None:
    """Why ``value`` cannot be a node's value (``None`` when it can)."""
    if value is None:
        return "None (a forgotten return?)"
    if value != value:  # NaN, the one value unequal to itself
        return "NaN"
    try:
        hash(value)
    except TypeError:
        return f"{value!r}, which is not hashable"
    return None


class _Tally:
    """Bad parent configurations of one node, by kind: the first few listed, then a count."""

    def __init__(self, node: str, problems: list[str]) -> None:
        self.node, self.problems = node, problems
        self.counts: dict[str, int] = {}

    def add(self, kind: str, text: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_SHOWN:
            self.problems.append(f"{self.node}: {text}")

    def close(self) -> bool:
        """Add the "... and N more" lines; whether anything was bad."""
        for kind, count in self.counts.items():
            limit(self.problems, count, self.node, kind)
        return bool(self.counts)


def _chance_from_function(node: str, spec: Callable[..., object] | Function,
                          parents: tuple[str, ...], pdoms: tuple[Domain, ...],
                          declared: Domain | None,
                          problems: list[str]) -> tuple[CPD | None, list[str]]:
    outputs = evaluate(node, spec, parents, pdoms, problems)
    if outputs is None:
        return None, problems
    tally = _Tally(node, problems)
    seen: list[Hashable] = []
    for vals, out in outputs:
        at = format_config(parents, vals)
        values = list(out) if isinstance(out, Mapping) else [out]
        why = next((w for w in map(_not_a_value, values) if w is not None), None)
        if why is not None:
            tally.add("returning no valid value", f"the function returned {why} for {at}")
            continue
        if isinstance(out, Mapping):
            odd = [p for p in out.values() if finite_number(p) is None]
            if odd:
                tally.add("with probabilities that are not numbers",
                          f"probability {shown_value(odd[0])} for {at} is not a "
                          f"{_finite(odd[0])}number (in {shown_value(out)})")
                continue
        seen.extend(values)
    if tally.close():
        return None, problems
    dom = declared
    if dom is None:
        try:
            dom = Domain.infer(seen)
        except ModelIncompleteError as err:
            problems.append(f"{node}: the function's values cannot form a domain: {err}")
            return None, problems
    table = np.zeros(tuple(len(d) for d in pdoms) + (len(dom),))
    for k, (vals, out) in enumerate(outputs):
        cfg = np.unravel_index(k, table.shape[:-1]) if parents else ()
        dist = out if isinstance(out, Mapping) else {out: 1.0}
        outside = [v for v in dist if v not in dom]
        if outside:
            tally.add("with values outside the domain",
                      f"the function returned {outside[0]!r} for "
                      f"{format_config(parents, vals)}, not in the domain {dom.values}")
            continue
        for value, p in dist.items():
            table[cfg + (dom.index(value),)] += float(p)
    if tally.close():
        return None, problems
    checked = _check_rows(node, table, parents, pdoms, problems)
    return (None if checked is None else CPD(node, parents, dom, pdoms, checked)), problems


def _as_float_array(node: str, spec: object, problems: list[str]) -> np.ndarray | None:
    try:
        return np.array(spec, dtype=float)
    except (OverflowError, TypeError, ValueError):
        problems.append(f"{node}: cannot read {type(spec).__name__} {spec!r:.60} as a table of "
                        "numbers (give a numpy array, nested lists, a dict or a function)")
        return None


def _chance_from_table(node: str, spec: object, parents: tuple[str, ...],
                       pdoms: tuple[Domain, ...], declared: Domain | None,
                       problems: list[str]) -> tuple[CPD | None, list[str]]:
    table = _as_float_array(node, spec, problems)
    if table is None:
        return None, problems
    cards = tuple(len(d) for d in pdoms)
    ncol = len(declared) if declared is not None else (table.shape[-1] if table.ndim else 0)
    if table.shape != cards + (ncol,) or ncol == 0:
        last = f"|{node}|={len(declared)}" if declared is not None else f"|{node}|"
        problems.append(f"{node}: the table has shape {table.shape}, expected "
                        f"{_shape_text(node, parents, pdoms, last)}")
        return None, problems
    dom = declared if declared is not None else Domain(range(ncol))
    checked = _check_rows(node, table, parents, pdoms, problems)
    return (None if checked is None else CPD(node, parents, dom, pdoms, checked)), problems
