"""Graph algorithms for influence diagrams: d-connection with witness trails, requisite
observations, minimal d-reduction, s-reachability and sufficient recall.

Every function here is a pure function of a :class:`networkx.DiGraph` (the graph comes first,
options are keyword-only) and never mutates its input. Nothing here knows about
:class:`cid.Diagram`; the incentive criteria in :mod:`cid.incentives` are built on top.

All queries are answered with **Bayes-ball** (Shachter 1998): a breadth-first search over
*(node, direction)* states, linear in the size of the graph. A state ``(v, "up")`` means the
ball arrived at ``v`` from a child, ``(v, "down")`` that it arrived from a parent. Keeping a
parent pointer per state turns the search into a witness: the BFS path to the first state of a
node is an *active trail* (a simple path of the skeleton whose colliders are ancestors of the
conditioning set and whose other intermediate nodes are outside it). Simple paths are never
enumerated: their number is exponential in the size of the graph.

The package has one module per concept:

* :mod:`cid.graph.dconnection` — Bayes-ball, d-connection and witness trails;
* :mod:`cid.graph._compact` — the compact graphs and level-synchronous searches (Python
  loops, numpy for large frontiers) the others are built on;
* :mod:`cid.graph.reduction` — requisite observations and the minimal d-reduction;
* :mod:`cid.graph.recall` — s-reachability, the relevance graph and sufficient recall.

Every public name is importable from :mod:`cid.graph` itself.

References
----------
.. [1] R. D. Shachter, "Bayes-Ball: The Rational Pastime (for Determining Irrelevance and
   Requisite Information in Belief Networks and Influence Diagrams)", UAI 1998.
.. [2] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and solving
   games", Games and Economic Behavior 45 (2003): s-reachability and the relevance graph.
.. [3] S. L. Lauritzen and D. Nilsson, "Representing and solving decision problems with limited
   information", Management Science 47 (2001): requisite observations and d-reduction.
.. [4] T. Everitt, R. Carey, E. Langlois, P. A. Ortega, S. Legg, "Agent Incentives: A Causal
   Perspective", AAAI 2021, arXiv:2102.01685.
"""

from __future__ import annotations

from cid.graph.dconnection import Direction as Direction  # the type of a ball's direction
from cid.graph.dconnection import (
    Reachability,
    bayes_ball,
    d_connected_nodes,
    find_d_connecting_trail,
    is_active_trail,
    is_d_connected,
)
from cid.graph.recall import has_sufficient_recall, relevance_graph, s_reachable_decisions
from cid.graph.reduction import _reduce_links as _reduce_links  # used by cid.incentives
from cid.graph.reduction import _requisite_ball as _requisite_ball  # used by cid.incentives
from cid.graph.reduction import minimal_d_reduction, requisite_observations

__all__ = [
    "Reachability",
    "bayes_ball",
    "d_connected_nodes",
    "find_d_connecting_trail",
    "has_sufficient_recall",
    "is_active_trail",
    "is_d_connected",
    "minimal_d_reduction",
    "relevance_graph",
    "requisite_observations",
    "s_reachable_decisions",
]
