"""The code stays lint-clean and fully typed: ruff over the tree, ``mypy --strict`` over cid/.

Both tools come with the ``test`` extra; the tests skip (saying so) where they are missing,
for example in a bare ``pip install cid-incentives`` used to run the suite.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREE = ["cid", "zoo", "tests", "benchmarks", "docs", "conftest.py", "dev.py"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_ruff_finds_nothing() -> None:
    out = subprocess.run([_tool("ruff"), "check", "--no-cache", *TREE], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    out = subprocess.run([_tool("mypy"), "--cache-dir", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
