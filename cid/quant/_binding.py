"""How a Python function given as a CPD, utility or decision rule receives the parent values.

The rule is strict, so that a function is never silently called with the wrong values:

1. **by name** — every parameter is named after a parent, and every parent is a parameter
   (parameters with defaults, or a ``**kwargs``, may take the rest):
   ``lambda S1, A1: ...`` or ``lambda A1, S1: ...`` (any order);
2. **positionally, in parent order** — no parameter is named after a parent and the function
   has exactly one required positional parameter per parent (or a ``*args``):
   ``lambda s, a: ...``, handy for generated, time-indexed diagrams;
3. **as one mapping** ``{parent: value}`` — the node has several parents and the function one
   required parameter, not named after a parent: ``lambda pa: pa["S1"] + pa["A1"]``;
4. anything else is an error naming the node, the function's parameters and the parents:
   a mix (``lambda A1, s``: is ``s`` the value of ``S1``?), or a parameter named after only
   some of the parents (``lambda S1`` when the parents are ``S1, A1``).

:class:`Function` states the style explicitly (``"keywords"``, ``"positional"``,
``"mapping"``); the signature is still checked against it.

This module is internal; :mod:`cid.quant.cpd`, :mod:`cid.quant.utility` and
:mod:`cid.quant.policy` use it.

Examples
--------
>>> call_style("S2", lambda A1, S1: 0, ("S1", "A1"))
'keywords'
>>> call_style("S2", lambda s, a: 0, ("S1", "A1"))
'positional'
>>> call_style("S2", lambda pa: 0, ("S1", "A1"))
'mapping'
>>> text = call_style("S2", lambda A1, s: 0, ("S1", "A1"))
>>> print(text)  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
S2: cannot tell how to pass the parents (S1, A1) to the function (A1, s): A1 is named
after a parent but s is not; ...
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from cid.errors import ModelIncompleteError
from cid.quant.domains import Domain
from cid.quant.limits import check_table_size, tabulation_progress

__all__ = ["MAX_SHOWN", "CallStyle", "Function", "call_style", "evaluate", "format_config",
           "limit"]

CallStyle = Literal["auto", "keywords", "positional", "mapping"]
MAX_SHOWN = 3
"""Bad parent configurations listed per node and per kind of problem."""

_STYLES = get_args(CallStyle)
_HINT = ("name every parameter after a parent (in any order), or none of them (one per "
         "parent, filled in parent order), or take one mapping argument; or wrap the function "
         "in cid.quant.Function(fn, call='keywords' | 'positional' | 'mapping')")


@dataclass(frozen=True)
class Function:
    """A function of the parents, with an explicit way of passing them.

    Parameters
    ----------
    fn : callable
        Returns a value, a ``{value: probability}`` dict, or (for utilities) a real number.
    call : {"auto", "keywords", "positional", "mapping"}
        ``"keywords"``: ``fn(S1=..., A1=...)``; ``"positional"``: ``fn(s1, a1)`` in parent
        order; ``"mapping"``: ``fn({"S1": ..., "A1": ...})``; ``"auto"``: the rule of
        :mod:`cid.quant.cpd` (by name, positional or one mapping, else an error).

    Raises
    ------
    ModelIncompleteError
        ``fn`` is not callable or ``call`` is not one of the styles.

    Examples
    --------
    >>> f = Function(lambda pa: pa["S1"] + pa["S2"], call="mapping")
    >>> f.call
    'mapping'
    >>> Function(lambda pa: 0, call="dict")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cid.errors.ModelIncompleteError: Function(call='dict'): call must be one of 'auto', ...
    """

    fn: Callable[..., object]
    call: CallStyle = "auto"

    def __post_init__(self) -> None:
        if self.call not in _STYLES:
            raise ModelIncompleteError(
                f"Function(call={self.call!r}): call must be one of "
                f"{', '.join(map(repr, _STYLES))}")
        if not callable(self.fn):
            raise ModelIncompleteError(
                f"Function({self.fn!r}): the first argument must be callable, got "
                f"{type(self.fn).__name__}")


def format_config(parents: Sequence[str], values: Sequence[object]) -> str:
    """``"S1=0, A1='left'"`` (or ``"no parents"``)."""
    if not parents:
        return "no parents"
    return ", ".join(f"{p}={v!r}" for p, v in zip(parents, values, strict=False))


def limit(problems: list[str], count: int, node: str, what: str) -> None:
    """Add the "... and N more" line when more than :data:`MAX_SHOWN` configurations failed."""
    if count > MAX_SHOWN:
        more = count - MAX_SHOWN
        problems.append(f"{node}: ... and {more} more parent configuration"
                        f"{'s' if more != 1 else ''} {what}")


def _binds(sig: inspect.Signature, *args: object, **kwargs: object) -> bool:
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        return False
    return True


def call_style(node: str, fn: Callable[..., object], parents: Sequence[str],
               requested: str = "auto") -> str:
    """``"keywords"``, ``"positional"`` or ``"mapping"`` for ``fn``; else a problem text.

    The problem text starts with ``node`` and names the function's parameters and the
    parents.
    """
    parents = tuple(parents)
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin without a signature: trust the caller
        return "positional" if requested == "auto" else requested
    params = list(sig.parameters.values())
    shown = ", ".join(str(p).split(":")[0].split("=")[0] for p in params)
    pa_text = ", ".join(parents) or "none"
    if requested != "auto":
        ok = {"keywords": lambda: _binds(sig, **dict.fromkeys(parents)),
              "positional": lambda: _binds(sig, *(None for _ in parents)),
              "mapping": lambda: _binds(sig, {})}[requested]()
        if ok:
            return requested
        return (f"{node}: Function(call={requested!r}) cannot pass the parents ({pa_text}) to "
                f"the function ({shown})")
    if not parents:
        if _binds(sig):
            return "positional"
        return (f"{node} has no parents, but the function's parameters ({shown}) are "
                "required: give a function of no arguments, a dict or a table")
    kinds = inspect.Parameter
    named = [p for p in params if p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)]
    hits = [p.name for p in named if p.name in parents]
    var_kw = any(p.kind == kinds.VAR_KEYWORD for p in params)
    var_pos = any(p.kind == kinds.VAR_POSITIONAL for p in params)
    required = [p for p in params if p.default is p.empty
                and p.kind not in (kinds.VAR_POSITIONAL, kinds.VAR_KEYWORD)]
    required_positional = [p for p in required if p.kind != kinds.KEYWORD_ONLY]

    def problem(reason: str) -> str:
        return (f"{node}: cannot tell how to pass the parents ({pa_text}) to the function "
                f"({shown}): {reason}; {_HINT}")

    if hits:
        strangers = [p.name for p in required if p.name not in parents]
        if strangers:
            return problem(f"{', '.join(hits)} {'is' if len(hits) == 1 else 'are'} named after "
                           f"a parent but {', '.join(strangers)} "
                           f"{'is' if len(strangers) == 1 else 'are'} not")
        uncovered = [p for p in parents if p not in hits]
        if uncovered and not var_kw:
            return problem(f"the parameters name {', '.join(hits)} but not "
                           f"{', '.join(uncovered)}")
        return "keywords"
    only_positional = len(required) == len(required_positional)  # no required keyword-only
    if only_positional and (len(required_positional) == len(parents) or (
            var_pos and len(required_positional) <= len(parents))):
        return "positional"
    if len(parents) > 1 and len(required) == 1 and required_positional and _binds(sig, {}):
        return "mapping"
    if var_kw and not required:
        return "keywords"
    return problem(f"{len(required)} required parameter{'s' if len(required) != 1 else ''} "
                   f"for {len(parents)} parent{'s' if len(parents) != 1 else ''}")


def _caller(fn: Callable[..., object], style: str,
            parents: Sequence[str]) -> Callable[[tuple[Hashable, ...]], object]:
    if style == "keywords":
        return lambda vals: fn(**dict(zip(parents, vals, strict=False)))
    if style == "mapping":
        return lambda vals: fn(dict(zip(parents, vals, strict=False)))
    return lambda vals: fn(*vals)


def evaluate(node: str, spec: Callable[..., object] | Function, parents: Sequence[str],
             parent_domains: Sequence[Domain],
             problems: list[str]) -> list[tuple[tuple[Hashable, ...], object]] | None:
    """Call the function on every parent configuration; ``None`` when it cannot be called.

    Each failure is added to ``problems`` with the node and the parent values (at most
    :data:`MAX_SHOWN` listed, then a count).
    """
    fn, requested = (spec.fn, str(spec.call)) if isinstance(spec, Function) else (spec, "auto")
    style = call_style(node, fn, parents, requested)
    if style not in ("keywords", "positional", "mapping"):
        problems.append(style)
        return None
    call = _caller(fn, style, parents)
    outputs: list[tuple[tuple[Hashable, ...], object]] = []
    failures = 0
    count = check_table_size(node, parents, parent_domains)
    for vals in tabulation_progress(node, itertools.product(*parent_domains), count):
        try:
            outputs.append((vals, call(vals)))
        except Exception as err:  # noqa: BLE001 - report which node and which inputs
            failures += 1
            if failures <= MAX_SHOWN:
                problems.append(f"{node}: the function raised {type(err).__name__}: {err} "
                                f"for {format_config(parents, vals)}")
    limit(problems, failures, node, "raised")
    return None if failures else outputs
