"""Games: equilibria of multi-agent influence diagrams (MAIDs).

Several agents, each with decisions and utilities, share one diagram. This package says what
they will *do*: the relevance graph and its components (:func:`relevance_graph`,
:func:`condensation`, :func:`r_reachable`), MAID subgames (:func:`subgames`,
:func:`subgame`), every pure Nash equilibrium (:func:`pure_nash_equilibria`), every pure
subgame-perfect equilibrium (:func:`subgame_perfect_equilibria`), mixed equilibria through
Gambit (:func:`nash_equilibria`, optional extra ``[games]``) and a Gambit ``.efg`` export
(:func:`to_gambit`). Results are :class:`Equilibrium` records.

Examples
--------
>>> import cid
>>> from cid import games
>>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
...                             "D2 -> U2"], decisions={"1": ["D1"], "2": ["D2"]},
...                            utilities={"1": ["U1"], "2": ["U2"]})
>>> games.condensation(d)
(frozenset({'D1'}), frozenset({'D2'}))
"""

from __future__ import annotations

from cid.games.equilibrium import Equilibrium
from cid.games.gambit import nash_equilibria, to_gambit, to_gambit_game
from cid.games.pure import pure_nash_equilibria, subgame_perfect_equilibria
from cid.games.relevance import condensation, r_reachable, relevance_graph, subgames
from cid.games.subgame import subgame

__all__ = [
    "Equilibrium",
    "condensation",
    "nash_equilibria",
    "pure_nash_equilibria",
    "r_reachable",
    "relevance_graph",
    "subgame",
    "subgame_perfect_equilibria",
    "subgames",
    "to_gambit",
    "to_gambit_game",
]
