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
from types import MappingProxyType

from cid.incentives.kinds import IncentiveKind

__all__ = ["KINDS", "SHORT_NAMES", "TITLES", "normalize_kind"]

KINDS: tuple[str, ...] = tuple(k.value for k in IncentiveKind)
"""The incentive kinds, in the order rings, badges and legend rows use."""

SHORT_NAMES: Mapping[str, str] = MappingProxyType({k.value: k.label for k in IncentiveKind})
"""Full name -> short label."""

TITLES: Mapping[str, str] = MappingProxyType({k.value: k.phrase for k in IncentiveKind})
"""Full name -> words (``"value of information"``), for legends."""


def normalize_kind(kind: object) -> str:
    """The full name of an incentive kind given by full name, short label or enum member
    (any spelling :meth:`cid.IncentiveKind.parse` accepts).

    >>> normalize_kind("Value of control")
    'value_of_control'
    """
    return IncentiveKind.parse(kind).value
