"""The :class:`DiagramBuilder`: build a diagram step by step in place, then freeze it.

Each step of a :class:`~cid.Diagram` returns a new diagram, which copies the nodes built so
far; a builder changes itself instead, so building ``n`` nodes costs time linear in ``n``.
Its steps are the diagram's (same names, same arguments, same checks: a failed step
changes nothing) and return the builder, to chain; :meth:`DiagramBuilder.build` gives the
diagram.

Examples
--------
>>> import cid
>>> b = cid.DiagramBuilder("chain")
>>> for t in range(1, 4):
...     b.chance(f"S{t}", [f"S{t - 1}"] if t > 1 else [])
<DiagramBuilder 'chain': 1 node>
<DiagramBuilder 'chain': 2 nodes>
<DiagramBuilder 'chain': 3 nodes>
>>> b.build().edge_list
(('S1', 'S2'), ('S2', 'S3'))
"""

from __future__ import annotations

from collections.abc import Iterable

from cid.core.diagram import Diagram
from cid.core.edges import EdgeLike, parse_edges
from cid.core.nodes import Node, NodeKind
from cid.core.structure import Structure
from cid.core.validation import make_record, warn_agent_typos

__all__ = ["DiagramBuilder"]


class DiagramBuilder:
    """A diagram under construction, changed in place (see :class:`~cid.Diagram`).

    Parameters
    ----------
    name : str, optional
        The name of the diagram to build.
    description : str, optional
        Free text.
    """

    __slots__ = ("_s", "_shared")

    def __init__(self, name: str = "diagram", *, description: str | None = None) -> None:
        self._s = Structure(name, description)
        self._shared = False  # whether a built diagram holds ``_s`` (copied before a change)

    @classmethod
    def from_diagram(cls, diagram: Diagram, *, name: str | None = None) -> DiagramBuilder:
        """A builder holding the nodes and edges of ``diagram`` (which stays unchanged)."""
        new = cls.__new__(cls)
        new._s, new._shared = diagram._s.copy(name), False
        return new

    def build(self) -> Diagram:
        """The diagram built so far (the builder can go on; the diagram will not change).

        """
        self._shared = True
        return Diagram._wrap(self._s)

    def _writable(self) -> Structure:
        if self._shared:
            self._s, self._shared = self._s.copy(), False
        return self._s

    def __repr__(self) -> str:
        n = len(self._s.nodes)
        return f"<DiagramBuilder {self._s.name!r}: {n} node{'' if n == 1 else 's'}>"

    def __len__(self) -> int:
        return len(self._s.nodes)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._s.nodes

    def parents(self, node: str) -> tuple[str, ...]:
        """The parents of ``node`` so far, in order."""
        self._s.record(node)
        return tuple(self._s.parents[node])

    def kind(self, node: str) -> NodeKind:
        """The kind of ``node``."""
        return self._s.record(node).kind

    # ------------------------------------------------------------------ steps
    def add_node(self, node: Node, parents: Iterable[str] = ()) -> DiagramBuilder:
        """Add a node record, and edges from ``parents`` (existing nodes, in order).

        Raises
        ------
        DiagramError
            As for :meth:`Diagram.add_node`.

        Warns
        -----
        CIDWarning
            The node names a new agent that looks like a misspelt one (as
            :meth:`Diagram.add_node`).
        """
        s = self._writable()
        owners = getattr(node, "owners", ())
        added = set(owners) - set(s.agents.agents) if owners else set()
        s.add_node(node, parents)
        if added:
            warn_agent_typos(s, added=added)
        return self

    def chance(self, name: str, parents: Iterable[str] = (), *, label: str | None = None,
               description: str | None = None, domain: Iterable[object] | None = None,
               step: int | None = None, counterfactual: bool = False,
               **unknown: object) -> DiagramBuilder:
        """Add a chance node.

        Parameters
        ----------
        name : str
            An identifier.
        parents : iterable of str, optional
            Existing nodes, in order (the order of the node's probability table).
        label : str, optional
            Display text, in the papers' notation (``Θ^R_2``).
        description : str, optional
            Free text.
        domain : iterable of numbers, strings or booleans, optional
            The node's values (numpy scalars become Python values).
        step : int, optional
            A time index, used for layout.
        counterfactual : bool, optional
            A twin-network copy (drawn lighter).

        Raises
        ------
        DiagramError
            An invalid name, attribute or parent (:class:`~cid.CIDTypeError` for an unknown
            keyword or a value of the wrong type).
        """
        return self.add_node(make_record(
            "chance", name, label=label, description=description, domain=domain, step=step,
            counterfactual=counterfactual, unknown=unknown), parents)

    def decision(self, name: str, parents: Iterable[str] = (), *, agent: str | None = None,
                 label: str | None = None, description: str | None = None,
                 domain: Iterable[object] | None = None, step: int | None = None,
                 counterfactual: bool = False, **unknown: object) -> DiagramBuilder:
        """Add a decision of ``agent`` observing ``parents`` (its information links).

        ``agent`` is needed when the diagram has several agents; the other arguments are as
        for :meth:`chance`.
        """
        return self.add_node(make_record(
            "decision", name, agent=agent, label=label, description=description, domain=domain,
            step=step, counterfactual=counterfactual, unknown=unknown), parents)

    def utility(self, name: str, parents: Iterable[str] = (), *,
                agent: str | Iterable[str] | None = None, label: str | None = None,
                description: str | None = None, domain: Iterable[object] | None = None,
                step: int | None = None, counterfactual: bool = False,
                **unknown: object) -> DiagramBuilder:
        """Add a utility owned by ``agent`` (a name, or several names for a shared one)."""
        return self.add_node(make_record(
            "utility", name, agent=agent, label=label, description=description, domain=domain,
            step=step, counterfactual=counterfactual, unknown=unknown), parents)

    def edge(self, parent: str, child: str) -> DiagramBuilder:
        """Add the edge ``parent -> child`` (nothing changes if it is already there).

        Raises
        ------
        NodeNotFoundError
            ``parent`` or ``child`` is not in the diagram.
        DiagramError
            A self-loop, or the edge would make a cycle (the message spells it out).
        """
        self._writable().add_edge(parent, child)
        return self

    def edges(self, *chains: EdgeLike | Iterable[EdgeLike]) -> DiagramBuilder:
        """Add edges given as pairs or chain strings; all or nothing."""
        self._writable().add_edges(parse_edges(*chains))
        return self
