"""The typed inputs of the incentive overlay: what ``render(incentives=..., witness=...)`` reads.

The overlay reads analyses through small :class:`typing.Protocol` classes rather than
concrete types, so that :class:`cid.Report` and any other analysis with the same shape can be
drawn:

- :class:`DecisionMarks`: one decision's incentives (``.decision`` and ``.nodes(kind)``), as
  a :class:`cid.incentives.DecisionReport`;
- :class:`MarksReport`: several of those under ``.decisions``, as a :class:`cid.Report`;
- :class:`WitnessPath`: a path of node names under ``.path``, as a :class:`cid.Witness`
  (which also carries ``.kind`` and the oriented ``.edges``, read when present).

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> isinstance(cid.analyze(d), MarksReport)
True
>>> isinstance(["S", "U"], WitnessPath)
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, Union, runtime_checkable

__all__ = [
    "DecisionMarks",
    "IncentiveSource",
    "MarksReport",
    "WitnessPath",
    "WitnessSource",
]


@runtime_checkable
class DecisionMarks(Protocol):
    """One decision's incentives: which nodes admit each kind."""

    @property
    def decision(self) -> str:
        """The decision's name."""

    def nodes(self, kind: str, /) -> Iterable[str]:
        """The nodes admitting incentive ``kind`` (a full name such as
        ``"value_of_information"``)."""


@runtime_checkable
class MarksReport(Protocol):
    """An analysis of several decisions, such as :class:`cid.Report`."""

    @property
    def decisions(self) -> Sequence[DecisionMarks]:
        """One entry per decision."""


@runtime_checkable
class WitnessPath(Protocol):
    """A witness: a path of node names (a trail may run against edge directions)."""

    @property
    def path(self) -> Sequence[str]:
        """The nodes in order."""


IncentiveSource = Union[  # noqa: UP007 - a runtime alias that must work on Python 3.10
    bool,
    None,
    MarksReport,
    Mapping[str, Iterable[str]],
    Mapping[str, Mapping[str, Iterable[str]]],
]
"""What ``render(incentives=...)`` accepts: ``None``, ``True``, a report or a mapping."""

WitnessSource = Union[  # noqa: UP007 - a runtime alias that must work on Python 3.10
    None,
    str,
    WitnessPath,
    Sequence[str],
    Iterable[Union[str, Sequence[str], WitnessPath]],  # noqa: UP007
]
"""What ``render(witness=...)`` accepts: a witness, a node sequence, an ``"A -> B"`` string,
or a list of these."""
