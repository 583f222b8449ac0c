"""Direct and indirect value of control: *how* controlling a node would help the agent.

Value of control on ``X`` for the agent of decision ``D`` (:func:`cid.value_of_control`) is
read on the minimal d-reduction ``G*``: ``X`` is a utility node or ``G*`` has a directed
path ``X ⇝ U``. The path may or may not pass through the agent's decisions, which splits the
incentive in two (not exclusive) kinds:

* **direct** value of control: ``G*`` has a directed path from ``X`` to one of the agent's
  utility nodes that passes none of the agent's decisions (a utility node has it by the
  empty path);
* **indirect** value of control: ``G*`` has a directed path ``X ⇝ D ⇝ U`` and a *backdoor*
  trail between ``X`` and the same ``U`` (one that starts with an edge into ``X``) that is
  active given ``Fa(D) \\ {X}``: the decision, which responds to ``X``, can exploit what
  ``X`` would otherwise only tell it about ``U``.

Both are answered by graph searches (reachability, Bayes-ball, dominators), never by
enumerating paths, and each comes with a :class:`ControlWitness`.

>>> import cid
>>> d = cid.Diagram.from_edges(["Z -> X -> D -> U", "Z -> U", "X -> U"], decisions=["D"],
...                            utilities=["U"])
>>> sorted(cid.direct_value_of_control(d, "D")), sorted(cid.indirect_value_of_control(d, "D"))
(['U', 'X', 'Z'], ['X'])
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from cid.graph import bayes_ball, minimal_d_reduction
from cid.incentives.criteria import check_decision, check_node, value_of_control
from cid.incentives.kinds import ControlKind
from cid.incentives.witness import oriented_edges

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["ControlWitness", "digraph", "direct_value_of_control", "explain_control",
           "indirect_value_of_control"]

_MARK = ("cid.incentives.control", "given")
"""A node name no diagram has (node names are strings): the stand-in for ``X``'s descendants."""


@dataclass(frozen=True)
class ControlWitness:
    """Why ``node`` has direct or indirect value of control for ``decision``.

    Attributes
    ----------
    kind : ControlKind
    decision, node : str
    path : tuple of str
        A directed path in the minimal d-reduction ``G*``: ``node ⇝ U`` through none of the
        agent's decisions (direct), or ``node ⇝ decision ⇝ U`` (indirect).
    backdoor : tuple of str
        For an indirect witness, a trail from ``node`` to the same ``U`` that starts with an
        edge into ``node`` and is active in ``G*`` given :attr:`given`; empty for a direct one.
    given : frozenset of str
        ``Fa(decision) \\ {node}`` for an indirect witness; empty for a direct one.
    backdoor_edges : tuple of (str, str)
        The edges of :attr:`backdoor`, each as it points in ``G*``.
    """

    kind: ControlKind
    decision: str
    node: str
    path: tuple[str, ...]
    backdoor: tuple[str, ...] = ()
    given: frozenset[str] = frozenset()
    backdoor_edges: tuple[tuple[str, str], ...] = ()

    @property
    def graph_name(self) -> str:
        """Which graph the paths live in, in words."""
        return "minimal d-reduction"

    def __str__(self) -> str:
        text = " → ".join(self.path)
        if not self.backdoor:
            return text
        parts = [self.backdoor[0]]
        for (_, head), nxt in zip(self.backdoor_edges, self.backdoor[1:], strict=True):
            parts += ["→" if head == nxt else "←", nxt]
        return f"{text}; backdoor {' '.join(parts)} given {{{', '.join(sorted(self.given))}}}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {"kind": self.kind.value, "path": list(self.path),
                "backdoor": list(self.backdoor), "given": sorted(self.given),
                "backdoor_edges": [list(e) for e in self.backdoor_edges],
                "graph": self.graph_name}


def digraph(diagram: Diagram) -> nx.DiGraph[Hashable]:
    """The diagram's graph, typed for :mod:`cid.graph` (whose nodes are any hashables).

    >>> import cid
    >>> sorted(digraph(cid.Diagram.from_edges(["A -> B"])).edges)
    [('A', 'B')]
    """
    graph: nx.DiGraph[Hashable] = nx.DiGraph()
    graph.add_nodes_from(diagram.nodes)
    graph.add_edges_from(diagram.edge_list)
    return graph


@dataclass(frozen=True)
class _View:
    """The agent's minimal d-reduction, decisions and utility nodes, and its VoC nodes."""

    reduced: nx.DiGraph[Hashable]
    decisions: frozenset[str]
    utilities: frozenset[str]
    voc: frozenset[str]


def _view(diagram: Diagram, decision: str) -> _View:
    check_decision(diagram, decision)
    agent = diagram.agent_of(decision)
    decisions = diagram.decisions_of(agent)
    utilities = diagram.utilities_of(agent)
    reduced = minimal_d_reduction(digraph(diagram), decisions=decisions, utilities=utilities)
    return _View(reduced, frozenset(decisions), frozenset(utilities),
                 value_of_control(diagram, decision))


def _reaching(graph: nx.DiGraph[Hashable], targets: Iterable[Hashable],
              avoid: frozenset[str]) -> set[Hashable]:
    """Nodes with a directed path to ``targets`` whose every node is outside ``avoid``."""
    allowed = nx.subgraph_view(graph, filter_node=lambda n: n not in avoid)
    found: set[Hashable] = set()
    for t in targets:
        if t not in avoid and t not in found:
            found |= {t} | nx.ancestors(allowed, t)
    return found


def _backdoor_ball(reduced: nx.DiGraph[Hashable], node: str,
                   given: frozenset[str]) -> Any:
    """Bayes-ball over the trails that leave ``node`` by an edge into it, given ``given``.

    Such a trail never returns to ``node``, so the edges out of ``node`` can go; a leaf
    ``_MARK``, observed, keeps ``node`` (and so its ancestors) an ancestor of the
    conditioning set where it was one.
    """
    graph = reduced.copy()
    graph.remove_edges_from(list(reduced.out_edges(node)))
    observed: set[Hashable] = set(given)
    if not given.isdisjoint(nx.descendants(reduced, node)):
        graph.add_edge(node, _MARK)
        observed.add(_MARK)
    return bayes_ball(graph, node, given=observed)


def direct_value_of_control(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes with *direct* value of control for the agent of ``decision``.

    ``X`` admits direct value of control iff it admits value of control and the minimal
    d-reduction ``G*`` has a directed path from ``X`` to one of the agent's utility nodes
    through none of the agent's decisions (a utility node counts, by the empty path).

    Parameters
    ----------
    diagram : Diagram
    decision : str
        Selects the agent (the answer is the same for all of its decisions).

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError
        If ``decision`` is not a node of ``diagram``.
    DiagramError
        If it is not a decision node.

    References
    ----------
    .. [1] T. Everitt, P. A. Ortega, E. Barnes, S. Legg, "Understanding Agent Incentives
       using Causal Influence Diagrams, Part I: Single Action Settings", arXiv:1902.09980
       (2019): value of control, and its direct and indirect forms (the fitness tracker).
    .. [2] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the value of control criterion on ``G*``; the split follows
       ``admits_dir_voc`` / ``admits_indir_voc`` of pycid, the authors' library.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["X -> D -> U", "W -> U"], decisions=["D"],
    ...                            utilities=["U"])
    >>> sorted(cid.direct_value_of_control(d, "D"))
    ['U', 'W']
    """
    view = _view(diagram, decision)
    direct = _reaching(view.reduced, view.utilities, view.decisions)
    return frozenset(n for n in view.voc if n in direct)


def _indirect_target(view: _View, diagram: Diagram, decision: str, node: str,
                     upstream: set[Hashable], after: frozenset[str]) -> tuple[str, Any] | None:
    """A utility node ``U`` with ``node ⇝ decision ⇝ U`` and a backdoor trail ``node — U``
    (and the Bayes-ball that found it), or ``None``; ``upstream`` are the ancestors of the
    decision in ``G*`` and ``after`` the agent's utility nodes descending from it."""
    if node not in view.voc or node not in upstream or not after:
        return None
    given = frozenset({decision, *diagram.parents(decision)} - {node})
    ball = _backdoor_ball(view.reduced, node, given)
    reached = [u for u in diagram.nodes if u in after and u not in given and u in ball.reached]
    return (reached[0], ball) if reached else None


_ROOT = ("cid.incentives.control", "root")
"""The start state of the trail-state graph (not a node name: node names are strings)."""


def _trail_states(graph: nx.DiGraph[Hashable], given: frozenset[str],
                  sources: Iterable[str]) -> nx.DiGraph[Hashable]:
    """The states ``(v, "up")`` / ``(v, "down")`` of Bayes-ball (arrived at ``v`` from a child
    / from a parent) given ``given``, with an edge for each move the ball may make, and
    :data:`_ROOT` before the ``sources`` (which may leave both ways)."""
    observed = set(given)
    above = observed | {a for z in observed for a in nx.ancestors(graph, z)}
    states: nx.DiGraph[Hashable] = nx.DiGraph()
    states.add_edges_from((_ROOT, (s, "up")) for s in sources)
    for v in graph:
        parents, children = list(graph.pred[v]), list(graph.succ[v])
        if v not in observed:
            states.add_edges_from(((v, "up"), (p, "up")) for p in parents)
            states.add_edges_from(((v, way), (c, "down")) for c in children
                                  for way in ("up", "down"))
        if v in above:
            states.add_edges_from(((v, "down"), (p, "up")) for p in parents)
    return states


@dataclass(frozen=True)
class _DominatorTree:
    """Pre-order numbers and subtree sizes of a dominator tree: ``a`` dominates ``b`` iff
    ``b`` is in ``a``'s subtree."""

    pre: dict[Hashable, int]
    size: dict[Hashable, int]

    def dominates(self, a: Hashable, b: Hashable) -> bool:
        return self.pre[a] <= self.pre[b] < self.pre[a] + self.size[a]


def _enters_from_above(dom: _DominatorTree, node: str) -> bool:
    """Whether a source of the trail-state graph whose dominator tree is ``dom`` reaches
    ``node`` by an active trail that ends with an edge into ``node`` and never passes ``node``
    before: a path to the state ``(node, "down")`` that avoids ``(node, "up")``, so
    ``(node, "up")`` must not dominate ``(node, "down")``.
    """
    target = (node, "down")
    if target not in dom.pre:
        return False
    blocker = (node, "up")
    return blocker not in dom.pre or not dom.dominates(blocker, target)


def _dominator_tree(states: nx.DiGraph[Hashable]) -> _DominatorTree:
    if _ROOT not in states:
        return _DominatorTree({}, {})
    idom = nx.immediate_dominators(states, _ROOT)
    tree: nx.DiGraph[Hashable] = nx.DiGraph()
    tree.add_node(_ROOT)
    tree.add_edges_from((d, v) for v, d in idom.items() if v != d)
    pre = {v: i for i, v in enumerate(nx.dfs_preorder_nodes(tree, _ROOT))}
    size: dict[Hashable, int] = {}
    for v in nx.dfs_postorder_nodes(tree, _ROOT):
        size[v] = 1 + sum(size[c] for c in tree.succ[v])
    return _DominatorTree(pre, size)


def _around(view: _View, decision: str) -> tuple[set[Hashable], frozenset[str]]:
    """The ancestors of ``decision`` in ``G*``, and the agent's utility nodes after it."""
    return (nx.ancestors(view.reduced, decision),
            view.utilities & nx.descendants(view.reduced, decision))


def indirect_value_of_control(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes with *indirect* value of control for ``decision``.

    ``X`` admits indirect value of control iff it admits value of control, the minimal
    d-reduction ``G*`` has a directed path ``X ⇝ D ⇝ U`` to one of the agent's utility
    nodes ``U``, and ``X`` and that ``U`` are joined in ``G*`` by a backdoor trail (one that
    starts with an edge into ``X``) active given ``Fa(D) \\ {X}``, the decision and its
    parents in the diagram.

    Parameters
    ----------
    diagram : Diagram
    decision : str

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError, DiagramError
        As for :func:`direct_value_of_control`.

    Notes
    -----
    Paths are never enumerated. The candidates are the value-of-control nodes upstream of
    ``D`` in ``G*``. For those outside ``Fa(D)`` the conditioning set is the same, and one
    search decides them all: in the graph of Bayes-ball states given ``Fa(D)``, started at
    the utility nodes after ``D``, ``X`` has a backdoor trail iff the state "arrived at ``X``
    from a parent" is reachable without the state "arrived at ``X`` from a child", i.e. the
    latter does not dominate the former (one dominator tree, :func:`networkx.immediate_dominators`,
    near-linear). The parents of ``D`` each take one Bayes-ball from ``X``
    (:func:`cid.graph.bayes_ball`), which also gives the witnesses.

    References
    ----------
    .. [1] T. Everitt, P. A. Ortega, E. Barnes, S. Legg, "Understanding Agent Incentives
       using Causal Influence Diagrams, Part I: Single Action Settings", arXiv:1902.09980
       (2019); the graphical test is pycid's ``admits_indir_voc``.

    Examples
    --------
    ``Z`` affects both the observed ``X`` and the utility: controlling ``X`` is worth
    something partly because ``D`` responds to it.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["Z -> X -> D -> U", "Z -> U"], decisions=["D"],
    ...                            utilities=["U"])
    >>> sorted(cid.indirect_value_of_control(d, "D"))
    ['X']
    """
    view = _view(diagram, decision)
    upstream, after = _around(view, decision)
    family = frozenset({decision, *diagram.parents(decision)})
    sources = after - family
    candidates = {x for x in view.voc if x in upstream}
    dom = _dominator_tree(_trail_states(view.reduced, family, sources))
    found = {x for x in candidates - family - sources if _enters_from_above(dom, x)}
    for x in candidates & (family | sources):  # another conditioning set, or a source itself
        if _indirect_target(view, diagram, decision, x, upstream, after) is not None:
            found.add(x)
    return frozenset(found)


def explain_control(diagram: Diagram, decision: str, node: str,
                    kind: ControlKind | str) -> ControlWitness | None:
    """Why ``node`` has direct or indirect value of control: a witness, or ``None``.

    Parameters
    ----------
    diagram : Diagram
    decision, node : str
    kind : ControlKind or str
        ``"direct_value_of_control"``, ``"indirect_value_of_control"`` or a short spelling
        (``"direct VoC"``, ``"indirect"``, ...).

    Returns
    -------
    ControlWitness or None

    Raises
    ------
    NodeNotFoundError
        If ``decision`` or ``node`` is not in the diagram.
    DiagramError
        If ``decision`` is not a decision, or ``kind`` is not one of the two kinds.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["Z -> X -> D -> U", "Z -> U"], decisions=["D"],
    ...                            utilities=["U"])
    >>> print(cid.explain_control(d, "D", "X", "indirect_value_of_control"))
    X → D → U; backdoor X ← Z → U given {D}
    >>> cid.explain_control(d, "D", "X", "direct") is None
    True
    """
    k = ControlKind.parse(kind)
    view = _view(diagram, decision)
    check_node(diagram, node)
    if k is ControlKind.DIRECT_VALUE_OF_CONTROL:
        if node not in view.voc:
            return None
        allowed = nx.subgraph_view(view.reduced, filter_node=lambda n: n not in view.decisions)
        for u in sorted(view.utilities):
            if node not in view.decisions and u in allowed and nx.has_path(allowed, node, u):
                path = nx.shortest_path(allowed, node, u)
                return ControlWitness(k, decision, node, tuple(map(str, path)))
        return None
    found = _indirect_target(view, diagram, decision, node, *_around(view, decision))
    if found is None:
        return None
    target, ball = found
    head = nx.shortest_path(view.reduced, node, decision)
    tail = nx.shortest_path(view.reduced, decision, target)
    trail = tuple(str(n) for n in reversed(ball.trail(target)))
    given = frozenset({decision, *diagram.parents(decision)} - {node})
    edges = tuple((str(a), str(b)) for a, b in oriented_edges(view.reduced.succ, trail))
    return ControlWitness(k, decision, node, tuple(map(str, head + tail[1:])), trail, given,
                          edges)
