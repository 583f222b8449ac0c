"""Rendering the zoo: DOT always, pictures with Graphviz, and the committed gallery's drift."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import cid
import zoo
from zoo.gallery import entry_dot, gallery_markdown, main, render_zoo

DOCS = Path(__file__).resolve().parents[2] / "docs"
NAMES = zoo.names()


@pytest.mark.parametrize("name", NAMES)
def test_dot_is_deterministic_and_names_every_node(name: str) -> None:
    for overlay in (False, True):
        dot = entry_dot(name, incentives=overlay)
        assert dot == entry_dot(name, incentives=overlay)
        assert dot.startswith(f"digraph {name} {{")
        for node in zoo.build(name).nodes:
            assert f"\t{node} [" in dot, (name, node)
    assert entry_dot(name, incentives=True) != entry_dot(name)


@pytest.mark.parametrize("name", NAMES)
def test_committed_dot_files_match_the_code(name: str) -> None:
    for overlay, stem in ((False, name), (True, f"{name}-incentives")):
        committed = DOCS / "zoo" / f"{stem}.dot"
        assert committed.exists(), f"{committed} is missing: run python -m zoo.gallery docs"
        assert committed.read_text(encoding="utf-8") == entry_dot(name, incentives=overlay), (
            f"{committed.name} drifted from the code: run python -m zoo.gallery docs"
        )
        assert (DOCS / "zoo" / f"{stem}.svg").exists()


def test_committed_gallery_page_matches_the_code() -> None:
    page = (DOCS / "zoo.md").read_text(encoding="utf-8")
    assert page == gallery_markdown(), "docs/zoo.md drifted: run python -m zoo.gallery docs"


def test_gallery_page_shows_every_entry_with_picture_table_and_claims() -> None:
    page = gallery_markdown()
    for name in NAMES:
        assert f"## {name}\n\n**{zoo.entry(name).title}**" in page
        assert f"- [{name}](#{name}): " in page
        assert f"](zoo/{name}-incentives.svg)" in page
        assert zoo.summary_line(name) in page
    assert page.count("**Incentives** (`cid.analyze`)") == len(NAMES)
    assert page.count("**The paper's claims**") == len(NAMES)
    assert "✗" not in page  # every claim is confirmed
    assert "## Comparisons the papers invite" in page
    assert "Reward modeling vs CIRL" in page and "current-RF optimisation" in page


def test_committed_svgs_stay_small() -> None:
    svgs = list((DOCS / "zoo").glob("*.svg"))
    assert len(svgs) == 2 * len(NAMES)
    assert sum(p.stat().st_size for p in svgs) < 2_500_000


def test_render_zoo_writes_dot_without_graphviz(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cid, "graphviz_available", lambda: False)
    with pytest.warns(cid.CIDWarning, match="skipped svg, png"):
        written = render_zoo(tmp_path / "out", names=["mdp", "cirl"])
    assert [p.name for p in written] == ["mdp.dot", "mdp-incentives.dot", "cirl.dot",
                                         "cirl-incentives.dot"]
    assert (tmp_path / "out" / "cirl.dot").read_text(encoding="utf-8") == entry_dot("cirl")


def test_render_zoo_rejects_bad_arguments_before_writing(tmp_path: Path) -> None:
    with pytest.raises(cid.NodeNotFoundError, match="'nope'"):
        render_zoo(tmp_path / "a", names=["mdp", "nope"], formats=("dot",))
    with pytest.raises(cid.DiagramError, match="unknown format 'gif'"):
        render_zoo(tmp_path / "b", formats=("gif",))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_render_zoo_dot_only_and_without_overlays(tmp_path: Path) -> None:
    written = render_zoo(tmp_path, names=["debate"], formats=("dot",), incentives=False)
    assert written == [tmp_path / "debate.dot"]


@pytest.mark.needs_dot
def test_render_zoo_writes_pictures(tmp_path: Path) -> None:
    written = render_zoo(tmp_path, names=["counterfactual_oracle", "debate"],
                         formats=("svg", "png"))
    assert len(written) == 2 * 2 * 3
    for path in written:
        assert path.exists() and path.stat().st_size > 0
    svg = ET.parse(tmp_path / "counterfactual_oracle-incentives.svg").getroot()
    titles = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
    assert {"Q", "A", "S", "S_cf", "R"} <= titles
    assert (tmp_path / "debate.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.needs_dot
def test_committed_svgs_show_every_node() -> None:
    for name in NAMES:
        svg = ET.parse(DOCS / "zoo" / f"{name}-incentives.svg").getroot()
        titles = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
        assert set(zoo.build(name).nodes) <= titles, name


def test_gallery_command_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "--no-pictures"]) == 0
    assert (tmp_path / "zoo.md").read_text(encoding="utf-8") == gallery_markdown()
    assert len(list((tmp_path / "zoo").glob("*.dot"))) == 2 * len(NAMES)
    assert "wrote" in capsys.readouterr().out


def test_summary_lines() -> None:
    for name in NAMES:
        line = zoo.summary_line(name)
        assert line.startswith(name) and line.endswith("✓"), line
        assert f" {zoo.entry(name).focus_decision} · ICI: " in line
    assert "ThetaR2" in zoo.summary_line("wireheading")
    assert "ThetaR2" not in zoo.summary_line("current_rf_optimization").split("RI:")[0]
