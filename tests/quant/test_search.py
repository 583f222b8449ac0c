"""Exact team solving without sufficient recall: branch and bound, budget, bound, off-switch."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cid
from cid.graph import minimal_d_reduction, relevance_graph
from cid.quant import Model, solve
from cid.quant._search import cutset, no_forgetting_parents
from tests.support.random_models import brute_force_eu, brute_force_meu, policy_count, random_model
from tests.support.signalling_models import direct_signalling
from zoo.off_switch import OPTIMUM, UA_PRIOR, off_switch


def _soluble(m: Model) -> bool:
    d = m.diagram
    G = nx.DiGraph(d.edge_list)
    G.add_nodes_from(d.nodes)
    R = minimal_d_reduction(G, decisions=d.decisions, utilities=d.utilities)
    return nx.is_directed_acyclic_graph(relevance_graph(R, decisions=d.decisions,
                                                        utilities=d.utilities))


def _non_soluble(seed: int, *, observed: bool = False) -> Model | None:
    """A random model whose relevance graph has a cycle; with ``observed``, the last decision
    also sees the first one's action (a decision observing a decision)."""
    for attempt in range(60):
        m = random_model(seed * 100 + attempt, n=7, max_parents=2, decisions=3, utilities=2,
                         max_card=2)
        d = m.diagram
        first, last = d.decisions[0], d.decisions[-1]
        if observed and first not in d.parents(last):
            if any(d.children(u) for u in d.utilities):
                continue
            m = _on(m, d.with_edge(first, last))
        if policy_count(m) <= 5000 and not _soluble(m):
            return m
    return None


def _on(m: Model, diagram: cid.Diagram) -> Model:
    """The model's tables on ``diagram`` (same nodes; a new information link only)."""
    d = m.diagram
    cpds: dict[str, object] = {n: m.cpd(n).table for n in d.chance_nodes}
    cpds.update({u: m.utility(u).values for u in d.utilities})
    return Model(diagram, cpds, {D: list(m.domain(D).values) for D in d.decisions})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.booleans())
def test_default_solve_is_exact_without_sufficient_recall(seed: int, observed: bool) -> None:
    """On random models whose relevance graph has a cycle, the default solve finds the MEU
    that enumerating every deterministic policy (an oracle sharing no code) finds."""
    m = _non_soluble(seed, observed=observed)
    if m is None:
        return
    best, _ = brute_force_meu(m)
    sol = solve(m)
    assert sol.exact and sol.upper_bound == pytest.approx(sol.meu)
    assert sol.meu == pytest.approx(best, abs=1e-9)
    assert brute_force_eu(m, sol.policy) == pytest.approx(best, abs=1e-9)


def test_the_off_switch_game_is_solved_exactly_by_default() -> None:
    m = off_switch()
    sol = solve(m)
    assert sol.exact and sol.meu == pytest.approx(OPTIMUM)
    # the policy is worth 0.9 (counted over every joint assignment), and no policy can beat
    # a team that always knows Ua: E[max(Ua, 0)] (enumerating all 786,432 policies agrees,
    # but takes a minute)
    assert brute_force_eu(m, sol.policy) == pytest.approx(OPTIMUM)
    assert sum(p * max(u, 0) for u, p in UA_PRIOR.items()) == pytest.approx(OPTIMUM)
    R1, H, R2 = (sol.policy[n] for n in ("R1", "H", "R2"))
    assert R1() == "propose"
    for ua in (-2, -1, 1, 3):  # the robot acts exactly when the action is good
        assert (R2(R1="propose", H=H(R1="propose", Ua=ua)) == "act") == (ua > 0)
    local = solve(m, method="spu")
    assert not local.exact and local.meu < OPTIMUM


def test_a_spent_budget_gives_a_labelled_local_optimum_with_its_bound() -> None:
    m = off_switch()
    sol = solve(m, budget=1)
    assert not sol.exact and "local optimum" in sol.note and "budget" in sol.note
    assert sol.upper_bound == pytest.approx(OPTIMUM)  # the no-forgetting relaxation's MEU
    assert sol.meu <= OPTIMUM + 1e-9
    assert "at most 0.9" in str(sol)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_the_bound_is_never_below_the_optimum(seed: int) -> None:
    """Whatever the budget, the reported bound is at least the enumerated MEU."""
    m = _non_soluble(seed)
    if m is None:
        return
    best, _ = brute_force_meu(m)
    sol = solve(m, budget=1)
    assert sol.upper_bound is not None and sol.upper_bound >= best - 1e-9
    assert sol.meu <= best + 1e-9


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 7))
def test_cutset_leaves_an_acyclic_graph_and_is_minimal_on_small_graphs(seed: int, n: int
                                                                      ) -> None:
    rng = np.random.default_rng(seed)
    nodes = [f"D{i}" for i in range(n)]
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from((a, b) for a in nodes for b in nodes if a != b and rng.random() < 0.35)
    weight = {v: float(rng.integers(1, 5)) for v in nodes}
    cut = cutset(G, weight)
    assert nx.is_directed_acyclic_graph(G.subgraph(set(nodes) - set(cut)))
    best = min(  # oracle: every subset
        sum(weight[nodes[i]] for i in range(n) if mask >> i & 1)
        for mask in range(2**n)
        if nx.is_directed_acyclic_graph(G.subgraph(
            [nodes[i] for i in range(n) if not mask >> i & 1])))
    assert sum(weight[v] for v in cut) == pytest.approx(best)


def test_no_forgetting_parents_keep_the_diagram_acyclic() -> None:
    d = cid.Diagram.from_edges(["S -> D1", "D1 -> T", "T -> D2", "D2 -> U", "S -> U"],
                               decisions=["D1", "D2"], utilities=["U"])
    pa = no_forgetting_parents(d, ["D1", "D2"])
    assert pa == {"D1": ["S"], "D2": ["T", "D1", "S"]}
    assert no_forgetting_parents(d, ["D1"]) == {"D1": ["S"]}


def _signalling(seed: int) -> Model:
    """D1 sees a hidden H; D2 sees only a noisy copy O of D1's action; U(H, D1, D2) shared.
    Each decision relies on the other (no sufficient recall), and the no-forgetting bound
    (D2 also seeing H) is usually not reached: the exact search must run."""
    rng = np.random.default_rng(seed)
    kh, k1, k2, ko = (int(rng.integers(2, 4)) for _ in range(4))
    d = cid.Diagram.from_edges(["H -> D1 -> O -> D2", "H, D1, D2 -> U"],
                               decisions=["D1", "D2"], utilities=["U"])
    cpds = {"H": rng.dirichlet(np.ones(kh)), "O": rng.dirichlet(np.ones(ko) * 0.5, size=k1),
            "U": np.round(rng.normal(size=(kh, k1, k2)) * 3, 1)}
    return Model(d, cpds, {"D1": list(range(k1)), "D2": list(range(k2)),
                           "O": list(range(ko))})


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_the_exact_search_finds_the_optimum_of_signalling_games(seed: int) -> None:
    m = _signalling(seed)
    best, _ = brute_force_meu(m)
    sol = solve(m)
    assert sol.exact and sol.meu == pytest.approx(best, abs=1e-9)
    assert brute_force_eu(m, sol.policy) == pytest.approx(best, abs=1e-9)


def test_signalling_games_exercise_the_search() -> None:
    methods = {solve(_signalling(seed)).method for seed in range(30)}
    assert "search" in methods


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_a_decision_observed_by_another_is_not_maximised_before_it(seed: int) -> None:
    """D2 reads D1's action, so D1's rule is only optimal once D2's response is known:
    elimination must not maximise D1 first (it would choose D1 as if D2 ignored it)."""
    m = direct_signalling(seed)
    best, _ = brute_force_meu(m)
    sol = solve(m)
    assert sol.exact and sol.meu == pytest.approx(best, abs=1e-9)
    assert brute_force_eu(m, sol.policy) == pytest.approx(best, abs=1e-9)
    try:
        eliminated = solve(m, method="elimination")
    except cid.DiagramError:  # no valid order: refused, not a wrong answer
        return
    assert eliminated.meu == pytest.approx(best, abs=1e-9)


def test_a_signal_through_a_decision_is_found() -> None:
    """S is a fair coin; D0 sees S, D3 sees only D0; U pays 1 when D3 equals S (and a chance
    C hangs off S and D0). Copying S into D0 and D0 into D3 earns 1; a D0 chosen as if D3
    ignored it earns 0.5, which elimination once returned as exact."""
    d = cid.Diagram.from_edges(["S -> D0 -> D3 -> U", "S -> U", "S, D0 -> C"],
                               decisions=["D0", "D3"], utilities=["U"])
    m = Model(d, {"S": [0.5, 0.5], "C": [[[0.3, 0.7], [0.6, 0.4]], [[0.9, 0.1], [0.2, 0.8]]],
                  "U": lambda S, D3: float(S == D3)}, {"D0": [0, 1], "D3": [0, 1], "C": [0, 1]})
    assert brute_force_meu(m)[0] == pytest.approx(1.0)
    sol = solve(m)
    assert sol.exact and sol.meu == pytest.approx(1.0)
    for s in (0, 1):
        assert sol.policy["D3"](D0=sol.policy["D0"](S=s)) == s
    with pytest.raises(cid.DiagramError, match="no elimination order"):
        solve(m, method="elimination")
    assert cid.quant.compile(m).solve(m).meu == pytest.approx(1.0)
