"""The four incentive kinds as the renderer names them: full names, short labels, titles.

The full names are the ones used across :mod:`cid` (``"value_of_information"``, ...); the
short labels (``VoI``, ``RI``, ``VoC``, ``ICI``) appear only on badges and in tables.
:func:`normalize_kind` accepts either, in any case, and :class:`cid.IncentiveKind` members.

Examples
--------
>>> normalize_kind("VoI"), normalize_kind("ici")
('value_of_information', 'instrumental_control_incentive')
>>> SHORT_NAMES["response_incentive"]
'RI'
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from cid.errors import DiagramError

__all__ = ["KINDS", "SHORT_NAMES", "TITLES", "normalize_kind"]

KINDS: tuple[str, ...] = (
    "value_of_information",
    "response_incentive",
    "value_of_control",
    "instrumental_control_incentive",
)
"""The incentive kinds, in the order rings, badges and legend rows use."""

SHORT_NAMES: Mapping[str, str] = MappingProxyType(
    dict(zip(KINDS, ("VoI", "RI", "VoC", "ICI"), strict=True))
)
"""Full name -> short label."""

TITLES: Mapping[str, str] = MappingProxyType(
    {kind: kind.replace("_", " ") for kind in KINDS}
)
"""Full name -> words (``"value of information"``), for legends."""

_LOOKUP: dict[str, str] = {
    **{k: k for k in KINDS},
    **{short.lower(): k for k, short in SHORT_NAMES.items()},
    **{k.replace("_", " "): k for k in KINDS},
    **{k.replace("_", "-"): k for k in KINDS},
    "response_incentives": "response_incentive",
    "instrumental_control_incentives": "instrumental_control_incentive",
}


def normalize_kind(kind: object) -> str:
    """The full name of an incentive kind given by full name, short label or enum member.

    >>> normalize_kind("Value of control")
    'value_of_control'
    """
    text = kind.value if isinstance(kind, Enum) else kind
    if isinstance(text, str):
        key = text.strip().lower()
        if key in _LOOKUP:
            return _LOOKUP[key]
        # an enum whose value is a short label or another spelling: try its name too
        if isinstance(kind, Enum) and kind.name.lower() in _LOOKUP:
            return _LOOKUP[kind.name.lower()]
    raise DiagramError(
        f"unknown incentive kind {kind!r}; use one of {', '.join(KINDS)} "
        f"(or {', '.join(SHORT_NAMES.values())})"
    )
