"""What the explorer reads from a robustness report: the protocols of :mod:`cid.drawing.robust`.

The explorer shows, next to each incentive verdict, whether it survives small edits of the
diagram. Any object with a ``verdicts`` attribute whose items have ``kind``, ``node``,
``decision``, ``present``, ``robust`` and ``hinges`` fits (such as the result of
``cid.robustness.sensitivity(d)``); the explorer does not import the robustness package.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Verdict:
...     kind: str
...     node: str
...     decision: str
...     present: bool
...     robust: bool
...     hinges: tuple[tuple[str, str], ...] = ()
>>> @dataclass(frozen=True)
... class Report:
...     verdicts: tuple[Verdict, ...]
>>> rows = robustness_rows(Report((Verdict("RI", "S", "D", True, False, (("S", "D"),)),)))
>>> rows[0]["kind"], rows[0]["hinges"]
('response_incentive', [['S', 'D']])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cid.drawing.robust import RobustnessReport
from cid.drawing.robust import Verdict as RobustnessVerdict
from cid.errors import CIDTypeError
from cid.incentives import IncentiveKind

__all__ = ["RobustnessReport", "RobustnessVerdict", "robustness_rows"]


def _edge(hinge: object) -> list[str]:
    if isinstance(hinge, str):
        parts = [p.strip() for p in hinge.replace("→", "->").split("->")]
    elif isinstance(hinge, Iterable):
        parts = [str(p) for p in hinge]
    else:
        parts = []
    if len(parts) != 2 or not all(parts):
        raise CIDTypeError(f"a robustness hinge must be an edge (tail, head) or 'A -> B', "
                           f"got {hinge!r}")
    return parts


def robustness_rows(report: RobustnessReport) -> list[dict[str, Any]]:
    """The verdicts of ``report`` as JSON-ready rows, kinds by their full names, ``flips``
    (when a verdict has them) as text.

    Raises
    ------
    CIDTypeError
        If ``report`` has no ``verdicts``, or a verdict lacks one of the attributes.
    DiagramError
        If a verdict's ``kind`` names no incentive criterion.
    """
    verdicts = getattr(report, "verdicts", None)
    if verdicts is None or isinstance(verdicts, (str, bytes)):
        raise CIDTypeError(f"a robustness report needs a 'verdicts' attribute, got {report!r}")
    rows = []
    for v in verdicts:
        try:
            kind, node, decision = v.kind, v.node, v.decision
            present, robust, hinges = v.present, v.robust, v.hinges
        except AttributeError as err:
            raise CIDTypeError(f"not a robustness verdict: {v!r} ({err})") from None
        rows.append({
            "kind": IncentiveKind.parse(kind).value,
            "node": str(node),
            "decision": str(decision),
            "present": bool(present),
            "robust": bool(robust),
            "hinges": [_edge(h) for h in hinges],
            "flips": [str(f) for f in getattr(v, "flips", ())],
        })
    return rows
