"""``cid validate`` and ``cid schema``, and bad spec files given to every command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import cid
from tests.support.cli import assert_clean_error, run

ROOT = Path(__file__).resolve().parents[2]



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


def test_a_byte_order_mark_is_accepted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, specs: dict[str, Path],
    tmp_path: Path,
) -> None:
    """Editors on Windows start UTF-8 files with a BOM; in a file or on standard input."""
    import io

    text = "\ufeff" + specs["good"].read_text(encoding="utf-8")
    bom = tmp_path / "bom.json"
    bom.write_text(text, encoding="utf-8")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    code, out, err = run(capsys, "validate", str(bom))
    assert (code, out, err) == (0, f"{bom}: ok (3 nodes, 1 decision, 1 utility, 1 agent)\n", "")
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, err = run(capsys, "analyze", "-", "--format", "table")
    assert (code, err) == (0, "")
    assert out == cid.analyze(cid.load(specs["good"])).table() + "\n"





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
