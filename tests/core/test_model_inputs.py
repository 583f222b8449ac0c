"""Bad input to the builder and to from_edges: always a CIDError naming what is wrong.

Covers arguments of the wrong type (``CIDTypeError``, also a ``TypeError``), edges given as
lists, domains, agent names, from_edges' every-problem report and the misspelt-agent warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pytest

import cid
from cid.errors import CIDError, CIDTypeError, DiagramError, SpecError


def xy() -> cid.Diagram:
    return cid.Diagram().chance("X").chance("Y", ["X"])


# ---------------------------------------------------------------- wrong types
@pytest.mark.parametrize(("call", "fragment"), [
    (lambda: cid.Diagram().chance("Y", parents=None), "node Y: parents must be a list"),
    (lambda: xy().chance("Z", parents=[["X"]]), "node Z: a parent is a node name, got ['X']"),
    (lambda: xy().edge("X", ["Y"]), "edge 'X' -> ['Y']: node names are strings"),
    (lambda: xy().without_edge("X", ["Q"]), "unknown node ['Q']"),
    (lambda: xy().with_kind("X", ["chance"]), "unknown node kind ['chance']"),
    (lambda: cid.Diagram().chance("X", domain=3), "node X: a domain is a list of values"),
    (lambda: cid.Diagram().chance("X", colour="red"), "chance X: unknown attribute 'colour'"),
    (lambda: cid.Diagram().chance("X", label=3), "node X: label must be a string"),
    (lambda: cid.Diagram().chance("X", step="one"), "node X: step must be an integer"),
    (lambda: cid.Diagram(description=3), "description must be a string, got 3"),
    (lambda: cid.Diagram().decision("D", agent=3), "node D: invalid agent name 3"),
    (lambda: cid.Diagram().utility("U", agent=5), "node U: invalid agent 5"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_wrong_types_raise_a_cid_error(call: Callable[[], object], fragment: str) -> None:
    with pytest.raises(CIDError) as info:
        call()
    assert fragment in str(info.value)
    assert not isinstance(info.value, SpecError)


def test_cid_type_error_is_both() -> None:
    with pytest.raises(CIDTypeError) as info:
        cid.Diagram().chance("X", colour="red")
    assert isinstance(info.value, TypeError) and isinstance(info.value, DiagramError)
    assert cid.CIDTypeError is CIDTypeError


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"decisions": None}, "decisions: give a list of node names or an {agent: [names]} dict"),
    ({"decisions": {"a": None}}, "decisions['a']: give a list of node names, got None"),
    ({"utilities": {"a": [["B"]]}}, "utilities['a']: a node name is a string, got ['B']"),
    ({"domains": {"A": 5}}, "domains: node A: a domain is a list of values (in order), got 5"),
    ({"labels": {"A": 3}}, "labels: node A: a label is a string, got 3"),
    ({"labels": ["A"]}, "labels: give a dict of node name to value"),
    ({"nodes": 7}, "nodes: give a list of node names, got 7"),
    ({"name": ""}, "name: invalid diagram name ''"),
    ({"description": 3}, "description: description must be a string, got 3"),
])
def test_from_edges_collects_wrong_types(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges(["A -> B"], **kwargs)  # type: ignore[arg-type]
    assert fragment in str(info.value)
    assert len(info.value.problems) == 1, info.value.problems  # no follow-on problems


# ---------------------------------------------------------------- edges as lists
def test_edges_may_be_lists() -> None:
    assert xy().chance("Z").edges(["Y", "Z"]).parents("Z") == ("Y",)
    assert cid.Diagram.from_edges([["X", "Y"], ["Y", "Z"]]).edge_list == (("X", "Y"), ("Y", "Z"))
    assert cid.Diagram.from_edges(("X", "Y")).edge_list == (("X", "Y"),)  # one pair
    assert cid.Diagram.from_edges("X -> Y").edge_list == (("X", "Y"),)  # one chain
    assert cid.parse_edges(["A -> B", "B -> C"]) == [("A", "B"), ("B", "C")]  # two chains
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    again = cid.Diagram.from_edges(d.to_dict()["edges"], decisions=["D"], utilities=["U"])
    assert again == d


def test_an_edge_with_three_names_is_explained() -> None:
    d = cid.Diagram().chance("X").chance("Y").chance("Z")
    with pytest.raises(CIDTypeError, match=r"an edge is a pair \(u, v\) or a chain string"):
        d = d.edges(("X", "Y", "Z"))
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges([("X", "Y", "Z")])
    assert [p[0] for p in info.value.problems] == ["edges[0]"]
    assert "an edge is a pair (u, v)" in str(info.value)
    with pytest.raises(CIDTypeError, match="node names are strings"):
        d = d.edges(("X", 3))


# ---------------------------------------------------------------- domains and agents
def test_domains_are_what_a_spec_can_hold() -> None:
    d = cid.Diagram().chance("X", domain=np.arange(2)).chance("B", domain=[np.bool_(True)])
    assert d["X"].domain == (0, 1) and all(type(v) is int for v in d["X"].domain)
    assert d["B"].domain == (True,) and type(d["B"].domain[0]) is bool
    assert cid.Diagram.from_json(d.to_json()) == d
    mixed = cid.Diagram().chance("M", domain=[2, 1.5, "high", False])
    assert cid.Diagram.from_json(mixed.to_json())["M"].domain == (2, 1.5, "high", False)
    for bad, fragment in [([None, 1], "domain value None is not a number, string or boolean"),
                          ([(0, 1), (1, 0)], "domain value (0, 1)"),
                          ("abc", "not the string 'abc'"),
                          ({0, 1}, "a domain is a list of values (in order)"),
                          ([float("nan")], "not a finite number"),
                          ([1, True], "repeated values")]:
        with pytest.raises(DiagramError, match="node X: ") as info:
            cid.Diagram().chance("X", domain=bad)  # type: ignore[arg-type]
        assert fragment in str(info.value)


def test_quant_keeps_any_hashable_domain() -> None:
    d = cid.Diagram().decision("D").utility("U", ["D"])
    m = cid.Model(d, cpds={"U": lambda D: float(D[0])}, domains={"D": [(0, 1), (1, 0)]})
    assert cid.solve(m).meu == 1.0


@pytest.mark.parametrize("bad", ["", " robot", "robot ", "new\nline", "tab\there", "nul\x00",
                                 "nbsp\u00a0", 3])
def test_agent_names(bad: object) -> None:
    with pytest.raises(DiagramError, match="invalid agent name"):
        cid.Diagram().decision("D", agent=bad)  # type: ignore[arg-type]
    ok = cid.Diagram().decision("D", agent="human 1").decision("E", agent="1")
    assert ok.agents == ("1", "human 1")


# ---------------------------------------------------------------- from_edges messages
def test_from_edges_messages_are_precise() -> None:
    cases = [
        ({"labels": {"A": 3}}, [("labels", "node A: a label is a string, got 3")]),
        ({"decisions": ["A", "A"]}, [("decisions", "A is listed twice in decisions")]),
        ({"decisions": {"a": ["A"], "b": ["A"]}},
         [("decisions", "decision A is listed under several agents (a, b)")]),
        ({"decisions": {"a\tb": ["A"]}}, [("decisions", "node A: invalid agent name 'a\\tb'")]),
        ({"utilities": {"a": ["U", "U"]}},
         [("utilities['a']", "U is listed twice under agent 'a' in utilities")]),
    ]
    for kwargs, expected in cases:
        with pytest.raises(SpecError) as info:
            cid.Diagram.from_edges(["A -> U"], **kwargs)  # type: ignore[arg-type]
        got = [(loc, msg) for loc, msg, _ in info.value.problems]
        assert len(got) == len(expected), got
        for (loc, msg), (want_loc, want) in zip(got, expected, strict=True):
            assert loc == want_loc and want in msg, got


def test_from_edges_locations_do_not_repeat_the_message() -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges(["A -> U", "A -> Q -> Q"], decisions=["A"], utilities=["U"],
                               nodes=["1z"])
    problems = info.value.problems
    assert ("edges[1]", "self-loop on node Q: Q -> Q", "cid_cycle") in problems
    assert any(loc == "nodes" and "'1z'" in msg for loc, msg, _ in problems)
    assert not any(loc.startswith("edge ") for loc, _, _ in problems)


def test_invalid_name_in_an_edge_is_reported_once() -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges(["A -> U", "1a -> U"])
    assert [(p[0], p[2]) for p in info.value.problems] == [("edges[1]", "cid_invalid_name")]


def test_missing_agent_is_located_at_the_node() -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges(["A -> U", "B -> U", "B -> V"], decisions={"a": ["A"], "b": ["B"]},
                               utilities=["U", "V"])
    assert [p[:1] + p[2:] for p in info.value.problems] == [
        ("utilities", "cid_missing_agent"), ("utilities", "cid_missing_agent")]
    assert "utility U names no agent" in str(info.value)


# ---------------------------------------------------------------- misspelt agents
def test_misspelt_agent_warns() -> None:
    with pytest.warns(cid.CIDWarning, match=r"agents 'a', 'b' have decisions but no utilities, "
                      r"and agent 'c' has utilities but no decisions") as record:
        d = cid.Diagram.from_edges(["A -> U", "B -> U"], decisions={"a": ["A"], "b": ["B"]},
                                   utilities={"c": ["U"]})
    assert d.agents == ("a", "b", "c")
    assert record[0].filename == __file__  # points at the caller, not into cid
    text = d.to_json()
    with pytest.warns(cid.CIDWarning, match="misspelt"):
        cid.Diagram.from_json(text)


def test_no_warning_without_the_typo_signature() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # a principal with utilities only; an agent with decisions only; a shared payoff
        cid.Diagram.from_edges(["A -> U", "A -> V"], decisions={"worker": ["A"]},
                               utilities={"worker": ["U"], "principal": ["V"]})
        cid.Diagram.from_edges(["A -> U", "B -> U"], decisions={"a": ["A"], "b": ["B"]},
                               utilities={"a": ["U"]})
        cid.Diagram.from_edges(["H -> A -> R"], decisions={"human": ["H"], "robot": ["A"]},
                               utilities={"human": ["R"], "robot": ["R"]})
        import zoo

        for name in zoo.names():
            d = zoo.build(name)
            cid.Diagram.from_json(d.to_json())
