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
The parents are passed *by name* when the function's parameters are the parents' names
(``lambda S1, A1: ...``), *positionally* in parent order otherwise (``lambda s, a: ...``,
handy for generated, time-indexed diagrams), or *as one mapping* ``{parent: value}`` when the
function takes one argument and the node has several parents. Wrap the function in
:class:`Function` to choose the call style explicitly.

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

import inspect
import itertools
import numbers
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from cid.quant.domains import Domain

__all__ = [
    "CPD",
    "CallStyle",
    "Function",
    "format_config",
    "resolve_chance",
]

CallStyle = Literal["auto", "keywords", "positional", "mapping"]
_MAX_SHOWN = 3  # bad parent configurations listed per node
_TOL = 1e-6  # tolerance for probabilities summing to 1


@dataclass(frozen=True)
class Function:
    """A function of the parents, with an explicit way of passing them.

    Parameters
    ----------
    fn : callable
        Returns a value, a ``{value: probability}`` dict, or (for utilities) a real number.
    call : {"auto", "keywords", "positional", "mapping"}
        ``"keywords"``: ``fn(S1=..., A1=...)``; ``"positional"``: ``fn(s1, a1)`` in parent
        order; ``"mapping"``: ``fn({"S1": ..., "A1": ...})``; ``"auto"`` picks from the
        signature (names when every parent is a parameter name, else positional, else one
        mapping argument).

    Examples
    --------
    >>> f = Function(lambda pa: pa["S1"] + pa["S2"], call="mapping")
    >>> f.call
    'mapping'
    """

    fn: Callable[..., object]
    call: CallStyle = "auto"


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
def format_config(parents: Sequence[str], values: Sequence[object]) -> str:
    """``"S1=0, A1='left'"`` (or ``"no parents"``)."""
    if not parents:
        return "no parents"
    return ", ".join(f"{p}={v!r}" for p, v in zip(parents, values, strict=False))


def _config_index(node: str, parents: Sequence[str], domains: Sequence[Domain],
                  args: Sequence[Hashable], kwargs: Mapping[str, Hashable]) -> tuple[int, ...]:
    from cid.errors import ModelIncompleteError

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


def _call_style(fn: Callable[..., object], parents: Sequence[str]) -> CallStyle | str:
    """Pick how to pass the parents to ``fn``; return a problem text when none fits."""
    if not parents:
        return "positional"
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return "positional"
    kinds = inspect.Parameter
    named = {p.name for p in params if p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)}
    if set(parents) <= named:
        return "keywords"
    positional = [p for p in params
                  if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)]
    required = [p for p in positional if p.default is p.empty]
    star = any(p.kind == kinds.VAR_POSITIONAL for p in params)
    if len(required) <= len(parents) and (star or len(parents) <= len(positional)):
        return "positional"
    if len(required) == 1 and len(parents) > 1:
        return "mapping"
    if any(p.kind == kinds.VAR_KEYWORD for p in params):
        return "keywords"
    shown = ", ".join(p.name for p in params)
    return (f"cannot pass the parents ({', '.join(parents)}) to the function ({shown}): name its "
            "parameters after the parents, take them in parent order, or take one mapping")


def _caller(fn: Callable[..., object], style: str,
            parents: Sequence[str]) -> Callable[[tuple[Hashable, ...]], object]:
    if style == "keywords":
        return lambda vals: fn(**dict(zip(parents, vals, strict=False)))
    if style == "mapping":
        return lambda vals: fn(dict(zip(parents, vals, strict=False)))
    return lambda vals: fn(*vals)


def _limit(problems: list[str], count: int, node: str, what: str) -> None:
    if count > _MAX_SHOWN:
        problems.append(f"{node}: ... and {count - _MAX_SHOWN} more parent configurations {what}")


def _evaluate(node: str, spec: Callable[..., object] | Function, parents: Sequence[str],
              parent_domains: Sequence[Domain],
              problems: list[str]) -> list[tuple[tuple[Hashable, ...], object]] | None:
    """Call the function on every parent configuration; ``None`` when it cannot be called."""
    fn, style = (spec.fn, str(spec.call)) if isinstance(spec, Function) else (spec, "auto")
    if style == "auto":
        style = _call_style(fn, parents)
        if style not in ("keywords", "positional", "mapping"):
            problems.append(f"{node}: {style}")
            return None
    call = _caller(fn, style, parents)
    outputs: list[tuple[tuple[Hashable, ...], object]] = []
    failures = 0
    for vals in itertools.product(*parent_domains):
        try:
            outputs.append((vals, call(vals)))
        except Exception as err:  # noqa: BLE001 - report which node and which inputs
            failures += 1
            if failures <= _MAX_SHOWN:
                problems.append(f"{node}: the function raised {type(err).__name__}: {err} "
                                f"for {format_config(parents, vals)}")
    _limit(problems, failures, node, "raised")
    return None if failures else outputs


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
    for i in negative[:_MAX_SHOWN]:
        problems.append(f"{node}: negative probability for {config(int(i))}")
    _limit(problems, len(negative), node, "with negative probabilities")
    bad = np.flatnonzero(np.abs(sums - 1.0) > _TOL)
    for i in bad[:_MAX_SHOWN]:
        problems.append(f"{node}: probabilities for {config(int(i))} sum to "
                        f"{float(sums[i]):.6g}, not 1")
    _limit(problems, len(bad), node, "not summing to 1")
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
        if not isinstance(p, numbers.Real):
            problems.append(f"{node}: probability of {value!r} is {p!r}, not a number")
            continue
        row[dom.index(value)] += float(p)
    if problems:
        return None, problems
    table = _check_rows(node, row, parents, pdoms, problems)
    return (None if table is None else CPD(node, parents, dom, pdoms, table)), problems


def _chance_from_function(node: str, spec: Callable[..., object] | Function,
                          parents: tuple[str, ...], pdoms: tuple[Domain, ...],
                          declared: Domain | None,
                          problems: list[str]) -> tuple[CPD | None, list[str]]:
    outputs = _evaluate(node, spec, parents, pdoms, problems)
    if outputs is None:
        return None, problems
    dom = declared
    if dom is None:
        seen: list[Hashable] = []
        for _, out in outputs:
            if isinstance(out, Mapping):
                seen.extend(out)
            else:
                seen.append(out)
        try:
            dom = Domain.infer(seen)
        except Exception as err:  # noqa: BLE001
            problems.append(f"{node}: the function's values cannot form a domain: {err}")
            return None, problems
    table = np.zeros(tuple(len(d) for d in pdoms) + (len(dom),))
    outside = 0
    for k, (vals, out) in enumerate(outputs):
        cfg = np.unravel_index(k, table.shape[:-1]) if parents else ()
        dist = out if isinstance(out, Mapping) else {out: 1.0}
        for value, p in dist.items():
            if value not in dom:
                outside += 1
                if outside <= _MAX_SHOWN:
                    problems.append(f"{node}: the function returned {value!r} for "
                                    f"{format_config(parents, vals)}, not in the domain "
                                    f"{dom.values}")
                continue
            if not isinstance(p, numbers.Real):
                problems.append(f"{node}: probability {p!r} of {value!r} for "
                                f"{format_config(parents, vals)} is not a number")
                outside += 1
                continue
            table[cfg + (dom.index(value),)] += float(p)
    _limit(problems, outside, node, "with values outside the domain")
    if outside:
        return None, problems
    checked = _check_rows(node, table, parents, pdoms, problems)
    return (None if checked is None else CPD(node, parents, dom, pdoms, checked)), problems


def _as_float_array(node: str, spec: object, problems: list[str]) -> np.ndarray | None:
    try:
        return np.array(spec, dtype=float)
    except (TypeError, ValueError):
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
