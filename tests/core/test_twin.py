"""Tests of cid.twin_network: the Balke–Pearl twin network of a diagram."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.twin import counterfactual_label, twin_network
from tests.support.strategies import diagrams


def _oracle() -> cid.Diagram:
    d = cid.Diagram("oracle")
    d = d.chance("Q").decision("A", ["Q"]).chance("S", ["Q", "A"]).utility("R", ["A", "S"])
    return d


def test_hard_intervention_copies_the_intervened_node_and_its_descendants() -> None:
    d = _oracle()
    before = d.to_json()
    t = twin_network(d, intervened=["A"])
    assert d.to_json() == before  # the input is untouched
    assert t.name == "oracle_twin"
    assert set(t.nodes) == {"Q", "A", "S", "R", "A_cf", "S_cf"}
    assert t.parents("A_cf") == ()  # do(A = a): no parents
    assert t.parents("S_cf") == ("Q", "A_cf")  # Q is shared by both worlds
    for n in d.nodes:  # the factual world is unchanged
        assert t.parents(n) == d.parents(n) and t[n] == d[n]
    assert t.kind("A_cf") == "chance" and t.kind("S_cf") == "chance"
    assert t["A_cf"].counterfactual and t["S_cf"].counterfactual
    assert not any(t[n].counterfactual for n in d.nodes)


def test_soft_intervention_gives_the_copy_new_parents_mapped_into_the_twin_world() -> None:
    d = cid.Diagram.from_edges(["S1 -> A1 -> S2 -> A2 -> S3", "S1 -> S2 -> S3", "T -> A1",
                                "T -> A2", "S3 -> U"], decisions=["A1", "A2"], utilities=["U"])
    t = twin_network(d, intervened={"A1": ["S1"], "A2": ["S2"]})
    assert t.parents("A1_cf") == ("S1",)
    assert t.parents("A2_cf") == ("S2_cf",)  # the safe policy sees the counterfactual state
    assert t.parents("S3_cf") == tuple(f"{p}_cf" for p in d.parents("S3"))
    assert "T_cf" not in t and "S1_cf" not in t  # unaffected nodes are shared
    assert "U_cf" not in t  # utilities stay factual by default


def test_copy_utilities_and_shared_nodes() -> None:
    d = _oracle()
    t = twin_network(d, intervened=["A"], copy_utilities=True)
    assert t.kind("R_cf") == "chance" and t.parents("R_cf") == ("A_cf", "S_cf")
    t2 = twin_network(d, intervened=["A"], shared=["S"], copy_utilities=True)
    assert "S_cf" not in t2 and t2.parents("R_cf") == ("A_cf", "S")


def test_noise_nodes_are_shared_by_both_worlds() -> None:
    t = twin_network(_oracle(), intervened=["A"], noise=True)
    assert t.parents("S") == ("Q", "A", "U_S")
    assert t.parents("S_cf") == ("Q", "A_cf", "U_S")
    assert "U_A" not in t  # the intervened node's value is set, it has no shared noise
    # with the shared noise drawn, the two worlds' states are d-connected given Q
    g = t.to_networkx()
    assert not nx.is_d_separator(g, {"S"}, {"S_cf"}, {"Q"})
    plain = twin_network(_oracle(), intervened=["A"]).to_networkx()
    assert nx.is_d_separator(plain, {"S"}, {"S_cf"}, {"Q", "A"})


def test_labels_get_a_tilde() -> None:
    d = cid.Diagram().chance("T", label="Θ^R_2").decision("A", ["T"], label="A_1")
    d = d.chance("S", ["A"])
    t = twin_network(d, intervened=["A"])
    assert t["A_cf"].display_label == "A\u0303_1"
    assert t["S_cf"].display_label == "S\u0303"
    assert counterfactual_label("Θ^R_2") == "Θ\u0303^R_2"
    assert counterfactual_label("Clicks") == "~Clicks"
    assert counterfactual_label(counterfactual_label("S_1")) == "S\u0303_1"
    assert t["A_cf"].description and "decision" in t["A_cf"].description


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"intervened": []}, cid.DiagramError, "at least one"),
        ({"intervened": ["Z"]}, cid.NodeNotFoundError,
         "twin_network: unknown node 'Z' in intervened=: diagram 'oracle'"),
        ({"intervened": ["A"], "shared": ["Z"]}, cid.NodeNotFoundError,
         "twin_network: unknown node 'Z' in shared="),
        ({"intervened": {"A": ["Z"]}}, cid.NodeNotFoundError,
         r"unknown node 'Z' in intervened= \(the new parents of A\)"),
        ({"intervened": ["Ax"]}, cid.NodeNotFoundError, "did you mean 'A'"),
        ({"intervened": ["A"], "shared": ["A"]}, cid.DiagramError, "both intervened"),
        ({"intervened": {"A": ["S"]}}, cid.DiagramError, "cycle"),
        ({"intervened": ["A"], "suffix": "-x"}, cid.DiagramError, "invalid node name"),
    ],
)
def test_bad_arguments_raise_cid_errors(kwargs: dict, error: type, text: str) -> None:
    with pytest.raises(error, match=text):
        twin_network(_oracle(), **kwargs)


def test_name_clash_is_reported() -> None:
    d = _oracle().chance("S_cf")
    with pytest.raises(cid.DiagramError, match="S_cf"):
        twin_network(d, intervened=["A"])


def test_public_name() -> None:
    assert cid.twin_network is twin_network


@settings(max_examples=80)
@given(diagrams(), st.data())
def test_twin_invariants_on_random_diagrams(d: cid.Diagram, data: st.DataObject) -> None:
    nodes = list(d.nodes)
    if not nodes:
        return
    chosen = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
    t = twin_network(d, intervened=chosen, copy_utilities=True)
    g = d.to_networkx()
    affected = set(chosen).union(*(nx.descendants(g, n) for n in chosen))
    copies = set(t.nodes) - set(d.nodes)
    assert copies == {f"{n}_cf" for n in affected}
    assert nx.is_directed_acyclic_graph(t.to_networkx())
    for n in affected:
        c = f"{n}_cf"
        assert t.kind(c) == "chance" and t[c].step == d[n].step
        if n in chosen:
            assert t.parents(c) == ()
        else:
            assert t.parents(c) == tuple(p + "_cf" if p in affected else p for p in d.parents(n))
    for n in d.nodes:
        assert t.parents(n) == d.parents(n)
    # no edge runs from the counterfactual world back into the factual one
    assert not any(u in copies and v not in copies for u, v in t.edge_list)
    assert all(t[c].counterfactual for c in copies)
