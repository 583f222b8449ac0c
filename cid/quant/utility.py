"""Utility tables: what a utility node is worth for each configuration of its parents.

A utility node's spec is a real-valued function of its parents, a table of reals over the
parents (axes = the parents in ``diagram.parents(node)`` order), or a number (a constant). A
function may also return a ``{value: p}`` dict over numbers: a random reward, whose expectation
counts (and whose distribution matters when a later decision observes the reward).

Examples
--------
>>> from cid.quant.utility import resolve_utility
>>> from cid.quant.domains import Domain
>>> table, problems = resolve_utility("R", lambda S: 10.0 * S, ("S",), (Domain([0, 1]),), None)
>>> table.values.tolist(), table(S=1), problems
([0.0, 10.0], 10.0, [])
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Final

import numpy as np

from cid.errors import ModelIncompleteError
from cid.quant._binding import MAX_SHOWN, Function, evaluate, format_config, limit
from cid.quant.cpd import (
    CPD,
    _as_float_array,
    _check_rows,
    _config_index,
    _shape_text,
    finite_number,
    shown_value,
)
from cid.quant.domains import Domain
from cid.quant.limits import check_table_size

__all__ = ["UTILITY_BOUND", "UtilityTable", "resolve_utility", "utility_bound_problems"]

UTILITY_BOUND: Final = 2.0**1000
"""The most the largest absolute values of a model's utilities may sum to (about 1.07e301).

Every expected utility of the model then lies within this bound, every difference of two
(a value of information or of control) within twice it, and every probability-weighted sum
the solver forms far from the float limit (about 1.8e308 = 2**1024): nothing can overflow
to an infinity, so no optimal action is chosen from an overflowed comparison."""


@dataclass(frozen=True, eq=False)
class UtilityTable:
    """The resolved utility of one node: its expected value for each parent configuration.

    Attributes
    ----------
    node : str
    parents : tuple of str
    parent_domains : tuple of Domain
    values : numpy.ndarray
        Shape ``(|parent_1|, ..., |parent_k|)``: the (expected) utility. Read-only.
    domain : Domain or None
        The numbers the utility can take, when known (a random utility, or a declared domain).
    dist : numpy.ndarray or None
        For a random utility: its distribution over ``domain``, of shape
        ``values.shape + (|domain|,)``.
    """

    node: str
    parents: tuple[str, ...]
    parent_domains: tuple[Domain, ...]
    values: np.ndarray
    domain: Domain | None = None
    dist: np.ndarray | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", np.asarray(self.values, dtype=float))
        self.values.flags.writeable = False

    @cached_property
    def largest(self) -> float:
        """The largest absolute (expected) utility over the parent configurations."""
        return float(np.abs(self.values).max(initial=0.0))

    def support(self) -> Domain:
        """The numbers the utility takes with positive probability (sorted)."""
        if self.dist is not None and self.domain is not None:
            used = self.dist.reshape(-1, len(self.domain)).sum(axis=0) > 0
            return Domain.infer(v for v, u in zip(self.domain, used, strict=True) if u)
        return Domain.infer(np.unique(self.values).tolist())

    def outside(self, domain: Domain | None) -> str:
        """The values (shown, at most three) the utility takes outside ``domain``; "" if none."""
        if domain is None:
            return ""
        bad = [v for v in self.support() if v not in domain]
        return ", ".join(map(repr, bad[:3])) + (f" and {len(bad) - 3} more" if len(bad) > 3
                                                else "")

    def as_cpd(self, domain: Domain | None = None) -> CPD:
        """The utility as a random variable over its numeric values (for children and pgmpy).

        Raises
        ------
        ModelIncompleteError
            The utility takes a value outside ``domain``.
        """
        dom = domain or self.domain or self.support()
        outside = self.outside(dom)
        if outside:
            raise ModelIncompleteError(f"{self.node}: the utility takes values outside its "
                                       f"domain {dom.values}: {outside}")
        if self.dist is not None and self.domain is not None:
            if dom == self.domain:
                table = self.dist
            else:
                table = np.zeros(self.values.shape + (len(dom),))
                for j, v in enumerate(self.domain):
                    table[..., dom.index(v)] += self.dist[..., j]
        else:
            numbers_ = dom.as_array()
            table = (self.values[..., None] == numbers_).astype(float)
        return CPD(self.node, self.parents, dom, self.parent_domains, np.array(table, dtype=float))

    def __call__(self, *args: Hashable, **kwargs: Hashable) -> float:
        """The (expected) utility given parent values (positional or by name)."""
        return float(self.values[_config_index(self.node, self.parents, self.parent_domains,
                                               args, kwargs)])

    def __repr__(self) -> str:
        pa = ", ".join(self.parents) or "no parents"
        return f"UtilityTable({self.node!r} | {pa}; shape {self.values.shape})"


def resolve_utility(node: str, spec: object, parents: Sequence[str],
                    parent_domains: Sequence[Domain],
                    declared: Domain | None) -> tuple[UtilityTable | None, list[str]]:
    """Resolve a utility node's spec (function, table of reals, number) into a table."""
    parents = tuple(parents)
    pdoms = tuple(parent_domains)
    problems: list[str] = []
    cards = tuple(len(d) for d in pdoms)
    if not isinstance(spec, UtilityTable):
        check_table_size(node, parents, pdoms)
    if isinstance(spec, UtilityTable):
        if spec.node != node or spec.parents != parents or spec.parent_domains != pdoms:
            problems.append(f"{node}: the utility table given is for {spec.node} | "
                            f"{', '.join(spec.parents) or 'no parents'}")
            return None, problems
        return spec, problems
    if isinstance(spec, Mapping):
        if parents:
            problems.append(f"{node}: a {{value: probability}} dict is for a utility without "
                            f"parents; {node} has parents {', '.join(parents)}")
            return None, problems
        return _utility_from_outputs(node, [((), spec)], parents, pdoms, declared, problems)
    if callable(spec) or isinstance(spec, Function):
        outputs = evaluate(node, spec, parents, pdoms, problems)
        if outputs is None:
            return None, problems
        return _utility_from_outputs(node, outputs, parents, pdoms, declared, problems)
    if isinstance(spec, numbers.Real):  # a constant, whatever the parents
        number = finite_number(spec)
        if number is None:
            problems.append(f"{node}: a utility must be a finite real number, got "
                            f"{shown_value(spec)}")
            return None, problems
        spec = np.full(cards, number)
    table = _as_float_array(node, spec, problems)
    if table is None:
        return None, problems
    if table.shape == cards:
        if not np.all(np.isfinite(table)):
            problems.append(f"{node}: the utility table holds NaN or infinite entries")
            return None, problems
        return UtilityTable(node, parents, pdoms, table, declared), problems
    if declared is not None and declared.is_numeric and table.shape == cards + (len(declared),):
        checked = _check_rows(node, table, parents, pdoms, problems)
        if checked is None:
            return None, problems
        values = checked @ declared.as_array()
        if not _finite_expectations(node, values, problems):
            return None, problems
        return UtilityTable(node, parents, pdoms, values, declared, checked), problems
    problems.append(f"{node}: the utility table has shape {table.shape}, expected "
                    f"{_shape_text(node, parents, pdoms, None)} (a real number per configuration)")
    return None, problems


def _utility_from_outputs(node: str, outputs: list[tuple[tuple[Hashable, ...], object]],
                          parents: tuple[str, ...], pdoms: tuple[Domain, ...],
                          declared: Domain | None,
                          problems: list[str]) -> tuple[UtilityTable | None, list[str]]:
    shape = tuple(len(d) for d in pdoms)
    values = np.zeros(shape)
    random = any(isinstance(out, Mapping) for _, out in outputs)
    bad = 0
    dists: list[dict[float, float]] = []
    for vals, out in outputs:
        pairs = list(out.items()) if isinstance(out, Mapping) else [(out, 1.0)]
        clean: dict[float, float] = {}
        for v, p in pairs:
            number, weight = finite_number(v), finite_number(p)
            if number is None or weight is None:
                bad += 1
                if bad <= MAX_SHOWN:
                    problems.append(f"{node}: a utility must be a finite real number; the function "
                                    f"gave {shown_value(out)} for {format_config(parents, vals)}")
                break
            clean[number] = clean.get(number, 0.0) + weight
        dists.append(clean)
    limit(problems, bad, node, "with non-numeric utilities")
    if bad:
        return None, problems
    if not random:
        for k, dist in enumerate(dists):
            values[np.unravel_index(k, shape) if shape else ()] = next(iter(dist))
        return UtilityTable(node, parents, pdoms, values, declared), problems
    dom = declared if declared is not None else Domain.infer(v for d in dists for v in d)
    if not dom.is_numeric:
        problems.append(f"{node}: a utility's domain must be numeric, got {dom.values}")
        return None, problems
    table = np.zeros(shape + (len(dom),))
    for k, dist in enumerate(dists):
        cfg = np.unravel_index(k, shape) if shape else ()
        for v, p in dist.items():
            if v not in dom:
                problems.append(f"{node}: value {v!r} is not in the domain {dom.values}")
                return None, problems
            table[cfg + (dom.index(v),)] += p
    checked = _check_rows(node, table, parents, pdoms, problems)
    if checked is None:
        return None, problems
    values = checked @ dom.as_array()
    if not _finite_expectations(node, values, problems):
        return None, problems
    return UtilityTable(node, parents, pdoms, values, dom, checked), problems


def _finite_expectations(node: str, values: np.ndarray, problems: list[str]) -> bool:
    """Whether the expected values of a random utility are finite (else a problem)."""
    with np.errstate(over="ignore", invalid="ignore"):
        finite = bool(np.all(np.isfinite(values)))
    if not finite:
        problems.append(f"{node}: the expected utility overflows (its values are too large "
                        "for a float); rescale the utilities")
    return finite


def utility_bound_problems(tables: Mapping[str, UtilityTable]) -> list[str]:
    """The problem with a model whose utilities are too large to add up safely, if so.

    The largest absolute values of the utility tables must sum to at most
    :data:`UTILITY_BOUND`: a check made once, when utilities are tabulated, that keeps every
    expected utility the model's queries and solvers compute finite.

    Examples
    --------
    >>> from cid.quant.domains import Domain
    >>> big = {u: UtilityTable(u, ("D",), (Domain([0, 1]),), [0.0, 1e308]) for u in "UV"}
    >>> print(utility_bound_problems(big)[0])  # doctest: +ELLIPSIS
    U, V: the largest absolute utilities sum to more than the float limit (1.8e+308), more ...
    """
    largest = {n: t.largest for n, t in tables.items()}
    total = sum(largest.values())  # inf when it overflows; rounded, so checked exactly near
    if total <= UTILITY_BOUND / 2 or sum(map(Fraction, largest.values())) <= UTILITY_BOUND:
        return []
    biggest = sorted(largest, key=lambda n: -largest[n])
    told = f"{total:.3g}" if total != float("inf") else "more than the float limit (1.8e+308)"
    shown = ", ".join(biggest[:MAX_SHOWN]) + (f" and {len(biggest) - MAX_SHOWN} more"
                                              if len(biggest) > MAX_SHOWN else "")
    return [f"{shown}: the largest absolute utilities sum to {told}, more than 2**1000 "
            f"(about {UTILITY_BOUND:.3g}): expected utilities could overflow to infinity and "
            "optimal actions be chosen wrongly; rescale the utilities (divide them all by the "
            "same number)"]
