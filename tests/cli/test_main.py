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
from tests.cli.helpers import assert_clean_error, run

ROOT = Path(__file__).resolve().parents[2]


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
