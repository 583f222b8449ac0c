"""The four kinds of incentive, and the guarantee that comes with an answer.

>>> from cid.incentives import IncentiveKind
>>> IncentiveKind.parse("VoI")
<IncentiveKind.VALUE_OF_INFORMATION: 'value_of_information'>
>>> IncentiveKind.RESPONSE_INCENTIVE.label
'RI'
"""

from __future__ import annotations

from enum import Enum

from cid.errors import DiagramError

__all__ = ["Guarantee", "IncentiveKind"]


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

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, kind: IncentiveKind | str) -> IncentiveKind:
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
        if isinstance(kind, IncentiveKind):
            return kind
        if isinstance(kind, str):
            key = kind.strip().lower().replace("-", "_").replace(" ", "_")
            found = _ALIASES.get(key)
            if found is not None:
                return found
        valid = ", ".join(f"{k.value!r} ({k.label})" for k in cls)
        raise DiagramError(f"unknown incentive kind {kind!r}; use one of {valid}",
                           code="cid_unknown_kind")


_LABELS = {
    IncentiveKind.VALUE_OF_INFORMATION: "VoI",
    IncentiveKind.RESPONSE_INCENTIVE: "RI",
    IncentiveKind.VALUE_OF_CONTROL: "VoC",
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: "ICI",
}
_ALIASES: dict[str, IncentiveKind] = {}
for _k in IncentiveKind:
    for _alias in (_k.value, _k.value + "s", _k.name.lower(), _LABELS[_k].lower()):
        _ALIASES[_alias] = _k
_ALIASES["response_incentives"] = IncentiveKind.RESPONSE_INCENTIVE


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
