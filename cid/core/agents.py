"""Which agents a diagram has, kept up to date as nodes are added or retyped.

A diagram whose decisions and utilities name no agent has one agent, :data:`DEFAULT_AGENT`;
a diagram with one named agent lends that name to its agentless nodes; with several named
agents every decision and utility must name its own (:class:`AgentBook.check` says which do
not).
"""

from __future__ import annotations

from collections.abc import Iterable

from cid.core.nodes import Node
from cid.errors import DiagramError

__all__ = ["DEFAULT_AGENT", "AgentBook", "missing_agent_message"]

DEFAULT_AGENT = "agent"
"""The name of the one agent of a diagram whose decisions and utilities name no agent."""


def missing_agent_message(nodes: Iterable[tuple[str, str]], agents: Iterable[str]) -> str:
    """``"decision D names no agent, but the diagram has several agents (a, b)"``.

    Parameters
    ----------
    nodes : iterable of (kind, name)
        The decisions and utilities that name no agent.
    agents : iterable of str
        The named agents.
    """
    listed = [f"{kind} {name}" for kind, name in nodes]
    verb = "names" if len(listed) == 1 else "name"
    return (f"{', '.join(listed)} {verb} no agent, but the diagram has several agents "
            f"({', '.join(sorted(agents))})")


class AgentBook:
    """Counts the nodes naming each agent and lists the agentless decisions and utilities."""

    __slots__ = ("named", "agentless")

    def __init__(self) -> None:
        self.named: dict[str, int] = {}  # agent -> number of records naming it
        self.agentless: dict[str, str] = {}  # decision/utility without an agent -> its kind

    def copy(self) -> AgentBook:
        """An independent copy."""
        new = AgentBook()
        new.named = dict(self.named)
        new.agentless = dict(self.agentless)
        return new

    def check(self, node: Node) -> None:
        """Raise :class:`~cid.DiagramError` if adding ``node`` leaves a node without an agent
        in a diagram with several agents."""
        if node.kind == "chance":
            return
        agents = set(self.named) | set(node.owners)
        if len(agents) < 2 or (node.owners and not self.agentless):
            return
        agentless = [(k, n) for n, k in self.agentless.items()]
        if not node.owners:
            agentless.append((node.kind, node.name))
        raise DiagramError(f"{missing_agent_message(agentless, agents)}: give each decision and "
                           "utility its agent", code="cid_missing_agent")

    def add(self, node: Node) -> None:
        """Record the agents of a new node."""
        if node.kind == "chance":
            return
        if not node.owners:
            self.agentless[node.name] = node.kind
        for a in node.owners:
            self.named[a] = self.named.get(a, 0) + 1

    def remove(self, node: Node) -> None:
        """Forget the agents of a node that is removed or retyped."""
        self.agentless.pop(node.name, None)
        for a in node.owners:
            self.named[a] -= 1
            if not self.named[a]:
                del self.named[a]

    @property
    def agents(self) -> tuple[str, ...]:
        """The agents, sorted (``(DEFAULT_AGENT,)`` when only agentless nodes exist)."""
        if self.named:
            return tuple(sorted(self.named))
        return (DEFAULT_AGENT,) if self.agentless else ()

    def owners(self, node: Node) -> tuple[str, ...]:
        """The resolved agents of ``node`` (an agentless one belongs to the only agent)."""
        if node.kind == "chance":
            return ()
        if node.owners:
            return node.owners
        return (next(iter(self.named)),) if self.named else (DEFAULT_AGENT,)
