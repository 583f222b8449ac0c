"""Packaging: the wheel ships cid (typed) and the top-level zoo; import cid stays light."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_cid_imports_no_heavy_optional_dependency() -> None:
    code = (
        "import sys, cid\n"
        "d = cid.Diagram.from_edges(['S -> D -> U'], decisions=['D'], utilities=['U'])\n"
        "heavy = [m for m in ('pgmpy', 'pandas', 'torch', 'scipy', 'sklearn', 'IPython') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bare_import_is_lazy() -> None:
    code = ("import sys, cid; "
            "print(sorted(m for m in ('networkx', 'pydantic', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_resolve() -> None:
    import cid

    missing = []
    for name in cid.__all__:
        try:
            getattr(cid, name)
        except (AttributeError, ImportError) as err:
            missing.append(f"{name}: {err}")
    assert not missing


def test_wheel_ships_cid_zoo_and_py_typed(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("cid_incentives-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cid/__init__.py" in names and "cid/py.typed" in names
    assert "zoo/__init__.py" in names
    assert not any(n.startswith(("tests/", "docs/", "benchmarks/")) for n in names)
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: networkx>=3.3" in text
    assert "Requires-Dist: pgmpy" in text and "extra == 'pgmpy'" in text
