"""cid.games against the brute-force oracle of tests/games/oracle.py on random small MAIDs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid import games
from tests.games.oracle import Oracle, random_maid

seeds = st.integers(0, 10**6)


def _keys(profiles: list[dict[str, np.ndarray]], decisions: tuple[str, ...]) -> list[bytes]:
    return sorted(b"|".join(np.asarray(p[D], dtype=float).tobytes() for D in decisions)
                  for p in profiles)


def _tables(eqs: list[games.Equilibrium]) -> list[dict[str, np.ndarray]]:
    return [{D: r.table for D, r in eq.policy.items()} for eq in eqs]


@settings(max_examples=25)
@given(seeds)
def test_pure_nash_equilibria_match_the_oracle(seed: int) -> None:
    model = random_maid(seed)
    oracle = Oracle(model)
    ds = model.diagram.decisions
    found = games.pure_nash_equilibria(model)
    assert _keys(_tables(found), ds) == _keys(oracle.pure_ne(), ds)
    for eq in found:  # the reported utilities are the oracle's
        truth = oracle.values({D: r.table for D, r in eq.policy.items()})
        for a, v in truth.items():
            assert abs(eq.expected_utility[a] - v) < 1e-9


@settings(max_examples=20)
@given(seeds)
def test_subgame_perfect_equilibria_match_the_oracle(seed: int) -> None:
    model = random_maid(seed, max_profiles=64)
    ds = model.diagram.decisions
    found = games.subgame_perfect_equilibria(model)
    assert _keys(_tables(found), ds) == _keys(Oracle(model).spe(), ds)
    assert all(eq.kind == "subgame perfect" and eq.pure for eq in found)


@settings(max_examples=30)
@given(seeds)
def test_relevance_graph_and_subgames_match_the_oracle(seed: int) -> None:
    model = random_maid(seed)
    d = model.diagram
    oracle = Oracle(model)
    R = games.relevance_graph(d)
    expected = {(D, E) for D in d.decisions for E in d.decisions
                if D != E and oracle.relies(D, E)}
    assert set(R.edges) == expected
    assert sorted(map(sorted, games.subgames(d))) == sorted(map(sorted, oracle.closed_sets()))
    comps = games.condensation(d)
    assert sorted(D for c in comps for D in c) == sorted(d.decisions)
    position = {D: i for i, c in enumerate(comps) for D in c}
    assert all(position[D] <= position[E] for D, E in R.edges)


@settings(max_examples=30)
@given(seeds)
def test_r_reachable_matches_a_new_parent_d_connection(seed: int) -> None:
    model = random_maid(seed)
    d = model.diagram
    oracle = Oracle(model)
    for D in d.decisions:
        others = [n for n in d.nodes if n != D]
        assert games.r_reachable(d, [D], others) == {n for n in others if oracle.relies(D, n)}


@settings(max_examples=20)
@given(seeds, st.integers(0, 10**6))
def test_subgame_keeps_each_agents_utility_up_to_the_dropped_nodes(seed: int, pick: int) -> None:
    model = random_maid(seed)
    d = model.diagram
    oracle = Oracle(model)
    closed = games.subgames(d)
    chosen = closed[pick % len(closed)]
    sub = games.subgame(model, chosen)
    assert sub.diagram.decisions == tuple(D for D in d.decisions if D in chosen)
    rng = np.random.default_rng(pick)
    profile = {D: oracle.uniform(D) for D in d.decisions}
    for D in chosen:
        rules = oracle.pure_rules(D)
        profile[D] = rules[int(rng.integers(len(rules)))]
    kept = set(sub.diagram.utilities)
    full = oracle.values(profile)
    dropped = {a: sum(cid.quant.expectation(model, u, policy=_policy(model, profile))
                      for u in d.utilities_of(a) if u not in kept) for a in d.agents}
    policy = {D: profile[D] for D in chosen}
    assert sub.diagram.agents
    for a in sub.diagram.agents:
        in_sub = cid.expected_utility(sub, _policy(sub, policy), agent=a)
        assert abs(in_sub - (full[a] - dropped[a])) < 1e-9


def _policy(model: cid.Model, tables: dict[str, np.ndarray]) -> dict[str, object]:
    return dict(tables)
