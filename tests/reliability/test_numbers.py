"""Numbers that do not fit: utilities that are no finite real number, and utilities so large
that expected utilities would overflow. Never a raw ``TypeError``/``OverflowError``, never an
infinite MEU, never a silently wrong action.

The oracle for the bound and for optimal actions is exact rational arithmetic
(:class:`fractions.Fraction`), which cannot overflow.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import do

BOUND = Fraction(2) ** 1000
DIAGRAM = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
TWO = cid.Diagram.from_edges(["S -> D", "S, D -> U1", "S, D -> U2"], decisions=["D"],
                             utilities=["U1", "U2"])


def model(utility: object = None, diagram: cid.Diagram = DIAGRAM, **more: object) -> cid.Model:
    """A model of ``DIAGRAM`` with utility ``utility``, or of ``diagram`` with ``more``."""
    cpds = {"S": [0.5, 0.5], **({"U": utility} if utility is not None else more)}
    return cid.Model(diagram, cpds=cpds, domains={"D": [0, 1]})


# ------------------------------------------------------------------ values that are no number
@pytest.mark.parametrize(("utility", "shown"), [
    (lambda S, D: np.array([1.0, 2.0]), "array([1., 2.])"),
    (lambda S, D: np.array(1.0), "array(1.)"),
    (lambda S, D: 10**400, "an integer of 401 digits, too large for a float"),
    (lambda S, D: -(10**400) if S else 0.0, "an integer of 401 digits, too large for a float"),
    (lambda S, D: {10**400: 1.0}, "{1000000"),
    (lambda S, D: {1.0: 10**400}, "{1.0: 1000000"),
    (lambda S, D: [1, 2], "[1, 2]"),
    (lambda S, D: float("inf"), "inf"),
])
def test_a_function_giving_no_finite_number_names_the_node_and_the_parents(
        utility: object, shown: str) -> None:
    with pytest.raises(cid.ModelIncompleteError) as info:
        model(utility)
    problems = info.value.problems  # type: ignore[attr-defined]
    assert problems[0].startswith("U: a utility must be a finite real number")
    assert shown in problems[0] and ("S=1" in problems[0] or "S=0" in problems[0])
    assert all(len(p) < 300 for p in problems)  # a 401-digit number is not printed whole


@pytest.mark.parametrize("spec", [10**400, [[10**400, 0], [0, 0]], float("nan")])
def test_a_table_or_constant_too_large_for_a_float_is_a_model_error(spec: object) -> None:
    with pytest.raises(cid.ModelIncompleteError, match=r"^model 'diagram' has 1 invalid spec:\n"
                                                       r"  - U: "):
        model(spec)


def test_probabilities_too_large_for_a_float_are_a_model_error() -> None:
    chain = cid.Diagram.from_edges(["S -> T"])
    for cpds in ({"S": {0: 10**400, 1: 0}, "T": lambda S: S},
                 {"S": [0.5, 0.5], "T": lambda S: {0: 10**400}},
                 {"S": [10**400, 0.5], "T": lambda S: S}):
        with pytest.raises(cid.ModelIncompleteError) as info:
            cid.Model(chain, cpds=cpds)
        assert "401 digits" in str(info.value) or "cannot read" in str(info.value)


# ------------------------------------------------------------------ overflow in expectations
def test_two_utilities_of_1e308_are_refused_not_an_infinite_meu() -> None:
    with pytest.raises(cid.ModelIncompleteError) as info:
        model(diagram=TWO, U1=lambda S, D: 1e308, U2=lambda S, D: 1e308)
    text = str(info.value)
    assert "U1, U2: the largest absolute utilities sum to more than the float limit" in text
    assert "rescale the utilities" in text


def test_plus_and_minus_1e308_are_refused_not_a_wrong_action() -> None:
    """U1 + U2 is 1 for D=0 and 0 for D=1 (in exact arithmetic); floats made it a tie or
    worse, with only a numpy warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no numpy overflow warning on the way
        with pytest.raises(cid.ModelIncompleteError, match="U1, U2: the largest absolute"):
            model(diagram=TWO, U1=lambda S, D: 1e308 if D else 0.0,
                  U2=lambda S, D: -1e308 if D else 1.0)


def test_do_cannot_push_the_utilities_over_the_bound() -> None:
    m = model(diagram=TWO, U1=lambda S, D: 1e300, U2=lambda S, D: float(S == D))
    with pytest.raises(cid.ModelIncompleteError, match="U2, U1: the largest absolute"):
        do(m, {"U2": 1e301})
    assert cid.solve(do(m, {"U2": 1.0})).meu == pytest.approx(1e300 + 1.0)


magnitudes = st.sampled_from([0.0, 1.0, 1e10, 1e150, 1e300, 2.0**999, 2.0**1000, 1e301,
                              1e307, 1e308, 1.7976931348623157e308])
utility_values = st.builds(lambda m, sign, f: sign * m * f, magnitudes, st.sampled_from([1, -1]),
                           st.sampled_from([1.0, 0.5, 0.999, 1e-300]))
tables = st.lists(utility_values, min_size=4, max_size=4).map(
    lambda xs: [[xs[0], xs[1]], [xs[2], xs[3]]])


@settings(max_examples=120, deadline=None)
@given(u1=tables, u2=tables, p=st.sampled_from([0.5, 0.01, 1e-12, 0.999]))
def test_never_a_silent_wrong_action(u1: list[list[float]], u2: list[list[float]],
                                     p: float) -> None:
    """Either the model is refused (exactly when the exact sum of the largest absolute
    utilities exceeds 2**1000) or the solver's MEU is finite and its action for each
    observation is optimal in exact arithmetic, up to float rounding of the utilities."""
    largest = sum(max(abs(Fraction(v)) for row in u for v in row) for u in (u1, u2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warnings would be errors
        try:
            m = cid.Model(TWO, cpds={"S": [p, 1 - p], "U1": u1, "U2": u2},
                          domains={"D": [0, 1]})
        except cid.ModelIncompleteError as err:
            assert largest > BOUND, err
            assert "rescale the utilities" in str(err)
            return
        assert largest <= BOUND
        sol = cid.solve(m)
    assert np.isfinite(sol.meu)
    slack = largest * Fraction(1, 10**9)  # float rounding, relative to the utilities' size
    for s in (0, 1):
        exact = [Fraction(u1[s][d]) + Fraction(u2[s][d]) for d in (0, 1)]
        chosen = sol.policy["D"](S=s)
        assert exact[chosen] >= max(exact) - slack, (s, exact, chosen)
    meu = sum(Fraction(q) * max(Fraction(u1[s][d]) + Fraction(u2[s][d]) for d in (0, 1))
              for s, q in ((0, p), (1, 1 - p)))
    assert abs(Fraction(sol.meu) - meu) <= slack + abs(meu) * Fraction(1, 10**9)
