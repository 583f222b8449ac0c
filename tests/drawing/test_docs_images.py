"""The pictures of docs/rendering.md exist and match what the code draws (DOT drift check)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images" / "rendering"


def _module():
    spec = importlib.util.spec_from_file_location("make_images", IMAGES / "make_images.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _figures():
    return _module().figures()


PAPER = ("paper_small", "paper_time", "paper_large", "before", "after", "comparison")


def test_committed_dot_matches_the_code():
    stale = [name for name, r in _figures().items()
             if (IMAGES / f"{name}.dot").read_text(encoding="utf-8") != r.dot]
    assert not stale, f"run python docs/images/rendering/make_images.py (stale: {stale})"


def test_every_picture_the_page_shows_is_committed_as_svg():
    page = (ROOT / "docs" / "rendering.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((images/rendering/[^)]+)\)", page)
    assert {Path(p).stem for p in shown} == set(_figures()) | set(PAPER)
    for path in shown:
        svg = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


@pytest.mark.needs_dot
def test_committed_paper_figures_match_the_code():
    figures = _module().paper_figures()
    assert set(figures) == set(PAPER)
    stale = [name for name, r in figures.items()
             if (IMAGES / f"{name}.dot").read_text(encoding="utf-8") != r.dot]
    assert not stale, f"run python docs/images/rendering/make_images.py (stale: {stale})"
    for name in PAPER:
        assert (IMAGES / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.needs_dot
def test_committed_svg_has_every_node_of_its_dot():
    for name, r in _figures().items():
        svg = (IMAGES / f"{name}.svg").read_text(encoding="utf-8")
        nodes = set(re.findall(r"^\t(\w+) \[", r.dot, flags=re.M)) - {"graph", "node", "edge"}
        assert nodes
        for node in nodes:
            assert f"<title>{node}</title>" in svg, (name, node)
