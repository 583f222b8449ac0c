"""Counterfactuals on twin networks, with the monotone coupling of stochastic CPDs."""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import Model, counterfactual, marginal
from cid.quant.counterfactual import coupled_noise
from cid.quant.cpd import resolve_chance
from cid.quant.domains import Domain


def test_coupled_noise_reproduces_the_cpd() -> None:
    rng = np.random.default_rng(0)
    table = rng.dirichlet(np.ones(4), size=(3, 2))
    doms = (Domain(range(3)), Domain(range(2)))
    cpd, problems = resolve_chance("X", table, ("A", "B"), doms, None)
    assert not problems and cpd is not None
    p_noise, det = coupled_noise(cpd)
    assert p_noise.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(np.einsum("j,abjx->abx", p_noise, det), table, atol=1e-12)
    assert set(np.unique(det)) <= {0.0, 1.0}


def test_deterministic_scm_counterfactual() -> None:
    """With explicit noise and deterministic mechanisms, the answer is the SCM's."""
    d = cid.Diagram.from_edges(["N -> X -> Y", "N -> Y"])
    m = Model(d, {"N": [0.3, 0.7], "X": lambda N: N, "Y": lambda X, N: X ^ N})
    cf = counterfactual(m, "Y", do={"X": 1}, given={"Y": 0})
    # Y = 0 means X = N; then X := 1 gives Y = 1 ^ N: 1 when N = 0 (prob 0.3)
    assert cf.as_dict() == {0: 0.7, 1: 0.3}
    # a non-descendant keeps its factual value
    assert counterfactual(m, "N", do={"X": 1}, given={"N": 1}).as_dict() == {0: 0.0, 1: 1.0}


def test_counterfactual_without_evidence_is_interventional() -> None:
    rng = np.random.default_rng(2)
    d = cid.Diagram.from_edges(["A -> B -> C", "A -> C"])
    m = Model(d, {"A": rng.dirichlet(np.ones(2)), "B": rng.dirichlet(np.ones(3), size=2),
                  "C": rng.dirichlet(np.ones(2), size=(3, 2))})  # parents (B, A)
    cf = counterfactual(m, "C", do={"B": 2})
    np.testing.assert_allclose(cf.table, marginal(cid.do(m, {"B": 2}), "C").table, atol=1e-12)


def test_monotone_coupling_of_a_binary_noisy_copy() -> None:
    """Y copies X with noise; had X been flipped, Y flips unless the noise decided it."""
    d = cid.Diagram.from_edges(["X -> Y"])
    m = Model(d, {"X": [0.5, 0.5], "Y": [[0.9, 0.1], [0.1, 0.9]]})
    cf = counterfactual(m, "Y", do={"X": 1}, given={"X": 0, "Y": 0})
    # factual Y=0 given X=0 means U < 0.9; with X=1, Y=0 iff U < 0.1: P = 0.1 / 0.9
    assert cf[0] == pytest.approx(0.1 / 0.9)


def test_decisions_need_a_policy() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    m = Model(d, {"S": [0.5, 0.5], "U": lambda D: float(D)}, {"D": [0, 1]})
    with pytest.raises(cid.ModelIncompleteError, match="no rule for decision D"):
        counterfactual(m, "U", do={"S": 1})
    cf = counterfactual(m, "D", do={"S": 1}, given={"D": 0}, policy={"D": lambda S: S})
    assert cf.as_dict() == {0: 0.0, 1: 1.0}
