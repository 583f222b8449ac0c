"""The pictures of docs/games.md exist and match what the code draws (DOT drift check)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images" / "games"


def _figures():
    spec = importlib.util.spec_from_file_location("games_make_images",
                                                  IMAGES / "make_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.figures()


def test_committed_dot_matches_the_code():
    stale = [name for name, picture in _figures().items()
             if (IMAGES / f"{name}.dot").read_text(encoding="utf-8") != picture.source]
    assert not stale, f"run python docs/images/games/make_images.py (stale: {stale})"


def test_the_pictures_draw_the_relevance_graphs():
    from cid import games
    from zoo.off_switch import off_switch_diagram

    dot = _figures()["relevance_off_switch"].source
    drawn = set(re.findall(r"^\t+(\w+) -> (\w+)$", dot, flags=re.M))
    assert drawn == set(games.relevance_graph(off_switch_diagram()).edges)
    assert "subgraph cluster_" in dot  # H and R2 rely on each other: one component


def test_every_picture_the_page_shows_is_committed_as_svg():
    page = (ROOT / "docs" / "games.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((images/games/[^)]+)\)", page)
    assert {Path(p).stem for p in shown} == set(_figures())
    for path in shown:
        svg = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


@pytest.mark.needs_dot
def test_committed_svg_has_every_decision_of_its_dot():
    for name, picture in _figures().items():
        svg = (IMAGES / f"{name}.svg").read_text(encoding="utf-8")
        nodes = set(re.findall(r"^\t+(\w+) \[label=", picture.source, flags=re.M))
        assert nodes
        for node in nodes:
            assert f"<title>{node}</title>" in svg, (name, node)
        assert picture.pipe(format="svg").startswith(b"<?xml")
