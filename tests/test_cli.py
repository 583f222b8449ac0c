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


# --------------------------------------------------------------------------- top level, usage


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


# --------------------------------------------------------------------------- validate


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


# --------------------------------------------------------------------------- schema


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


# --------------------------------------------------------------------------- the installed script


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


# --------------------------------------------------------------------------- the commands the docs show

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
