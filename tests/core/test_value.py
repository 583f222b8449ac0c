"""The immutable Diagram value: steps and edits give new diagrams, checked against networkx."""

from __future__ import annotations

import pickle
import warnings

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from tests.support.strategies import diagrams


def _graph(d: cid.Diagram) -> nx.DiGraph:
    """The oracle's view: nodes with (kind, agents, label) and parents in order."""
    return d.to_networkx()


def _parents(d: cid.Diagram) -> dict[str, tuple[str, ...]]:
    return {n: d.parents(n) for n in d.nodes}


def test_steps_return_new_diagrams_and_leave_the_old_one() -> None:
    d = cid.Diagram("m").chance("S")
    d2 = d.decision("D", parents=["S"])
    d.utility("U")  # a dropped result changes nothing
    assert d.nodes == ("S",) and d2.nodes == ("S", "D")
    assert d2.edge("S", "D") == d2  # an edge that is there: an equal diagram
    with pytest.raises(AttributeError, match="immutable"):
        d.name = "other"  # type: ignore[misc]
    assert d.copy() is d and d.copy(name="n").name == "n"


@settings(max_examples=60, deadline=None)
@given(diagrams())
def test_hash_equality_and_pickle_agree(d: cid.Diagram) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cid.CIDWarning)  # a random agent may look misspelt
        again = cid.Diagram.from_json(d.to_json())
    assert again == d and hash(again) == hash(d)
    assert pickle.loads(pickle.dumps(d)) == d
    assert _parents(pickle.loads(pickle.dumps(d))) == _parents(d)
    renamed = d.copy(name=d.name + "x")
    assert renamed != d


@settings(max_examples=60, deadline=None)
@given(diagrams(attributes=False))
def test_builder_and_value_steps_build_the_same_diagram(d: cid.Diagram) -> None:
    b = cid.DiagramBuilder(d.name, description=d.description)
    v = cid.Diagram(d.name, description=d.description)
    for n in d.nodes:
        b.add_node(d[n], d.parents(n))
        v = v.add_node(d[n], d.parents(n))
    built = b.build()
    assert built == v == d and _parents(built) == _parents(d)
    b.chance("Extra")  # the builder goes on; the built diagram does not change
    assert "Extra" not in built


@settings(max_examples=80, deadline=None)
@given(diagrams(attributes=False), st.data())
def test_without_nodes_is_the_induced_subgraph(d: cid.Diagram, data: st.DataObject) -> None:
    drop = data.draw(st.lists(st.sampled_from(d.nodes), unique=True, max_size=len(d) - 1))
    kept = [n for n in d.nodes if n not in drop]
    try:
        small = d.without_nodes(drop)
    except cid.DiagramError as err:  # only when an agent is left without a decision/utility
        assert err.code == "cid_missing_agent"
        return
    expected = _graph(d).subgraph(kept)
    assert set(small.nodes) == set(kept)
    assert set(small.edge_list) == set(expected.edges)
    for n in kept:
        assert small.parents(n) == tuple(p for p in d.parents(n) if p not in drop)
        assert small[n] == d[n]


@settings(max_examples=80, deadline=None)
@given(diagrams(attributes=False), st.data())
def test_rename_is_networkx_relabel(d: cid.Diagram, data: st.DataObject) -> None:
    old = data.draw(st.lists(st.sampled_from(d.nodes), unique=True, min_size=1))
    mapping = {n: f"R{i}" for i, n in enumerate(old)}
    new = d.rename(mapping)
    expected = nx.relabel_nodes(_graph(d), mapping)
    assert set(new.edge_list) == set(expected.edges)
    for n in d.nodes:
        m = mapping.get(n, n)
        assert new.parents(m) == tuple(mapping.get(p, p) for p in d.parents(n))
        assert new.kind(m) == d.kind(n) and new.agents_of(m) == d.agents_of(n)
    assert new.rename({v: k for k, v in mapping.items()}) == d


@settings(max_examples=80, deadline=None)
@given(diagrams(attributes=False), st.data())
def test_with_and_without_edge_agree_with_networkx(d: cid.Diagram, data: st.DataObject) -> None:
    u, v = data.draw(st.sampled_from(d.nodes)), data.draw(st.sampled_from(d.nodes))
    g = _graph(d)
    if g.has_edge(u, v):
        smaller = d.without_edge(u, v)
        assert set(smaller.edge_list) == set(g.edges) - {(u, v)}
        assert smaller.with_edge(u, v).parents(v) == (*smaller.parents(v), u)
    elif u == v or nx.has_path(g, v, u):
        with pytest.raises(cid.DiagramError, match="cycle|self-loop"):
            d.with_edge(u, v)
    else:
        bigger = d.with_edge(u, v)
        assert set(bigger.edge_list) == set(g.edges) | {(u, v)}
        assert bigger.parents(v) == (*d.parents(v), u)
        with pytest.raises(cid.DiagramError, match="no edge"):
            d.without_edge(u, v)


def test_record_edits_keep_everything_else() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    assert d.with_label("S", "S_1")["S"].label == "S_1"
    assert d.with_step("D", 2)["D"].step == 2
    assert d.with_step("D", 2).parents("D") == ("S",)
    two = d.with_agent("D", "robot").with_agent("U", ["robot", "human"])
    assert two.agents == ("human", "robot") and two.agents_of("U") == ("human", "robot")
    with pytest.raises(cid.DiagramError, match="chance node"):
        d.with_agent("S", "robot")
    with pytest.raises(cid.DiagramError):
        d.with_step("S", "two")  # type: ignore[arg-type]
    assert d.with_kind("S", "decision").decisions == ("S", "D")


def test_rename_refuses_clashes_and_bad_names() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    with pytest.raises(cid.DiagramError, match="both be named"):
        d.rename({"X": "Y"})
    with pytest.raises(cid.DiagramError, match="invalid node name"):
        d.rename({"X": "1X"})
    with pytest.raises(cid.NodeNotFoundError, match="did you mean 'X'"):
        d.rename({"XX": "Z"})
    assert d.rename({"X": "Y", "Y": "X"}).edge_list == (("Y", "X"),)
