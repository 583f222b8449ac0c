"""CPD specs: tables, dicts and functions (by name, positionally, as a mapping); utilities."""

from __future__ import annotations

import numpy as np
import pytest

import cid
from cid.quant import Function, Model


@pytest.fixture
def d() -> cid.Diagram:
    return cid.Diagram.from_edges(["S1 -> S2", "A1 -> S2", "S2 -> R"], decisions=["A1"],
                                  utilities=["R"])


def test_table_axes_follow_parent_order(d: cid.Diagram) -> None:
    table = np.array([[[0.9, 0.1], [0.2, 0.8]], [[0.5, 0.5], [0.0, 1.0]]])  # (S1, A1, S2)
    m = Model(d, {"S1": [0.5, 0.5], "S2": table, "R": [0.0, 1.0]}, {"A1": ["l", "r"]})
    cpd = m.cpd("S2")
    assert cpd.parents == ("S1", "A1")
    assert cpd.distribution(S1=0, A1="r") == {0: 0.2, 1: 0.8}
    assert cpd.distribution(1, "l") == {0: 0.5, 1: 0.5}
    assert m.domain("S2") == (0, 1)


def test_function_call_styles_agree(d: cid.Diagram) -> None:
    def by_name(A1: str, S1: int) -> dict[int, float]:  # noqa: N803 - parent names
        return {S1: 0.7, 1 - S1: 0.3} if A1 == "r" else {0: 1.0}

    specs = [
        by_name,
        lambda s, a: by_name(A1=a, S1=s),
        Function(lambda pa: by_name(**pa), call="mapping"),
        lambda pa: by_name(**pa),  # one argument, two parents: a mapping
    ]
    tables = [Model(d, {"S1": [0.5, 0.5], "S2": f, "R": [0.0, 1.0]}, {"A1": ["l", "r"]})
              .cpd("S2").table for f in specs]
    for t in tables[1:]:
        np.testing.assert_array_equal(t, tables[0])
    assert tables[0][1, 1].tolist() == [0.3, 0.7]


def test_function_domain_is_inferred_sorted_or_declared(d: cid.Diagram) -> None:
    m = Model(d, {"S1": {"b": 0.5, "a": 0.5}, "S2": lambda S1, A1: 10 if S1 == "a" else -1,
                  "R": lambda S2: float(S2)}, {"A1": [0]})
    assert m.domain("S1") == ("b", "a")  # dict order kept
    assert m.domain("S2") == (-1, 10)  # function values sorted
    m2 = Model(d, {"S1": {"b": 0.5, "a": 0.5}, "S2": lambda S1, A1: 10,
                   "R": lambda S2: float(S2)}, {"A1": [0], "S2": [10, -1, 3]})
    assert m2.domain("S2") == (10, -1, 3)
    assert m2.cpd("S2").table[0, 0].tolist() == [1.0, 0.0, 0.0]


def test_problems_name_node_and_parent_values(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError) as err:
        Model(d, {"S1": [0.5, 0.4],
                  "S2": lambda S1, A1: 1 / A1,
                  "R": lambda S2: "high"}, {"A1": [0, 1]})
    text = str(err.value)
    assert "S1: probabilities for no parents sum to 0.9, not 1" in text
    assert "S2: the function raised ZeroDivisionError" in text and "A1=0" in text
    assert err.value.problems  # type: ignore[attr-defined]


def test_values_outside_declared_domain_and_bad_shapes(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError) as err:
        Model(d, {"S1": [0.5, 0.5], "S2": lambda S1, A1: 7, "R": [[1.0, 2.0]]},
              {"A1": [0, 1], "S2": [0, 1]})
    text = str(err.value)
    assert "S2: the function returned 7 for S1=0, A1=0, not in the domain (0, 1)" in text
    assert "R: the utility table has shape (1, 2), expected (|S2|=2)" in text
    with pytest.raises(cid.ModelIncompleteError, match=r"S2: the table has shape \(2, 2\), "
                       r"expected \(\|S1\|=2, \|A1\|=2, \|S2\|\)"):
        Model(d, {"S1": [0.5, 0.5], "S2": [[0.5, 0.5], [0.5, 0.5]]}, {"A1": [0, 1]})


def test_negative_and_many_bad_rows_are_summarised() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    table = np.full((5, 2), 0.6)
    table[0] = [1.2, -0.2]
    with pytest.raises(cid.ModelIncompleteError) as err:
        Model(d, {"X": np.full(5, 0.2), "Y": table})
    text = str(err.value)
    assert "Y: negative probability for X=0" in text
    assert "and 1 more parent configurations not summing to 1" in text


def test_dict_for_a_non_root_is_refused(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError, match="dict is for root nodes"):
        Model(d, {"S1": [0.5, 0.5], "S2": {0: 1.0}}, {"A1": [0]})


def test_utility_forms() -> None:
    d = cid.Diagram.from_edges(["X -> U", "X -> V"], utilities=["U", "V", "W"])
    m = Model(d, {"X": [0.25, 0.75], "U": [1.0, 3.0],
                  "V": lambda X: {0.0: 0.5, 10.0: 0.5} if X else 2.0, "W": 4})
    assert m.utility("U")(X=1) == 3.0
    assert m.utility("V").values.tolist() == [2.0, 5.0]
    assert m.utility("W").values.shape == ()
    assert cid.expected_utility(m) == pytest.approx(0.25 * 1 + 0.75 * 3 + 0.25 * 2 + 0.75 * 5 + 4)


def test_uncallable_signature_is_explained() -> None:
    d = cid.Diagram.from_edges(["X -> Y", "Z -> Y"])

    def f(a: int, b: int, c: int) -> int:
        return 0

    with pytest.raises(cid.ModelIncompleteError, match=r"cannot pass the parents \(X, Z\)"):
        Model(d, {"X": [1.0], "Z": [1.0], "Y": f})


def test_cpd_str_draws_the_table() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    m = Model(d, {"X": [0.5, 0.5], "Y": [[1.0, 0.0], [0.25, 0.75]]})
    assert str(m.cpd("Y")).splitlines() == ["X  Y=0   Y=1", "0  1     0", "1  0.25  0.75"]
