"""Tests of the JSON spec: round-trip, every-problem error reports, schema, safety."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings

import cid
from cid.errors import SpecError
from cid.io import from_dict, json_schema, load, save, to_dict
from tests.support.strategies import diagrams, typo_signature


def read_back(read: object, *args: object) -> cid.Diagram:
    """Call ``read(*args)``; it warns about misspelt agents exactly for the typo signature."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", cid.CIDWarning)
        back = read(*args)  # type: ignore[operator]
    assert isinstance(back, cid.Diagram)
    warned = [w for w in caught if issubclass(w.category, cid.CIDWarning)]
    assert bool(warned) == typo_signature(back), [str(w.message) for w in warned]
    return back


@settings(max_examples=150)
@given(diagrams())
def test_json_round_trip_is_exact(d: cid.Diagram) -> None:
    text = d.to_json()
    back = read_back(cid.Diagram.from_json, text)
    assert back == d
    assert back.to_json() == text  # canonical form is stable
    for n in d.nodes:
        assert back.parents(n) == d.parents(n)
        assert back[n] == d[n]
    assert read_back(cid.Diagram.from_dict, d.to_dict()) == d
    assert back.description == d.description


@settings(max_examples=60)
@given(diagrams(attributes=False))
def test_builder_equals_from_edges(d: cid.Diagram) -> None:
    named = d.agents != ("agent",)
    if named:  # the {agent: [...]} form, from the resolved owners
        decisions: object = {a: list(d.decisions_of(a)) for a in d.agents}
        utilities: object = {a: list(d.utilities_of(a)) for a in d.agents}
    else:
        decisions, utilities = list(d.decisions), list(d.utilities)
    rebuilt = read_back(lambda: cid.Diagram.from_edges(
        d.edge_list, decisions=decisions, utilities=utilities,  # type: ignore[arg-type]
        nodes=d.nodes, name=d.name))
    assert rebuilt.edge_list == d.edge_list
    assert [rebuilt.parents(n) for n in d.nodes] == [d.parents(n) for n in d.nodes]
    assert [rebuilt.kind(n) for n in d.nodes] == [d.kind(n) for n in d.nodes]
    assert [rebuilt.agents_of(n) for n in d.nodes] == [d.agents_of(n) for n in d.nodes]
    assert rebuilt == d  # agents compare as resolved


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
    with pytest.raises(SpecError, match=r"^\S*bad\.json is invalid: edges\[0\]: edge X -> Y"):
        load(tmp_path / "bad.json")


# ---------------------------------------------------------------- nothing escapes as a non-CIDError
@pytest.mark.parametrize(("text", "fragment"), [
    ('{"nodes": [{"kind": "chance", "name": "X", "domain": [' + "9" * 5000 + "]}]}",
     "cannot read JSON: "),
    ("[" * 100_000, "cannot read JSON: nested too deeply"),
    (b"\xff\xfe\xfd\x00\x00", "cannot read JSON"),
])
def test_unreadable_json_is_a_spec_error(text: str | bytes, fragment: str) -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_json(text)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    for path, fragment in [(binary, "not UTF-8 text"), (tmp_path, "cannot read"),
                           (tmp_path / "missing.json", "No such file")]:
        with pytest.raises(SpecError) as info:
            load(path)
        message = str(info.value)
        assert str(path) in message and fragment in message and "\n" not in message
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + cid.Diagram().chance("X").to_json().encode())
    assert load(bom) == cid.Diagram().chance("X")


def test_cli_validate_of_a_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cid.cli import main

    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["validate", str(binary)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(binary) in err and "not UTF-8" in err
    assert len(err.strip().splitlines()) == 1


def test_save_errors_are_cid_errors(tmp_path: Path) -> None:
    d = cid.Diagram().chance("X")
    blocker = tmp_path / "file"
    blocker.write_text("")
    for target in (blocker / "d.json", tmp_path):  # a file as a folder; a folder as the file
        with pytest.raises(cid.SaveError) as info:
            save(d, target)
        assert isinstance(info.value, OSError) and isinstance(info.value, cid.CIDError)
        assert str(target) in str(info.value) and "\n" not in str(info.value)


# ---------------------------------------------------------------- what is written reads back
def test_empty_diagram_is_not_written() -> None:
    with pytest.raises(cid.DiagramError, match="diagram 'blank' has no nodes") as info:
        cid.Diagram("blank").to_json()
    assert info.value.code == "cid_empty"
    with pytest.raises(SpecError, match="no nodes"):
        from_dict({"nodes": []})


def test_description_and_huge_numbers() -> None:
    d = cid.Diagram("g", description="two\nlines, “quoted”").chance("X", domain=[10**30, -1])
    assert cid.Diagram.from_json(d.to_json()) == d
    with pytest.raises(cid.DiagramError, match="node X"):
        cid.Diagram().chance("X", domain=[10**5000]).to_json()


# ---------------------------------------------------------------- every problem, each once
def test_graph_is_checked_after_shape_errors() -> None:
    with pytest.raises(SpecError) as info:
        from_dict({"nodes": [{"kind": "chance", "name": "X"}, {"kind": "decison", "name": "D"},
                             {"kind": "chance", "name": "Z", "colour": "red"},
                             {"kind": "chance", "name": "A"}, {"kind": "chance", "name": "B"}],
                   "edges": ["X -> D", ["X", "Y"], "Z -> X", "A -> B -> A", ["X", "X", "X"]]})
    problems = [(loc, code) for loc, _, code in info.value.problems]
    assert problems == [("nodes[1].kind", "cid_invalid_kind"),
                        ("nodes[2].colour", "extra_forbidden"), ("edges[4]", "cid_invalid_edge"),
                        ("edges[1]", "cid_unknown_node"), ("edges", "cid_cycle")]
    assert "edge X -> Y: unknown node 'Y'" in str(info.value)


def test_bad_format_version_hides_nothing() -> None:
    for version in (3, True, 1.0, "1"):
        with pytest.raises(SpecError) as info:
            from_dict({"format_version": version, "nodes": [{"kind": "chance", "name": "X"}],
                       "edges": [["X", "Y"]]})
        assert [p[0] for p in info.value.problems] == ["format_version", "edges[0]"]
        assert f"unsupported format_version {version!r}" in str(info.value)


def test_one_cycle_per_tangle() -> None:
    with pytest.raises(SpecError) as info:
        cid.Diagram.from_edges(["A -> B -> A", "C -> D -> E -> C", "B -> C", "F -> G"])
    cycles = [msg for _, msg, code in info.value.problems if code == "cid_cycle"]
    assert cycles == ["the edges form a cycle: A -> B -> A",
                      "the edges form a cycle: C -> D -> E -> C"]


def test_missing_agent_located_at_each_node() -> None:
    with pytest.raises(SpecError) as info:
        from_dict({"nodes": [{"kind": "decision", "name": "A", "agent": "a"},
                             {"kind": "decision", "name": "B", "agent": "b"},
                             {"kind": "utility", "name": "U"}, {"kind": "decision", "name": "C"}]})
    assert [(p[0], p[2]) for p in info.value.problems] == [
        ("nodes[2]", "cid_missing_agent"), ("nodes[3]", "cid_missing_agent")]
    assert "nodes[2]: utility U names no agent" in str(info.value)


@pytest.mark.parametrize(("node", "location", "fragment"), [
    ({"domain": [[1]]}, "nodes[0].domain[0]", "a domain value is a number, a string or a boolean"),
    ({"domain": [None]}, "nodes[0].domain[0]", "got None"),
    ({"kind": "utility", "agent": 3}, "nodes[0].agent", "an agent name or a list of names"),
    ({"kind": "decision", "agent": "two\nlines"}, "nodes[0]", "invalid agent name 'two\\nlines'"),
])
def test_one_problem_per_bad_value(node: dict[str, object], location: str, fragment: str) -> None:
    with pytest.raises(SpecError) as info:
        from_dict({"nodes": [{"kind": "chance", "name": "X", **node}]})
    assert [p[0] for p in info.value.problems] == [location]
    assert fragment in str(info.value)


def test_three_item_edge_is_one_problem() -> None:
    with pytest.raises(SpecError) as info:
        from_dict({"nodes": [{"kind": "chance", "name": "X"}], "edges": [["X", "X", "X"], 3]})
    assert [p[:1] + p[2:] for p in info.value.problems] == [
        ("edges[0]", "cid_invalid_edge"), ("edges[1]", "cid_invalid_edge")]
    assert "an edge is a [parent, child] pair" in str(info.value)
