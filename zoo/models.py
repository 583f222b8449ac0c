"""Numbers for zoo diagrams, where a number makes the paper's point.

Each function returns a :class:`~cid.quant.Model` for a diagram of the zoo: the zoo's own
diagram (:func:`zoo.build`), or the one it is given (e.g. ``zoo.build("wireheading",
horizon=5)``); CPDs are written as functions of the parents *by name*, so they follow the
zoo's node names at any horizon.

* :func:`wireheading_model` — a reward function the agent can rewrite: the optimal policy
  tampers with it, and does worse by the intended reward than honest work.
* :func:`current_rf_optimization_model` — the same world judged by the current reward
  function: the optimal policy does not tamper.
* :func:`counterfactual_oracle_model` — an oracle scored against the world where its answer
  is unread: its optimal answer is the honest prediction. :func:`self_fulfilling_prophecy_model`
  scores the same oracle against the world it influences, and it manipulates.

The numbers: states are ``"bad"``/``"good"``; working (``"work"``) makes the next state good
with probability 0.9; tampering (``"tamper"``) neglects the task (the next state is bad) and
makes the implemented reward function ``"tampered"`` for good; the intended reward pays 1 in a
good state, the tampered one pays 1 always.

Examples
--------
>>> import cid
>>> from zoo.models import wireheading_model, current_rf_optimization_model
>>> cid.solve(wireheading_model()).policy["A1"](S1="good")
'tamper'
>>> cid.solve(current_rf_optimization_model()).policy["A1"](S1="good", ThetaR1="intended")
'work'
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from cid import Diagram, Model
from cid.errors import DiagramError
from cid.quant import Function, marginal
from zoo import build

__all__ = [
    "ACTIONS",
    "HONEST",
    "STATES",
    "counterfactual_oracle_model",
    "current_rf_optimization_model",
    "intended_return",
    "self_fulfilling_prophecy_model",
    "wireheading_model",
]

STATES = ("bad", "good")
ACTIONS = ("work", "tamper")
RF = ("intended", "tampered")
P_WORK = 0.9
HONEST: dict[int, dict[int, float]] = {0: {0: 0.7, 1: 0.3}, 1: {0: 0.2, 1: 0.8}}
"""The oracle's world without the answer: P(S = s | Q = q) (the honest prediction is s = q)."""


def _by_prefix(pa: Mapping[str, Hashable], prefix: str) -> Hashable:
    (value,) = [v for k, v in pa.items() if k.startswith(prefix)]
    return value


def _transition(pa: Mapping[str, Hashable]) -> Hashable | dict[Hashable, float]:
    if _by_prefix(pa, "A") == "tamper":
        return "bad"
    return {"good": P_WORK, "bad": 1 - P_WORK}


def _next_rf(pa: Mapping[str, Hashable]) -> Hashable:
    tampered = _by_prefix(pa, "ThetaR") == "tampered" or _by_prefix(pa, "A") == "tamper"
    return "tampered" if tampered else "intended"


def _reward(pa: Mapping[str, Hashable]) -> float:
    if _by_prefix(pa, "ThetaR") == "tampered":
        return 1.0
    return 1.0 if _by_prefix(pa, "S") == "good" else 0.0


def _check(d: Diagram, expected: Mapping[str, str], name: str) -> None:
    missing = [n for n, kind in expected.items() if n not in d or d.kind(n) != kind]
    if missing:
        raise DiagramError(f"{name}: the diagram lacks the {', '.join(missing)} nodes of the "
                           "zoo entry (or has them as another kind)", code="cid_invalid_argument")


def wireheading_model(diagram: Diagram | None = None, *, horizon: int = 3) -> Model:
    """The ``wireheading`` entry with numbers: rewriting the reward function pays.

    Parameters
    ----------
    diagram : Diagram, optional
        The zoo's diagram (``zoo.build("wireheading", horizon=...)``); built here if omitted.
    horizon : int
        The number of states when the diagram is built here.
    """
    d = diagram if diagram is not None else build("wireheading", horizon=horizon)
    states = sorted(int(n[1:]) for n in d.chance_nodes if n[0] == "S" and n[1:].isdigit())
    m = states[-1] if states else 0
    _check(d, {**{f"S{t}": "chance" for t in range(1, m + 1)},
               **{f"ThetaR{t}": "chance" for t in range(1, m + 1)},
               **{f"R{t}": "utility" for t in range(1, m + 1)},
               **{f"A{t}": "decision" for t in range(1, m)}}, "wireheading_model")
    cpds: dict[str, object] = {"S1": {"bad": 0.5, "good": 0.5}, "ThetaR1": {"intended": 1.0}}
    for t in range(2, m + 1):
        cpds[f"S{t}"] = Function(_transition, call="mapping")
        cpds[f"ThetaR{t}"] = Function(_next_rf, call="mapping")
    for t in range(1, m + 1):
        cpds[f"R{t}"] = Function(_reward, call="mapping")
    domains = {**{f"A{t}": ACTIONS for t in range(1, m)},
               **{f"S{t}": STATES for t in range(1, m + 1)},
               **{f"ThetaR{t}": RF for t in range(1, m + 1)}}
    return Model(d, cpds, domains, name="wireheading")


def current_rf_optimization_model(diagram: Diagram | None = None, *,
                                  horizon: int = 3) -> Model:
    """The ``current_rf_optimization`` entry with the same numbers: tampering no longer pays.

    Every reward reads the *current* reward function ``ThetaR1``; the rewritten one,
    ``ThetaR2``, is read by nothing the agent is paid for.
    """
    d = diagram if diagram is not None else build("current_rf_optimization", horizon=horizon)
    _check(d, {"S1": "chance", "S2": "chance", "ThetaR1": "chance", "ThetaR2": "chance",
               "A1": "decision", "R2": "utility"}, "current_rf_optimization_model")
    cpds: dict[str, object] = {"S1": {"bad": 0.5, "good": 0.5}, "ThetaR1": {"intended": 1.0},
                               "ThetaR2": Function(_next_rf, call="mapping")}
    domains: dict[str, tuple[str, ...]] = {"ThetaR1": RF, "ThetaR2": RF, "S1": STATES}
    for n in d.nodes:
        if d.kind(n) == "decision":
            domains[n] = ACTIONS
        elif d.kind(n) == "utility":
            cpds[n] = Function(_reward, call="mapping")
        elif n[0] == "S" and n != "S1":
            cpds[n] = Function(_transition, call="mapping")
            domains[n] = STATES
    return Model(d, cpds, domains, name="current_rf_optimization")


def intended_return(model: Model, policy: Mapping[str, object]) -> float:
    """The expected number of good states (the intended reward) under ``policy``.

    For the two reward-tampering models: what the designers wanted, whatever the implemented
    reward function says.
    """
    states = [n for n in model.diagram.nodes if n[0] == "S" and model.domain(n) == STATES]
    rewarded = [n for n in states if any(model.diagram.kind(c) == "utility"
                                         for c in model.diagram.children(n))]
    return sum(marginal(model, s, policy=policy)["good"] for s in rewarded)


def _oracle_check(d: Diagram, name: str, state: str) -> None:
    _check(d, {"Q": "chance", state: "chance", "A": "decision", "R": "utility"}, name)


def _read_world(pa: Mapping[str, Hashable]) -> dict[int, float]:
    """The world once the answer is read: announcing 1 ("crash") makes it happen."""
    honest = HONEST[int(pa["Q"])]  # type: ignore[call-overload]
    if pa["A"] == 1:
        return {1: 0.95 + 0.05 * honest[1], 0: 0.05 * honest[0]}
    return honest


def counterfactual_oracle_model(diagram: Diagram | None = None) -> Model:
    """The ``counterfactual_oracle`` entry with numbers: the answer is the honest prediction.

    ``S`` is the world after the answer is read (announcing 1 makes 1 likely); ``S_cf`` the
    world in which it is not read (:data:`HONEST`). The reward compares the answer with
    ``S_cf``.
    """
    if diagram is None:
        diagram = build("counterfactual_oracle")
    _oracle_check(diagram, "counterfactual_oracle_model", "S_cf")
    cpds = {"Q": {0: 0.5, 1: 0.5}, "S": Function(_read_world, call="mapping"),
            "S_cf": lambda Q: HONEST[Q], "R": lambda A, S_cf: float(A == S_cf)}
    return Model(diagram, cpds, {"A": (0, 1), "S": (0, 1), "S_cf": (0, 1)},
                 name="counterfactual_oracle")


def self_fulfilling_prophecy_model(diagram: Diagram | None = None) -> Model:
    """The ``self_fulfilling_prophecy`` entry, same world: scored on ``S``, it manipulates."""
    if diagram is None:
        diagram = build("self_fulfilling_prophecy")
    _oracle_check(diagram, "self_fulfilling_prophecy_model", "S")
    cpds = {"Q": {0: 0.5, 1: 0.5}, "S": Function(_read_world, call="mapping"),
            "R": lambda A, S: float(A == S)}
    return Model(diagram, cpds, {"A": (0, 1), "S": (0, 1)}, name="self_fulfilling_prophecy")
