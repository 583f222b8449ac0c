"""``cid`` itself: --version, --help, usage errors (exit 2), the installed script and
``python -m cid``.

Exit codes: 0 success, 1 invalid diagram or input, 2 usage error, 3 Graphviz missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cid
from tests.support.cli import assert_clean_error, run

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert (code, out.strip(), err) == (0, f"cid {cid.__version__}", "")


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("validate", "schema", "analyze", "render", "compare", "zoo"):
        assert command in out


COMMANDS = [[], ["validate"], ["schema"], ["analyze"], ["render"], ["compare"], ["zoo"],
            ["zoo", "list"], ["zoo", "show"], ["zoo", "render"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(["cid", *c]))
def test_help_has_examples_that_parse(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    import shlex

    from cid.cli import build_parser
    from cid.cli._parser import HELP_WIDTH

    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, *command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: {' '.join(['cid', *command])} ")
    assert max(map(len, out.splitlines())) <= HELP_WIDTH
    examples = out.split("\nexamples:\n")[1].split("\n\n")[0].splitlines()
    assert examples and all(line.startswith("  cid ") for line in examples)
    for line in examples:
        argv = shlex.split(line.split(" < ")[0])[1:]  # without a shell redirection
        assert callable(build_parser().parse_args(argv).handler)  # a usage error exits
        assert argv[:len(command)] == command or not command


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
