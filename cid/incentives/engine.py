"""The computation behind the criteria: one agent's view, one decision's answers.

Everything is a linear-time graph search (Bayes-ball or breadth-first search) over plain
adjacency mappings, computed on first use and kept, so that :func:`cid.analyze` pays for each
search once:

* the agent's minimal d-reduction ``G*`` (a few Bayes-ball passes per decision, on
  copy-on-write adjacency: no graph is copied);
* value of control: one backward search from the agent's utilities in ``G*``;
* instrumental control: one backward search from the utilities in ``G`` and one forward
  search from the decision;
* response incentive: one backward search from the decision in ``G*``;
* value of information: one Bayes-ball pass from ``U_D`` given ``Fa(D)``; for several
  decisions, one more in ``G*``, and two per link the reduction removed when the two passes
  disagree (:mod:`cid.incentives.voi`).

:class:`networkx.DiGraph` objects are built only for witnesses, when asked for. The user's
diagram is never touched.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import networkx as nx

from cid.graph import Reachability, _reduce_links, _requisite_ball
from cid.incentives.kinds import Guarantee, IncentiveKind
from cid.incentives.voi import RemovedLink, replay, revivable

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["AgentAnalysis", "DecisionAnalysis", "DiagramGraph"]

Adj = Mapping[Hashable, Mapping[Hashable, object]]


def _bfs_pointers(adj: Adj, sources: Iterable[Hashable]) -> dict[Hashable, Hashable | None]:
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


class DiagramGraph:
    """The diagram's structure as adjacency mappings, shared by all agents' analyses."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.pred: dict[Hashable, dict[Hashable, None]] = {
            n: dict.fromkeys(diagram.parents(n)) for n in diagram.nodes}
        succ: dict[Hashable, dict[Hashable, None]] = {n: {} for n in self.pred}
        for n, ps in self.pred.items():
            for p in ps:
                succ[p][n] = None
        self.succ = succ

    @cached_property
    def graph(self) -> nx.DiGraph[Hashable]:
        """The diagram as a frozen :class:`networkx.DiGraph` (built on first use)."""
        G: nx.DiGraph[Hashable] = nx.freeze(self.diagram.to_networkx())
        return G

    def without(self, removed: Iterable[tuple[Hashable, Hashable]],
                added: Iterable[tuple[Hashable, Hashable]] = ()) -> nx.DiGraph[Hashable]:
        """A frozen copy of the diagram's graph with some links added and removed."""
        H = self.graph.copy()
        H.add_edges_from(added)
        H.remove_edges_from(removed)
        frozen: nx.DiGraph[Hashable] = nx.freeze(H)
        return frozen


class AgentAnalysis:
    """One agent's view of a diagram: its decisions and utilities, and its ``G*``.

    Other agents' decisions and utilities are ordinary (chance) nodes in this view.

    Parameters
    ----------
    base : DiagramGraph
    agent : str
    decisions, utilities : tuple of str
        The agent's decisions (topological order) and utility nodes.
    """

    def __init__(self, base: DiagramGraph, agent: str, decisions: tuple[str, ...],
                 utilities: tuple[str, ...]) -> None:
        self.base = base
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
    def _reduction(self) -> tuple[Adj, Adj, list[tuple[Hashable, Hashable]]]:
        return _reduce_links(self.base.pred, self.base.succ, self.order, self.utilities,
                             balls=(self._balls_g, self._balls_reduced),
                             batches=self._batches)

    @cached_property
    def _batches(self) -> list[tuple[Hashable, tuple[Hashable, ...]]]:
        """The reduction's removals in order (filled by the reduction)."""
        return []

    @cached_property
    def replay(self) -> list[RemovedLink]:
        """The removed links with their two Bayes-ball passes (see :mod:`cid.incentives.voi`)."""
        self._reduction  # noqa: B018 - fills the batches
        return replay(self.base.pred, self.base.succ, self._batches, self.utilities)

    @cached_property
    def _balls_g(self) -> dict[Hashable, Reachability]:
        """Requisite Bayes-balls in ``G`` (filled by the reduction, completed on demand)."""
        return {}

    @cached_property
    def _balls_reduced(self) -> dict[Hashable, Reachability]:
        """Requisite Bayes-balls in ``G*`` (filled by the reduction)."""
        return {}

    def ball_in_g(self, decision: Hashable) -> Reachability:
        """Bayes-ball from ``U_D`` given ``Fa(D)`` in ``G``: requisite parents, the
        single-decision VoI set, and the decisions s-reachable from ``D``."""
        self._reduction  # noqa: B018 - fills the cache as a by-product
        if decision not in self._balls_g:
            self._balls_g[decision] = _requisite_ball(self.base.pred, self.base.succ,
                                                      decision, self.utilities)
        return self._balls_g[decision]

    def ball_in_reduced(self, decision: Hashable) -> Reachability:
        """Bayes-ball from ``U_D`` given ``Fa(D)`` in ``G*``."""
        pred, succ, _ = self._reduction
        if decision not in self._balls_reduced:  # its last check removed links
            self._balls_reduced[decision] = _requisite_ball(pred, succ, decision,
                                                            self.utilities)
        return self._balls_reduced[decision]

    @property
    def reduced_pred(self) -> Adj:
        """Parents in the agent's minimal d-reduction ``G*``."""
        return self._reduction[0]

    @property
    def reduced_succ(self) -> Adj:
        """Children in ``G*``."""
        return self._reduction[1]

    @cached_property
    def reduced(self) -> nx.DiGraph[Hashable]:
        """``G*`` as a frozen :class:`networkx.DiGraph`."""
        return self.base.without(self._reduction[2])

    def reduce_with(self, node: Hashable, decision: Hashable
                    ) -> tuple[Adj, Adj, list[tuple[Hashable, Hashable]]]:
        """``(G + node -> decision)*``, the graph of the value-of-information definition."""
        pred, succ = self.base.pred, self.base.succ
        if node in pred[decision]:
            return self._reduction
        pred2 = dict(pred)
        succ2 = dict(succ)
        pred2[decision] = {**pred[decision], node: None}
        succ2[node] = {**succ[node], decision: None}
        return _reduce_links(pred2, succ2, self.order, self.utilities)

    def reduced_graph_with(self, node: Hashable, decision: Hashable) -> nx.DiGraph[Hashable]:
        """``(G + node -> decision)*`` as a frozen :class:`networkx.DiGraph`."""
        if node in self.base.pred[decision]:
            return self.reduced
        return self.base.without(self.reduce_with(node, decision)[2], [(node, decision)])

    @cached_property
    def guarantee(self) -> Guarantee:
        """Which guarantee the criteria carry for this agent's decisions."""
        if len(self.decisions) <= 1:
            return Guarantee.SOUND_AND_COMPLETE
        R: nx.DiGraph[Hashable] = nx.DiGraph()
        R.add_nodes_from(self.decisions)
        for d in self.decisions:  # s-reachability: the same Bayes-ball as the requisite test
            ball = self.ball_in_g(d)
            R.add_edges_from((d, e) for e in self.decisions if e != d and
                             ball.can_leave_upwards(e))
        if nx.is_directed_acyclic_graph(R):
            return Guarantee.GENERALISATION
        return Guarantee.NO_SUFFICIENT_RECALL

    @cached_property
    def voc_next(self) -> dict[Hashable, Hashable | None]:
        """Backward search from the utilities in ``G*``: next hop of a path ``X ⇝ U``."""
        return _bfs_pointers(self.reduced_pred, sorted(self.utilities))

    @cached_property
    def voc(self) -> frozenset[str]:
        """Value of control: not a decision of the agent, and ``X ∈ U`` or ``X ⇝ U`` in G*."""
        ds = set(self.decisions)
        return frozenset(str(x) for x in self.voc_next if x not in ds)

    @cached_property
    def to_utility_next(self) -> dict[Hashable, Hashable | None]:
        """Backward search from the utilities in ``G``: next hop of a path ``X ⇝ U``."""
        return _bfs_pointers(self.base.pred, sorted(self.utilities))


_Trail = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]  # a path and its edges


def _named(ball: Reachability, node: Hashable) -> _Trail:
    """The witness trail of a Bayes-ball from ``node`` to a source, edges read off the states."""
    found = ball.oriented_trail(node)
    assert found is not None
    nodes, edges = found
    return tuple(map(str, nodes)), tuple((str(a), str(b)) for a, b in edges)


class _Voi(NamedTuple):
    nodes: frozenset[str]
    ball: Reachability  # its trails are the witnesses (outside ``extra``)
    extra: dict[str, _Trail] = {}  # noqa: RUF012 - never mutated
    checks: int = 0  # candidates decided by the definition
    gap: int = 0  # candidates between the bounds


class DecisionAnalysis:
    """The four criteria for one decision, each computed on first use."""

    def __init__(self, agent: AgentAnalysis, decision: str) -> None:
        self.agent = agent
        self.decision = decision

    # ----------------------------------------------------------------- descendants, ICI
    @cached_property
    def from_decision_prev(self) -> dict[Hashable, Hashable | None]:
        """Forward search from ``D`` in ``G``: previous hop of a path ``D ⇝ X``."""
        return _bfs_pointers(self.agent.base.succ, [self.decision])

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
        return _bfs_pointers(self.agent.reduced_pred, [self.decision])

    @cached_property
    def ri(self) -> frozenset[str]:
        """Response incentive: ``X ≠ D`` with a directed path ``X ⇝ D`` in ``G*``."""
        return frozenset(str(x) for x in self.ri_next if x != self.decision)

    def ri_path(self, node: str) -> tuple[str, ...]:
        return _follow(self.ri_next, node)

    def voc_path(self, node: str) -> tuple[str, ...]:
        return _follow(self.agent.voc_next, node)

    # ----------------------------------------------------------------- value of information
    def _ball(self, pred: Adj, succ: Adj) -> Reachability:
        return _requisite_ball(pred, succ, self.decision, self.agent.utilities)

    @cached_property
    def _voi(self) -> _Voi:
        """Value of information: the nodes, the Bayes-ball of the witnesses, fallback trails.

        **One decision.** ``X ∉ Desc(D) ∪ {D}`` admits VoI iff ``X`` is d-connected to
        ``U_D`` given ``Fa(D)`` in ``G``: the new edge ``X -> D`` opens no trail (``D`` and
        its parents are observed) and the ancestors it adds only matter through ``X``
        itself; the reduction of ``G + X -> D`` keeps ``X -> D`` because removing
        nonrequisite links of the same decision never makes another link nonrequisite. The
        Bayes-ball trail stays active in ``(G + X -> D)*``: every collider on it reaches
        ``D`` through ``X`` or through a parent that is requisite in ``G + X -> D``.

        **Several decisions.** Adding ``X -> D`` can revive other decisions' links and so
        change ``G*``. The answer lies between two one-pass answers: the ball in ``G*`` (a
        lower bound, and its trails are witnesses in ``(G + X -> D)*``) and the ball in ``G``
        (an upper bound). A node between the two has no value of information unless its
        link could bring back a link that the reduction removed
        (:func:`cid.incentives.voi.revivable`, two passes per removed link); only those
        nodes are decided by the definition (one reduction each).
        """
        a = self.agent
        D = self.decision
        excluded = set(self.descendants)
        excluded.add(D)
        base = a.base
        if len(a.decisions) == 1:
            ball = a.ball_in_g(D)
            return _Voi(frozenset(str(x) for x in ball.reached if x not in excluded), ball)
        parents = base.pred[D]  # for a parent the definition is "X -> D is in G*"
        kept = a.reduced_pred[D]
        ball = a.ball_in_reduced(D)
        lower = {str(x) for x in ball.reached
                 if x not in excluded and (x not in parents or x in kept)}
        upper = a.ball_in_g(D)
        gap = [x for x in upper.reached
               if x not in excluded and x not in parents and x not in lower]
        if not gap:
            return _Voi(frozenset(lower), ball)
        below = {u for u in a.utilities if u in excluded}
        checks = sorted(revivable(a.replay, D, gap, below), key=str)
        extra: dict[str, _Trail] = {}
        for x in checks:
            pred, succ, _ = a.reduce_with(x, D)
            if x in pred[D]:
                extra[str(x)] = _named(self._ball(pred, succ), x)
        return _Voi(frozenset(lower | set(extra)), ball, extra, len(checks), len(gap))

    @property
    def voi(self) -> frozenset[str]:
        """Value of information (see :attr:`_voi`)."""
        return self._voi.nodes

    @property
    def voi_fallbacks(self) -> int:
        """How many nodes were decided by the definition (one reduction each)."""
        return self._voi.checks

    @property
    def voi_gap(self) -> int:
        """How many nodes lay between the one-pass bounds (decided by the replay or by the
        definition)."""
        return self._voi.gap

    def voi_trail(self, node: str) -> _Trail:
        """The witness trail of ``node`` (from ``node`` to a utility) with its edges."""
        v = self._voi
        if node in v.extra:
            return v.extra[node]
        return _named(v.ball, node)

    # ----------------------------------------------------------------- witnesses
    def witness_trail(self, kind: IncentiveKind, node: str) -> _Trail:
        """The witness path of ``node`` and its edges (see :class:`~cid.incentives.Witness`)."""
        if kind is IncentiveKind.VALUE_OF_INFORMATION:
            return self.voi_trail(node)
        if kind is IncentiveKind.RESPONSE_INCENTIVE:
            path = self.ri_path(node)
        elif kind is IncentiveKind.VALUE_OF_CONTROL:
            path = self.voc_path(node)
        else:
            path = self.ici_path(node)
        return path, tuple(pairwise(path))  # a directed path: each edge points forwards

    def witness_graph(self, kind: IncentiveKind, node: str) -> nx.DiGraph[Hashable]:
        """The graph a witness lives in: ``(G + node -> D)*``, ``G*`` or ``G``."""
        a = self.agent
        if kind is IncentiveKind.VALUE_OF_INFORMATION:
            return a.reduced_graph_with(node, self.decision)
        if kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE:
            return a.base.graph
        return a.reduced


def _follow(pointers: Mapping[Hashable, Hashable | None], start: Hashable) -> tuple[str, ...]:
    """The path along ``pointers`` from ``start`` (node names are strings)."""
    out: list[Hashable] = []
    cur: Hashable | None = start
    while cur is not None:
        out.append(cur)
        cur = pointers[cur]
    return tuple(out)  # type: ignore[arg-type]
