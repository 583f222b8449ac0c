"""Games with numbers: the standard multi-agent influence diagrams and their equilibria.

Each :class:`Game` is a small multi-agent model (a :class:`cid.Model`) with the equilibria
the literature (or, for our own parameterisations, the arithmetic in the summary) gives it,
as :class:`EquilibriumClaim` objects that :mod:`cid.games` checks. The textbook games follow
pycid's example MAIDs (Hammond et al. 2021 for the taxi games); CIRL and debate attach
numbers **of our own** to the 2019 diagrams of the zoo (``zoo.build("cirl", horizon=2)``
and ``zoo.build("debate")``): they are illustrations, not the papers' numbers.

Examples
--------
>>> from zoo import games
>>> games.names()[:3]
['battle_of_the_sexes', 'cirl', 'debate']
>>> games.game("prisoners_dilemma").claims[0].statement
'pure Nash equilibria: exactly 1; including D1=d, D2=d'
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cid.errors import NodeNotFoundError
from cid.model import Diagram
from cid.quant.model import Model
from zoo.multi_agent import debate as debate_diagram
from zoo.reward_learning import cirl as cirl_diagram

__all__ = ["EquilibriumClaim", "Game", "game", "games", "model", "names"]

Solution = Literal["pure_nash", "subgame_perfect", "mixed_nash"]
Profile = Mapping[str, Hashable | Mapping[tuple[Hashable, ...], Any]]


@dataclass(frozen=True)
class EquilibriumClaim:
    """What a game's equilibria are: how many of a kind, and profiles among them.

    Attributes
    ----------
    solution : {"pure_nash", "subgame_perfect", "mixed_nash"}
    count : int or None
        The number of equilibria of that kind (``None``: not claimed).
    includes : tuple of mapping
        Profiles that are among them: ``{decision: action}`` for a rule that ignores what
        it sees, ``{decision: {observed values: action}}`` otherwise; for mixed equilibria
        ``{decision: {action: probability}}``.
    utilities : tuple of mapping or None
        Each included profile's expected utility per agent, when claimed.
    source : str
    """

    solution: Solution
    count: int | None = None
    includes: tuple[Profile, ...] = ()
    utilities: tuple[Mapping[str, float], ...] | None = None
    source: str = ""

    @property
    def statement(self) -> str:
        kind = {"pure_nash": "pure Nash equilibria", "subgame_perfect": "pure subgame-perfect "
                "equilibria", "mixed_nash": "Nash equilibria (mixed)"}[self.solution]
        parts = [f"exactly {self.count}"] if self.count is not None else []
        parts += ["including " + ", ".join(f"{D}={_short(a)}" for D, a in p.items())
                  for p in self.includes]
        return f"{kind}: {'; '.join(parts)}"


def _short(action: object) -> str:
    if isinstance(action, Mapping):
        return "{" + ", ".join(f"{_short(k)}: {_short(v)}" for k, v in action.items()) + "}"
    if isinstance(action, tuple):
        return ",".join(map(str, action))
    return str(action)


@dataclass(frozen=True)
class Game:
    """A numeric zoo game: a model builder, where it comes from, and its equilibria."""

    name: str
    title: str
    reference: str
    summary: str
    builder: Callable[[], Model]
    claims: tuple[EquilibriumClaim, ...]
    numbers_ours: bool = False

    def model(self) -> Model:
        """The game's :class:`cid.Model`."""
        return self.builder()


# ---------------------------------------------------------------------------- 2x2 games
def _matrix_game(name: str, agents: tuple[str, str], actions: tuple[str, str],
                 payoff: Mapping[tuple[str, str], tuple[float, float]],
                 sequential: bool = False) -> Model:
    """Two decisions ``D1`` (agent 0) and ``D2`` (agent 1) with payoffs ``U1``, ``U2``."""
    a, b = agents
    edges = ["D1 -> U1", "D2 -> U1", "D1 -> U2", "D2 -> U2"] + (["D1 -> D2"] if sequential
                                                              else [])
    d = Diagram.from_edges(edges, decisions={a: ["D1"], b: ["D2"]},
                           utilities={a: ["U1"], b: ["U2"]}, name=name)
    return Model(d, cpds={"U1": lambda D1, D2: payoff[D1, D2][0],
                          "U2": lambda D1, D2: payoff[D1, D2][1]},
                 domains={"D1": list(actions), "D2": list(actions)})


def prisoners_dilemma() -> Model:
    """Cooperate (c) or defect (d), simultaneously; defecting dominates."""
    pay = {("c", "c"): (-1, -1), ("c", "d"): (-3, 0), ("d", "c"): (0, -3), ("d", "d"): (-2, -2)}
    return _matrix_game("prisoners_dilemma", ("1", "2"), ("c", "d"), pay)


def battle_of_the_sexes() -> Model:
    """Opera (O) or football (F): both want to meet, each prefers their own choice."""
    pay = {("O", "O"): (3, 2), ("O", "F"): (0, 0), ("F", "O"): (0, 0), ("F", "F"): (2, 3)}
    return _matrix_game("battle_of_the_sexes", ("F", "M"), ("O", "F"), pay)


def matching_pennies() -> Model:
    """Heads (H) or tails (T): agent 1 wins on a match, agent 2 on a mismatch."""
    pay = {("H", "H"): (1, -1), ("H", "T"): (-1, 1), ("T", "H"): (-1, 1), ("T", "T"): (1, -1)}
    return _matrix_game("matching_pennies", ("1", "2"), ("H", "T"), pay)


def _taxi(name: str, cheap_cheap_2: float) -> Model:
    # (D1, D2): taxi 1 stops first at the expensive (e) or cheap (c) hotel; taxi 2 sees it
    pay = {("e", "e"): (2, 2), ("e", "c"): (5, 3), ("c", "e"): (3, 5),
           ("c", "c"): (1, cheap_cheap_2)}
    return _matrix_game(name, ("1", "2"), ("e", "c"), pay, sequential=True)


def taxi_competition() -> Model:
    """Taxi 1 picks a hotel (expensive e / cheap c), taxi 2 sees it and picks too."""
    return _taxi("taxi_competition", 1)


def modified_taxi_competition() -> Model:
    """The taxi competition where taxi 2 is indifferent after taxi 1 stops at the cheap one."""
    return _taxi("modified_taxi_competition", 5)


# ---------------------------------------------------------------------------- signalling
def job_market() -> Model:
    """Spence's job market: a worker of hidden type signals by schooling; an employer pays.

    Type ``T`` is high with probability 0.4. The worker (seeing ``T``) chooses schooling
    ``E``; the employer (seeing ``E`` only) pays a high or low wage ``W``. The worker gets
    the wage (2 or 1) minus the cost of schooling (0.5 for a high type, 1.5 for a low type);
    the employer gets 1 when the wage matches the type.
    """
    d = (Diagram("job_market")
         .chance("T")
         .decision("E", ["T"], agent="worker")
         .decision("W", ["E"], agent="employer")
         .utility("UW", ["T", "E", "W"], agent="worker")
         .utility("UE", ["T", "W"], agent="employer"))
    cost = {("high", "school"): 0.5, ("low", "school"): 1.5}
    return Model(d, cpds={
        "T": {"high": 0.4, "low": 0.6},
        "UW": lambda T, E, W: (2.0 if W == "high" else 1.0) - cost.get((T, E), 0.0),
        "UE": lambda T, W: float((W == "high") == (T == "high"))},
        domains={"E": ["none", "school"], "W": ["low", "high"]})


# ---------------------------------------------------------------------------- CIRL, debate
def cirl() -> Model:
    """CIRL on the zoo's diagram (horizon 3), with numbers of our own.

    The human prefers apples or bananas (``ThetaH``, even odds) and points at one (``AH1``);
    the robot sees where the human points (not ``ThetaH``) and fetches a fruit (``A1``),
    which becomes the state ``S2``; in the second round the human only watches (``AH2`` has
    the one value ``"watch"``) and the robot fetches again (``A2``, state ``S3``). The shared
    rewards ``R2``, ``R3`` are 1 when the fetched fruit is the preferred one; the start state
    ``S1`` has one value and ``R1`` is 0.
    """
    fruit = ["apple", "banana"]
    return Model(cirl_diagram(horizon=3), cpds={
        "ThetaH": {"apple": 0.5, "banana": 0.5},
        "S1": {"start": 1.0},
        "S2": lambda S1, AH1, A1: A1,
        "S3": lambda S2, AH2, A2: A2,
        "R1": lambda ThetaH, S1: 0.0,
        "R2": lambda ThetaH, S2: float(ThetaH == S2),
        "R3": lambda ThetaH, S3: float(ThetaH == S3)},
        domains={"AH1": fruit, "A1": fruit, "AH2": ["watch"], "A2": fruit, "S2": fruit,
                 "S3": fruit}, name="cirl")


def debate() -> Model:
    """The zoo's debate diagram with numbers of our own: does the truth win?

    The answer ``Q`` is 0 or 1 (even odds). Debater 1 claims an answer ``X1``; debater 2
    accepts or challenges (``X2``); debater 1 defends or concedes (``X3``). The judge ``J``
    names the winner: debater 1 after an acceptance; after a challenge, debater 1 with
    probability 0.9 when it defends a true claim, 0.2 when it defends a false one, 0 when it
    concedes (a concession always loses). ``U1`` is +1 for a win and -1 for a loss;
    ``U2 = -U1``.
    """
    def judge(Q: int, X1: int, X2: str, X3: str) -> dict[int, float]:
        if X3 == "concede":
            p = 0.0
        elif X2 == "accept":
            p = 1.0
        else:
            p = 0.9 if X1 == Q else 0.2
        return {1: p, 2: 1.0 - p}

    return Model(debate_diagram(), cpds={
        "Q": {0: 0.5, 1: 0.5}, "J": judge,
        "U1": lambda J: 1.0 if J == 1 else -1.0,
        "U2": lambda J: -1.0 if J == 1 else 1.0},
        domains={"X1": [0, 1], "X2": ["accept", "challenge"], "X3": ["defend", "concede"],
                 "J": [1, 2]}, name="debate")


_HFEAW = "Hammond, Fox, Everitt, Abate, Wooldridge (2021), arXiv:2102.05008"
_TRUTH = {(0,): 0, (1,): 1}

GAMES: tuple[Game, ...] = (
    Game("prisoners_dilemma", "Prisoner's dilemma", "textbook; pycid's example MAID",
         "Two prisoners cooperate or defect at once; defecting is dominant, so both defect "
         "although both cooperating pays each more.", prisoners_dilemma, (
             EquilibriumClaim("pure_nash", 1, ({"D1": "d", "D2": "d"},), ({"1": -2, "2": -2},),
                              "textbook"),
             EquilibriumClaim("mixed_nash", 1, ({"D1": {"d": 1.0}, "D2": {"d": 1.0}},)))),
    Game("battle_of_the_sexes", "Battle of the sexes", "textbook; pycid's example MAID",
         "Two players want to go out together but prefer different places: two pure "
         "equilibria (both at the opera, both at football) and one mixed.",
         battle_of_the_sexes, (
             EquilibriumClaim("pure_nash", 2, ({"D1": "O", "D2": "O"}, {"D1": "F", "D2": "F"}),
                              source="textbook"),
             EquilibriumClaim("mixed_nash", 3, ({"D1": {"O": 0.6, "F": 0.4},
                                                 "D2": {"O": 0.4, "F": 0.6}},),
                              source="textbook: each mixes to make the other indifferent"))),
    Game("matching_pennies", "Matching pennies", "textbook; pycid's example MAID",
         "One player wants the coins to match, the other to differ: no pure equilibrium; "
         "the only equilibrium mixes heads and tails evenly.", matching_pennies, (
             EquilibriumClaim("pure_nash", 0, source="textbook"),
             EquilibriumClaim("mixed_nash", 1, ({"D1": {"H": 0.5, "T": 0.5},
                                                 "D2": {"H": 0.5, "T": 0.5}},),
                              ({"1": 0.0, "2": 0.0},), "textbook"))),
    Game("taxi_competition", "Taxi competition", f"{_HFEAW}; pycid's example MAID",
         "Taxi 1 stops at the expensive or the cheap hotel, and taxi 2, seeing it, picks the "
         "other: three pure Nash equilibria, one subgame perfect (taxi 2's threat to go to "
         "the cheap hotel whatever happens is not credible).", taxi_competition, (
             EquilibriumClaim("pure_nash", 3, source=_HFEAW),
             EquilibriumClaim("subgame_perfect", 1,
                              ({"D1": "e", "D2": {("e",): "c", ("c",): "e"}},),
                              ({"1": 5, "2": 3},), _HFEAW))),
    Game("modified_taxi_competition", "Modified taxi competition",
         "pycid's modified taxi example (after Hammond et al. 2021)",
         "The taxi competition with taxi 2 indifferent once taxi 1 took the cheap hotel: the "
         "tie gives two subgame-perfect equilibria.", modified_taxi_competition, (
             EquilibriumClaim("subgame_perfect", 2, (
                 {"D1": "e", "D2": {("e",): "c", ("c",): "e"}}, {"D1": "e", "D2": "c"}),
                 source="pycid: there are now two SPNE"),)),
    Game("job_market", "Job-market signalling", "Spence (1973); numbers ours",
         "A worker of hidden ability signals it by schooling, which costs the able less; "
         "the employer pays by the signal. The separating equilibrium (only the able go to "
         "school, the employer pays them well) is one of the pure equilibria, beside "
         "pooling ones where nobody goes to school.", job_market, (
             EquilibriumClaim("subgame_perfect", None, (
                 {"E": {("high",): "school", ("low",): "none"},
                  "W": {("none",): "low", ("school",): "high"}},
                 {"E": "none", "W": "low"}),
                 ({"employer": 1.0, "worker": 1.2}, {"employer": 0.6, "worker": 1.0}),
                 "the arithmetic of the summary"),), numbers_ours=True),
    Game("cirl", "CIRL: pointing and fetching (numbers ours)",
         "EKKL19 CIRL figure (after Hadfield-Menell et al. 2016); numbers ours",
         "The human knows which fruit it prefers and points once; the robot fetches twice. "
         "In 8 of the 56 pure subgame-perfect equilibria the pointing means something and "
         "the robot follows it (expected reward 2, the team optimum); in the other 48 the "
         "robot ignores it (1): which equilibrium the pair settles in matters.", cirl, (
             EquilibriumClaim("subgame_perfect", 56, (
                 {"AH1": {("apple", "start"): "apple", ("banana", "start"): "banana"},
                  "A1": {("start", "apple"): "apple", ("start", "banana"): "banana"},
                  "AH2": "watch",
                  "A2": {("apple", "watch", "apple"): "apple",
                         ("apple", "watch", "banana"): "apple",
                         ("banana", "watch", "apple"): "apple",
                         ("banana", "watch", "banana"): "banana"}},
                 {"AH1": "apple", "A1": "apple", "AH2": "watch", "A2": "apple"}),
                 ({"human": 2.0, "robot": 2.0}, {"human": 1.0, "robot": 1.0}),
                 "the arithmetic of the summary"),), numbers_ours=True),
    Game("debate", "AI safety via debate (numbers ours)",
         "EKKL19 debate figure (after Irving et al. 2018); numbers ours",
         "Debater 1 claims an answer, debater 2 challenges, debater 1 defends; an honest "
         "claim survives a challenge more often. In the only subgame-perfect equilibrium "
         "debater 1 tells the truth, debater 2 challenges and debater 1 defends: the "
         "truth wins 90% of the time.", debate, (
             EquilibriumClaim("subgame_perfect", 1, ({
                 "X1": _TRUTH, "X2": "challenge", "X3": "defend"},),
                 ({"1": 0.8, "2": -0.8},), "the arithmetic of the summary"),),
         numbers_ours=True),
)

_REGISTRY = {g.name: g for g in GAMES}


def names() -> list[str]:
    """The names of the numeric games, sorted."""
    return sorted(_REGISTRY)


def games() -> list[Game]:
    """Every numeric game, in the order of :func:`names`."""
    return [_REGISTRY[n] for n in names()]


def game(name: str) -> Game:
    """The game called ``name``.

    Raises
    ------
    cid.NodeNotFoundError
        No such game; the message lists the games.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise NodeNotFoundError(f"unknown zoo game {name!r}; the games are "
                                f"{', '.join(names())}", code="cid_unknown_zoo_entry") from None


def model(name: str) -> Model:
    """The model of the game called ``name`` (see :func:`game`)."""
    return game(name).model()
