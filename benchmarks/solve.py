"""Solving MDP- and POMDP-shaped influence diagrams: growth in the horizon, and baselines.

Every row solves one model and reports the median wall time of ``cid.solve`` (the model is
built once, outside the timing). In the same run, and on the same model:

* **pyAgrum** (``pip install -e '.[bench]'`` or ``pip install pyagrum``; optional):
  ``ShaferShenoyLIMIDInference``, a compiled C++ LIMID solver; the ratio column is
  ``cid / pyAgrum`` (below 1: cid is faster). Where both are exact (MDPs, POMDPs with
  memory) the MEU must agree to 1e-9: a mismatch prints the largest ``|ΔMEU|`` and the
  script exits with status 1.
* On the **memoryless POMDP** (no sufficient recall) the timed method is single policy
  updating (``method="spu"``), as pyAgrum's: both return local optima, so the MEUs may
  differ and are both printed. What must hold is checked instead: cid's MEU is at most
  pyAgrum's MEU of the *relaxation* in which every decision remembers everything
  (``addNoForgettingAssumption``, an upper bound; its tables grow exponentially, so only for
  T <= 4) and at most the global optimum found by ``method="enumerate"`` where there are at
  most 5,000 policies (T <= 2), which the default exact solve must match.
* **reuse**: the same model solved again with a plan compiled once
  (:func:`cid.quant.compile`: the elimination order and buckets recorded, only the numpy
  contractions replayed), as equilibrium search and sweeps do. On the MDP rows it is
  compared with the floor, plain numpy backward induction on the same tables
  (``reuse/DP``; the MEUs must agree).
* **naive** baselines: backward induction with one pgmpy ``VariableElimination`` query per
  decision, observation, action and future reward (the older library's approach), and
  ``cid.solve(..., method="enumerate")`` (every deterministic policy), on small models.

The growth exponent is the slope of log(time) against log(T) over T >= 8: 1 means linear.
Target: linear in T, and T = 64 with k = 10 states well under a second.

    python benchmarks/solve.py [--quick | --smoke] [--repeat 5]

``--smoke`` runs every part on the smallest sizes (for the test suite).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import cid
from cid.quant import Model, compile, solve
from cid.quant.solve import Method


# ---------------------------------------------------------------------------- models
def mdp(T: int, k: int, actions: int, *, seed: int = 0) -> Model:
    """T decisions; S_{t+1} <- S_t, A_t; R_t <- S_t; A_t sees S_t (k states)."""
    rng = np.random.default_rng(seed)
    d = cid.DiagramBuilder(f"mdp_T{T}")
    cpds: dict[str, object] = {}
    for t in range(1, T + 2):
        d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(k), size=(k, actions) if t > 1 else None)
        d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(k)
        if t <= T:
            d.decision(f"A{t}", [f"S{t}"])
    return Model(d.build(), cpds, {f"A{t}": range(actions) for t in range(1, T + 1)})


def mdp_floor(model: Model) -> Callable[[], float]:
    """Plain numpy backward induction on an :func:`mdp` model's tables (the floor a
    re-solve is compared with): ``V_t = R_t + max_a P_t V_{t+1}``, no policy kept."""
    T = len(model._diagram.decisions)
    P = [model.cpd(f"S{t + 1}").table for t in range(1, T + 1)]  # (S_t, A_t, S_t+1)
    R = [model.utility(f"R{t}").values for t in range(1, T + 2)]
    p0 = model.cpd("S1").table

    def run() -> float:
        V = R[T]
        for t in range(T - 1, -1, -1):
            V = R[t] + (P[t] @ V).max(axis=1)
        return float(p0 @ V)

    return run


def pomdp(T: int, k: int, obs: int, actions: int, *, memory: bool, seed: int = 0) -> Model:
    """Hidden states S_t, observations O_t <- S_t; A_t sees O_1..O_t, A_1..A_{t-1} (memory)
    or only O_t (memoryless: no sufficient recall)."""
    rng = np.random.default_rng(seed)
    d = cid.DiagramBuilder(f"pomdp_T{T}")
    cpds: dict[str, object] = {}
    for t in range(1, T + 2):
        d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(k), size=(k, actions) if t > 1 else None)
        d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(k)
        if t <= T:
            d.chance(f"O{t}", [f"S{t}"])
            cpds[f"O{t}"] = rng.dirichlet(np.ones(obs), size=k)
            seen = ([f"O{j}" for j in range(1, t + 1)] + [f"A{j}" for j in range(1, t)]
                    if memory else [f"O{t}"])
            d.decision(f"A{t}", seen)
    return Model(d.build(), cpds, {f"A{t}": range(actions) for t in range(1, T + 1)})


# ---------------------------------------------------------------------------- timing
def timed(fn: Callable[[], Any], repeat: int, budget: float = 2.0) -> tuple[float, Any]:
    """Median seconds of ``fn()`` over up to ``repeat`` runs (fewer when slow), and its value."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return statistics.median(times), value


def exponent(ts: Sequence[int], seconds: Sequence[float]) -> float:
    pairs = [(math.log(t), math.log(s))
             for t, s in zip(ts, seconds, strict=True) if t >= 8 and s > 0]
    if len(pairs) < 2:
        return float("nan")
    x, y = np.array(pairs).T
    return float(np.polyfit(x, y, 1)[0])


# ---------------------------------------------------------------------------- pyAgrum
def _agrum() -> Any:
    try:
        import pyagrum as gum
    except ImportError:
        return None
    return gum


def to_agrum(model: Model) -> Any:
    """The same model as a pyAgrum InfluenceDiagram (tables copied axis by axis)."""
    gum = _agrum()
    d = model._diagram
    diag = gum.InfluenceDiagram()
    for n in d.topological_order:
        kind = d.kind(n)
        size = 1 if kind == "utility" else len(model.domain(n))
        var = gum.LabelizedVariable(n, n, size)
        {"chance": diag.addChanceNode, "decision": diag.addDecisionNode,
         "utility": diag.addUtilityNode}[kind](var)
    for p, c in d.edge_list:
        diag.addArc(p, c)
    for n in d.topological_order:
        kind = d.kind(n)
        if kind == "decision":
            continue
        if kind == "chance":
            cpd = model.cpd(n)
            table, axes, tensor = cpd.table, (*cpd.parents, n), diag.cpt(n)
        else:
            ut = model.utility(n)
            table, axes, tensor = ut.values[..., None], (*ut.parents, n), diag.utility(n)
        target = list(reversed(tensor.names))  # toarray() axes
        tensor.fillWith(np.transpose(table, [axes.index(v) for v in target]).ravel().tolist())
    return diag


def agrum_solve(diag: Any, *, remember: Sequence[str] = ()) -> float:
    """pyAgrum's MEU; with ``remember``, of the relaxation where those decisions forget
    nothing (no-forgetting assumption)."""
    gum = _agrum()
    ie = gum.ShaferShenoyLIMIDInference(diag)
    if remember:
        ie.addNoForgettingAssumption(list(remember))
    ie.makeInference()
    return float(ie.MEU()["mean"])


# ---------------------------------------------------------------------------- naive baseline
def naive_pgmpy(model: Model) -> float:
    """Backward induction with one pgmpy query per (decision, observation, action, reward).

    The older library's approach: the network is rebuilt for every decision, and each entry
    of a decision's expected-utility table is its own exact-inference query. MDPs only.
    """
    from cid.interop.pgmpy import to_pgmpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from pgmpy.inference import VariableElimination
    d = model._diagram
    decisions = list(d.decisions)
    rules: dict[str, object] = {D: {a: 1 / len(model.domain(D)) for a in model.domain(D)}
                                for D in decisions}
    for D in reversed(decisions):
        (obs,) = d.parents(D)
        bn = to_pgmpy(model, rules)
        ve = VariableElimination(bn)
        later = [u for u in d.utilities if D in _ancestors(d, u)]
        q = np.zeros((len(model.domain(obs)), len(model.domain(D))))
        for i, s in enumerate(model.domain(obs)):
            for j, a in enumerate(model.domain(D)):
                for u in later:
                    f = ve.query([u], evidence={obs: s, D: a}, show_progress=False)
                    q[i, j] += float(np.asarray(f.values) @ np.asarray(
                        bn.get_cpds(u).state_names[u], dtype=float))
        best = q.argmax(axis=1)
        choice = {s: model.domain(D)[b] for s, b in zip(model.domain(obs), best, strict=False)}
        rules[D] = (lambda c: (lambda x: c[x]))(choice)
    return cid.expected_utility(model, rules)


def _ancestors(d: cid.Diagram, node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        for p in d.parents(stack.pop()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


# ---------------------------------------------------------------------------- report
@dataclass
class Checks:
    """MEU comparisons of one run: the largest disagreement and every failed check."""

    max_delta: float = 0.0
    failures: list[str] = field(default_factory=list)

    def fail(self, text: str) -> str:
        self.failures.append(text)
        return f"  FAILED: {text}"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def run_series(title: str, build: Callable[[int], Model], horizons: Sequence[int],
               repeat: int, *, agrum: bool, checks: Checks, exact: bool = True,
               enumerate_upto: int = 5000, method: Method = "auto",
               floor: Callable[[Model], Callable[[], float]] | None = None) -> None:
    """Time cid (and pyAgrum) on ``build(T)`` for each ``T``; check the MEUs.

    ``exact``: both solvers must find the optimum, so the MEUs must agree. Otherwise (no
    sufficient recall) both are local optima: cid must stay below the no-forgetting bound
    (T <= 4) and match enumeration when there are at most ``enumerate_upto`` policies.
    """
    print(f"\n{title}")
    head = f"{'T':>4} {'nodes':>6} {'cid s':>9} {'method':>12} {'MEU':>12} {'reuse s':>9}"
    if floor is not None:
        head += f" {'numpy DP s':>10} {'reuse/DP':>9}"
    if agrum:
        head += f" {'pyAgrum s':>10} {'cid/pyAgrum':>12}"
        if not exact:
            head += f" {'pyAgrum MEU':>12} {'bound':>12}"
    print(head)
    seconds = []
    for T in horizons:
        model = build(T)
        t_cid, sol = timed(lambda model=model: solve(model, method=method), repeat)
        seconds.append(t_cid)
        row = f"{T:>4} {len(model._diagram):>6} {t_cid:>9.4f} {sol.method:>12} {sol.meu:>12.6f}"
        row += reuse_columns(model, sol, repeat, method, floor, checks, f"{title}, T={T}")
        if agrum:
            diag = to_agrum(model)
            try:
                t_ag, meu = timed(lambda diag=diag: agrum_solve(diag), repeat)
            except Exception as err:  # noqa: BLE001 - report and go on
                row += f" {'error':>10}  {type(err).__name__}: {str(err)[:40]}"
            else:
                row += f" {t_ag:>10.4f} {t_cid / t_ag:>11.2f}x"
                if exact:
                    checks.max_delta = max(checks.max_delta, abs(meu - sol.meu))
                    if not _close(meu, sol.meu):
                        row += checks.fail(f"{title}, T={T}: MEU {sol.meu!r} (cid) != {meu!r} "
                                           "(pyAgrum)")
                else:
                    row += f" {meu:>12.6f}"
                    if T <= 4:
                        decisions = list(model._diagram.decisions)
                        bound = agrum_solve(diag, remember=decisions)
                        row += f" {bound:>12.6f}"
                        if sol.meu > bound + 1e-9 * max(1.0, abs(bound)):
                            row += checks.fail(f"{title}, T={T}: cid's MEU {sol.meu!r} is above "
                                               f"the no-forgetting bound {bound!r}")
        if not exact and sol.log10_policies <= math.log10(enumerate_upto):
            best = solve(model, method="enumerate").meu
            exact_meu = solve(model).meu
            if not _close(best, exact_meu):
                row += checks.fail(f"{title}, T={T}: the default solve finds {exact_meu!r} but "
                                   f"enumeration finds {best!r}")
            if sol.meu > best + 1e-9 * max(1.0, abs(best)):
                row += checks.fail(f"{title}, T={T}: MEU {sol.meu!r} is above the optimum "
                                   f"{best!r} found by enumeration")
        print(row, flush=True)
    slope = exponent(horizons, seconds)
    if math.isnan(slope) and len(seconds) > 1 and max(horizons) >= 4:
        step = (seconds[-1] / seconds[0]) ** (1 / (horizons[-1] - horizons[0]))
        print(f"time factor per extra step: {step:.2f} (the optimal rules' tables grow "
              "exponentially with the history)")
    elif not math.isnan(slope):
        print(f"growth exponent (T >= 8): {slope:.2f}")


def reuse_columns(model: Model, sol: Any, repeat: int, method: Method,
                  floor: Callable[[Model], Callable[[], float]] | None, checks: Checks,
                  where: str) -> str:
    """The time of a re-solve with a plan compiled once (:func:`cid.quant.compile`), and
    with ``floor``, the plain numpy floor and the ratio; the answers must agree."""
    if method != "auto":
        return f" {'-':>9}" + (f" {'-':>10} {'-':>9}" if floor is not None else "")
    plan = compile(model)
    t_plan, again = timed(lambda: plan.solve(model), max(repeat, 9))
    row = f" {t_plan:>9.5f}"
    if not _close(again.meu, sol.meu):
        row += checks.fail(f"{where}: the compiled plan finds {again.meu!r}, solve {sol.meu!r}")
    if floor is not None:
        run = floor(model)
        t_floor, meu = timed(run, max(repeat, 9) * 5)
        row += f" {t_floor:>10.5f} {t_plan / t_floor:>8.1f}x"
        if not _close(meu, sol.meu):
            row += checks.fail(f"{where}: numpy backward induction finds {meu!r}, cid "
                               f"{sol.meu!r}")
    return row


def run_naive(horizons: Sequence[int], repeat: int, checks: Checks) -> None:
    naive_pgmpy(mdp(1, 2, 2))  # warm-up: import pgmpy outside the timings
    print("\nnaive baselines on the same model (k=3 states, 2 actions)")
    print(f"{'T':>4} {'cid s':>9} {'naive s':>9} {'naive/cid':>10} {'enumerate s':>12} "
          f"{'enum/cid':>9}")
    for T in horizons:
        model = mdp(T, 3, 2, seed=T)
        t_cid, sol = timed(lambda model=model: solve(model), repeat)
        t_naive, meu = timed(lambda model=model: naive_pgmpy(model), 1, budget=0)
        row = f"{T:>4} {t_cid:>9.4f} {t_naive:>9.3f} {t_naive / t_cid:>9.0f}x"
        if T <= 2:
            t_enum, best = timed(lambda model=model: solve(model, method="enumerate"), 1,
                                 budget=0)
            row += f" {t_enum:>12.3f} {t_enum / t_cid:>8.0f}x"
            if not _close(best.meu, sol.meu):
                row += checks.fail(f"naive, T={T}: MEU {sol.meu!r} but enumeration finds "
                                   f"{best.meu!r}")
        checks.max_delta = max(checks.max_delta, abs(meu - sol.meu))
        if not _close(meu, sol.meu):
            row += checks.fail(f"naive, T={T}: MEU {sol.meu!r} (cid) != {meu!r} (naive)")
        print(row, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status is 1 when an MEU check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="smaller horizons and baselines")
    size.add_argument("--smoke", action="store_true", help="every part on the smallest sizes")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    agrum = _agrum() is not None
    print(f"cid {cid.__version__}; numpy {np.__version__}; pyAgrum "
          f"{_agrum().__version__ if agrum else 'not installed (pip install pyagrum)'}")
    horizons = ([1, 2] if args.smoke else [1, 4, 16, 64] if args.quick
                else [1, 2, 4, 8, 16, 32, 64])
    checks = Checks()
    for k, actions in [(10, 2), (10, 10)] if not (args.quick or args.smoke) else [(10, 10)]:
        run_series(f"MDP, k={k} states, {actions} actions",
                   lambda T, k=k, actions=actions: mdp(T, k, actions),
                   horizons, args.repeat, agrum=agrum, checks=checks, floor=mdp_floor)
    memory = [1, 2] if args.smoke else [1, 2, 3, 4] if args.quick else [1, 2, 3, 4, 5, 6]
    run_series("POMDP with memory (A_t sees O_1..O_t, A_1..A_t-1), k=3, 2 observations, "
               "2 actions", lambda T: pomdp(T, 3, 2, 2, memory=True), memory, args.repeat,
               agrum=agrum, checks=checks)
    run_series("memoryless POMDP (A_t sees O_t: no sufficient recall; cid and pyAgrum both "
               "return local optima), k=10, 3 observations, 4 actions",
               lambda T: pomdp(T, 10, 3, 4, memory=False), horizons, args.repeat,
               agrum=agrum, checks=checks, exact=False,
               enumerate_upto=100 if args.smoke else 5000, method="spu")
    run_naive([1] if args.smoke else [1, 2, 4] if args.quick else [1, 2, 4, 8], args.repeat,
              checks)
    print(f"\nmax |ΔMEU| between exact solvers: {checks.max_delta:.3g}")
    if checks.failures:
        print(f"{len(checks.failures)} MEU check{'s' if len(checks.failures) > 1 else ''} "
              "FAILED:")
        for text in checks.failures:
            print(f"  {text}")
        return 1
    print("all MEU checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
