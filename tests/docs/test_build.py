"""The documentation site builds with no warning, and its gallery shows every zoo entry.

The same build as ``python3 dev.py docs`` (Sphinx, MyST-Parser, furo, ``-W``), into a
temporary folder. The page examples themselves are executed by Sybil (see ``conftest.py``).
"""

from __future__ import annotations

import ast
import html
import importlib
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = ("index", "quickstart", "dsl", "incentives", "quantitative", "rendering", "zoo", "cli",
         "format", "api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("sphinx", "myst_parser", "furo"):
        pytest.importorskip(module,
                            reason=f"the docs build needs {module} (pip install -e '.[docs]')")
    tmp = tmp_path_factory.mktemp("docs")
    out = tmp / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(tmp / "doctrees"), str(DOCS), str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert done.returncode == 0, f"sphinx failed:\n{done.stdout}\n{done.stderr}"
    assert done.stderr.strip() == "", done.stderr
    return out


def _text(page: Path) -> str:
    """The visible text of a built page (tags stripped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_every_page_is_built_and_in_the_navigation(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in PAGES:
        assert (site / f"{page}.html").is_file(), page
        if page != "index":
            assert f'href="{page}.html"' in index, f"{page} is not linked from the index"


def test_gallery_lists_every_zoo_entry(site: Path) -> None:
    import zoo

    gallery = _text(site / "zoo.html")
    missing = [name for name in zoo.names()
               if name not in gallery or zoo.entry(name).title not in gallery]
    assert not missing, f"the gallery page lacks {missing}"


def test_every_picture_referenced_by_a_page_is_in_the_site(site: Path) -> None:
    pictures = 0
    for page in site.glob("*.html"):
        for src in re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8")):
            if not src.startswith(("http:", "https:", "data:")):
                assert (site / src).is_file(), f"{page.name}: missing picture {src}"
                pictures += 1
    assert pictures > 0


def _documented_modules() -> list[ModuleType]:
    """``cid``, ``cid.quant``, ``zoo``, ``cid.cli`` and every module docs/api.md documents with
    ``automodule``."""
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    names = ["cid", "cid.quant", "zoo", "cid.cli",
             *re.findall(r"^\.\. automodule:: (\S+)", page, flags=re.M)]
    return [importlib.import_module(name) for name in dict.fromkeys(names)]


def test_api_reference_documents_every_public_name(site: Path) -> None:
    ids = set(re.findall(r'id="([^"]+)"', (site / "api.html").read_text(encoding="utf-8")))
    modules = _documented_modules()
    assert {"cid.graph", "zoo.models"} <= {m.__name__ for m in modules}
    missing = []
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            # a re-export (cid.Model is cid.quant.Model) may be documented where it lives
            anchors = {f"{m.__name__}.{name}" for m in modules
                       if m is module or getattr(m, name, None) is obj}
            if not ids & anchors:
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"docs/api.md does not document {missing}"


def test_numpydoc_node_types_link_to_the_glossary(site: Path) -> None:
    api = (site / "api.html").read_text(encoding="utf-8")
    assert 'id="term-node"' in api
    graph = api[api.index('id="module-cid.graph"'):]
    assert 'href="#term-node"' in graph[:graph.index('id="module-cid.quant"')]


def test_conf_suppresses_no_warning() -> None:
    """``-W`` must see every warning: no ``suppress_warnings`` in docs/conf.py."""
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    assigned = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    assert "suppress_warnings" not in assigned


def test_schema_is_downloadable(site: Path) -> None:
    (schema,) = site.glob("_downloads/*/cid.schema.json")
    assert schema.read_text() == (DOCS / "cid.schema.json").read_text()
