"""Tests of the Diagram builder, from_edges, queries, validation errors and value semantics."""

from __future__ import annotations

import pytest

import cid
from cid.errors import CIDError, DiagramError, NodeNotFoundError


def mdp() -> cid.Diagram:
    d = cid.Diagram("mdp")
    d = d.chance("S1").decision("A1", parents=["S1"]).utility("R1", parents=["S1"])
    d = d.chance("S2", parents=["S1", "A1"]).decision("A2", parents=["S2"])
    d = d.utility("R2", parents=["S2"])
    return d


# ---------------------------------------------------------------- builder and queries
def test_builder_queries() -> None:
    d = mdp()
    assert d.decisions == ("A1", "A2")
    assert d.utilities == ("R1", "R2")
    assert d.chance_nodes == ("S1", "S2")
    assert d.agents == ("agent",)
    assert d.decisions_of("agent") == ("A1", "A2")
    assert d.utilities_of("agent") == ("R1", "R2")
    assert d.parents("S2") == ("S1", "A1")
    assert d.children("S1") == ("A1", "R1", "S2")
    assert d.information_links == (("S1", "A1"), ("S2", "A2"))
    order = d.topological_order
    assert set(order) == set(d.nodes) and len(order) == 6
    assert all(order.index(u) < order.index(v) for u, v in d.edge_list)
    assert d.kind("R1") == "utility" and len(d) == 6 and "S1" in d and "X" not in d


def test_parents_keep_given_order() -> None:
    d = cid.Diagram().chance("B").chance("A").chance("C", parents=["B", "A"])
    assert d.parents("C") == ("B", "A")
    e = cid.Diagram().chance("B").chance("A").chance("C").edges("A -> C", "B -> C")
    assert e.parents("C") == ("A", "B")


def test_edge_chain_forms() -> None:
    d = cid.Diagram()
    for n in ["A", "B", "C", "D"]:
        d = d.chance(n)
    d = d.edges("A, B -> C -> D", ("A", "D"))
    assert set(d.edge_list) == {("A", "C"), ("B", "C"), ("C", "D"), ("A", "D")}


def test_to_networkx_is_a_copy_with_attributes() -> None:
    d = mdp()
    g = d.to_networkx()
    assert set(g.edges) == set(d.edge_list)
    assert g.nodes["A1"]["kind"] == "decision" and g.nodes["A1"]["agents"] == ("agent",)
    assert g.nodes["S1"]["agents"] == ()
    g.add_edge("R2", "S1")
    g.remove_node("A2")
    assert "A2" in d and ("S1", "A1") in d.edge_list


def test_multi_agent_and_shared_utility() -> None:
    d = cid.Diagram.from_edges(
        ["S -> H -> A -> R", "S -> R"],
        decisions={"human": ["H"], "robot": ["A"]},
        utilities={"human": ["R"], "robot": ["R"]},
    )
    assert d.agents == ("human", "robot")
    assert d.agents_of("R") == ("human", "robot")
    assert d.utilities_of("robot") == ("R",) == d.utilities_of("human")
    assert d.decisions_of("robot") == ("A",)
    assert d.agent_of("H") == "human"
    with pytest.raises(NodeNotFoundError, match="unknown agent 'alien'.*human, robot"):
        d.decisions_of("alien")


def test_single_named_agent_is_default_for_agentless_nodes() -> None:
    d = cid.Diagram().decision("D", agent="robot").utility("U", parents=["D"])
    assert d.agents == ("robot",)
    assert d.utilities_of("robot") == ("U",)


def test_utility_may_have_children() -> None:
    d = cid.Diagram().chance("S1").utility("R1", parents=["S1"]).decision("A2", parents=["R1"])
    assert d.children("R1") == ("A2",)


def test_repr() -> None:
    assert repr(mdp()) == "<Diagram 'mdp': 6 nodes, 2 decisions, 2 utilities, 1 agent>"


# ---------------------------------------------------------------- validation errors
def test_cycle_is_rejected_and_printed() -> None:
    d = cid.Diagram().chance("X").chance("Y", parents=["X"]).chance("Z", parents=["Y"])
    with pytest.raises(DiagramError, match=r"Z -> X would make a cycle: Z -> X -> Y -> Z") as info:
        d = d.edge("Z", "X")
    assert info.value.code == "cid_cycle"
    assert d.parents("X") == ()  # unchanged


def test_cycle_in_from_edges_lists_the_cycle() -> None:
    cycles = r"cycle: (X -> Y -> Z -> X|Y -> Z -> X -> Y|Z -> X -> Y -> Z)"
    with pytest.raises(DiagramError, match=cycles):
        cid.Diagram.from_edges(["X -> Y -> Z -> X"])


def test_self_loop() -> None:
    d = cid.Diagram().chance("X")
    with pytest.raises(DiagramError, match="self-loop on node X"):
        d = d.edge("X", "X")
    with pytest.raises(DiagramError, match="self-loop on node Q"):
        cid.Diagram.from_edges([("Q", "Q")])


def test_unknown_node_in_edge() -> None:
    d = cid.Diagram().chance("X")
    with pytest.raises(NodeNotFoundError, match="edge X -> Y: unknown node 'Y'"):
        d = d.edge("X", "Y")
    with pytest.raises(NodeNotFoundError, match="unknown parent 'Q'"):
        d = d.chance("Z", parents=["Q"])
    assert isinstance(NodeNotFoundError("x"), LookupError)


def test_duplicate_name() -> None:
    d = cid.Diagram().chance("X")
    with pytest.raises(DiagramError, match="duplicate node name 'X'") as info:
        d = d.chance("X")
    assert info.value.code == "cid_duplicate_node"


def test_decision_and_utility_rejected() -> None:
    d = cid.Diagram().decision("D")
    with pytest.raises(DiagramError, match="node D cannot be both a decision and a utility"):
        d = d.utility("D")
    with pytest.raises(DiagramError, match="node D cannot be both a decision and a utility"):
        cid.Diagram.from_edges(["D -> U"], decisions=["D"], utilities=["D", "U"])


def test_missing_agent_when_several() -> None:
    d = cid.Diagram().decision("D1", agent="alice")
    with pytest.raises(DiagramError, match=r"decision D2 names no agent.*alice, bob|decision D2"):
        d = d.decision("D2").decision("D3", agent="bob")
    d = cid.Diagram().decision("D1", agent="alice").utility("U")
    with pytest.raises(DiagramError, match=r"utility U names no agent.*\(alice, bob\)"):
        d = d.decision("D2", agent="bob")
    with pytest.raises(DiagramError, match=r"utility U names no agent"):
        cid.Diagram.from_edges(["A -> U", "B -> U"], decisions={"a": ["A"], "b": ["B"]},
                               utilities=["U"])


@pytest.mark.parametrize("bad", ["1X", "S 1", "a-b", "", "Θ", None, 3])
def test_invalid_identifier(bad: object) -> None:
    with pytest.raises(DiagramError, match="invalid node name"):
        cid.Diagram().chance(bad)  # type: ignore[arg-type]


def test_empty_from_edges_rejected() -> None:
    with pytest.raises(DiagramError, match="no nodes"):
        cid.Diagram.from_edges([])


def test_from_edges_reports_every_problem_at_once() -> None:
    with pytest.raises(DiagramError) as info:
        cid.Diagram.from_edges(["X -> X", "1a -> B", "B -> C -> B"], decisions=["C"],
                               utilities=["C"])
    text = str(info.value)
    assert "self-loop on node X" in text
    assert "'1a'" in text
    assert "C cannot be both a decision and a utility" in text


def test_bad_edge_strings() -> None:
    d = cid.Diagram().chance("A")
    for bad in ["A", "A -> ", "-> A", 5]:
        with pytest.raises(DiagramError, match="cannot read edge"):
            d = d.edges(bad)  # type: ignore[arg-type]


def test_bad_attributes() -> None:
    with pytest.raises(DiagramError, match="repeated values"):
        cid.Diagram().chance("X", domain=[0, 0])
    with pytest.raises(DiagramError, match="empty domain"):
        cid.Diagram().chance("X", domain=[])
    with pytest.raises(DiagramError, match="step must be an integer"):
        cid.Diagram().chance("X", step="one")
    with pytest.raises(DiagramError, match="invalid agent"):
        cid.Diagram().decision("X", agent=" ")
    with pytest.raises(DiagramError, match="invalid agent"):
        cid.Diagram().decision("X", agent="two\nlines")
    for bad in (lambda: cid.Diagram().chance("X", colour="red"),
                lambda: cid.Diagram().chance("X", agent="a")):
        with pytest.raises(cid.CIDTypeError, match="unknown attribute") as info:
            bad()
        assert isinstance(info.value, TypeError) and isinstance(info.value, CIDError)


def test_every_error_is_a_cid_error() -> None:
    for exc in (NodeNotFoundError, DiagramError, cid.SpecError, cid.SolveLimitError,
                cid.GraphvizNotFoundError, cid.OptionalDependencyError, cid.ModelIncompleteError):
        assert issubclass(exc, CIDError)


def test_failed_mutation_leaves_diagram_unchanged() -> None:
    d = mdp()
    before = d.copy()
    for bad in (lambda: d.edge("S2", "S1"), lambda: d.chance("S1"), lambda: d.edge("S1", "Q"),
                lambda: d.decision("A3", parents=["nope"])):
        with pytest.raises(CIDError):
            bad()
    assert d == before


# ---------------------------------------------------------------- value semantics
def test_equality_and_copy() -> None:
    a, b = mdp(), mdp()
    assert a == b
    c = a.copy()
    c = c.chance("X")
    assert c != a and "X" not in a
    assert a != a.copy(name="other")
    with pytest.raises(DiagramError, match="invalid diagram name ''"):
        a.copy(name="")


def test_equality_compares_resolved_agents() -> None:
    implicit = cid.Diagram().decision("D").utility("U", ["D"])
    explicit = cid.Diagram().decision("D", agent="agent").utility("U", ["D"], agent="agent")
    assert implicit == explicit and implicit["D"] != explicit["D"]
    one = cid.Diagram().decision("D", agent="robot").utility("U", ["D"])
    assert one == cid.Diagram().decision("D", agent="robot").utility("U", ["D"], agent="robot")
    assert one != implicit  # the agent is called robot, not agent
    # the spec keeps what was written: each reads back as itself
    for d in (implicit, explicit, one):
        back = cid.Diagram.from_json(d.to_json())
        assert back == d and all(back[n] == d[n] for n in d.nodes)
    # domains compare with their types: True is not 1, 1.0 is not 1
    assert cid.Diagram().chance("X", domain=[1, 2]) != cid.Diagram().chance("X", domain=[True, 2])
    assert cid.Diagram().chance("X", domain=[1]) != cid.Diagram().chance("X", domain=[1.0])


def test_equality_ignores_insertion_order_but_not_parent_order() -> None:
    a = cid.Diagram().chance("X").chance("Y").chance("Z", parents=["X", "Y"])
    b = cid.Diagram().chance("Y").chance("X").chance("Z", parents=["X", "Y"])
    c = cid.Diagram().chance("X").chance("Y").chance("Z", parents=["Y", "X"])
    assert a == b
    assert a != c  # CPD tables follow the parent order


def test_copies_keep_parent_order() -> None:
    d = cid.Diagram().chance("N0").chance("N1").chance("N2", ["N1", "N0"]).chance("N3")
    for variant in (d.copy(), d.with_edge("N3", "N2"), d.without_edge("N0", "N2"),
                    d.with_kind("N1", "decision")):
        assert variant.parents("N2")[:2] in (("N1", "N0"), ("N1",))
    assert d.copy() == d
    assert d.with_edge("N3", "N2").parents("N2") == ("N1", "N0", "N3")


def test_non_mutating_variants() -> None:
    d = mdp()
    before = d.copy()
    assert d.with_edge("S1", "A2").parents("A2") == ("S2", "S1")
    assert d.without_edge("S1", "A1").parents("A1") == ()
    e = d.with_kind("S2", "utility")
    assert e.kind("S2") == "utility" and e.utilities == ("R1", "S2", "R2")
    assert d.with_kind("A2", "chance").decisions == ("A1",)
    assert d == before
    with pytest.raises(DiagramError, match="no edge S1 -> S2"):
        d.without_edge("S1", "S2").without_edge("S1", "S2")
    with pytest.raises(DiagramError, match="would make a cycle"):
        d.with_edge("R2", "S1")


def test_with_kind_respects_agents() -> None:
    d = cid.Diagram().decision("A", agent="a").decision("B", agent="b").chance("X")
    with pytest.raises(DiagramError, match="utility X names no agent"):
        d.with_kind("X", "utility")
    assert d.with_kind("X", "utility", agent=["a", "b"]).agents_of("X") == ("a", "b")


def test_with_kind_keeps_the_agent() -> None:
    d = (cid.Diagram().decision("X", agent="a").decision("Y", agent="b")
         .utility("UX", ["X"], agent="a").utility("UY", ["Y"], agent="b")
         .utility("UXY", ["X", "Y"], agent=["a", "b"]))
    assert d.with_kind("X", "decision").agents_of("X") == ("a",)
    # with UX a chance node, b would be the only agent left for an agentless X
    assert d.with_kind("UX", "chance").with_kind("X", "decision").agents_of("X") == ("a",)
    assert d.with_kind("X", "utility").agents_of("X") == ("a",)
    assert d.with_kind("UY", "decision").agent_of("UY") == "b"
    assert d.with_kind("X", "decision", agent="b").agents_of("X") == ("b",)  # an override
    with pytest.raises(DiagramError, match=r"utility UXY has several agents \(a, b\)"):
        d.with_kind("UXY", "decision")
    assert d.with_kind("UXY", "decision", agent="a").agent_of("UXY") == "a"
    e = d.with_kind("X", "chance")
    assert e.agents_of("X") == () and e.with_kind("X", "decision", agent="a") == d
    labelled = cid.Diagram().chance("S", label="S_1", domain=[0, 1], step=2).chance("T", ["S"])
    retyped = labelled.with_kind("S", "decision")
    assert (retyped["S"].label, retyped["S"].domain, retyped["S"].step) == ("S_1", (0, 1), 2)
    assert retyped.children("S") == ("T",)


def test_edges_are_all_or_nothing() -> None:
    d = cid.Diagram().chance("A").chance("B")
    with pytest.raises(NodeNotFoundError, match="unknown node 'Q'"):
        d = d.edges("A -> B", "B -> Q")
    assert d.edge_list == ()
    with pytest.raises(DiagramError, match="cycle: B -> A -> B"):
        d = d.edges("A -> B -> A")
    assert d.edge_list == ()
    d = d.edge("A", "B")
    with pytest.raises(DiagramError, match="cycle"):
        d = d.edges("A -> B", "B -> A")  # the old edge A -> B stays; nothing else was added
    assert d.edge_list == (("A", "B"),)
    c = cid.Diagram().chance("C").chance("D").chance("E", ["C", "D"])
    with pytest.raises(CIDError):
        c = c.edges("E -> D")
    assert c.parents("E") == ("C", "D")  # parent order unchanged
    with pytest.raises(NodeNotFoundError):
        cid.Diagram(nodes=[cid.Chance("A"), cid.Chance("B")], edges=["A -> B", "B -> Q"])


def test_duplicate_edges_count_once_everywhere() -> None:
    built = cid.Diagram("g").chance("X").chance("Y", ["X", "X"]).edge("X", "Y").edges("X -> Y")
    listed = cid.Diagram.from_edges(["X -> Y", ("X", "Y")], name="g")
    read = cid.Diagram.from_dict({"name": "g", "nodes": [{"kind": "chance", "name": "X"},
                                                         {"kind": "chance", "name": "Y"}],
                                  "edges": [["X", "Y"], "X -> Y"]})
    assert built.edge_list == listed.edge_list == read.edge_list == (("X", "Y"),)
    assert built == listed == read
    assert read.to_dict()["edges"] == [["X", "Y"]]  # written once


def test_builder_equals_from_edges_equals_json() -> None:
    built = cid.Diagram("g")
    built = built.chance("S").decision("D", parents=["S"]).utility("U", parents=["D", "S"])
    listed = cid.Diagram.from_edges([("S", "D"), ("D", "U"), ("S", "U")], decisions=["D"],
                                    utilities=["U"], name="g")
    assert built == listed
    assert cid.Diagram.from_json(built.to_json()) == built
    assert built == cid.Diagram.from_dict(listed.to_dict())
