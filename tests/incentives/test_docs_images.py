"""The pictures of docs/incentives.md match what the code draws (DOT drift check), and the page
shows one per criterion."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import cid
from cid.incentives import IncentiveKind

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images" / "incentives"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_incentive_images",
                                                  IMAGES / "make_incentive_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, cid.Rendering]:
    found: dict[str, cid.Rendering] = _module().figures()
    return found


def test_committed_dot_matches_the_code(figures: dict[str, cid.Rendering]) -> None:
    stale = [name for name, r in figures.items()
             if (IMAGES / f"{name}.dot").read_text(encoding="utf-8") != r.dot]
    assert not stale, ("run python docs/images/incentives/make_incentive_images.py "
                       f"(stale: {stale})")


def test_one_picture_per_criterion_each_shown_by_the_page(
        figures: dict[str, cid.Rendering]) -> None:
    assert set(figures) == {k.value for k in IncentiveKind}
    page = (ROOT / "docs" / "incentives.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((images/incentives/[^)]+)\)", page)
    assert [Path(p).suffix for p in shown] == [".svg"] * len(shown)
    assert sorted(Path(p).stem for p in shown) == sorted(figures)


def test_each_picture_marks_its_criterion_and_draws_its_witness(
        figures: dict[str, cid.Rendering]) -> None:
    module = _module()
    for name, build, kind, node in module.EXAMPLES:
        d = build()
        k = IncentiveKind.parse(kind)
        dot = figures[name].dot
        others = [o.label for o in IncentiveKind if o is not k]
        assert f"<B>{k.label}</B>" in dot and not any(f"<B>{o}</B>" in dot for o in others)
        for n in getattr(cid.analyze(d)["P"], k.value):
            if n not in ("P", *d.utilities):  # the trivial self-marks are hidden
                assert re.search(rf"^\t{n} \[label=<<TABLE.*<B>{k.label}</B>", dot, re.M), n
        witness = cid.explain(d, "P", node, kind)
        assert witness is not None
        for a, b in witness.edges:
            assert re.search(rf"^\t{a} -> {b} \[[^\]]*penwidth=3", dot, re.M), (name, a, b)


@pytest.mark.needs_dot
def test_pictures_render_with_every_node(figures: dict[str, cid.Rendering]) -> None:
    for name, r in figures.items():
        svg = r.svg()
        for node in set(re.findall(r"^\t(\w+) \[", r.dot, flags=re.M)) - {"graph", "node",
                                                                            "edge"}:
            assert f"<title>{node}</title>" in svg, (name, node)
