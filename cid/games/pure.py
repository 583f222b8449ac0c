"""Pure Nash and subgame-perfect equilibria of multi-agent influence diagrams.

A *pure policy* gives each decision a deterministic rule over everything the decision
observes. A profile is a **Nash equilibrium** when no agent gains by changing the rules of
its own decisions; it is **subgame perfect** when it is a Nash equilibrium of every MAID
subgame (Hammond et al. 2021), which Koller and Milch's divide and conquer finds: solve the
components of the relevance graph last first, each against the rules already fixed for the
components it relies on (and fully random rules for the others, so that every observation
is possible), branching on every equilibrium of each component.

Search order. Enumerating every profile is exponential in the number of decisions; instead
the decision with the most rules (the *pivot*) is never enumerated: for each profile of the
other decisions, the pivot's best responses are read off its expected-utility table, one
contraction giving the best actions at every observation (every action at an observation of
probability 0). Each candidate is then checked decision by decision (a rule that is not a
best response at one of its own observations is rejected at once), and an agent with
several decisions is checked against its exact best response (:func:`cid.solve`), computed
once per profile of the other agents.

References
----------
.. [1] D. Koller and B. Milch, "Multi-agent influence diagrams for representing and solving
   games", Games and Economic Behavior 45 (2003).
.. [2] L. Hammond, J. Fox, T. Everitt, A. Abate, M. Wooldridge, "Equilibrium Refinements for
   Multi-Agent Influence Diagrams: Theory and Practice", AAMAS 2021, arXiv:2102.05008.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from cid.errors import DiagramError
from cid.games._tensor import TOL, Game, Table
from cid.games.equilibrium import Equilibrium
from cid.games.relevance import condensation
from cid.quant.model import Model
from cid.quant.policy import make_policy
from cid.quant.solve import solve

__all__ = ["pure_nash_equilibria", "subgame_perfect_equilibria"]


def _check_tol(tol: object) -> float:
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
        raise DiagramError(f"tol must be a number in [0, 1), got {tol!r}",
                           code="cid_invalid_argument")
    return float(tol)


class _Search:
    """All pure equilibria over the ``free`` decisions, the other rules being ``fixed``."""

    def __init__(self, game: Game, free: Sequence[str], fixed: Mapping[str, Table],
                 tol: float) -> None:
        self.game = game
        self.free = tuple(free)
        self.fixed = dict(fixed)
        self.tol = tol
        self.own = {a: [D for D in self.free if game.agent_of[D] == a] for a in game.agents}
        self._best: dict[tuple[str, bytes], float] = {}

    def run(self) -> list[dict[str, Table]]:
        g = self.game
        if not self.free:
            return [{}]
        pivot = max(self.free, key=lambda D: (g.log10_rules(D), -self.free.index(D)))
        rest = [D for D in self.free if D != pivot]
        found: list[dict[str, Table]] = []
        for combo in itertools.product(*(list(g.pure_rules(D)) for D in rest)):
            profile = {**self.fixed, **dict(zip(rest, combo, strict=True))}
            allowed = g.best_actions(pivot, profile, self.tol)
            for table in g.rules_from(pivot, allowed):
                candidate = {**profile, pivot: table}
                if self._is_equilibrium(candidate, rest):
                    found.append({D: candidate[D] for D in self.free})
        return found

    def _is_equilibrium(self, profile: dict[str, Table], rest: Sequence[str]) -> bool:
        g = self.game
        if not all(g.is_local_best(D, profile, self.tol) for D in rest):
            return False
        for agent, own in self.own.items():
            if len(own) < 2:
                continue  # one decision: the local check is the agent's check
            value = g.utility_of(agent, profile)
            best = self._best_response(agent, own, profile)
            if value < best - self.tol * max(1.0, abs(best)):
                return False
        return True

    def _best_response(self, agent: str, own: Sequence[str], profile: Mapping[str, Table]
                       ) -> float:
        g = self.game
        others = {D: t for D, t in profile.items() if D not in own}
        key = (agent, b"".join(others[D].tobytes() for D in g.decisions if D in others))
        if key not in self._best:
            policy = {D: g.rule(D, t) for D, t in others.items()}
            sol = solve(g.model, agent, policy=policy)
            if not sol.exact:
                sol = solve(g.model, agent, policy=policy, method="enumerate")
            self._best[key] = sol.meu
        return self._best[key]


def _record(game: Game, profile: Mapping[str, Table], kind: str, method: str) -> Equilibrium:
    full = {D: profile[D] for D in game.decisions}
    return Equilibrium(policy={D: game.rule(D, t) for D, t in full.items()},
                       expected_utility=game.values(full), pure=True, kind=kind, method=method,
                       agents=dict(game.agent_of))


def pure_nash_equilibria(model: Model, *, policy: Mapping[str, object] | None = None,
                         tol: float = TOL) -> list[Equilibrium]:
    """Every pure Nash equilibrium of a multi-agent influence diagram with numbers.

    Parameters
    ----------
    model : Model
        A complete model; every agent with a decision needs a utility node.
    policy : mapping, optional
        Fixed rules for some decisions (anything :func:`cid.quant.make_policy` accepts);
        the equilibria are searched over the others.
    tol : float
        Relative tolerance under which two expected utilities count as equal.

    Returns
    -------
    list of Equilibrium
        Every profile of deterministic rules (each over all of its decision's observations)
        from which no agent gains by changing its own rules, in the order of the rules'
        actions; empty when there is none.

    Raises
    ------
    DiagramError
        An agent has decisions but no utility; ``policy`` names a node that is not a
        decision.
    NodeNotFoundError
        ``policy`` names an unknown node.
    ModelIncompleteError
        The model is incomplete.

    Notes
    -----
    A profile :math:`\\sigma` is a Nash equilibrium iff for every agent :math:`a`,
    :math:`EU_a(\\sigma) \\ge EU_a(\\sigma'_a, \\sigma_{-a})` for all policies
    :math:`\\sigma'_a` of :math:`a`'s decisions. A pure best response always exists, so
    checking pure deviations suffices. See the module docs for the search order.

    References
    ----------
    .. [1] D. Koller and B. Milch (2003), Games and Economic Behavior 45, Definition 4.3.

    Examples
    --------
    >>> import cid
    >>> from cid.games import pure_nash_equilibria
    >>> d = cid.Diagram.from_edges(["D1 -> U1", "D2 -> U1", "D1 -> U2", "D2 -> U2"],
    ...                            decisions={"1": ["D1"], "2": ["D2"]},
    ...                            utilities={"1": ["U1"], "2": ["U2"]})
    >>> pay = {("c", "c"): (-1, -1), ("c", "d"): (-3, 0), ("d", "c"): (0, -3),
    ...        ("d", "d"): (-2, -2)}
    >>> m = cid.Model(d, cpds={"U1": lambda D1, D2: pay[D1, D2][0],
    ...                        "U2": lambda D1, D2: pay[D1, D2][1]},
    ...               domains={"D1": ["c", "d"], "D2": ["c", "d"]})
    >>> [eq.profile for eq in pure_nash_equilibria(m)]
    [{'D1': 'd', 'D2': 'd'}]
    """
    tol = _check_tol(tol)
    game = Game(model)
    fixed = {D: game.table(r) for D, r in make_policy(game.model, policy).items()}
    free = [D for D in game.decisions if D not in fixed]
    found = _Search(game, free, fixed, tol).run()
    return [_record(game, {**fixed, **p}, "Nash", "best-response check") for p in found]


def subgame_perfect_equilibria(model: Model, *, tol: float = TOL) -> list[Equilibrium]:
    """Every pure subgame-perfect equilibrium, by backward induction over the relevance graph.

    Parameters
    ----------
    model : Model
        A complete model; every agent with a decision needs a utility node.
    tol : float
        Relative tolerance under which two expected utilities count as equal (ties are
        branched on: each tied choice gives its own equilibria).

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    DiagramError
        An agent has decisions but no utility.
    ModelIncompleteError
        The model is incomplete.

    Notes
    -----
    The components of the relevance graph (:func:`cid.games.condensation`) are solved last
    first. For a component ``C``, the decisions ``C`` relies on already have rules (one
    branch per partial equilibrium found so far), every other decision outside ``C``
    follows the uniformly random rule (so every observation has positive probability and
    the rules of ``C`` must be best responses everywhere), and every pure Nash equilibrium
    of ``C`` extends the branch. The results are the profiles that are Nash equilibria in
    every MAID subgame.

    References
    ----------
    .. [1] D. Koller and B. Milch (2003), Games and Economic Behavior 45, Section 6.
    .. [2] L. Hammond et al., AAMAS 2021, arXiv:2102.05008, subgame perfectness in MAIDs.

    Examples
    --------
    >>> import cid
    >>> from cid.games import subgame_perfect_equilibria
    >>> d = cid.Diagram.from_edges(["D1 -> D2", "D1 -> U1", "D2 -> U1", "D1 -> U2",
    ...                             "D2 -> U2"], decisions={"1": ["D1"], "2": ["D2"]},
    ...                            utilities={"1": ["U1"], "2": ["U2"]})
    >>> m = cid.Model(d, cpds={"U1": lambda D1, D2: float(D1 != D2),
    ...                        "U2": lambda D1, D2: float(D1 != D2)},
    ...               domains={"D1": [0, 1], "D2": [0, 1]})
    >>> [eq.policy["D2"].as_dict() for eq in subgame_perfect_equilibria(m)]
    [{(0,): 1, (1,): 0}, {(0,): 1, (1,): 0}]
    """
    tol = _check_tol(tol)
    game = Game(model)
    partials: list[dict[str, Table]] = [{}]
    for component in reversed(condensation(game.diagram)):
        free = [D for D in game.decisions if D in component]
        extended: list[dict[str, Table]] = []
        for partial in partials:
            fixed = {D: partial.get(D, game.uniform(D)) for D in game.decisions
                     if D not in component}
            extended.extend({**partial, **ne} for ne in _Search(game, free, fixed, tol).run())
        partials = extended
    return [_record(game, p, "subgame perfect", "backward induction") for p in partials]
