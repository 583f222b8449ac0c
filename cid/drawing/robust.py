"""The robustness overlay: which incentive marks are fragile, and which edges a verdict hinges on.

A robustness analysis (such as ``cid.robustness.sensitivity(d)``) is read through the
:class:`RobustnessReport` protocol: ``.verdicts``, each with ``.kind``, ``.node``,
``.decision``, ``.present``, ``.robust`` and ``.hinges`` (the edges whose addition or removal
would flip the verdict). ``render(d, incentives=True, robustness=report)`` then draws the
marks of fragile verdicts with a dotted ring and a ``fragile`` tag beside the node (robust
ones keep the dashed ring), and ``hinges_of=(kind, node)`` draws the edges that verdict
hinges on as double lines. The legend explains both.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass
... class V:
...     kind: str
...     node: str
...     decision: str
...     present: bool
...     robust: bool
...     hinges: tuple[tuple[str, str], ...] = ()
>>> @dataclass
... class R:
...     verdicts: tuple[V, ...]
>>> report = R((V("value_of_information", "S", "D", True, False, (("S", "D"),)),))
>>> isinstance(report, RobustnessReport)
True
>>> fragile_marks(report, ("D",))
{'S': ('value_of_information',)}
>>> hinge_edges(report, ("D",), ("VoI", "S"))
(('S', 'D'),)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from cid.drawing.kinds import KINDS, normalize_kind
from cid.errors import DiagramError

__all__ = ["RobustnessReport", "Verdict", "fragile_marks", "hinge_edges"]


@runtime_checkable
class Verdict(Protocol):
    """One verdict of a robustness analysis."""

    @property
    def kind(self) -> object:
        """The incentive kind (an ``IncentiveKind`` or its name)."""

    @property
    def node(self) -> str:
        """The node the verdict is about."""

    @property
    def decision(self) -> str:
        """The decision the incentive is for."""

    @property
    def present(self) -> bool:
        """Whether the incentive is present."""

    @property
    def robust(self) -> bool:
        """Whether the verdict survives the perturbations analysed."""

    @property
    def hinges(self) -> tuple[tuple[str, str], ...]:
        """The edges whose change would flip the verdict."""


@runtime_checkable
class RobustnessReport(Protocol):
    """A robustness analysis: its verdicts."""

    @property
    def verdicts(self) -> Sequence[Verdict]:
        """Every verdict."""


def _kind(verdict: Verdict) -> str:
    return normalize_kind(getattr(verdict.kind, "value", verdict.kind))


def fragile_marks(report: RobustnessReport,
                  decisions: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Node -> the kinds whose present verdict (for one of ``decisions``; all when empty) is
    fragile, in canonical kind order."""
    out: dict[str, set[str]] = {}
    for v in report.verdicts:
        if v.present and not v.robust and (not decisions or v.decision in decisions):
            out.setdefault(v.node, set()).add(_kind(v))
    return {n: tuple(k for k in KINDS if k in ks) for n, ks in out.items()}


def hinge_edges(report: RobustnessReport, decisions: Sequence[str],
                chosen: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """The edges the verdict ``chosen = (kind, node)`` (for one of ``decisions``) hinges on.

    Raises
    ------
    DiagramError
        When the report has no such verdict.
    """
    kind, node = normalize_kind(chosen[0]), chosen[1]
    for v in report.verdicts:
        if _kind(v) == kind and v.node == node and (not decisions or v.decision in decisions):
            return tuple((str(a), str(b)) for a, b in v.hinges)
    raise DiagramError(f"the robustness report has no verdict on {kind} at {node!r}"
                       + (f" for {', '.join(decisions)}" if decisions else ""))
