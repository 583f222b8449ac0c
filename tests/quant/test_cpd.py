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
    assert "and 1 more parent configuration not summing to 1" in text


def test_dict_for_a_non_root_is_refused(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError, match="dict is for root nodes"):
        Model(d, {"S1": [0.5, 0.5], "S2": {0: 1.0}}, {"A1": [0]})


def test_utility_forms() -> None:
    d = cid.Diagram.from_edges(["X -> U", "X -> V"], utilities=["U", "V", "W"],
                               nodes=["W"])
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

    with pytest.raises(cid.ModelIncompleteError,
                       match=r"cannot tell how to pass the parents \(X, Z\)"):
        Model(d, {"X": [1.0], "Z": [1.0], "Y": f})


def test_cpd_str_draws_the_table() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    m = Model(d, {"X": [0.5, 0.5], "Y": [[1.0, 0.0], [0.25, 0.75]]})
    assert str(m.cpd("Y")).splitlines() == ["X  Y=0   Y=1", "0  1     0", "1  0.25  0.75"]


# ---------------------------------------------------------------------------- binding rule
def _s2(d: cid.Diagram, spec: object) -> Model:
    return Model(d, {"S1": [0.2, 0.8], "S2": spec, "R": lambda S2: float(S2)}, {"A1": [0, 1]})


def test_binding_by_name_positional_or_mapping(d: cid.Diagram) -> None:
    """S2 | (S1, A1): the same CPD whichever way the parents are received."""
    def by_name(A1: int, S1: int, scale: float = 1.0) -> dict[int, float]:  # noqa: N803
        return {0: 0.9, 1: 0.1} if (A1, S1) == (1, 0) else {S1: 1.0}

    want = _s2(d, by_name).cpd("S2").table
    assert want[0, 1].tolist() == [0.9, 0.1] and want[1, 0].tolist() == [0.0, 1.0]
    for spec in [lambda s, a: by_name(A1=a, S1=s),
                 lambda *vals: by_name(A1=vals[1], S1=vals[0]),
                 lambda pa: by_name(**pa),
                 lambda **kw: by_name(**kw),
                 lambda s, a, noise=0.0: by_name(A1=a, S1=s),
                 Function(lambda pa, scale=1: by_name(**pa), call="mapping"),
                 Function(lambda x, y: by_name(A1=y, S1=x), call="positional")]:
        np.testing.assert_array_equal(_s2(d, spec).cpd("S2").table, want)


@pytest.mark.parametrize("spec, why", [
    (lambda A1, s: 0, "A1 is named after a parent but s is not"),
    (lambda s, A1: 0, "A1 is named after a parent but s is not"),
    (lambda S1: int(S1 == 1), "the parameters name S1 but not A1"),
    (lambda a, b, c: 0, "3 required parameters for 2 parents"),
])
def test_ambiguous_bindings_are_refused_naming_node_parameters_and_parents(
        d: cid.Diagram, spec: object, why: str) -> None:
    with pytest.raises(cid.ModelIncompleteError) as err:
        _s2(d, spec)
    text = str(err.value)
    assert "S2: cannot tell how to pass the parents (S1, A1) to the function (" in text
    assert why in text and "Function(fn, call=" in text


def test_explicit_call_styles_are_checked() -> None:
    d = cid.Diagram.from_edges(["X -> Y", "Z -> Y"])
    base = {"X": [0.5, 0.5], "Z": [0.5, 0.5]}
    with pytest.raises(cid.ModelIncompleteError,
                       match=r"Y: Function\(call='positional'\) cannot pass the parents "
                             r"\(X, Z\) to the function \(a\)"):
        Model(d, {**base, "Y": Function(lambda a: 0, call="positional")})
    with pytest.raises(cid.ModelIncompleteError, match=r"Function\(call='keywords'\)"):
        Model(d, {**base, "Y": Function(lambda a, b: 0, call="keywords")})
    with pytest.raises(cid.ModelIncompleteError, match="call must be one of"):
        Function(lambda X, Z: 0, call="bogus")  # type: ignore[arg-type]
    with pytest.raises(cid.ModelIncompleteError, match="must be callable"):
        Function(42)  # type: ignore[arg-type]
    with pytest.raises(cid.ModelIncompleteError, match="X has no parents, but the function"):
        Model(d, {**base, "X": lambda p: 0.5})


# ---------------------------------------------------------------------------- bad outputs
def test_none_and_nan_outcomes_are_refused_with_the_parent_values(d: cid.Diagram) -> None:
    def forgot(S1: int, A1: int) -> int | None:  # noqa: N803
        if S1 == 1:
            return 1
        return None  # as a forgotten return would

    with pytest.raises(cid.ModelIncompleteError) as err:
        _s2(d, forgot)
    text = str(err.value)
    assert "S2: the function returned None (a forgotten return?) for S1=0, A1=0" in text
    assert "S2: the function returned None (a forgotten return?) for S1=0, A1=1" in text
    assert "S1=1" not in text
    with pytest.raises(cid.ModelIncompleteError,
                       match=r"S2: the function returned NaN for S1=1, A1=0"):
        _s2(d, lambda S1, A1: float("nan") if S1 else 0)
    with pytest.raises(cid.ModelIncompleteError, match=r"returned NaN for S1=0, A1=1"):
        _s2(d, lambda S1, A1: {float("nan"): 1.0} if A1 else 0)


def test_non_number_probabilities_are_capped_and_counted(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError) as err:
        Model(d, {"S1": [0.5, 0.5], "S2": lambda S1, A1: {0: "x", 1: "y"},
                  "R": lambda S2: 1.0}, {"A1": [0, 1]})
    text = str(err.value)
    lines = [ln for ln in text.splitlines() if ln.startswith("  - S2:")]
    assert len(lines) == 4  # three listed, then the count
    assert lines[0] == ("  - S2: probability 'x' for S1=0, A1=0 is not a number "
                        "(in {0: 'x', 1: 'y'})")
    assert lines[3] == ("  - S2: ... and 1 more parent configuration with probabilities that "
                        "are not numbers")
    assert "outside the domain" not in text


def test_construction_lists_invalid_specs_and_missing_pieces_at_once(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError) as err:
        Model(d, {"S1": [0.5, 0.4]})
    text = str(err.value)
    assert text.startswith("model 'diagram' has 1 invalid spec and 3 missing pieces:")
    for piece in ["S1: probabilities for no parents sum to 0.9", "A1: decision without a domain",
                  "S2: no CPD for chance node S2", "R: no utility for utility node R"]:
        assert piece in text
    assert len(err.value.problems) == 4  # type: ignore[attr-defined]


def test_bad_arguments_are_cid_errors(d: cid.Diagram) -> None:
    with pytest.raises(cid.ModelIncompleteError, match=r"cpds= must be a mapping"):
        Model(d, cpds=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(cid.ModelIncompleteError, match=r"domains= must be a mapping"):
        Model(d, {}, domains=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(cid.NodeNotFoundError, match="unknown node 5"):
        Model(d, {5: [1.0]})  # type: ignore[dict-item]
    with pytest.raises(cid.ModelIncompleteError, match="A1: invalid domain 'ab': give a list"):
        Model(d, {}, {"A1": "ab"})
    with pytest.raises(cid.ModelIncompleteError, match="A1: invalid domain .*NaN"):
        Model(d, {}, {"A1": [float("nan"), 1.0]})


def test_a_cpd_whose_rows_lose_mass_cannot_exist() -> None:
    from cid.quant import CPD
    from cid.quant.domains import Domain

    with pytest.raises(cid.ModelIncompleteError, match=r"Y: probabilities for X=1 sum to 0"):
        CPD("Y", ("X",), Domain([0, 1]), (Domain([0, 1]),), np.array([[1.0, 0.0], [0.0, 0.0]]))
    with pytest.raises(cid.ModelIncompleteError, match="a CPD table of shape"):
        CPD("Y", ("X",), Domain([0, 1]), (Domain([0, 1]),), np.ones(2) / 2)
