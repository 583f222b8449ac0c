"""Node records: the three kinds of node of a causal influence diagram.

A **chance** node is a random variable, a **decision** node is chosen by an agent after it
observes the decision's parents (the *information links*), and a **utility** node is a real
quantity that one or several agents maximise (summed over their utility nodes).

Records are immutable values; a :class:`~cid.Diagram` holds them by name.

Examples
--------
>>> from cid.core.nodes import Decision, Utility
>>> Decision("A1", agent="robot")
Decision(name='A1', agent='robot')
>>> Utility("R", agents=("human", "robot")).agents
('human', 'robot')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal

from cid.core.names import check_identifier
from cid.errors import CIDTypeError, DiagramError

__all__ = [
    "ATTRIBUTES",
    "Chance",
    "Decision",
    "DomainValue",
    "NODE_KINDS",
    "Node",
    "NodeKind",
    "Utility",
    "check_agent",
    "check_domain",
    "check_identifier",
    "normalize_agents",
    "retype",
]

NodeKind = Literal["chance", "decision", "utility"]
NODE_KINDS: tuple[NodeKind, ...] = ("chance", "decision", "utility")
ATTRIBUTES: tuple[str, ...] = ("label", "description", "domain", "step", "counterfactual")
"""The attributes every kind of node has besides its name (and agents)."""

DomainValue = bool | int | float | str
"""A value of a node's ``domain``: what the JSON spec can store."""

def check_agent(agent: object, *, node: str | None = None) -> str:
    """Return ``agent`` if it is a valid agent name, else raise :class:`~cid.DiagramError`.

    An agent name is a non-empty string without control characters (so on one line) and
    without leading or trailing spaces: ``robot``, ``human 1``, ``1``.

    Examples
    --------
    >>> check_agent("robot")
    'robot'
    """
    if not isinstance(agent, str) or not agent.isprintable() or agent != agent.strip() or not agent:
        where = f"node {node}: " if node is not None else ""
        error = DiagramError if isinstance(agent, str) else CIDTypeError
        text = agent if isinstance(agent, str) else ""
        bad = next((i for i, c in enumerate(text) if not c.isprintable()), None)
        shown = "" if bad is None else f" (it holds {text[bad]!r} at index {bad})"
        raise error(
            f"{where}invalid agent name {agent!r}{shown}: a non-empty name without control "
            "characters or surrounding spaces",
            code="cid_invalid_agent",
        )
    return agent


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds (numpy itself is not imported)."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


def _domain_value(value: object, node: str) -> DomainValue:
    value = _plain(value)
    # exact builtin types: subclasses (IntEnum, numpy's str_) would not read back the same
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DiagramError(f"node {node}: domain value {value!r} is not a finite number",
                               code="cid_invalid_domain")
        return float(value)
    if isinstance(value, str):
        return str(value)
    raise CIDTypeError(
        f"node {node}: domain value {value!r} is not a number, string or boolean (the values a "
        "spec file can hold); give other values to cid.Model(..., domains=...)",
        code="cid_invalid_domain",
    )


def check_domain(domain: object, *, node: str) -> tuple[DomainValue, ...]:
    """Validate a node's domain: a non-empty ordered collection of distinct scalar values.

    Values are numbers, strings or booleans (the values a spec file can hold); numpy scalars
    become the Python values they hold.

    Raises
    ------
    DiagramError
        The domain is empty, repeats a value, or holds a value that is not finite
        (:class:`~cid.CIDTypeError` when it is not a list of such values at all).

    Examples
    --------
    >>> check_domain(["low", "high"], node="X")
    ('low', 'high')
    """
    if isinstance(domain, (str, bytes)):
        raise CIDTypeError(
            f"node {node}: a domain is a list of values, not the string {domain!r} "
            f"(write [{domain!r}] for a single value)",
            code="cid_invalid_domain",
        )
    if isinstance(domain, (Mapping, Set)) or not isinstance(domain, Iterable):
        raise CIDTypeError(
            f"node {node}: a domain is a list of values (in order), got {domain!r}",
            code="cid_invalid_domain",
        )
    values = tuple(_domain_value(v, node) for v in domain)
    if not values:
        raise DiagramError(f"node {node}: empty domain", code="cid_invalid_domain")
    if len(set(values)) != len(values):  # note 1 == 1.0 == True
        raise DiagramError(f"node {node}: domain has repeated values {list(values)!r}",
                           code="cid_invalid_domain")
    return values


@dataclass(frozen=True, slots=True, repr=False)
class _NodeBase:
    name: str
    label: str | None = None
    description: str | None = None
    domain: tuple[DomainValue, ...] | None = None
    step: int | None = None
    counterfactual: bool = False

    kind: ClassVar[NodeKind]

    def __post_init__(self) -> None:
        check_identifier(self.name)
        for key in ("label", "description"):
            value = getattr(self, key)
            if value is not None and not isinstance(value, str):
                raise CIDTypeError(f"node {self.name}: {key} must be a string, got {value!r}")
        if self.domain is not None:
            object.__setattr__(self, "domain", check_domain(self.domain, node=self.name))
        if self.step is not None and type(self.step) is not int:
            object.__setattr__(self, "step", _plain(self.step))
        if self.step is not None and type(self.step) is not int:
            raise CIDTypeError(f"node {self.name}: step must be an integer, got {self.step!r}")
        if not isinstance(self.counterfactual, bool):
            raise CIDTypeError(
                f"node {self.name}: counterfactual must be True or False, got "
                f"{self.counterfactual!r}")

    @property
    def display_label(self) -> str:
        """The label if one is set, else the name."""
        return self.label if self.label is not None else self.name

    @property
    def owners(self) -> tuple[str, ...]:
        """The agents this record names (empty for chance nodes and agentless records)."""
        return ()

    def attributes(self) -> dict[str, object]:
        """The attributes shared by every kind (:data:`ATTRIBUTES`), as a dict."""
        return {key: getattr(self, key) for key in ATTRIBUTES}

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
            check_agent(self.agent, node=self.name)

    @property
    def owners(self) -> tuple[str, ...]:
        """``(agent,)``, or ``()`` when the decision names no agent."""
        return (self.agent,) if self.agent is not None else ()


@dataclass(frozen=True, slots=True, repr=False)
class Utility(_NodeBase):
    """A utility node, owned by ``agents`` (empty in a single-agent diagram; several = shared)."""

    agents: tuple[str, ...] = field(default=())
    kind: ClassVar[NodeKind] = "utility"

    def __post_init__(self) -> None:
        _NodeBase.__post_init__(self)
        object.__setattr__(self, "agents", normalize_agents(self.agents, node=self.name))

    @property
    def owners(self) -> tuple[str, ...]:
        """The agents owning this utility (sorted; empty when it names none)."""
        return self.agents


def normalize_agents(agent: object, *, node: str) -> tuple[str, ...]:
    """Normalise ``None``, one agent name, or several into a sorted tuple without repeats.

    Raises
    ------
    DiagramError
        An agent name is invalid or listed twice (:class:`~cid.CIDTypeError` when ``agent``
        is neither a name nor a collection of names).

    Examples
    --------
    >>> normalize_agents(["robot", "human"], node="R")
    ('human', 'robot')
    """
    if agent is None:
        return ()
    if isinstance(agent, str):
        return (check_agent(agent, node=node),)
    if isinstance(agent, Mapping) or not isinstance(agent, Iterable):
        raise CIDTypeError(f"node {node}: invalid agent {agent!r}: give a name or a list of "
                           "names", code="cid_invalid_agent")
    agents = tuple(agent)
    for a in agents:
        check_agent(a, node=node)
    if len(set(agents)) != len(agents):
        raise DiagramError(f"node {node}: an agent is listed twice in {list(agents)}",
                           code="cid_invalid_agent")
    return tuple(sorted(agents))


Node = Chance | Decision | Utility


def retype(record: Node, kind: NodeKind, owners: tuple[str, ...]) -> Node:
    """``record`` as a node of ``kind`` owned by ``owners`` (its other attributes kept).

    Raises
    ------
    DiagramError
        ``kind`` is a decision and ``owners`` names several agents.

    Examples
    --------
    >>> retype(Decision("X", agent="a", label="x"), "utility", ("a",))
    Utility(name='X', label='x', agents=('a',))
    """
    common: dict[str, Any] = {"label": record.label, "description": record.description,
              "domain": record.domain, "step": record.step,
              "counterfactual": record.counterfactual}
    if kind == "decision":
        if len(owners) > 1:
            raise DiagramError(
                f"{record.kind} {record.name} has several agents ({', '.join(owners)}) but a "
                "decision has one: say which (agent=...)", code="cid_invalid_agent")
        return Decision(record.name, agent=owners[0] if owners else None, **common)
    if kind == "utility":
        return Utility(record.name, agents=owners, **common)
    return Chance(record.name, **common)
