"""The incentive vocabulary: the four kinds, the two kinds of value of control, guarantees.

This module is the one place that names incentives: full names (``"value_of_information"``),
short labels (``VoI``), words (``"value of information"``) and every spelling a user may
type (:meth:`IncentiveKind.parse`, :func:`parse_kind`). The renderer, the command line and
the zoo's claims all read their names from here.

>>> from cid.incentives import IncentiveKind
>>> IncentiveKind.parse("VoI")
<IncentiveKind.VALUE_OF_INFORMATION: 'value_of_information'>
>>> IncentiveKind.RESPONSE_INCENTIVE.label
'RI'
>>> parse_kind("direct VoC").label
'direct VoC'
"""

from __future__ import annotations

from enum import Enum

from cid.errors import DiagramError

__all__ = ["ControlKind", "Guarantee", "IncentiveKind", "parse_kind"]


class IncentiveKind(str, Enum):
    """An incentive criterion; the value is its full name, :attr:`label` the short one."""

    VALUE_OF_INFORMATION = "value_of_information"
    RESPONSE_INCENTIVE = "response_incentive"
    VALUE_OF_CONTROL = "value_of_control"
    INSTRUMENTAL_CONTROL_INCENTIVE = "instrumental_control_incentive"

    @property
    def label(self) -> str:
        """The short label used in tables and badges: ``VoI``, ``RI``, ``VoC`` or ``ICI``."""
        return _LABELS[self]

    @property
    def phrase(self) -> str:
        """The name in words, e.g. ``"value of information"``."""
        return self.value.replace("_", " ")

    @property
    def function_name(self) -> str:
        """The name of the criterion's function in :mod:`cid` (``"response_incentives"``)."""
        return _FUNCTIONS.get(self, self.value)

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, kind: object) -> IncentiveKind:
        """Read a kind from its full name, its label or its function name (any case).

        Raises
        ------
        DiagramError
            If ``kind`` names no criterion (the message lists the valid names).

        Examples
        --------
        >>> IncentiveKind.parse("instrumental_control_incentives").label
        'ICI'
        """
        found = _lookup(kind)
        if isinstance(found, IncentiveKind):
            return found
        if isinstance(found, ControlKind):
            raise DiagramError(
                f"{kind!r} is a kind of value of control, not one of the four criteria: use "
                f"cid.{found.function_name} and cid.explain_control", code="cid_unknown_kind")
        valid = ", ".join(f"{k.value!r} ({k.label})" for k in cls)
        raise DiagramError(f"unknown incentive kind {kind!r}; use one of {valid}",
                           code="cid_unknown_kind")


class ControlKind(str, Enum):
    """The two ways value of control can help an agent (see :mod:`cid.incentives.control`).

    Both refine :attr:`IncentiveKind.VALUE_OF_CONTROL` (:attr:`base`); a node may have both.
    """

    DIRECT_VALUE_OF_CONTROL = "direct_value_of_control"
    INDIRECT_VALUE_OF_CONTROL = "indirect_value_of_control"

    @property
    def label(self) -> str:
        """``"direct VoC"`` or ``"indirect VoC"``."""
        return f"{self.value.split('_')[0]} VoC"

    @property
    def phrase(self) -> str:
        """``"direct value of control"`` or ``"indirect value of control"``."""
        return self.value.replace("_", " ")

    @property
    def function_name(self) -> str:
        """The name of the function in :mod:`cid` that computes it (its full name)."""
        return self.value

    @property
    def base(self) -> IncentiveKind:
        """The criterion this kind refines: value of control."""
        return IncentiveKind.VALUE_OF_CONTROL

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, kind: object) -> ControlKind:
        """Read a kind from ``"direct_value_of_control"``, ``"direct VoC"``, ``"direct"``, ...

        Raises
        ------
        DiagramError
            If ``kind`` is neither (the message lists the valid names).

        Examples
        --------
        >>> ControlKind.parse("Indirect VoC")
        <ControlKind.INDIRECT_VALUE_OF_CONTROL: 'indirect_value_of_control'>
        """
        found = _lookup(kind)
        if isinstance(found, ControlKind):
            return found
        valid = ", ".join(f"{k.value!r} ({k.label})" for k in cls)
        raise DiagramError(f"unknown kind of value of control {kind!r}; use one of {valid}",
                           code="cid_unknown_kind")


def parse_kind(kind: object) -> IncentiveKind | ControlKind:
    """Any incentive kind, of the four criteria or of value of control, from any spelling.

    Accepted: the full name (``"value_of_information"``), the function name
    (``"response_incentives"``), the short label (``"VoI"``, ``"direct VoC"``), the words
    (``"value of control"``), in any case, with ``-``, ``_`` or spaces.

    Raises
    ------
    DiagramError
        If ``kind`` names no kind (the message lists the valid names).

    Examples
    --------
    >>> parse_kind("ICI"), parse_kind("indirect-value-of-control")
    (<IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: 'instrumental_control_incentive'>, \
<ControlKind.INDIRECT_VALUE_OF_CONTROL: 'indirect_value_of_control'>)
    """
    found = _lookup(kind)
    if found is not None:
        return found
    valid = ", ".join(f"{k.value!r} ({k.label})" for k in (*IncentiveKind, *ControlKind))
    raise DiagramError(f"unknown incentive kind {kind!r}; use one of {valid}",
                       code="cid_unknown_kind")


def _lookup(kind: object) -> IncentiveKind | ControlKind | None:
    if isinstance(kind, IncentiveKind | ControlKind):
        return kind
    if isinstance(kind, Enum):  # another enum naming a kind: by its value, then its name
        return _lookup(kind.value) or _lookup(kind.name)
    if not isinstance(kind, str):
        return None
    return _ALIASES.get(kind.strip().lower().replace("-", "_").replace(" ", "_"))


_LABELS = {
    IncentiveKind.VALUE_OF_INFORMATION: "VoI",
    IncentiveKind.RESPONSE_INCENTIVE: "RI",
    IncentiveKind.VALUE_OF_CONTROL: "VoC",
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: "ICI",
}
_FUNCTIONS = {
    IncentiveKind.RESPONSE_INCENTIVE: "response_incentives",
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: "instrumental_control_incentives",
}
_ALIASES: dict[str, IncentiveKind | ControlKind] = {}
for _k in (*IncentiveKind, *ControlKind):
    for _alias in (_k.value, _k.value + "s", _k.label, _k.label + "s"):
        _ALIASES[_alias.lower().replace(" ", "_")] = _k
_ALIASES["direct"] = ControlKind.DIRECT_VALUE_OF_CONTROL
_ALIASES["indirect"] = ControlKind.INDIRECT_VALUE_OF_CONTROL


class Guarantee(str, Enum):
    """How much a graphical answer is worth for a decision.

    The criteria are theorems for a single decision (sound and complete: the graph admits
    the incentive iff some parameterisation has it). For several decisions with sufficient
    recall they are the standard generalisation; without sufficient recall they are still
    computed by their definitions, with no completeness guarantee. When other agents decide
    too, each agent's answers are those of its own view, with the other agents' policies fixed
    (see :meth:`describe`).
    """

    SOUND_AND_COMPLETE = "sound_and_complete"
    GENERALISATION = "standard_generalisation"
    NO_SUFFICIENT_RECALL = "no_sufficient_recall"

    @property
    def description(self) -> str:
        """One line for reports."""
        return _GUARANTEE_TEXT[self]

    def describe(self, *, other_agents: bool = False) -> str:
        """:attr:`description`, saying so when other agents decide too: the single-decision
        theorems then hold with the other agents' policies fixed (their decisions are chance
        nodes of this agent's view), not for the game.

        >>> print(Guarantee.SOUND_AND_COMPLETE.describe(other_agents=True))
        single decision of the agent: sound and complete with the other agents' policies \
fixed (their decisions are chance nodes)
        """
        if other_agents and self is Guarantee.SOUND_AND_COMPLETE:
            return (f"{self.description} with the other agents' policies fixed (their decisions "
                    "are chance nodes)")
        return self.description

    def __str__(self) -> str:
        return self.value


_GUARANTEE_TEXT = {
    Guarantee.SOUND_AND_COMPLETE: "single decision of the agent: sound and complete",
    Guarantee.GENERALISATION: "several decisions with sufficient recall: standard generalisation",
    Guarantee.NO_SUFFICIENT_RECALL: (
        "no sufficient recall: computed by definition, no completeness guarantee"
    ),
}
