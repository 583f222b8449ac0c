"""solve(): MEU against brute-force policy enumeration, methods, ties, limits, agents."""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import Model, expected_utility, solve

from ._random import brute_force_eu, brute_force_meu, random_model, small_random_model


@pytest.mark.parametrize("seed", range(40))
def test_meu_matches_brute_force_enumeration(seed: int) -> None:
    m = small_random_model(seed, n=6, max_parents=2, decisions=2, utilities=2)
    best, _ = brute_force_meu(m)
    sol = solve(m)
    assert brute_force_eu(m, sol.policy) == pytest.approx(sol.meu, abs=1e-9)
    assert expected_utility(m, sol.policy) == pytest.approx(sol.meu, abs=1e-9)
    assert sol.meu <= best + 1e-9
    if sol.exact:
        assert sol.meu == pytest.approx(best, abs=1e-9)
    assert solve(m, method="enumerate").meu == pytest.approx(best, abs=1e-9)


@pytest.mark.parametrize("seed", range(12))
def test_methods_agree_under_sufficient_recall(seed: int) -> None:
    m = small_random_model(seed + 100, n=7, max_parents=2, decisions=2, utilities=2)
    spu = solve(m, method="spu")
    if not spu.exact:
        pytest.skip("no sufficient recall: SPU is a local optimum")
    assert solve(m).meu == pytest.approx(spu.meu, abs=1e-9)
    assert brute_force_meu(m)[0] == pytest.approx(spu.meu, abs=1e-9)


def _mdp(T: int, k: int, actions: int, seed: int = 0) -> Model:
    rng = np.random.default_rng(seed)
    d = cid.Diagram("mdp")
    cpds: dict[str, object] = {}
    for t in range(1, T + 2):
        d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(k), size=(k, actions) if t > 1 else None)
        d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(k)
        if t <= T:
            d.decision(f"A{t}", [f"S{t}"])
    return Model(d, cpds, {f"A{t}": range(actions) for t in range(1, T + 1)})


def _value_iteration(m: Model, T: int) -> float:
    V = m.utility(f"R{T + 1}").values.copy()
    for t in range(T, 0, -1):
        P = m.cpd(f"S{t + 1}").table  # (S_t, A_t, S_{t+1})
        V = m.utility(f"R{t}").values + (P @ V).max(axis=1)
    return float(m.cpd("S1").table @ V)


@pytest.mark.parametrize("T", [1, 5, 30])
def test_mdp_backward_induction_equals_value_iteration(T: int) -> None:
    m = _mdp(T, 4, 3, seed=T)
    sol = solve(m)
    assert sol.method == "elimination" and sol.exact
    assert sol.meu == pytest.approx(_value_iteration(m, T), rel=1e-12)
    assert all(rule.parents == (f"S{t}",) for t, rule in
               ((int(D[1:]), r) for D, r in sol.policy.items()) if rule.parents)


def test_history_policies_read_only_what_matters() -> None:
    """A_t observes the whole history; the optimal rule reads only S_t (requisite)."""
    d = cid.Diagram("history")
    cpds: dict[str, object] = {}
    rng = np.random.default_rng(3)
    for t in range(1, 5):
        d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(3), size=(3, 2) if t > 1 else None)
        d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(3)
        if t < 4:
            d.decision(f"A{t}", [f"S{k}" for k in range(1, t + 1)] + [f"A{k}" for k in range(1, t)])
    m = Model(d, cpds, {f"A{t}": [0, 1] for t in range(1, 4)})
    sol = solve(m)
    assert sol.exact
    assert {D: r.parents for D, r in sol.policy.items()} == {
        "A1": ("S1",), "A2": ("S2",), "A3": ("S3",)} or sol.ties
    assert "S1" in sol.policy["A3"].ignores
    assert sol.meu == pytest.approx(_value_iteration(m, 3), rel=1e-12)


def test_pomdp_with_history_is_exact_by_elimination() -> None:
    rng = np.random.default_rng(5)
    d = cid.Diagram("pomdp")
    cpds: dict[str, object] = {}
    for t in range(1, 4):
        d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(2), size=(2, 2) if t > 1 else None)
        d.chance(f"O{t}", [f"S{t}"])
        cpds[f"O{t}"] = rng.dirichlet(np.ones(2), size=2)
        d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(2)
        if t < 3:
            d.decision(f"A{t}", [f"O{k}" for k in range(1, t + 1)] + [f"A{k}" for k in range(1, t)])
    m = Model(d, cpds, {"A1": [0, 1], "A2": [0, 1]})
    sol = solve(m)
    assert (sol.method, sol.exact) == ("elimination", True)
    assert sol.meu == pytest.approx(brute_force_meu(m)[0], abs=1e-9)


def test_no_sufficient_recall_is_reported_as_local_optimum() -> None:
    """Two decisions that must coordinate without seeing each other: SPU can get stuck."""
    d = cid.Diagram.from_edges(["D1 -> U", "D2 -> U"], decisions=["D1", "D2"], utilities=["U"])
    payoff = np.array([[1.0, 0.0], [0.0, 2.0]])  # the coordination game
    m = Model(d, {"U": payoff}, {"D1": [0, 1], "D2": [0, 1]})
    sol = solve(m)
    assert sol.method == "spu" and not sol.exact
    assert "local optimum" in sol.note and "enumerate" in sol.note
    best = solve(m, method="enumerate")
    assert best.exact and best.meu == 2.0 and sol.meu <= best.meu


def test_ties_are_broken_towards_the_first_action_and_counted() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [0.5, 0.5], "U": lambda S, D: 1.0 if S == 1 else float(D == "b")},
              {"D": ["a", "b", "c"]})
    sol = solve(m)
    assert sol.ties == {"D": 1}
    assert sol.policy["D"](S=1) == "a" and sol.policy["D"](S=0) == "b"
    assert "(1 tied)" in str(sol)


def test_enumeration_refuses_large_policy_spaces() -> None:
    m = _mdp(6, 3, 3)
    with pytest.raises(cid.SolveLimitError, match="max_policies"):
        solve(m, method="enumerate", max_policies=1000)
    with pytest.raises(cid.SolveLimitError, match="table of"):
        solve(m, max_size=5)


def test_fixed_rules_and_other_agents() -> None:
    d = cid.Diagram("game")
    d.decision("H", agent="human").decision("R", ["H"], agent="robot")
    d.utility("UH", ["H", "R"], agent="human").utility("UR", ["H", "R"], agent="robot")
    m = Model(d, {"UH": lambda H, R: float(H == R), "UR": lambda H, R: float(H != R)},
              {"H": [0, 1], "R": [0, 1]})
    with pytest.raises(cid.DiagramError, match="several agents"):
        solve(m)
    with pytest.raises(cid.ModelIncompleteError, match="give the rules of the other agents"):
        solve(m, "robot")
    br = solve(m, "robot", policy={"H": 1})
    assert br.meu == 1.0 and br.policy["R"](H=1) == 0 and br.agent == "robot"
    assert expected_utility(m, br.policy, agent="human") == 0.0


def test_common_payoff_is_solved_as_a_team() -> None:
    d = cid.Diagram("team")
    d.chance("T").decision("H", ["T"], agent="human").decision("R", ["H"], agent="robot")
    d.utility("U", ["T", "R"], agent=["human", "robot"])
    m = Model(d, {"T": [0.4, 0.6], "U": lambda T, R: float(T == R)}, {"H": [0, 1], "R": [0, 1]})
    sol = solve(m)  # the human must signal T through H: no sufficient recall
    assert sol.method == "spu" and not sol.exact and sol.meu <= 1.0
    best = solve(m, method="enumerate")
    assert best.meu == pytest.approx(1.0)
    assert [best.policy["R"](H=best.policy["H"](T=t)) for t in (0, 1)] == [0, 1]


def test_nothing_to_choose_and_progress_flag() -> None:
    pytest.importorskip("tqdm")
    m = _mdp(3, 2, 2)
    assert solve(m, progress=True).meu == pytest.approx(solve(m).meu)
    fixed = solve(m, policy={f"A{t}": 0 for t in (1, 2, 3)})
    assert fixed.method == "fixed" and fixed.meu == pytest.approx(
        expected_utility(m, {f"A{t}": 0 for t in (1, 2, 3)}))


@pytest.mark.parametrize("seed", range(10))
def test_junction_tree_tables_match_direct_contraction(seed: int) -> None:
    """Cached messages, invalidated after each rule change, give the same local tables."""
    from cid.quant._elimination import Factor, contract
    from cid.quant._junction import JunctionTree
    from cid.quant.inference import model_factors

    m = random_model(seed, n=8, max_parents=2, decisions=3, utilities=2)
    d = m._diagram
    rng = np.random.default_rng(seed)
    decisions = list(d.decisions)
    base, cards = model_factors(m, {}, utilities=d.utilities, free=set(decisions))
    slots = {D: (*d.parents(D), D) for D in decisions}
    tree = JunctionTree(base, slots, cards)

    def random_rule(D: str) -> Factor:
        shape = tuple(cards[v] for v in slots[D])
        return Factor(slots[D], rng.dirichlet(np.ones(shape[-1]), size=shape[:-1] or None))

    rules = {D: random_rule(D) for D in decisions}
    for _ in range(6):
        D = decisions[int(rng.integers(len(decisions)))]
        got = tree.local(D, rules)
        others = [r for E, r in rules.items() if E != D]
        want = contract(base + others, slots[D], cards)
        np.testing.assert_allclose(got.phi, want.phi, atol=1e-12)
        np.testing.assert_allclose(0 if got.mu is None else got.mu,
                                   0 if want.mu is None else want.mu, atol=1e-12)
        E = decisions[int(rng.integers(len(decisions)))]
        rules[E] = random_rule(E)
        tree.changed(E)
