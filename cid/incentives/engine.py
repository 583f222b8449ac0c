"""The computation behind the criteria: one agent's view, one decision's answers.

Everything is a linear-time graph search (Bayes-ball or breadth-first search) on the
diagram's :class:`~cid.graph._compact.Compact` graph (built once per analysis: nodes
numbered in topological order, sets as masks), computed on first use and kept, so that
:func:`cid.analyze` pays for each search once:

* the agent's minimal d-reduction ``G*`` (about two Bayes-ball passes per decision, on
  copy-on-write adjacency lists: no graph is copied), as a
  :class:`~cid.graph.reduction.Reduction` that also keeps each decision's ball in ``G`` and
  in ``G*``;
* value of control: one backward search from the agent's utilities in ``G*``;
* instrumental control: one backward search from the utilities in ``G`` and one forward
  search from the decision (which also gives ``Desc(D)`` to every pass that needs it);
* response incentive: one backward search from the decision in ``G*``;
* value of information: one Bayes-ball pass from ``U_D`` given ``Fa(D)`` (kept by the
  reduction); for several decisions, the one in ``G*`` too, two per link the reduction
  removed when the two disagree, and a few early-stopping searches per candidate the
  definition must decide (:mod:`cid.incentives.voi`).

:class:`networkx.DiGraph` objects are built only for witnesses, when asked for. The user's
diagram is never touched.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Sequence
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import networkx as nx

from cid.graph._compact import Compact, bfs, both, but_not, mask, members
from cid.graph.reduction import Reduction, RequisiteBall, _reduce_links, _requisite_ball
from cid.incentives.kinds import Guarantee, IncentiveKind
from cid.incentives.voi import RemovedLink, reduction_with_link, replay, revivable

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["AgentAnalysis", "DecisionAnalysis", "DiagramGraph"]

_Trail = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]  # a path and its edges


class DiagramGraph:
    """The diagram's structure as a compact graph, shared by all agents' analyses.

    Attributes
    ----------
    compact : Compact
        Nodes numbered in the diagram's topological order; parents in the order given.
    """

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        # the edges come grouped by child in topological order, parents in their given order
        self.compact = Compact.from_edges(diagram.topological_order, diagram.edge_list)

    @cached_property
    def graph(self) -> nx.DiGraph[Hashable]:
        """The diagram as a frozen :class:`networkx.DiGraph` (built on first use)."""
        G: nx.DiGraph[Hashable] = nx.freeze(self.diagram.to_networkx())
        return G

    def without(self, removed: Iterable[tuple[int, int]],
                added: Iterable[tuple[int, int]] = ()) -> nx.DiGraph[Hashable]:
        """A frozen copy of the diagram's graph with some links (node numbers) added and
        removed."""
        names = self.compact.names
        H = self.graph.copy()
        H.add_edges_from((names[a], names[b]) for a, b in added)
        H.remove_edges_from((names[a], names[b]) for a, b in removed)
        frozen: nx.DiGraph[Hashable] = nx.freeze(H)
        return frozen

    @cached_property
    def str_names(self) -> list[str]:
        """The node names as strings, by node number."""
        return [str(n) for n in self.compact.names]

    def names(self, ids: Iterable[int]) -> frozenset[str]:
        """The node names of some node numbers."""
        names = self.compact.names
        return frozenset(str(names[i]) for i in ids)

    def ordered(self, ids: Iterable[int]) -> tuple[str, ...]:
        """The node names of some node numbers, in the order given."""
        names = self.compact.names
        return tuple(str(names[i]) for i in ids)


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
        g = base.compact
        self.base = base
        self.agent = agent
        self.decisions = decisions
        self.utilities = frozenset(utilities)
        self.decision_ids = g.ids(decisions)
        self.order = self.decision_ids[::-1]  # reverse topological: the usual reduction order
        self.utility_ids = g.ids(sorted(utilities))  # the order the balls start in
        self._decisions: dict[str, DecisionAnalysis] = {}
        self._balls_g: dict[int, RequisiteBall] = {}
        self._below: dict[int, tuple[bytearray, array[int]]] = {}
        self._with_link: dict[tuple[int, int], Reduction] = {}

    def decision(self, decision: str) -> DecisionAnalysis:
        """The (cached) analysis of one of the agent's decisions."""
        if decision not in self._decisions:
            self._decisions[decision] = DecisionAnalysis(self, decision)
        return self._decisions[decision]

    def from_decision(self, d: int) -> tuple[bytearray, array[int]]:
        """Forward search from decision ``d`` in ``G``: the strict descendants (mask) and the
        previous hop of a shortest path ``D ⇝ X``."""
        if d not in self._below:
            seen, prev = bfs(self.base.compact, [d], upwards=False)
            seen[d] = 0
            self._below[d] = (seen, prev)
        return self._below[d]

    @cached_property
    def reduction(self) -> Reduction:
        """The agent's minimal d-reduction ``G*``, with the requisite balls it computed."""
        below = {d: self.from_decision(d)[0] for d in self.order}
        return _reduce_links(self.base.compact, self.order, self.utility_ids, below=below)

    @cached_property
    def replay(self) -> list[RemovedLink]:
        """The removed links with their two Bayes-ball passes (see :mod:`cid.incentives.voi`)."""
        return replay(self.base.compact, self.reduction.batches, self.utility_ids)

    @property
    def reduced_compact(self) -> Compact:
        """The agent's minimal d-reduction ``G*``."""
        return self.reduction.graph

    def ball_in_g(self, d: int) -> RequisiteBall:
        """Bayes-ball from ``U_D`` given ``Fa(D)`` in ``G``: requisite parents, the
        single-decision VoI set, and the decisions s-reachable from ``D``."""
        r = self.reduction
        if d in r.first:
            return r.first[d]
        if not r.removed:  # G* is G: the final balls are balls in G
            return r.balls[d]
        if d not in self._balls_g:
            self._balls_g[d] = _requisite_ball(self.base.compact, d, self.utility_ids,
                                               below=self.from_decision(d)[0])
        return self._balls_g[d]

    def ball_in_reduced(self, d: int) -> RequisiteBall:
        """Bayes-ball from ``U_D`` given ``Fa(D)`` in ``G*``."""
        return self.reduction.balls[d]

    @cached_property
    def reduced(self) -> nx.DiGraph[Hashable]:
        """``G*`` as a frozen :class:`networkx.DiGraph`."""
        return self.base.without(self.reduction.removed)

    def reduce_with(self, x: int, d: int, flagged: Iterable[int] | None = None) -> Reduction:
        """``(G + x -> d)*``, the graph of the value-of-information definition (its removed
        links are those of ``G + x -> d``); ``flagged``: the batches of the reduction that the
        link could revive (default: all of them)."""
        g = self.base.compact
        if x in g.pred[d]:
            return self.reduction
        if (x, d) not in self._with_link:
            r = self.reduction
            batches = range(len(r.batches)) if flagged is None else flagged
            self._with_link[x, d] = reduction_with_link(g, r, self.replay, batches, x, d,
                                                        self.order, self.utility_ids)
        return self._with_link[x, d]

    def reduced_graph_with(self, node: str, decision: str) -> nx.DiGraph[Hashable]:
        """``(G + node -> decision)*`` as a frozen :class:`networkx.DiGraph`."""
        g = self.base.compact
        x, d = g.index[node], g.index[decision]
        if x in g.pred[d]:
            return self.reduced
        return self.base.without(self.reduce_with(x, d).removed, [(x, d)])

    @cached_property
    def guarantee(self) -> Guarantee:
        """Which guarantee the criteria carry for this agent's decisions."""
        if len(self.decisions) <= 1:
            return Guarantee.SOUND_AND_COMPLETE
        ds = self.decision_ids
        R: nx.DiGraph[int] = nx.DiGraph()
        R.add_nodes_from(ds)
        for d in ds:  # s-reachability: the same Bayes-ball as the requisite test
            ball = self.ball_in_g(d)
            R.add_edges_from((d, e) for e in ds if e != d and ball.leaves_upwards(e))
        if nx.is_directed_acyclic_graph(R):
            return Guarantee.GENERALISATION
        return Guarantee.NO_SUFFICIENT_RECALL

    @cached_property
    def voc_search(self) -> tuple[bytearray, array[int]]:
        """Backward search from the utilities in ``G*``: next hop of a path ``X ⇝ U``."""
        return bfs(self.reduced_compact, self.utility_ids, upwards=True)

    @cached_property
    def voc_ids(self) -> list[int]:
        """Value of control: not a decision of the agent, and ``X ∈ U`` or ``X ⇝ U`` in G*
        (node numbers, in topological order)."""
        return members(but_not(self.voc_search[0],
                               mask(len(self.base.compact), self.decision_ids)))

    @cached_property
    def voc(self) -> frozenset[str]:
        """Value of control (see :attr:`voc_ids`)."""
        return self.base.names(self.voc_ids)

    @cached_property
    def to_utility(self) -> tuple[bytearray, array[int]]:
        """Backward search from the utilities in ``G``: next hop of a path ``X ⇝ U``."""
        return bfs(self.base.compact, self.utility_ids, upwards=True)


def _named(ball: RequisiteBall, x: int) -> _Trail:
    """The witness trail of a Bayes-ball from ``x`` to a source, edges read off the states."""
    found = ball.trail_ids(x)
    assert found is not None
    names = ball.graph.names
    nodes, edges = found
    return (tuple(str(names[v]) for v in nodes),
            tuple((str(names[a]), str(names[b])) for a, b in edges))


class _Voi(NamedTuple):
    ids: list[int]  # node numbers, in topological order
    ball: RequisiteBall  # its trails are the witnesses (outside ``extra``)
    extra: frozenset[str] = frozenset()  # decided by the definition: trails in (G + X -> D)*
    checks: int = 0  # candidates decided by the definition
    gap: int = 0  # candidates between the bounds


class DecisionAnalysis:
    """The four criteria for one decision, each computed on first use."""

    def __init__(self, agent: AgentAnalysis, decision: str) -> None:
        self.agent = agent
        self.decision = decision
        self.id = agent.base.compact.index[decision]

    def _names(self, ids: Iterable[int]) -> frozenset[str]:
        return self.agent.base.names(ids)

    def _path(self, ids: Sequence[int]) -> tuple[str, ...]:
        names = self.agent.base.compact.names
        return tuple(str(names[i]) for i in ids)

    # ----------------------------------------------------------------- descendants, ICI
    @property
    def below(self) -> bytearray:
        """The strict descendants of ``D`` in ``G``, as a mask."""
        return self.agent.from_decision(self.id)[0]

    @cached_property
    def descendants(self) -> frozenset[str]:
        """The strict descendants of ``D`` in ``G``."""
        return self._names(members(self.below))

    @cached_property
    def ici_ids(self) -> list[int]:
        """Instrumental control: ``D ⇝ X ⇝ U_D`` in ``G`` (``X = D`` and ``X ∈ U_D`` count),
        as node numbers in topological order."""
        ids = members(both(self.below, self.agent.to_utility[0]))
        if self.agent.to_utility[0][self.id]:
            ids.insert(0, self.id)  # D comes before its descendants
        return ids

    @cached_property
    def ici(self) -> frozenset[str]:
        """Instrumental control (see :attr:`ici_ids`)."""
        return self._names(self.ici_ids)

    def ici_path(self, node: str) -> tuple[str, ...]:
        x = self.agent.base.compact.index[node]
        back = _follow(self.agent.from_decision(self.id)[1], x)[::-1]  # D ... X
        return self._path(back + _follow(self.agent.to_utility[1], x)[1:])

    # ----------------------------------------------------------------- response incentive
    @cached_property
    def ri_search(self) -> tuple[bytearray, array[int]]:
        """Backward search from ``D`` in ``G*``: next hop of a path ``X ⇝ D``."""
        return bfs(self.agent.reduced_compact, [self.id], upwards=True)

    @cached_property
    def ri_ids(self) -> list[int]:
        """Response incentive: ``X ≠ D`` with a directed path ``X ⇝ D`` in ``G*`` (node
        numbers, in topological order)."""
        return [i for i in members(self.ri_search[0]) if i != self.id]

    @cached_property
    def ri(self) -> frozenset[str]:
        """Response incentive (see :attr:`ri_ids`)."""
        return self._names(self.ri_ids)

    def ordered_ids(self, kind: IncentiveKind) -> list[int]:
        """The numbers of the nodes admitting ``kind``, in topological order."""
        return {IncentiveKind.VALUE_OF_INFORMATION: lambda: self._voi.ids,
                IncentiveKind.RESPONSE_INCENTIVE: lambda: self.ri_ids,
                IncentiveKind.VALUE_OF_CONTROL: lambda: self.agent.voc_ids,
                IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: lambda: self.ici_ids}[kind]()

    def ordered(self, kind: IncentiveKind) -> tuple[str, ...]:
        """The nodes admitting ``kind``, in topological order."""
        return self.agent.base.ordered(self.ordered_ids(kind))

    def ri_path(self, node: str) -> tuple[str, ...]:
        return self._path(_follow(self.ri_search[1], self.agent.base.compact.index[node]))

    def voc_path(self, node: str) -> tuple[str, ...]:
        return self._path(_follow(self.agent.voc_search[1],
                                  self.agent.base.compact.index[node]))

    # ----------------------------------------------------------------- value of information
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
        nodes are decided by the definition, each by replaying the reduction
        (:func:`cid.incentives.voi.reduction_with_link`); their witness trails are found
        when asked for.
        """
        a = self.agent
        D = self.id
        g = a.base.compact
        outside = bytearray(self.below)  # Desc(D) ∪ {D} is excluded
        outside[D] = 1
        if len(a.decisions) == 1:
            ball = a.ball_in_g(D)
            return _Voi(members(but_not(ball.seen, outside)), ball)
        ball = a.ball_in_reduced(D)
        parents = mask(len(g), g.pred[D])  # for a parent the definition is "X -> D is in G*"
        dropped = but_not(parents, mask(len(g), a.reduced_compact.pred[D]))
        lower = but_not(but_not(ball.seen, outside), dropped)
        upper = a.ball_in_g(D)
        gap = members(but_not(but_not(but_not(upper.seen, outside), parents), lower))
        if not gap:
            return _Voi(members(lower), ball)
        utilities_below = [u for u in a.utility_ids if outside[u]]
        checks = revivable(a.replay, D, gap, utilities_below)
        ids = members(lower)
        extra = [x for x in sorted(checks, key=lambda i: str(g.names[i]))
                 if x in a.reduce_with(x, D, checks[x]).graph.pred[D]]
        return _Voi(sorted(ids + extra), ball, self._names(extra), len(checks), len(gap))

    @cached_property
    def voi(self) -> frozenset[str]:
        """Value of information (see :attr:`_voi`)."""
        return self._names(self._voi.ids)

    @property
    def voi_fallbacks(self) -> int:
        """How many nodes were decided by the definition (one reduction each)."""
        return self._voi.checks

    @property
    def voi_gap(self) -> int:
        """How many nodes lay between the one-pass bounds (decided by the replay or by the
        definition)."""
        return self._voi.gap

    @property
    def voi_ball(self) -> tuple[RequisiteBall, frozenset[str]]:
        """The Bayes-ball whose trails are the value-of-information witnesses, and the nodes
        whose witnesses come from a ball of their own (decided by the definition)."""
        return self._voi.ball, self._voi.extra

    def voi_trail(self, node: str) -> _Trail:
        """The witness trail of ``node`` (from ``node`` to a utility) with its edges."""
        v = self._voi
        a = self.agent
        x = a.base.compact.index[node]
        if node not in v.extra:
            return _named(v.ball, x)
        r = a.reduce_with(x, self.id)  # cached: (G + X -> D)*
        return _named(r.balls.get(self.id) or _requisite_ball(r.graph, self.id, a.utility_ids), x)

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


def _follow(prev: array[int], start: int) -> list[int]:
    """The path along the pointers ``prev`` from ``start`` back to a source."""
    out = [start]
    cur = prev[start]
    while cur >= 0:
        out.append(cur)
        cur = prev[cur]
    return out
