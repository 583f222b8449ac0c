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
    "CIDWarning",
    "DiagramError",
    "GraphvizNotFoundError",
    "ModelIncompleteError",
    "NodeNotFoundError",
    "OptionalDependencyError",
    "RenderError",
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


class NodeNotFoundError(CIDError, LookupError):
    """A node name that the diagram does not contain."""

    code = "cid_unknown_node"


class DiagramError(CIDError, ValueError):
    """A structural problem: a cycle, a duplicate name, a missing agent, a bad argument."""

    code = "cid_invalid_diagram"


class SpecError(DiagramError):
    """An invalid JSON/dict spec; the message lists every problem with its location.

    Attributes
    ----------
    problems : tuple of (location, message, code)
    """

    code = "cid_invalid_spec"

    def __init__(self, problems: list[tuple[str, str, str]], *, source: str = "spec") -> None:
        self.problems = tuple(problems)
        lines = [f"{source} is invalid ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
        lines += [f"  {loc}: {msg} [{code}]" if loc else f"  {msg} [{code}]" for loc, msg, code in problems]
        super().__init__("\n".join(lines))


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
