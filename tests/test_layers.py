"""The layer rules, enforced by import-linter (contracts in pyproject.toml) and grimp.

``lint-imports`` comes with the ``test`` extra; the tests skip (saying so) where it is
missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(contract: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return subprocess.run([tool, "--no-cache", "--contract", contract], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("contract", ["graph-below", "library-not-zoo", "core-model"])
def test_layer_contract_is_kept(contract: str) -> None:
    out = _lint_imports(contract)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_cli_does_not_import_the_zoo() -> None:
    out = _lint_imports("cli-not-zoo")
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_core_type_has_no_import_cycle() -> None:
    """Imports for type annotations only (under TYPE_CHECKING) run never: not counted."""
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter")
    import networkx as nx

    graph = grimp.build_graph("cid", exclude_type_checking_imports=True, cache_dir=None)
    core = {m for m in graph.modules
            if m.startswith("cid.core") or m in ("cid.io", "cid.model", "cid.nodes",
                                                  "cid.edges", "cid.twin")}
    imports = nx.DiGraph((m, i) for m in core for i in graph.find_modules_directly_imported_by(m)
                         if i in core)
    assert nx.is_directed_acyclic_graph(imports), nx.find_cycle(imports)
