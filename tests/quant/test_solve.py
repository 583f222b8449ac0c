"""solve(): MEU against brute-force policy enumeration, methods, ties, limits, agents."""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import Model, expected_utility, solve
from tests.support.random_models import (
    brute_force_eu,
    brute_force_meu,
    random_model,
    small_random_model,
)


@pytest.mark.parametrize("seed", range(40))
def test_meu_matches_brute_force_enumeration(seed: int) -> None:
    m = small_random_model(seed, n=6, max_parents=2, decisions=2, utilities=2)
    best, _ = brute_force_meu(m)
    sol = solve(m)
    assert brute_force_eu(m, sol.policy) == pytest.approx(sol.meu, abs=1e-9)
    assert expected_utility(m, sol.policy) == pytest.approx(sol.meu, abs=1e-9)
    assert sol.exact and sol.meu == pytest.approx(best, abs=1e-9)
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
        d = d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(k), size=(k, actions) if t > 1 else None)
        d = d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(k)
        if t <= T:
            d = d.decision(f"A{t}", [f"S{t}"])
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
        d = d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(3), size=(3, 2) if t > 1 else None)
        d = d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(3)
        if t < 4:
            seen = [f"S{k}" for k in range(1, t + 1)] + [f"A{k}" for k in range(1, t)]
            d = d.decision(f"A{t}", seen)
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
        d = d.chance(f"S{t}", [f"S{t - 1}", f"A{t - 1}"] if t > 1 else [])
        cpds[f"S{t}"] = rng.dirichlet(np.ones(2), size=(2, 2) if t > 1 else None)
        d = d.chance(f"O{t}", [f"S{t}"])
        cpds[f"O{t}"] = rng.dirichlet(np.ones(2), size=2)
        d = d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = rng.random(2)
        if t < 3:
            seen = [f"O{k}" for k in range(1, t + 1)] + [f"A{k}" for k in range(1, t)]
            d = d.decision(f"A{t}", seen)
    m = Model(d, cpds, {"A1": [0, 1], "A2": [0, 1]})
    sol = solve(m)
    assert (sol.method, sol.exact) == ("elimination", True)
    assert sol.meu == pytest.approx(brute_force_meu(m)[0], abs=1e-9)


def test_no_sufficient_recall_is_reported_as_local_optimum() -> None:
    """Two decisions that must coordinate without seeing each other: SPU can get stuck."""
    d = cid.Diagram.from_edges(["D1 -> U", "D2 -> U"], decisions=["D1", "D2"], utilities=["U"])
    payoff = np.array([[1.0, 0.0], [0.0, 2.0]])  # the coordination game
    m = Model(d, {"U": payoff}, {"D1": [0, 1], "D2": [0, 1]})
    sol = solve(m, method="spu")
    assert sol.method == "spu" and not sol.exact and sol.upper_bound is None
    assert "local optimum" in sol.note and "method='auto'" in sol.note
    best = solve(m, method="enumerate")
    assert best.exact and best.meu == 2.0 and sol.meu <= best.meu
    auto = solve(m)
    assert auto.exact and auto.meu == 2.0 and auto.upper_bound == 2.0


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
    d = d.decision("H", agent="human").decision("R", ["H"], agent="robot")
    d = d.utility("UH", ["H", "R"], agent="human").utility("UR", ["H", "R"], agent="robot")
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
    d = d.chance("T").decision("H", ["T"], agent="human").decision("R", ["H"], agent="robot")
    d = d.utility("U", ["T", "R"], agent=["human", "robot"])
    m = Model(d, {"T": [0.4, 0.6], "U": lambda T, R: float(T == R)}, {"H": [0, 1], "R": [0, 1]})
    sol = solve(m)  # the human must signal T through H: no sufficient recall
    assert sol.exact and sol.meu == pytest.approx(1.0)
    assert [sol.policy["R"](H=sol.policy["H"](T=t)) for t in (0, 1)] == [0, 1]
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


# ---------------------------------------------------------------------------- limits and counts
def _two_blind_decisions(k: int = 10) -> Model:
    """D1 and D2 each see k binary signals but not each other: 2^(2 * 2^k) policies."""
    d = cid.Diagram("big")
    cpds: dict[str, object] = {f"O{i}": [0.5, 0.5] for i in range(k)}
    for i in range(k):
        d = d.chance(f"O{i}")
    d = d.decision("D1", [f"O{i}" for i in range(k)]).decision("D2", [f"O{i}" for i in range(k)])
    d = d.utility("U", ["D1", "D2", "O0"])
    cpds["U"] = lambda D1, D2, O0: float(D1 == D2 == O0) + 0.5 * (D1 == 1 and D2 == 1)
    return Model(d, cpds, {"D1": [0, 1], "D2": [0, 1]})


def test_astronomical_policy_counts_are_written_from_their_logarithm() -> None:
    from cid.quant.solve import count_text

    m = _two_blind_decisions()
    sol = solve(m, method="spu")  # single policy updating, then a note with the count
    assert sol.method == "spu" and "(about 10^617 policies)" in sol.note
    assert sol.log10_policies == pytest.approx(2 * 2**10 * np.log10(2))
    with pytest.raises(cid.SolveLimitError, match=r"about 10\^617 deterministic policies for "
                                                  r"D1, D2 .*above max_policies=1,000,000"):
        solve(m, method="enumerate")
    assert count_text(np.log10(9)) == "9" and count_text(40.0) == "1e+40"


def test_max_policies_is_a_sharp_limit() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [0.5, 0.5], "U": lambda S, D: float(S == D)}, {"D": [0, 1, 2]})
    assert solve(m, method="enumerate", max_policies=9).note.startswith("exact: best of 9 ")
    with pytest.raises(cid.SolveLimitError, match=r"^9 deterministic policies for D .*"
                                                  r"above max_policies=8$"):
        solve(m, method="enumerate", max_policies=8)


def test_every_method_checks_table_sizes_before_building_them() -> None:
    m = _mdp(4, 3, 3)
    for method in ("elimination", "spu", "enumerate"):
        with pytest.raises(cid.SolveLimitError, match=r"table of \d+ entries over .*limit 5"):
            solve(m, method=method, max_size=5, max_policies=10**12)  # type: ignore[arg-type]


@pytest.mark.parametrize("call, match", [
    (lambda m: solve("x"), "solve: needs a cid.Model, got str"),  # type: ignore[arg-type]
    (lambda m: solve(m, method="enumerate", max_policies=0),
     "max_policies must be a positive integer, got 0"),
    (lambda m: solve(m, max_size=2.5), "max_size must be a positive integer"),
    (lambda m: solve(m, tol=-1.0), r"tol must be a number in \[0, 1\)"),
    (lambda m: solve(m, progress="yes"), "progress must be True, False or None"),
    (lambda m: solve(m, method="bogus"), "unknown method 'bogus'"),
    (lambda m: expected_utility(m, [1, 2]), r"a policy is a mapping \{decision: rule\}"),
])
def test_bad_arguments_are_diagram_errors(call: object, match: str) -> None:
    m = _mdp(2, 2, 2)
    with pytest.raises(cid.DiagramError, match=match):
        call(m)  # type: ignore[operator]


# ---------------------------------------------------------------------------- ties
def test_rare_observations_get_their_best_action() -> None:
    """P(S=1) = 1e-10: there action 1 is worth 5 and action 0 nothing; not a tie."""
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [1 - 1e-10, 1e-10],
                  "U": lambda S, D: float(D == 0) if S == 0 else 5.0 * D}, {"D": [0, 1]})
    for method in ("elimination", "spu"):
        sol = solve(m, method=method)  # type: ignore[arg-type]
        assert sol.policy["D"](S=1) == 1 and sol.policy["D"](S=0) == 0, method
        assert sol.ties == {"D": 0}, method


def test_ties_at_impossible_observations_are_not_counted() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [1.0, 0.0, 0.0], "U": lambda S, D: float(S == D)}, {"D": [0, 1, 2]})
    for method in ("elimination", "spu"):
        sol = solve(m, method=method)  # type: ignore[arg-type]
        assert sol.ties == {"D": 0} and sol.policy["D"](S=0) == 0, method
    real = Model(d, {"S": [0.5, 0.5, 0.0], "U": lambda S, D: float(S != 2)}, {"D": [0, 1, 2]})
    assert solve(real, method="spu").ties == {"D": 2}  # S=0, S=1: every action ties


# ---------------------------------------------------------------------------- method choice
def test_elimination_falls_back_to_the_requisite_observations() -> None:
    """D2 sees X, a trace of D1, but nothing depends on D2: over all of D2's observations no
    elimination order exists (X cannot be summed out before D2, nor D2 maximised before
    D1); over the requisite ones (none) it does."""
    d = cid.Diagram.from_edges(["S -> D1 -> U", "S -> U", "D1 -> X -> D2"],
                               decisions=["D1", "D2"], utilities=["U"])
    m = Model(d, {"S": [0.3, 0.7], "U": lambda S, D1: float(S == D1),
                  "X": lambda D1: {D1: 0.8, 1 - D1: 0.2}}, {"D1": [0, 1], "D2": [0, 1]})
    sol = solve(m)
    assert (sol.method, sol.exact) == ("elimination", True)
    assert sol.policy["D2"].parents == () and sol.policy["D2"].ignores == ("X",)
    assert sol.meu == pytest.approx(1.0)


@pytest.mark.parametrize("seed", [45, 106])
def test_spu_without_sufficient_recall_ends_at_a_local_optimum(seed: int) -> None:
    """Models where one pass of policy updating is not enough: the result must still be a
    local optimum (no decision alone can gain), checked by brute force."""
    from tests.support.random_models import best_response_gain

    m = small_random_model(seed, n=7, max_parents=2, decisions=3, utilities=2,
                           max_policies=20000)
    sol = solve(m, method="spu")
    assert not sol.exact and "local optimum" in sol.note
    for D in m.diagram.decisions:
        assert best_response_gain(m, sol.policy, D) <= 1e-9, D
    assert sol.iterations >= 3  # the second pass changed a rule


# ---------------------------------------------------------------------------- progress
def test_progress_bar_is_shown_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    m = _mdp(3, 2, 2)
    solve(m, progress=True)
    assert "eliminating" in capsys.readouterr().err
    solve(m, method="spu", progress=True)
    assert "policy updating" in capsys.readouterr().err
    solve(m, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_none_shows_a_bar_only_for_long_solves_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    import sys

    solve_module = sys.modules["cid.quant.solve"]
    m = _mdp(3, 2, 2)
    solve(m)  # small: no bar
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(solve_module, "PROGRESS_WORK", 0)
    solve(m)  # not a terminal (captured): no bar
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    solve(m)
    assert "eliminating" in capsys.readouterr().err
