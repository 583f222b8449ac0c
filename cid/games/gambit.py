"""Mixed equilibria through Gambit: a MAID as an extensive-form game, and a ``.efg`` export.

The game tree plays the MAID's relevant variables (ancestors of a utility) in topological
order: a chance variable is a move of Gambit's chance player (values of probability 0 are
left out, a variable with one possible value is no move at all), a decision is a move of its
agent, and all the tree nodes where a decision sees the same values of its parents form one
*information set* (the agent cannot tell them apart). The leaves pay each agent the sum of
its utility nodes. Gambit's solvers then find Nash equilibria in behaviour strategies, which
are read back as decision rules: an observation with no tree node (impossible whatever the
agents do) gets the uniform row.

Needs ``pygambit`` (the ``[games]`` extra: ``pip install 'cid-incentives[games]'``).

References
----------
.. [1] R. D. McKelvey, A. M. McLennan, T. L. Turocy, *Gambit: Software Tools for Game
   Theory*, https://www.gambit-project.org.
.. [2] D. Koller and B. Milch (2003), Games and Economic Behavior 45, Section 3 (MAIDs as
   game trees).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np

from cid.errors import DiagramError, OptionalDependencyError
from cid.games._tensor import Game, Table
from cid.games.equilibrium import Equilibrium
from cid.quant.model import Model

__all__ = ["Solver", "nash_equilibria", "to_gambit", "to_gambit_game"]

Solver = Literal["auto", "lcp", "enummixed", "logit"]
INSTALL = "pip install 'cid-incentives[games]'"
MAX_TREE = 200_000
"""Refuse game trees with more leaves than this (Gambit holds the whole tree in memory)."""


def _pygambit() -> Any:
    try:
        import pygambit
    except ImportError as err:
        raise OptionalDependencyError(
            f"mixed equilibria and .efg export need pygambit: {INSTALL} (pure equilibria "
            "need nothing more: cid.games.pure_nash_equilibria)") from err
    return pygambit


def _fractions(probs: list[float]) -> list[Fraction]:
    out = [Fraction(p).limit_denominator(10**9) for p in probs[:-1]]
    return [*out, 1 - sum(out, Fraction(0))]


class _Builder:
    """Grow the game tree of a :class:`Game` (see the module docs)."""

    def __init__(self, game: Game, gbt: Any) -> None:
        self.game = game
        self.gbt = gbt
        d = game.diagram
        self.players = list(game.agents)
        relevant = game.ancestors(u for us in game.utilities.values() for u in us)
        self.variables = [n for n in game.order if n in relevant and n in game.domains]
        self.tree = gbt.Game.new_tree(players=self.players, title=d.name)
        self.infosets: dict[tuple[str, tuple[int, ...]], Any] = {}
        self.leaves = 0

    def build(self) -> Any:
        self._grow(self.tree.root, 0, {})
        return self.tree

    def _grow(self, node: Any, k: int, x: dict[str, int]) -> None:
        g = self.game
        if k == len(self.variables):
            self._leaf(node, x)
            return
        v = self.variables[k]
        config = tuple(x[p] for p in g.parents[v])
        if v in g.decisions:
            key = (v, config)
            if key in self.infosets:
                self.tree.append_infoset(node, self.infosets[key])
            else:
                labels = [str(a) for a in g.domains[v]]
                self.tree.append_move(node, g.agent_of[v], labels)
                node.infoset.label = f"{v}|" + ",".join(
                    f"{p}={g.domains[p][i]}" for p, i in zip(g.parents[v], config, strict=True))
                self.infosets[key] = node.infoset
            for i, child in enumerate(node.children):
                self._grow(child, k + 1, {**x, v: i})
            return
        row = g.factors[v][1][config]
        values = [i for i in range(len(row)) if row[i] > 0]
        if len(values) == 1:
            self._grow(node, k + 1, {**x, v: values[0]})
            return
        self.tree.append_move(node, self.tree.players.chance,
                              [str(g.domains[v][i]) for i in values])
        self.tree.set_chance_probs(node.infoset, _fractions([float(row[i]) for i in values]))
        for i, child in zip(values, node.children, strict=True):
            self._grow(child, k + 1, {**x, v: i})

    def _leaf(self, node: Any, x: dict[str, int]) -> None:
        self.leaves += 1
        if self.leaves > MAX_TREE:
            raise DiagramError(f"the game tree has more than {MAX_TREE:,} leaves: too large for "
                               "Gambit; use cid.games.pure_nash_equilibria",
                               code="cid_solve_limit")
        g = self.game
        pay = []
        for agent in self.players:
            total = 0.0
            for u in g.utilities[agent]:
                vars_, values = g.payoffs[u]
                total += float(values[tuple(x[p] for p in vars_)])
            pay.append(Fraction(total).limit_denominator(10**9))
        self.tree.set_outcome(node, self.tree.add_outcome(pay, label=""))


def to_gambit_game(model: Model) -> Any:
    """The model as a :class:`pygambit.Game` in extensive form (see the module docs).

    Raises
    ------
    OptionalDependencyError
        pygambit is not installed.
    DiagramError
        An agent has decisions but no utility, or the tree is too large.
    """
    gbt = _pygambit()
    builder = _Builder(Game(model), gbt)
    return builder.build()


def to_gambit(model: Model, path: str | Path | None = None) -> str:
    """The model as a Gambit extensive-form file (``.efg``), which Gambit's own tools read.

    Parameters
    ----------
    model : Model
    path : str or Path, optional
        Also write the text to this file.

    Returns
    -------
    str
        The ``.efg`` text.

    Raises
    ------
    OptionalDependencyError
        pygambit is not installed.
    """
    tree = to_gambit_game(model)
    text = str(tree.to_efg() if hasattr(tree, "to_efg") else tree.write(format="native"))
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _solve(gbt: Any, tree: Any, solver: str) -> tuple[str, list[Any]]:
    if solver == "auto":
        solver = "enummixed" if len(tree.players) == 2 else "logit"
    if solver == "enummixed":
        result = gbt.nash.enummixed_solve(tree, rational=False)
    elif solver == "lcp":
        result = gbt.nash.lcp_solve(tree, rational=False)
    else:
        result = gbt.nash.logit_solve(tree)
    profiles = []
    for profile in result.equilibria:
        profiles.append(profile.as_behavior() if hasattr(profile, "as_behavior") else profile)
    return solver, profiles


def nash_equilibria(model: Model, *, solver: Solver = "auto") -> list[Equilibrium]:
    """Nash equilibria in behaviour strategies (mixed), computed by Gambit.

    Parameters
    ----------
    model : Model
        A complete model; every agent with a decision needs a utility node.
    solver : {"auto", "enummixed", "lcp", "logit"}
        Gambit's method. ``"enummixed"`` enumerates every extreme equilibrium of a
        two-player game; ``"lcp"`` (two players) follows Lemke–Howson paths;
        ``"logit"`` (any number of players) traces the quantal-response path to one
        equilibrium. ``"auto"``: enummixed for two players, else logit.

    Returns
    -------
    list of Equilibrium
        Distinct equilibria, rules over all of each decision's observations.

    Raises
    ------
    OptionalDependencyError
        pygambit is not installed.
    DiagramError
        An unknown solver; an agent without utility; a tree too large for Gambit.

    Notes
    -----
    A profile is a Nash equilibrium iff no agent gains by changing its own rules; in
    behaviour strategies with perfect recall these are the mixed equilibria of the tree
    (Kuhn's theorem). Each equilibrium's expected utilities are recomputed on the MAID.

    References
    ----------
    .. [1] D. Koller and B. Milch (2003), Games and Economic Behavior 45.

    Examples
    --------
    >>> import cid
    >>> from cid.games import nash_equilibria
    >>> d = cid.Diagram.from_edges(["D1 -> U1", "D2 -> U1", "D1 -> U2", "D2 -> U2"],
    ...                            decisions={"1": ["D1"], "2": ["D2"]},
    ...                            utilities={"1": ["U1"], "2": ["U2"]})
    >>> m = cid.Model(d, cpds={"U1": lambda D1, D2: 1.0 if D1 == D2 else -1.0,
    ...                        "U2": lambda D1, D2: -1.0 if D1 == D2 else 1.0},
    ...               domains={"D1": ["H", "T"], "D2": ["H", "T"]})
    >>> [eq.profile for eq in nash_equilibria(m)]  # doctest: +SKIP
    [{'D1': {(): {'H': 0.5, 'T': 0.5}}, 'D2': {(): {'H': 0.5, 'T': 0.5}}}]
    """
    if solver not in ("auto", "lcp", "enummixed", "logit"):
        raise DiagramError(f"unknown solver {solver!r}: use 'auto', 'enummixed', 'lcp' or "
                           "'logit'", code="cid_invalid_argument")
    gbt = _pygambit()
    game = Game(model)
    builder = _Builder(game, gbt)
    tree = builder.build()
    found: list[Equilibrium] = []
    seen: list[dict[str, Table]] = []
    used, profiles = _solve(gbt, tree, solver)
    for behaviour in profiles:
        tables = _rules(game, builder, behaviour)
        if any(all(np.allclose(tables[D], s[D], atol=1e-7) for D in tables) for s in seen):
            continue
        seen.append(tables)
        pure = all(bool(np.all(np.isclose(t, 0) | np.isclose(t, 1))) for t in tables.values())
        values = {a: round(v, 12) + 0.0 for a, v in game.values(tables).items()}
        found.append(Equilibrium(policy={D: game.rule(D, t) for D, t in tables.items()},
                                 expected_utility=values, pure=pure,
                                 method=f"gambit {used}", agents=dict(game.agent_of)))
    return found


def _rules(game: Game, builder: _Builder, behaviour: Any) -> dict[str, Table]:
    tables = {D: game.uniform(D) for D in game.decisions}
    for (D, config), infoset in builder.infosets.items():
        row = [float(behaviour[action]) for action in infoset.actions]
        total = sum(row)
        tables[D][config] = [p / total for p in row] if total > 0 else row
    return tables

