"""Tests of the JSON spec: round-trip, every-problem error reports, schema, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import cid
from cid.errors import SpecError
from cid.io import from_dict, json_schema, load, save, to_dict

from tests.strategies import diagrams


@settings(max_examples=150)
@given(diagrams())
def test_json_round_trip_is_exact(d: cid.Diagram) -> None:
    text = d.to_json()
    back = cid.Diagram.from_json(text)
    assert back == d
    assert back.to_json() == text  # canonical form is stable
    for n in d.nodes:
        assert back.parents(n) == d.parents(n)
        assert back[n] == d[n]
    assert cid.Diagram.from_dict(d.to_dict()) == d


@settings(max_examples=60)
@given(diagrams(attributes=False))
def test_builder_equals_from_edges(d: cid.Diagram) -> None:
    named = d.agents != ("agent",)
    if named:  # the {agent: [...]} form, from the resolved owners
        decisions: object = {a: list(d.decisions_of(a)) for a in d.agents}
        utilities: object = {a: list(d.utilities_of(a)) for a in d.agents}
    else:
        decisions, utilities = list(d.decisions), list(d.utilities)
    rebuilt = cid.Diagram.from_edges(d.edge_list, decisions=decisions, utilities=utilities,
                                     nodes=d.nodes, name=d.name)  # type: ignore[arg-type]
    assert rebuilt.edge_list == d.edge_list
    assert [rebuilt.parents(n) for n in d.nodes] == [d.parents(n) for n in d.nodes]
    assert [rebuilt.kind(n) for n in d.nodes] == [d.kind(n) for n in d.nodes]
    assert [rebuilt.agents_of(n) for n in d.nodes] == [d.agents_of(n) for n in d.nodes]
    if not named:
        assert rebuilt == d


def test_spec_example_reads() -> None:
    d = from_dict({
        "format_version": 1, "name": "robots",
        "nodes": [
            {"kind": "chance", "name": "S", "label": "S_1", "domain": [0, 1], "step": 1},
            {"kind": "decision", "name": "H", "agent": "human"},
            {"kind": "decision", "name": "A", "agent": "robot"},
            {"kind": "utility", "name": "R", "agent": ["human", "robot"]},
        ],
        "edges": ["S -> H -> A -> R", ["S", "R"]],
    })
    assert d.agents_of("R") == ("human", "robot")
    assert d.parents("R") == ("A", "S")
    assert d["S"].domain == (0, 1) and d["S"].label == "S_1"


def test_every_problem_is_listed_with_its_location() -> None:
    with pytest.raises(SpecError) as info:
        from_dict({
            "name": "bad",
            "nodes": [
                {"kind": "chance", "name": "X"},
                {"kind": "chance", "name": "X"},
                {"kind": "decision", "name": "D"},
                {"kind": "utility", "name": "D"},
                {"kind": "chance", "name": "1bad"},
                {"kind": "wizard", "name": "W"},
                {"kind": "chance", "name": "Y", "colour": "red"},
            ],
            "edges": [["X", "Q"], ["X", "X"], "D ->"],
        })
    text = str(info.value)
    locations = [p[0] for p in info.value.problems]
    assert "nodes[4].name" in locations and "invalid node name '1bad'" in text
    assert any(loc.startswith("nodes[5]") for loc in locations) and "wizard" in text
    assert "nodes[6].colour" in locations
    assert "edges[2]" in locations  # 'D ->' is not a list of two names nor a valid chain
    # graph-level problems are found once the documents' shapes are valid:
    with pytest.raises(SpecError) as info:
        from_dict({"nodes": [{"kind": "chance", "name": "X"}, {"kind": "chance", "name": "X"},
                             {"kind": "decision", "name": "D"}, {"kind": "utility", "name": "D"}],
                   "edges": [["X", "Q"], ["X", "X"], "D -> X -> D"]})
    text = str(info.value)
    assert "nodes[1]: duplicate node name 'X'" in text
    assert "nodes[3]: node D cannot be both a decision and a utility" in text
    assert "edges[0]: edge X -> Q: unknown node 'Q'" in text
    assert "edges[1]: self-loop on node X" in text
    assert "cycle: " in text and "X -> D" in text


def test_invalid_json_and_wrong_types() -> None:
    with pytest.raises(SpecError, match=r"line 1 column \d+: invalid JSON"):
        cid.Diagram.from_json('{"nodes": [')
    with pytest.raises(SpecError, match="a spec is a JSON object, got list"):
        cid.Diagram.from_json("[1, 2]")
    with pytest.raises(SpecError, match="unsupported format_version 7"):
        from_dict({"format_version": 7, "nodes": []})
    with pytest.raises(SpecError, match="no nodes"):
        from_dict({"nodes": []})
    with pytest.raises(SpecError, match=r"nodes\[0\]\.step"):
        from_dict({"nodes": [{"kind": "chance", "name": "X", "step": "1"}]})
    with pytest.raises(SpecError, match=r"several agents"):
        from_dict({"nodes": [{"kind": "decision", "name": "A", "agent": "a"},
                             {"kind": "decision", "name": "B", "agent": "b"},
                             {"kind": "utility", "name": "U"}]})


def test_spec_can_not_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = {"name": "x", "nodes": [{"kind": "chance", "name": "X",
                                       "label": f"__import__('os').system('touch {marker}')"}]}
    d = from_dict(payload)
    assert d["X"].label.startswith("__import__") and not marker.exists()
    with pytest.raises(SpecError):
        from_dict({"nodes": [{"kind": "chance", "name": "__import__('os')"}]})


def test_schema_describes_the_format_and_accepts_canonical_output() -> None:
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    node_kinds = {m["properties"]["kind"]["const"] for m in schema["$defs"].values()
                  if "kind" in m.get("properties", {})}
    assert node_kinds == {"chance", "decision", "utility"}
    assert schema["$defs"]["ChanceSpec"]["properties"]["name"]["pattern"].startswith("^[A-Za-z_]")
    json.dumps(schema)  # serialisable
    # the canonical dump only uses properties the schema declares
    d = cid.Diagram("x").chance("S", domain=[0, 1], label="S", step=1).decision(
        "D", ["S"], agent="a").utility("U", ["D"], agent="a")
    spec = to_dict(d)
    assert set(spec) <= set(schema["properties"])
    for node in spec["nodes"]:
        assert set(node) <= set(schema["$defs"][f"{node['kind'].title()}Spec"]["properties"])


def test_save_and_load(tmp_path: Path) -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    path = save(d, tmp_path / "sub" / "d.json")
    assert load(path) == d
    with pytest.raises(SpecError, match="cannot read"):
        load(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"nodes": [{"kind": "chance", "name": "X"}], '
                                       '"edges": [["X", "Y"]]}')
    with pytest.raises(SpecError, match=r"bad\.json is invalid.*\n  edges\[0\]: edge X -> Y"):
        load(tmp_path / "bad.json")
