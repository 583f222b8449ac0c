"""Robustness of incentive verdicts to modelling choices, and minimal design fixes.

* :func:`sensitivity` — for every verdict (present or absent), the single edits that flip
  it, with the witness that appears or disappears;
* :func:`fixes` — the smallest sets of edits that remove (or create) one incentive;
* the edits themselves, small frozen values applied to copies of a diagram.

>>> import cid
>>> from cid.robustness import sensitivity
>>> d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
>>> for v in sensitivity(d).verdicts:
...     if v.present:
...         print(v, [str(e) for e in v.edits])
U has VoC for D: fragile (1 flip) ['U as chance']
D has ICI for D: fragile (2 flips) ['-edge D -> U', 'U as chance']
U has ICI for D: fragile (2 flips) ['-edge D -> U', 'U as chance']
"""

from __future__ import annotations

from cid.robustness.edits import (
    EDIT_CLASSES,
    AddEdge,
    AddInformationLink,
    ChangeKind,
    Edit,
    RemoveEdge,
    RemoveInformationLink,
    single_edits,
)
from cid.robustness.fixes import Fix, fixes
from cid.robustness.sensitivity import Flip, SensitivityReport, Verdict, sensitivity

__all__ = [
    "EDIT_CLASSES",
    "AddEdge",
    "AddInformationLink",
    "ChangeKind",
    "Edit",
    "Fix",
    "Flip",
    "RemoveEdge",
    "RemoveInformationLink",
    "SensitivityReport",
    "Verdict",
    "fixes",
    "sensitivity",
    "single_edits",
]
