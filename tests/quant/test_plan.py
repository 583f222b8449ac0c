"""compile(): a plan replayed on new numbers gives what solve() gives."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import Model, compile, solve
from tests.support.random_models import brute_force_meu, random_model


def _renumbered(m: Model, seed: int) -> Model:
    """The same structure with new random tables (and sometimes ties: a constant utility)."""
    rng = np.random.default_rng(seed)
    d = m.diagram
    cpds: dict[str, object] = {}
    for n in d.chance_nodes:
        shape = m.cpd(n).table.shape
        cpds[n] = rng.dirichlet(np.ones(shape[-1]), size=shape[:-1] or None)
    for u in d.utilities:
        shape = m.utility(u).values.shape
        cpds[u] = np.round(rng.random(shape) * 3) if rng.random() < 0.5 else rng.random(shape)
    domains = {n: list(m.domain(n).values) for n in d.nodes if d.kind(n) != "utility"}
    return Model(d, cpds, domains)


def _same(a: cid.quant.Solution, b: cid.quant.Solution) -> None:
    assert a.meu == pytest.approx(b.meu, rel=1e-12, abs=1e-12)
    assert a.exact and b.exact
    assert a.policy.keys() == b.policy.keys()
    for D in b.policy:
        assert a.policy[D] == b.policy[D], D
    assert a.ties == b.ties


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 2**31 - 1))
def test_a_plan_replays_solve_on_new_numbers(seed: int, numbers: int) -> None:
    m = random_model(seed, n=7, max_parents=2, decisions=2, utilities=2)
    if any(m.diagram.children(u) for u in m.diagram.utilities):
        return  # a random utility's domain depends on its numbers
    plan = compile(m)
    other = _renumbered(m, numbers)
    got = plan.solve(other)
    want = solve(other)
    if plan.compiled and want.method == "elimination":
        _same(got, want)
    else:
        assert got.meu == pytest.approx(want.meu, abs=1e-9)
    if got.exact:
        assert got.meu == pytest.approx(brute_force_meu(other)[0], abs=1e-9)


def test_mdp_plans_are_compiled_and_agree_with_value_iteration() -> None:
    from benchmarks.solve import mdp

    plan = compile(mdp(12, 4, 3))
    assert plan.compiled and plan.steps > 12
    for seed in range(3):
        m = mdp(12, 4, 3, seed=seed)
        _same(plan.solve(m), solve(m))
    assert "compiled plan" in plan.solve(m).note


def test_ties_are_broken_as_solve_breaks_them() -> None:
    """Actions equal up to rounding: the plan's fast pass must fall back to solve's rule."""
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [0.5, 0.5], "U": lambda S, D: 0.1 * 3 if D == 2 else 0.3},
              {"D": [0, 1, 2]})
    plan = compile(m)
    _same(plan.solve(m), solve(m))
    assert solve(m).policy["D"]() == 0


def test_other_structures_are_refused_and_fixed_rules_follow() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U", "D -> E -> V"],
                               decisions=["D", "E"], utilities=["U", "V"])
    m = Model(d, {"S": [0.3, 0.7], "U": lambda S, D: float(S == D),
                  "V": lambda E: float(E)}, {"D": [0, 1], "E": [0, 1]})
    plan = compile(m, policy={"E": 0})
    assert plan.decisions == ("D",)
    assert plan.solve(m, policy={"E": 1}).meu == pytest.approx(solve(m, policy={"E": 1}).meu)
    with pytest.raises(cid.DiagramError, match="structure"):
        plan.solve(m)  # E has no rule now: another structure
    bigger = Model(d, {"S": [0.2, 0.3, 0.5], "U": lambda S, D: float(S == D),
                       "V": lambda E: float(E)}, {"D": [0, 1], "E": [0, 1]})
    with pytest.raises(cid.DiagramError, match="compile it anew"):
        plan.solve(bigger, policy={"E": 0})


def test_models_elimination_cannot_solve_get_a_plan_that_calls_solve() -> None:
    from zoo.off_switch import off_switch

    plan = compile(off_switch())
    assert not plan.compiled and "not compiled" in repr(plan)
    assert plan.solve(off_switch()).meu == pytest.approx(0.9)
