"""The exception hierarchy of :mod:`cid`.

Every error the library raises on purpose is a :class:`CIDError`. Each subclass also derives
from the builtin exception that callers already catch (``ValueError``, ``LookupError``,
``RuntimeError``, ``ImportError``), and every message names the offending nodes.

Examples
--------
>>> import cid
>>> d = cid.Diagram().chance("X")
>>> try:
...     d.edge("X", "Y")
... except cid.CIDError as err:
...     print(err)
edge X -> Y: unknown node 'Y'
"""

from __future__ import annotations

__all__ = [
    "CIDError",
    "CIDTypeError",
    "CIDWarning",
    "DiagramError",
    "GraphvizNotFoundError",
    "ModelIncompleteError",
    "NodeNotFoundError",
    "OptionalDependencyError",
    "RenderError",
    "SaveError",
    "SolveLimitError",
    "SpecError",
]


class CIDError(Exception):
    """Base class of every error raised by :mod:`cid` on purpose.

    Attributes
    ----------
    code : str
        A stable machine-readable code, e.g. ``"cid_cycle"``.
    """

    code: str = "cid_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:  # LookupError subclasses would otherwise quote the text
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take other constructor arguments than ``args`` (SpecError takes the
        # problems): rebuild from the stored state instead of calling the constructor.
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def _restore(cls: type[CIDError], args: tuple[object, ...], state: dict[str, object]) -> CIDError:
    """Unpickle a :class:`CIDError` without calling its ``__init__``."""
    err = cls.__new__(cls, *args)
    err.args = args
    err.__dict__.update(state)
    return err


class NodeNotFoundError(CIDError, LookupError):
    """A node name that the diagram does not contain."""

    code = "cid_unknown_node"


class DiagramError(CIDError, ValueError):
    """A structural problem: a cycle, a duplicate name, a missing agent, a bad argument."""

    code = "cid_invalid_diagram"


class CIDTypeError(DiagramError, TypeError):
    """An argument of the wrong type: a list where a node name goes, a number as a domain,
    an unknown keyword. It is a :class:`DiagramError` and also a :class:`TypeError`, so code
    that catches either works."""

    code = "cid_type"


class SpecError(DiagramError):
    """An invalid JSON/dict spec; the message lists every problem with its location.

    One problem gives a one-line message (``"d.json is invalid: edges[0]: ..."``); several
    give a heading line and one line each.

    Attributes
    ----------
    problems : tuple of (location, message, code)
        Every problem, in the order found.
    source : str
        What was read: ``"spec"``, a file name, ``"from_edges"``.
    """

    code = "cid_invalid_spec"
    shown = 100
    """At most this many problems are written into the message (all are in ``problems``)."""

    def __init__(self, problems: list[tuple[str, str, str]], *, source: str = "spec") -> None:
        self.problems = tuple(problems)
        self.source = source
        lines = [f"{loc}: {msg} [{code}]" if loc else f"{msg} [{code}]"
                 for loc, msg, code in problems[:self.shown]]
        if len(problems) == 1:  # one line; "cannot read FILE: ..." names the file already
            text = lines[0] if source in problems[0][1] else f"{source} is invalid: {lines[0]}"
        else:
            more = len(problems) - len(lines)
            tail = [f"... and {more:,} more (see .problems)"] if more > 0 else []
            text = "\n  ".join([f"{source} is invalid ({len(problems):,} problems):", *lines,
                                *tail])
        super().__init__(text)


class SaveError(CIDError, OSError):
    """A spec file could not be written (the message names the file and the reason)."""

    code = "cid_io"


class ModelIncompleteError(CIDError, ValueError):
    """A quantitative model lacks a CPD, a domain or a valid probability table."""

    code = "cid_model_incomplete"


class SolveLimitError(CIDError, RuntimeError):
    """The policy space is larger than the solver is allowed to search."""

    code = "cid_solve_limit"


class RenderError(CIDError, RuntimeError):
    """A diagram could not be rendered."""

    code = "cid_render"


class GraphvizNotFoundError(RenderError):
    """The Graphviz ``dot`` executable is missing (DOT output still works without it)."""

    code = "cid_graphviz_missing"


class OptionalDependencyError(CIDError, ImportError):
    """An optional dependency (pgmpy, tqdm, ...) is not installed."""

    code = "cid_optional_dependency"


class CIDWarning(UserWarning):
    """Warnings issued by :mod:`cid`."""
