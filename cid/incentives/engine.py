"""The computation behind the criteria: one agent's view, one decision's answers.

Everything is a linear-time graph search (Bayes-ball or breadth-first search), computed on
first use and kept, so that :func:`cid.analyze` pays for each search once:

* the agent's minimal d-reduction ``G*`` (a few Bayes-ball passes per decision);
* value of control: one backward search from the agent's utilities in ``G*``;
* instrumental control: one backward search from the utilities in ``G`` and one forward
  search from the decision;
* response incentive: one backward search from the decision in ``G*``;
* value of information: one Bayes-ball pass from ``U_D`` given ``Fa(D)`` (see
  :meth:`DecisionAnalysis.voi` for the several-decision case).

The user's diagram is never touched: the engine works on ``diagram.to_networkx()`` (a copy)
and on copies of it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import cached_property

import networkx as nx

from cid.graph import Reachability, _adjacency, _reduce_in_place, _requisite_ball, relevance_graph
from cid.incentives.kinds import Guarantee

__all__ = ["AgentAnalysis", "DecisionAnalysis"]


def _bfs_pointers(adj: Mapping[Hashable, Iterable[Hashable]],
                  sources: Iterable[Hashable]) -> dict[Hashable, Hashable | None]:
    """Multi-source BFS along ``adj``; each reached node points one step back to a source."""
    prev: dict[Hashable, Hashable | None] = {}
    queue: deque[Hashable] = deque()
    for s in sources:
        if s not in prev:
            prev[s] = None
            queue.append(s)
    while queue:
        v = queue.popleft()
        for w in adj[v]:
            if w not in prev:
                prev[w] = v
                queue.append(w)
    return prev


class AgentAnalysis:
    """One agent's view of a diagram: its decisions and utilities, and its ``G*``.

    Other agents' decisions and utilities are ordinary (chance) nodes in this view.

    Parameters
    ----------
    G : networkx.DiGraph
        The diagram's graph (shared between agents, never modified).
    agent : str
    decisions, utilities : tuple of str
        The agent's decisions (topological order) and utility nodes.
    """

    def __init__(self, G: nx.DiGraph[Hashable], agent: str, decisions: tuple[str, ...],
                 utilities: tuple[str, ...]) -> None:
        self.G = G
        self.agent = agent
        self.decisions = decisions
        self.utilities = frozenset(utilities)
        self.order = decisions[::-1]  # reverse topological: the usual reduction order
        self._decisions: dict[str, DecisionAnalysis] = {}

    def decision(self, decision: str) -> DecisionAnalysis:
        """The (cached) analysis of one of the agent's decisions."""
        if decision not in self._decisions:
            self._decisions[decision] = DecisionAnalysis(self, decision)
        return self._decisions[decision]

    @cached_property
    def reduced(self) -> nx.DiGraph[Hashable]:
        """The agent's minimal d-reduction ``G*`` (frozen)."""
        H = self.G.copy()
        _reduce_in_place(H, self.order, self.utilities)
        frozen: nx.DiGraph[Hashable] = nx.freeze(H)
        return frozen

    def reduce_with(self, node: str, decision: str) -> nx.DiGraph[Hashable]:
        """``(G + node -> decision)*``, frozen: the graph of the VoI definition."""
        if self.G.has_edge(node, decision):
            return self.reduced
        H = self.G.copy()
        H.add_edge(node, decision)
        _reduce_in_place(H, self.order, self.utilities)
        frozen: nx.DiGraph[Hashable] = nx.freeze(H)
        return frozen

    @cached_property
    def guarantee(self) -> Guarantee:
        """Which guarantee the criteria carry for this agent's decisions."""
        if len(self.decisions) <= 1:
            return Guarantee.SOUND_AND_COMPLETE
        R = relevance_graph(self.G, decisions=self.decisions, utilities=self.utilities)
        if nx.is_directed_acyclic_graph(R):
            return Guarantee.GENERALISATION
        return Guarantee.NO_SUFFICIENT_RECALL

    @cached_property
    def voc_next(self) -> dict[Hashable, Hashable | None]:
        """Backward search from the utilities in ``G*``: next hop of a path ``X ⇝ U``."""
        pred, _ = _adjacency(self.reduced)
        return _bfs_pointers(pred, sorted(self.utilities))

    @cached_property
    def voc(self) -> frozenset[str]:
        """Value of control: not a decision of the agent, and ``X ∈ U`` or ``X ⇝ U`` in G*."""
        ds = set(self.decisions)
        return frozenset(str(x) for x in self.voc_next if x not in ds)

    @cached_property
    def to_utility_next(self) -> dict[Hashable, Hashable | None]:
        """Backward search from the utilities in ``G``: next hop of a path ``X ⇝ U``."""
        pred, _ = _adjacency(self.G)
        return _bfs_pointers(pred, sorted(self.utilities))


class DecisionAnalysis:
    """The four criteria for one decision, each computed on first use."""

    def __init__(self, agent: AgentAnalysis, decision: str) -> None:
        self.agent = agent
        self.decision = decision

    # ----------------------------------------------------------------- descendants, ICI
    @cached_property
    def from_decision_prev(self) -> dict[Hashable, Hashable | None]:
        """Forward search from ``D`` in ``G``: previous hop of a path ``D ⇝ X``."""
        _, succ = _adjacency(self.agent.G)
        return _bfs_pointers(succ, [self.decision])

    @cached_property
    def descendants(self) -> frozenset[Hashable]:
        """The strict descendants of ``D`` in ``G``."""
        return frozenset(self.from_decision_prev) - {self.decision}

    @cached_property
    def ici(self) -> frozenset[str]:
        """Instrumental control: ``D ⇝ X ⇝ U_D`` in ``G`` (``X = D`` and ``X ∈ U_D`` count)."""
        to_u = self.agent.to_utility_next
        return frozenset(str(x) for x in self.from_decision_prev if x in to_u)

    def ici_path(self, node: str) -> tuple[str, ...]:
        back = _follow(self.from_decision_prev, node)[::-1]  # D ... X
        return back + _follow(self.agent.to_utility_next, node)[1:]

    # ----------------------------------------------------------------- response incentive
    @cached_property
    def ri_next(self) -> dict[Hashable, Hashable | None]:
        """Backward search from ``D`` in ``G*``: next hop of a path ``X ⇝ D``."""
        pred, _ = _adjacency(self.agent.reduced)
        return _bfs_pointers(pred, [self.decision])

    @cached_property
    def ri(self) -> frozenset[str]:
        """Response incentive: ``X ≠ D`` with a directed path ``X ⇝ D`` in ``G*``."""
        return frozenset(str(x) for x in self.ri_next if x != self.decision)

    # ----------------------------------------------------------------- value of information
    def _ball(self, G: nx.DiGraph[Hashable]) -> Reachability:
        pred, succ = _adjacency(G)
        return _requisite_ball(pred, succ, self.decision, set(self.agent.utilities))

    @cached_property
    def _voi(self) -> tuple[frozenset[str], Reachability, dict[str, tuple[str, ...]], int]:
        """Value of information, with where each witness trail comes from.

        **One decision.** ``X ∉ Desc(D) ∪ {D}`` admits VoI iff ``X`` is d-connected to
        ``U_D`` given ``Fa(D)`` in ``G``: the new edge ``X -> D`` opens no trail (``D`` and
        its parents are observed) and the ancestors it adds only matter through ``X``
        itself; the reduction of ``G + X -> D`` keeps ``X -> D`` because removing
        nonrequisite links of the same decision never makes another link nonrequisite. The
        Bayes-ball trail stays active in ``(G + X -> D)*``: every collider on it reaches
        ``D`` through ``X`` or through a parent that is requisite in ``G + X -> D``.

        **Several decisions.** Adding ``X -> D`` can revive other decisions' links and so
        change ``G*``. The exact answer lies between two one-pass answers: the ball in
        ``G*`` (a lower bound) and the ball in ``G`` (an upper bound: a link that is
        nonrequisite in ``G + X -> D`` is never in its reduction). Only the nodes between
        the two bounds are decided by the definition (one reduction each); they are few
        unless many information links are nonrequisite.
        """
        a = self.agent
        D = self.decision
        excluded = set(self.descendants)
        excluded.add(D)
        if len(a.decisions) == 1:
            ball = self._ball(a.G)
            return frozenset(str(x) for x in ball.reached if x not in excluded), ball, {}, 0
        ball = self._ball(a.reduced)  # lower bound, with witnesses valid in (G + X -> D)*
        lower = {str(x) for x in ball.reached if x not in excluded}
        upper = self._ball(a.G)
        parents = set(a.G.pred[D])  # for a parent the definition reduces to "X -> D in G*"
        gap = [x for x in upper.reached if x not in excluded and x not in parents
               and x not in lower]
        extra: dict[str, tuple[str, ...]] = {}
        for x in sorted(gap, key=str):
            H = a.G.copy()
            H.add_edge(x, D)
            _reduce_in_place(H, a.order, a.utilities)
            if H.has_edge(x, D):
                trail = self._ball(H).trail(x)
                assert trail is not None
                extra[str(x)] = tuple(map(str, trail))
        return frozenset(lower | set(extra)), ball, extra, len(gap)

    @property
    def voi(self) -> frozenset[str]:
        """Value of information (see :attr:`_voi`)."""
        return self._voi[0]

    @property
    def voi_fallbacks(self) -> int:
        """How many nodes were decided by the definition rather than by one pass."""
        return self._voi[3]

    def voi_trail(self, node: str) -> tuple[str, ...]:
        _, ball, extra, _ = self._voi
        if node in extra:
            return extra[node]
        trail = ball.trail(node)
        assert trail is not None
        return tuple(map(str, trail))

    # ----------------------------------------------------------------- value of control
    def voc_path(self, node: str) -> tuple[str, ...]:
        return _follow(self.agent.voc_next, node)

    def ri_path(self, node: str) -> tuple[str, ...]:
        return _follow(self.ri_next, node)

    def graph_factory(self, node: str, kind: str) -> Callable[[], nx.DiGraph[Hashable]]:
        a = self.agent
        if kind == "voi":
            return lambda: a.reduce_with(node, self.decision)
        if kind in ("ri", "voc"):
            return lambda: a.reduced
        return lambda: nx.freeze(a.G)


def _follow(pointers: Mapping[Hashable, Hashable | None], start: Hashable) -> tuple[str, ...]:
    out: list[str] = []
    cur: Hashable | None = start
    while cur is not None:
        out.append(str(cur))
        cur = pointers[cur]
    return tuple(out)
