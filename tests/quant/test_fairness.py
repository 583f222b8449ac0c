"""introduced_total_effect against a brute-force computation over every joint assignment."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import introduced_total_effect, solve
from tests.support.random_models import brute_force_meu, full_rule_table


def _random_prediction_model(seed: int) -> cid.Model:
    """A sensitive A, a skill S, features X1, X2 (each of A and/or S), a label Y (of S and
    maybe A), a predictor D seeing a random non-empty set of {A, X1, X2}; U = -(D - Y)^2."""
    rng = np.random.default_rng(seed)
    edges = ["A -> X1", "S -> X1", "S -> Y", "D, Y -> U"]
    if rng.random() < 0.5:
        edges.append("A -> X2")
    if rng.random() < 0.5:
        edges.append("S -> X2")
    if rng.random() < 0.3:
        edges.append("A -> Y")
    seen = [n for n in ("A", "X1", "X2") if rng.random() < 0.6] or ["X1"]
    edges += [f"{n} -> D" for n in seen]
    d = cid.Diagram.from_edges(edges, decisions=["D"], utilities=["U"])
    cards = {"A": 2, "S": int(rng.integers(2, 4)), "X1": 2, "X2": 2, "Y": 3}
    cpds: dict[str, object] = {}
    for n in ("A", "S", "X1", "X2", "Y"):
        if n not in d.nodes:
            continue
        shape = tuple(cards[p] for p in d.parents(n))
        cpds[n] = rng.dirichlet(np.ones(cards[n]), size=shape or None)
    cpds["U"] = lambda D, Y: -float(D - Y) ** 2
    domains = {n: list(range(c)) for n, c in cards.items() if n in d.nodes}
    domains["D"] = [0, 1, 2]
    return cid.Model(d, cpds, domains)


def _expected(model: cid.Model, rule: np.ndarray, a: int) -> dict[str, float]:
    """E[D] and E[Y] under do(A = a), summing over every joint assignment."""
    d = model.diagram
    nodes = [n for n in d.topological_order if d.kind(n) != "utility"]
    cards = [len(model.domain(n)) for n in nodes]
    out = {"D": 0.0, "Y": 0.0}
    for values in itertools.product(*(range(c) for c in cards)):
        x = dict(zip(nodes, values, strict=True))
        p = 1.0
        for n in nodes:
            pa = tuple(x[q] for q in d.parents(n))
            if n == "A":
                p *= float(x[n] == a)
            elif n == "D":
                p *= rule[pa + (x[n],)]
            else:
                p *= model.cpd(n).table[pa + (x[n],)]
        out["D"] += p * model.domain("D")[x["D"]]
        out["Y"] += p * model.domain("Y")[x["Y"]]
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_introduced_total_effect_matches_brute_force(seed: int) -> None:
    m = _random_prediction_model(seed)
    sol = solve(m)
    assert sol.meu == pytest.approx(brute_force_meu(m)[0], abs=1e-9)  # an optimal predictor
    rule = full_rule_table(m, "D", sol.policy["D"])
    one, zero = _expected(m, rule, 1), _expected(m, rule, 0)
    expected = abs(one["D"] - zero["D"]) - abs(one["Y"] - zero["Y"])
    got = introduced_total_effect(m, "A", 1, 0, decision="D", label="Y")
    assert got == pytest.approx(expected, abs=1e-9)
    given_rule = introduced_total_effect(m, "A", 1, 0, decision="D", label="Y",
                                         policy=sol.policy)
    assert given_rule == pytest.approx(expected, abs=1e-9)


def test_bad_arguments() -> None:
    m = _random_prediction_model(0)
    with pytest.raises(cid.DiagramError, match="not the predictor's decision"):
        introduced_total_effect(m, "A", 1, 0, decision="Y", label="D")
    with pytest.raises(cid.DiagramError, match="is a decision"):
        introduced_total_effect(m, "D", 1, 0, decision="D", label="Y")
