"""The pictures of docs/robustness.md exist and match what the code draws (DOT drift check)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images" / "robustness"


def _module():
    spec = importlib.util.spec_from_file_location("robustness_make_images",
                                                  IMAGES / "make_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_dot_matches_the_code():
    stale = [name for name, r in _module().figures().items()
             if (IMAGES / f"{name}.dot").read_text(encoding="utf-8") != r.dot]
    assert not stale, f"run python docs/images/robustness/make_images.py (stale: {stale})"


def test_each_picture_draws_its_verdicts_hinges_and_fragile_marks():
    import zoo
    from cid.robustness import sensitivity

    module = _module()
    figures = module.figures()
    for name, (entry, decision, (kind, node)) in module.PICTURES.items():
        report = sensitivity(zoo.build(entry), edits=module.EDGE_EDITS)
        verdict = report.verdict(kind, node, decision)
        assert verdict.present and not verdict.robust and verdict.hinges, name
        dot = figures[name].dot
        assert "fragile" in dot, name
        for a, b in verdict.hinges:
            assert re.search(rf"\b{a} -> {b} \[[^\]]*color=\"[^\"]*:", dot), (name, a, b)


def test_every_picture_the_page_shows_is_committed_as_svg():
    page = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((images/robustness/[^)]+)\)", page)
    assert {Path(p).stem for p in shown} == set(_module().figures())
    for path in shown:
        svg = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


@pytest.mark.needs_dot
def test_committed_svg_has_every_node_of_its_dot():
    for name, r in _module().figures().items():
        svg = (IMAGES / f"{name}.svg").read_text(encoding="utf-8")
        nodes = set(re.findall(r"^\t(\w+) \[", r.dot, flags=re.M)) - {"graph", "node", "edge"}
        assert nodes
        for node in nodes:
            assert f"<title>{node}</title>" in svg, (name, node)
