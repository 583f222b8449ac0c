"""Exact inference against an independent brute-force joint enumeration."""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import conditional, expected_utility, marginal
from tests.support.random_models import brute_force_eu, joint_table, random_model


def _random_policy(model: cid.Model, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    d = model._diagram
    return {D: rng.dirichlet(np.ones(len(model.domain(D))),
                             size=tuple(len(model.domain(p)) for p in d.parents(D)) or None)
            for D in d.decisions}


@pytest.mark.parametrize("seed", range(25))
def test_marginals_conditionals_and_eu_match_enumeration(seed: int) -> None:
    m = random_model(seed, n=6, max_parents=3)
    policy = _random_policy(m, seed)
    variables, prob, util = joint_table(m, policy)
    assignments = np.array(np.meshgrid(*(np.arange(len(m.domain(v))) for v in variables),
                                       indexing="ij")).reshape(len(variables), -1).T
    rng = np.random.default_rng(seed)
    target = variables[int(rng.integers(len(variables)))]
    i = variables.index(target)
    expected = np.bincount(assignments[:, i], weights=prob, minlength=len(m.domain(target)))
    np.testing.assert_allclose(marginal(m, target, policy=policy).table, expected, atol=1e-12)
    others = [v for v in variables if v != target]
    if others:
        ev = others[int(rng.integers(len(others)))]
        j = variables.index(ev)
        mask = assignments[:, j] == 0
        if prob[mask].sum() > 1e-12:
            cond = np.bincount(assignments[mask, i], weights=prob[mask],
                               minlength=len(m.domain(target))) / prob[mask].sum()
            got = conditional(m, target, given={ev: m.domain(ev)[0]}, policy=policy)
            np.testing.assert_allclose(got.table, cond, atol=1e-12)
    assert expected_utility(m, policy) == pytest.approx(float(prob @ util), abs=1e-9)
    assert expected_utility(m, policy) == pytest.approx(brute_force_eu(m, policy), abs=1e-9)


def test_joint_marginal_and_distribution_access() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    m = cid.Model(d, {"X": {"a": 0.25, "b": 0.75},
                      "Y": lambda X: {0: 0.5, 1: 0.5} if X == "a" else 1})
    joint = marginal(m, ["X", "Y"])
    assert joint[("b", 1)] == 0.75 and joint[("a", 0)] == 0.125
    assert marginal(m, "Y").expectation() == pytest.approx(0.875)
    impossible = cid.Model(d, {"X": [1.0, 0.0], "Y": lambda X: X})
    with pytest.raises(cid.DiagramError, match="probability 0"):
        conditional(impossible, "X", given={"Y": 1})


def test_missing_rule_is_named() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    m = cid.Model(d, {"S": [0.5, 0.5], "U": lambda D: float(D)}, {"D": [0, 1]})
    with pytest.raises(cid.ModelIncompleteError, match="no rule for decision D"):
        expected_utility(m)
    assert marginal(m, "S")[1] == 0.5  # S does not depend on D: no rule needed


def test_eu_of_a_long_chain_is_one_pass() -> None:
    """Expected utility sums every utility node in one contraction (linear in the length)."""
    d = cid.Diagram("chain")
    cpds: dict[str, object] = {}
    for t in range(200):
        d = d.chance(f"S{t}", [f"S{t - 1}"] if t else [])
        cpds[f"S{t}"] = [[0.9, 0.1], [0.2, 0.8]] if t else [1.0, 0.0]
        d = d.utility(f"R{t}", [f"S{t}"])
        cpds[f"R{t}"] = [0.0, 1.0]
    m = cid.Model(d, cpds)
    p = np.array([1.0, 0.0])
    total = 0.0
    for _ in range(200):
        total += p[1]
        p = p @ np.array([[0.9, 0.1], [0.2, 0.8]])
    assert expected_utility(m) == pytest.approx(total)
