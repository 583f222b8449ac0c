"""Node records: the three kinds of node of a causal influence diagram.

A **chance** node is a random variable, a **decision** node is chosen by an agent after it
observes the decision's parents (the *information links*), and a **utility** node is a real
quantity that one or several agents maximise (summed over their utility nodes).

Records are immutable values; a :class:`~cid.Diagram` holds them by name.

Examples
--------
>>> from cid.nodes import Decision, Utility
>>> Decision("A1", agent="robot")
Decision(name='A1', agent='robot')
>>> Utility("R", agents=("human", "robot")).agents
('human', 'robot')
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal, Union

from cid.errors import DiagramError

__all__ = [
    "Chance",
    "Decision",
    "Node",
    "NodeKind",
    "Utility",
    "check_identifier",
    "NODE_KINDS",
]

NodeKind = Literal["chance", "decision", "utility"]
NODE_KINDS: tuple[NodeKind, ...] = ("chance", "decision", "utility")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_identifier(name: object, *, what: str = "node name") -> str:
    """Return ``name`` if it is an identifier (``^[A-Za-z_][A-Za-z0-9_]*$``), else raise.

    >>> check_identifier("ThetaR2")
    'ThetaR2'
    """
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise DiagramError(
            f"invalid {what} {name!r}: names are identifiers (letters, digits, '_', "
            "not starting with a digit); put display text in 'label'",
            code="cid_invalid_name",
        )
    return name


def _check_agent(agent: object) -> str:
    if not isinstance(agent, str) or not agent.strip() or agent != agent.strip():
        raise DiagramError(
            f"invalid agent name {agent!r}: a non-empty string without surrounding spaces",
            code="cid_invalid_agent",
        )
    return agent


@dataclass(frozen=True, slots=True, repr=False)
class _NodeBase:
    name: str
    label: str | None = None
    description: str | None = None
    domain: tuple[Hashable, ...] | None = None
    step: int | None = None
    counterfactual: bool = False

    kind: ClassVar[NodeKind]

    def __post_init__(self) -> None:
        check_identifier(self.name)
        if self.label is not None and not isinstance(self.label, str):
            raise DiagramError(f"node {self.name}: label must be a string, got {self.label!r}")
        if self.description is not None and not isinstance(self.description, str):
            raise DiagramError(f"node {self.name}: description must be a string")
        if self.domain is not None:
            values = tuple(self.domain)
            if not values:
                raise DiagramError(f"node {self.name}: empty domain", code="cid_invalid_domain")
            try:
                unique = len(set(values)) == len(values)
            except TypeError:
                raise DiagramError(
                    f"node {self.name}: domain values must be hashable, got {values!r}",
                    code="cid_invalid_domain",
                ) from None
            if not unique:
                raise DiagramError(
                    f"node {self.name}: domain has repeated values {values!r}",
                    code="cid_invalid_domain",
                )
            object.__setattr__(self, "domain", values)
        if self.step is not None and (not isinstance(self.step, int) or isinstance(self.step, bool)):
            raise DiagramError(f"node {self.name}: step must be an integer, got {self.step!r}")
        if not isinstance(self.counterfactual, bool):
            raise DiagramError(f"node {self.name}: counterfactual must be true or false")

    @property
    def display_label(self) -> str:
        """The label if one is set, else the name."""
        return self.label if self.label is not None else self.name

    def __repr__(self) -> str:
        shown = [f"name={self.name!r}"]
        for f in fields(self):
            if f.name == "name":
                continue
            value = getattr(self, f.name)
            if value != f.default and not (f.name == "agents" and value == ()):
                shown.append(f"{f.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


@dataclass(frozen=True, slots=True, repr=False)
class Chance(_NodeBase):
    """A chance node: a random variable."""

    kind: ClassVar[NodeKind] = "chance"


@dataclass(frozen=True, slots=True, repr=False)
class Decision(_NodeBase):
    """A decision node, chosen by ``agent`` (``None`` in a single-agent diagram)."""

    agent: str | None = None
    kind: ClassVar[NodeKind] = "decision"

    def __post_init__(self) -> None:
        _NodeBase.__post_init__(self)
        if self.agent is not None:
            _check_agent(self.agent)


@dataclass(frozen=True, slots=True, repr=False)
class Utility(_NodeBase):
    """A utility node, owned by ``agents`` (empty in a single-agent diagram; several = shared)."""

    agents: tuple[str, ...] = field(default=())
    kind: ClassVar[NodeKind] = "utility"

    def __post_init__(self) -> None:
        _NodeBase.__post_init__(self)
        object.__setattr__(self, "agents", normalize_agents(self.agents, node=self.name))


def normalize_agents(agent: str | Iterable[str] | None, *, node: str) -> tuple[str, ...]:
    """Normalise ``None``, one agent name, or several into a sorted tuple without repeats."""
    if agent is None:
        return ()
    if isinstance(agent, str):
        return (_check_agent(agent),)
    try:
        agents = tuple(agent)
    except TypeError:
        raise DiagramError(f"node {node}: invalid agent {agent!r}") from None
    for a in agents:
        _check_agent(a)
    if len(set(agents)) != len(agents):
        raise DiagramError(f"node {node}: agent listed twice in {list(agents)}")
    return tuple(sorted(agents))


Node = Union[Chance, Decision, Utility]
