"""The ``cid`` command, run in-process through ``main(argv)``: every subcommand, every exit code.

Exit codes: 0 success, 1 invalid diagram or input, 2 usage error, 3 Graphviz missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cid
import zoo
from cid.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_error(err: str, *fragments: str) -> None:
    """One line per problem, naming what is wrong, and never a traceback."""
    assert "Traceback" not in err
    assert err.strip(), "an error must say something on stderr"
    for fragment in fragments:
        assert fragment in err, (fragment, err)


@pytest.fixture
def specs(tmp_path: Path) -> dict[str, Path]:
    """Spec files: a good one and one per kind of breakage."""
    good = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"],
                                  name="good")
    paths = {"good": cid.save(good, tmp_path / "good.json")}
    bad = {
        "invalid_json": '{"nodes": [{"kind": "chance", "name": "X"},]}',
        "cycle": json.dumps({"nodes": [{"kind": "chance", "name": "X"},
                                       {"kind": "chance", "name": "Y"}],
                             "edges": ["X -> Y -> X"]}),
        "unknown_node": json.dumps({"nodes": [{"kind": "chance", "name": "X"}],
                                    "edges": [["X", "Y"]]}),
        "not_an_object": "[1, 2]",
    }
    for name, text in bad.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(text, encoding="utf-8")
    return paths


# ---------------------------------------------------------------- top level, usage


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert (code, out.strip(), err) == (0, f"cid {cid.__version__}", "")


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("validate", "schema", "analyze", "render", "compare", "zoo"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [
        [],  # no subcommand
        ["frobnicate"],
        ["analyze"],  # missing target
        ["analyze", "x.json", "--format", "yaml"],
        ["render", "zoo:mdp"],  # missing -o
        ["zoo"],
        ["zoo", "render", "--out", "x", "--format", "gif"],
        ["compare", "zoo:mdp"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert_clean_error(err, "usage: cid")


# ---------------------------------------------------------------- validate


def test_validate_good_file(capsys: pytest.CaptureFixture[str], specs: dict[str, Path]) -> None:
    code, out, err = run(capsys, "validate", str(specs["good"]))
    assert (code, err) == (0, "")
    assert out == f"{specs['good']}: ok (3 nodes, 1 decision, 1 utility, 1 agent)\n"


@pytest.mark.parametrize(
    ("bad", "fragments"),
    [
        ("invalid_json", ["invalid JSON", "line 1", "[cid_json]"]),
        ("cycle", ["cycle", "X -> Y -> X", "[cid_cycle]"]),
        ("unknown_node", ["edges[0]", "unknown node 'Y'", "[cid_unknown_node]"]),
        ("not_an_object", ["a spec is a JSON object", "list"]),
    ],
)
def test_validate_bad_file_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], bad: str, fragments: list[str]
) -> None:
    code, out, err = run(capsys, "validate", str(specs[bad]))
    assert (code, out) == (1, "")
    assert_clean_error(err, str(specs[bad]), *fragments)
    assert len(err.strip().splitlines()) == 1


def test_validate_several_files_reports_each(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path]
) -> None:
    code, out, err = run(capsys, "validate", str(specs["good"]), str(specs["cycle"]), "zoo:mdp")
    assert code == 1
    assert out.splitlines()[0].startswith(f"{specs['good']}: ok")
    assert out.splitlines()[1].startswith("zoo:mdp: ok")
    assert_clean_error(err, "cycle")


def test_validate_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    code, out, err = run(capsys, "validate", str(missing))
    assert (code, out) == (1, "")
    assert_clean_error(err, str(missing), "No such file")


def test_validate_every_problem_gets_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps({"nodes": [{"kind": "chance", "name": "1X"},
                                          {"kind": "decision", "name": "D", "agnet": "a"}]}))
    code, _, err = run(capsys, "validate", str(path))
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 2
    assert "nodes[0].name" in lines[0] and "nodes[1].agnet" in lines[1]


def test_validate_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, specs: dict[str, Path]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(specs["good"].read_text()))
    code, out, _ = run(capsys, "validate", "-")
    assert (code, out) == (0, "-: ok (3 nodes, 1 decision, 1 utility, 1 agent)\n")


# ---------------------------------------------------------------- schema


def test_schema_to_stdout_is_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    assert json.loads(out) == cid.json_schema()


def test_schema_to_file_creates_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "cid.schema.json"
    code, out, _ = run(capsys, "schema", "-o", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text()) == cid.json_schema()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["cid.schema.json"]


def test_committed_schema_is_up_to_date() -> None:
    from cid.cli._commands import schema_text

    committed = (ROOT / "docs" / "cid.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/cid.schema.json is stale: run `python -m cid schema -o docs/cid.schema.json`")


# ---------------------------------------------------------------- bad input, every command


@pytest.mark.parametrize("bad", ["invalid_json", "cycle", "unknown_node"])
@pytest.mark.parametrize(
    "command",
    [["analyze", "{}"], ["render", "{}", "-o", "{out}"], ["compare", "{good}", "{}"],
     ["compare", "{}", "{good}"]],
    ids=["analyze", "render", "compare-b", "compare-a"],
)
def test_bad_file_is_a_clean_exit_1_everywhere(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path,
    bad: str, command: list[str],
) -> None:
    out_file = tmp_path / "out" / "x.dot"
    argv = [a.format(specs[bad], good=specs["good"], out=out_file) for a in command]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert_clean_error(err, str(specs[bad]))
    assert len(err.strip().splitlines()) == 1
    assert not out_file.exists()


@pytest.mark.parametrize("command", ["analyze", "render", "validate"])
def test_unknown_zoo_entry_suggests_close_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    argv = [command, "zoo:wirehead"]
    if command == "render":
        argv += ["-o", str(tmp_path / "x.dot")]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert_clean_error(err, "zoo:wirehead", "wireheading")


def test_bad_zoo_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "zoo:mdp:depth=3")
    assert code == 1
    assert_clean_error(err, "depth", "horizon")
    code, _, err = run(capsys, "analyze", "zoo:mdp:horizon")
    assert code == 2
    assert_clean_error(err, "key=value")


# ---------------------------------------------------------------- analyze


def test_analyze_formats_agree_with_the_engine(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path]
) -> None:
    d = cid.load(specs["good"])
    report = cid.analyze(d)
    for fmt, expected in [("text", str(report)), ("table", report.table()),
                          ("markdown", report.table(format="markdown")),
                          ("json", report.to_json())]:
        code, out, err = run(capsys, "analyze", str(specs["good"]), "--format", fmt)
        assert (code, err) == (0, "")
        assert out == expected + "\n", fmt
    code, out, _ = run(capsys, "analyze", str(specs["good"]))
    assert out == str(report) + "\n"  # text is the default


def test_analyze_one_decision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "zoo:mdp", "--decision", "A2", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [d["decision"] for d in data["decisions"]] == ["A2"]
    expected = cid.value_of_information(zoo.build("mdp"), "A2")
    got = {item["node"] for item in data["decisions"][0]["incentives"]["value_of_information"]}
    assert got == set(expected)


@pytest.mark.parametrize(("decision", "fragment"),
                         [("S2", "chance node"), ("Z", "unknown decision")])
def test_analyze_bad_decision(
    capsys: pytest.CaptureFixture[str], decision: str, fragment: str
) -> None:
    code, out, err = run(capsys, "analyze", "zoo:mdp", "--decision", decision)
    assert (code, out) == (1, "")
    assert_clean_error(err, fragment, "A1, A2")


# ---------------------------------------------------------------- render


def test_render_dot_creates_folders_and_writes_only_the_output(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "new" / "deeper" / "good.dot"
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    code, out, err = run(capsys, "render", str(specs["good"]), "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert {p for p in tmp_path.rglob("*") if p.is_file()} - before == {target}
    assert target.read_text() == cid.render(cid.load(specs["good"])).dot


def test_render_to_stdout_with_incentives(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "zoo:content_recommendation", "--incentives", "--legend",
                       "-o", "-")
    d = zoo.build("content_recommendation")
    assert code == 0
    assert out == cid.render(d, incentives=True, legend=True).dot
    assert out != cid.render(d).dot


def test_render_witness_draws_the_explained_paths(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "zoo:content_recommendation", "--decision", "P",
                       "--witness", "I", "--kinds", "ICI", "-o", "-")
    d = zoo.build("content_recommendation")
    w = cid.explain(d, "P", "I", "instrumental_control_incentive")
    assert code == 0
    assert out == cid.render(d, incentives=True, decision="P", kinds=("ICI",), witness=[w]).dot


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["--witness", "I"], 2, "--witness needs --decision"),
        (["--decision", "P", "--witness", "Nope"], 1, "unknown node 'Nope'"),
        (["--decision", "P", "--witness", "I", "--kinds", "VoI"], 1, "no VoI"),
        (["--decision", "P", "--kinds", "bogus"], 1, "unknown incentive kind"),
        (["--decision", "O"], 1, "not a decision"),
    ],
)
def test_render_bad_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], code: int, fragment: str
) -> None:
    out_file = tmp_path / "x.dot"
    got, out, err = run(capsys, "render", "zoo:content_recommendation", "-o", str(out_file), *argv)
    assert (got, out) == (code, "")
    assert_clean_error(err, fragment)
    assert not out_file.exists()


def test_render_unknown_suffix_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "render", "zoo:mdp", "-o", str(tmp_path / "mdp.gif"))
    assert code == 2
    assert_clean_error(err, "mdp.gif", ".svg")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_render_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
    target = tmp_path / "pics" / f"mdp{suffix}"
    code, _, err = run(capsys, "render", "zoo:mdp", "--incentives", "-o", str(target))
    assert (code, err) == (0, "")
    data = target.read_bytes()
    magic = {".svg": b"<svg", ".png": b"\x89PNG", ".pdf": b"%PDF"}[suffix]
    assert magic in data[:400]


@pytest.mark.needs_dot
def test_render_svg_has_every_node(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    target = tmp_path / "grade.svg"
    assert run(capsys, "render", "zoo:grade_prediction", "-o", str(target))[0] == 0
    titles = {t.text for t in ET.parse(target).iter("{http://www.w3.org/2000/svg}title")}
    assert set(zoo.build("grade_prediction").nodes) <= titles


def test_render_picture_without_graphviz_exits_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / "out" / "mdp.svg"
    code, out, err = run(capsys, "render", "zoo:mdp", "-o", str(target))
    assert (code, out) == (3, "")
    assert_clean_error(err, "Graphviz", "install", ".dot")
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()
    # .dot output still works without the binary
    assert run(capsys, "render", "zoo:mdp", "-o", str(tmp_path / "mdp.dot"))[0] == 0


# ---------------------------------------------------------------- compare


def _sets(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    return {"value_of_information": cid.value_of_information(d, decision),
            "response_incentive": cid.response_incentives(d, decision),
            "value_of_control": cid.value_of_control(d, decision),
            "instrumental_control_incentive": cid.instrumental_control_incentives(d, decision)}


@pytest.mark.parametrize(
    ("a", "b"),
    [("content_recommendation", "content_recommendation_modified"),
     ("wireheading", "current_rf_optimization"), ("reward_modeling", "cirl"), ("mdp", "pomdp")],
)
def test_compare_json_matches_the_engine(
    capsys: pytest.CaptureFixture[str], a: str, b: str
) -> None:
    code, out, err = run(capsys, "compare", f"zoo:{a}", f"zoo:{b}", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    da, db = zoo.build(a), zoo.build(b)
    assert set(data["nodes"]["only_in_a"]) == set(da.nodes) - set(db.nodes)
    assert set(data["nodes"]["only_in_b"]) == set(db.nodes) - set(da.nodes)
    assert {tuple(e) for e in data["edges"]["only_in_a"]} == set(da.edge_list) - set(db.edge_list)
    assert {tuple(e) for e in data["edges"]["only_in_b"]} == set(db.edge_list) - set(da.edge_list)
    order = [*da.topological_order, *db.topological_order]
    assert [x["decision"] for x in data["decisions"]] == sorted(
        set(da.decisions) | set(db.decisions), key=order.index)
    lost = gained = 0
    for entry in data["decisions"]:
        dec = entry["decision"]
        sa = _sets(da, dec) if dec in da.decisions else {}
        sb = _sets(db, dec) if dec in db.decisions else {}
        for kind, diff in entry["incentives"].items():
            x, y = sa.get(kind, frozenset()), sb.get(kind, frozenset())
            got = (set(diff["lost"]), set(diff["gained"]), set(diff["kept"]))
            assert got == (x - y, y - x, x & y)
            lost, gained = lost + len(x - y), gained + len(y - x)
    assert data["summary"] == {"lost": lost, "gained": gained}


def test_compare_shows_the_papers_points(capsys: pytest.CaptureFixture[str]) -> None:
    # Agent Incentives: scoring on predicted clicks removes the control incentive on opinions I.
    _, out, _ = run(capsys, "compare", "zoo:content_recommendation",
                    "zoo:content_recommendation_modified")
    assert "    ICI  - I\n" in out
    # Reward tampering, Sec. 3.2: current-RF optimisation removes the incentive on ThetaR2.
    data = json.loads(run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                          "--format", "json")[1])
    a1 = next(x for x in data["decisions"] if x["decision"] == "A1")
    assert "ThetaR2" in a1["incentives"]["instrumental_control_incentive"]["lost"]


def test_compare_identical_and_one_sided(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(specs["good"]))
    assert code == 0
    assert "decision D: unchanged" in out and out.endswith("0 incentives lost, 0 gained\n")
    other = cid.Diagram.from_edges(["S -> E -> U", "S -> U"], decisions=["E"], utilities=["U"])
    path = cid.save(other, tmp_path / "other.json")
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(path))
    assert code == 0
    assert "decision D (only in A):" in out and "decision E (only in B):" in out
    assert "nodes only in A: D" in out and "nodes only in B: E" in out


# ---------------------------------------------------------------- zoo


def test_zoo_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "zoo", "list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == zoo.names()
    for line, name in zip(out.splitlines(), zoo.names(), strict=True):
        assert zoo.entry(name).title in line and zoo.entry(name).reference.short in line
    code, out, _ = run(capsys, "zoo", "list", "--format", "json")
    assert [row["name"] for row in json.loads(out)] == zoo.names()


def test_zoo_show(capsys: pytest.CaptureFixture[str]) -> None:
    entry = zoo.entry("counterfactual_oracle")
    code, out, err = run(capsys, "zoo", "show", "counterfactual_oracle")
    assert (code, err) == (0, "")
    assert out.startswith(f"counterfactual_oracle: {entry.title}\n")
    assert cid.analyze(entry.build()).table().splitlines()[0] in out
    for verdict in entry.verdicts():
        assert str(verdict) in out


def test_zoo_show_exits_1_when_a_claim_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    entry = zoo.entry("mdp")
    wrong = zoo.Claim("instrumental_control_incentive", decision="A1", node="S1", source="test")
    broken = dataclasses.replace(entry, claims=(*entry.claims, wrong))
    monkeypatch.setattr(zoo, "entry", lambda name: broken)
    code, out, _ = run(capsys, "zoo", "show", "mdp")
    assert code == 1
    assert "✗ S1 ∈ ICI(A1)" in out


def test_zoo_show_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "zoo", "show", "cirll")
    assert (code, out) == (1, "")
    assert_clean_error(err, "'cirl'")


def test_zoo_render_report_covers_every_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "zoo"
    code, out, err = run(capsys, "zoo", "render", "--out", str(out_dir), "--format", "dot",
                         "--incentives", "--report")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == zoo.names()
    assert all(line.rstrip().endswith("✓") for line in lines)
    expected = {f"{n}{s}.dot" for n in zoo.names() for s in ("", "-incentives")}
    assert {p.name for p in out_dir.iterdir()} == expected
    assert f"wrote {len(expected)} files" in err


def test_zoo_render_some_without_incentives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "zoo", "render", "mdp", "cirl", "--out", str(tmp_path / "z"),
                       "--format", "dot")
    assert (code, out) == (0, "")
    assert sorted(p.name for p in (tmp_path / "z").iterdir()) == ["cirl.dot", "mdp.dot"]


def test_zoo_render_unknown_name_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "zoo", "render", "mdp", "nope", "--out", str(tmp_path / "z"))
    assert code == 1
    assert_clean_error(err, "unknown zoo entry 'nope'")
    assert not (tmp_path / "z").exists()


def test_zoo_render_without_graphviz_still_writes_dot_and_exits_0(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out_dir = tmp_path / "zoo"
    code, out, err = run(capsys, "zoo", "render", "mdp", "wireheading", "--out", str(out_dir),
                         "--incentives", "--report")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["mdp", "wireheading"]
    hint = [line for line in err.splitlines() if "Graphviz" in line]
    assert len(hint) == 1 and "install" in hint[0]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "mdp-incentives.dot", "mdp.dot", "wireheading-incentives.dot", "wireheading.dot"]


@pytest.mark.needs_dot
def test_zoo_render_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "zoo", "render", "mdp", "--out", str(tmp_path), "--format",
                     "svg,pdf", "--incentives")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"mdp{s}.{f}" for s in ("", "-incentives") for f in ("dot", "svg", "pdf"))


# ---------------------------------------------------------------- the installed script


def test_installed_script_runs() -> None:
    script = Path(sys.executable).with_name("cid")
    exe = str(script) if script.exists() else shutil.which("cid")
    if exe is None:
        pytest.skip("the cid console script is not installed (pip install -e .)")
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"cid {cid.__version__}")


def test_python_dash_m_cid_reports_usage_errors() -> None:
    done = subprocess.run([sys.executable, "-m", "cid", "validate"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env={**os.environ})
    assert done.returncode == 2
    assert "usage: cid validate" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- the commands the docs show

DOC_PAGES = ("cli.md", "format.md", "quickstart.md")
PICTURE_SUFFIXES = (".svg", ".png", ".pdf")

# The files the shown commands read, as the pages describe them.
DOC_FILES = {
    "mdp.json": {
        "format_version": 1, "name": "mdp",
        "description": "two steps of a Markov decision process",
        "nodes": [{"kind": "chance", "name": "S1", "label": "S_1", "step": 1},
                  {"kind": "decision", "name": "A1", "label": "A_1", "step": 1},
                  {"kind": "chance", "name": "S2", "label": "S_2", "step": 2, "domain": [0, 1]},
                  {"kind": "utility", "name": "R2", "label": "R_2", "step": 2}],
        "edges": [["S1", "A1"], "S1, A1 -> S2 -> R2"],
    },
    "broken.json": {"nodes": [{"kind": "chance", "name": "X"}, {"kind": "chance", "name": "Y"}],
                    "edges": ["X -> Y -> X"]},
    # docs/quickstart.md
    "tampering.json": cid.Diagram.from_edges(
        ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "A1 -> ThetaR2 -> R2", "ThetaR1 -> ThetaR2"],
        decisions=["A1"], utilities=["R2"], name="tampering",
        labels={"ThetaR1": "Θ^R_1", "ThetaR2": "Θ^R_2"}).to_dict(),
    "fixed.json": cid.Diagram.from_edges(
        ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "A1 -> ThetaR2", "ThetaR1 -> ThetaR2",
         "ThetaR1 -> A1", "ThetaR1 -> R2"],
        decisions=["A1"], utilities=["R2"], name="current_rf").to_dict(),
}


def shown_commands() -> list[tuple[str, str, str]]:
    """``(page, command, expected output)`` for every ``$ cid ...`` line of a console block."""
    import re

    found = []
    for page in DOC_PAGES:
        path = ROOT / "docs" / page
        if not path.exists():
            continue
        for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            command: str | None = None
            output: list[str] = []
            for line in [*block.splitlines(), "$ end"]:
                if line.startswith("$ "):
                    if command is not None:
                        found.append((page, command, "\n".join(output)))
                    command = line[2:] if line.startswith("$ cid ") else None
                    output = []
                else:
                    output.append(line)
    return found


def _needs_dot(argv: list[str]) -> bool:
    if argv[:2] == ["zoo", "render"]:
        formats = argv[argv.index("--format") + 1] if "--format" in argv else "svg,png"
        return formats.split(",") != ["dot"]
    return any(a.endswith(PICTURE_SUFFIXES) for a in argv)


@pytest.mark.parametrize(("page", "command", "expected"), shown_commands(),
                         ids=[f"{p}: {c}" for p, c, _ in shown_commands()])
def test_shown_command_gives_the_shown_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    page: str, command: str, expected: str,
) -> None:
    import doctest
    import shlex

    argv = shlex.split(command)[1:]
    if _needs_dot(argv) and shutil.which("dot") is None:
        pytest.skip("needs the Graphviz 'dot' executable")
    for name, data in DOC_FILES.items():
        (tmp_path / name).write_text(json.dumps(data, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert "Traceback" not in err
    got = "\n".join(line.rstrip() for line in (out + err).splitlines())
    want = "\n".join(line.rstrip() for line in expected.strip("\n").splitlines())
    checker = doctest.OutputChecker()
    assert checker.check_output(want + "\n", got + "\n", doctest.ELLIPSIS), (
        f"{page}: `{command}` (exit {code}) printed\n{got}\n--- but the page shows ---\n{want}")
