"""The docs gallery links an explorer page for every zoo entry; the committed pages are what
the code makes from the committed drawings (drift check, no Graphviz needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

import zoo
from tests.explorer.helpers import page_data
from zoo.gallery import EXPLORER_DIR, entry_explorer, gallery_markdown, write_explorers

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("name", zoo.names())
def test_committed_explorer_page_matches_the_code(name: str) -> None:
    page = DOCS / EXPLORER_DIR / f"{name}.html"
    assert page.is_file(), f"{page} is missing: run python -m zoo.gallery docs"
    svg = (DOCS / "zoo" / f"{name}.svg").read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8") == entry_explorer(name, svg=svg).html(), (
        f"{page.name} drifted from the code: run python -m zoo.gallery docs")
    data = page_data(page.read_text(encoding="utf-8"))
    assert data["view"]["decision"] == zoo.entry(name).focus_decision


def test_no_stale_explorer_page_is_left() -> None:
    pages = {p.stem for p in (DOCS / EXPLORER_DIR).glob("*.html")}
    assert pages == set(zoo.names())


def test_the_gallery_links_every_explorer_page() -> None:
    text = gallery_markdown()
    for name in zoo.names():
        assert f'<a href="{EXPLORER_DIR}/{name}.html">interactive explorer</a>' in text


def test_committed_pages_stay_small() -> None:
    sizes = [p.stat().st_size for p in (DOCS / EXPLORER_DIR).glob("*.html")]
    assert max(sizes) < 120_000 and sum(sizes) < 2_000_000


def test_write_explorers_skips_entries_without_a_drawing(tmp_path: Path) -> None:
    (tmp_path / "zoo").mkdir()
    svg = (DOCS / "zoo" / "mdp.svg").read_text(encoding="utf-8")
    (tmp_path / "zoo" / "mdp.svg").write_text(svg, encoding="utf-8")
    assert write_explorers(tmp_path) == [tmp_path / EXPLORER_DIR / "mdp.html"]
