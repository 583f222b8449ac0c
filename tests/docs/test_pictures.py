"""The pictures in docs/_static are what docs/_static/make_pictures.py draws (DOT drift check),
every page's picture is one of them, and the pages' own code draws them."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import cid
from tests.support.pages import ROOT, page_name, pages, run_page

STATIC = ROOT / "docs" / "_static"
SHOWN = re.compile(r"!\[[^\]]*\]\((?:docs/)?(_static/[^)]+)\)")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pictures", STATIC / "make_pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, str]:
    """The DOT source of every figure the script draws, by name."""
    return {name: r.dot for name, r in _script().figures().items()}


def test_committed_dot_matches_the_code(figures: dict[str, str]) -> None:
    stale = [name for name, dot in figures.items()
             if not (STATIC / f"{name}.dot").is_file()
             or (STATIC / f"{name}.dot").read_text(encoding="utf-8") != dot]
    assert not stale, f"run python docs/_static/make_pictures.py (stale: {stale})"


def test_every_picture_shown_is_drawn_by_the_script(figures: dict[str, str]) -> None:
    shown = {page_name(p): SHOWN.findall(p.read_text(encoding="utf-8")) for p in pages()}
    names = {Path(src).stem for srcs in shown.values() for src in srcs}
    assert names == set(figures), "each docs/_static picture comes from make_pictures.py"
    assert shown["README.md"] == ["_static/tampering.svg"]
    for src in {src for srcs in shown.values() for src in srcs}:
        assert src.endswith(".svg")
        svg = (ROOT / "docs" / src).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg, src


@pytest.mark.parametrize(("page", "figure"), [("README.md", "tampering"),
                                              ("docs/quickstart.md", "tampering")])
def test_the_page_draws_its_picture(figures: dict[str, str], page: str, figure: str) -> None:
    namespace = run_page(ROOT / page)
    assert namespace["picture"].dot == figures[figure]


def test_the_index_page_builds_the_pictured_diagram(figures: dict[str, str]) -> None:
    namespace = run_page(ROOT / "docs" / "index.md")
    drawn = cid.render(namespace["d"], incentives=True, legend=True).dot
    assert drawn == figures["content_recommendation"]


@pytest.mark.needs_dot
def test_script_writes_dot_and_svg(figures: dict[str, str], tmp_path: Path) -> None:
    assert _script().main(tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{name}.{ext}" for name in figures for ext in ("dot", "svg"))
    for name, dot in figures.items():
        assert (tmp_path / f"{name}.dot").read_text(encoding="utf-8") == dot
        nodes = set(re.findall(r"^\t(\w+) \[", dot, flags=re.M)) - {"graph", "node", "edge"}
        committed = (STATIC / f"{name}.svg").read_text(encoding="utf-8")
        for node in nodes:
            assert f"<title>{node}</title>" in committed, (name, node)
