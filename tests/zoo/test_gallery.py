"""Rendering the zoo: DOT always, pictures with Graphviz, and the committed gallery's drift."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import cid
import zoo
from tests.zoo._svg import graphviz_version, svg_signature
from zoo.gallery import entry_dot, gallery_markdown, main, render_zoo

DOCS = Path(__file__).resolve().parents[2] / "docs"
NAMES = zoo.names()
STEMS = [stem for n in NAMES for stem in (n, f"{n}-incentives")]


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
    assert "the corresponding pairs D1/AH1, D2/AH2" in page
    assert "| D2 | VoC, ICI(A1), ICI(A2) | AH2 | VoI(A2), RI(A2), VoC, ICI(A1) |" in page
    assert "AH2 ∈ ICI(A1) only via S3" in page
    for name in NAMES:  # time-indexed entries say how to get the claims at another horizon
        e = zoo.entry(name)
        assert ("claims_for(horizon=m)" in page.split(f"## {name}\n")[1].split("\n## ")[0]) == (
            e.min_horizon is not None)


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


def _local_dot_version() -> str | None:
    out = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=True)
    words = (out.stderr or out.stdout).split()
    return words[words.index("version") + 1] if "version" in words else None


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every committed DOT file rendered to SVG by the local Graphviz (one dot process)."""
    work = tmp_path_factory.mktemp("rerendered")
    for stem in STEMS:
        shutil.copy(DOCS / "zoo" / f"{stem}.dot", work / f"{stem}.dot")
    subprocess.run(["dot", "-Tsvg", "-O", *(f"{stem}.dot" for stem in STEMS)], cwd=work,
                   check=True, capture_output=True)
    return {stem: (work / f"{stem}.dot.svg").read_text(encoding="utf-8") for stem in STEMS}


@pytest.mark.needs_dot
@pytest.mark.parametrize("stem", STEMS)
def test_committed_svgs_match_their_dot(stem: str, rendered: dict[str, str]) -> None:
    committed = (DOCS / "zoo" / f"{stem}.svg").read_text(encoding="utf-8")
    fresh = rendered[stem]
    hint = f"docs/zoo/{stem}.svg is stale against its .dot: run python -m zoo.gallery docs"
    assert svg_signature(committed) == svg_signature(fresh), hint
    if graphviz_version(committed) == _local_dot_version():  # same Graphviz: same layout too
        assert svg_signature(committed, geometry=True) == svg_signature(fresh, geometry=True), hint


def test_the_svg_signature_sees_colours_styles_and_labels_not_positions() -> None:
    svg = (DOCS / "zoo" / "mdp-incentives.svg").read_text(encoding="utf-8")
    base = svg_signature(svg)
    assert 'fill="#c4e5f7"' in svg and 'stroke-dasharray="5,2"' in svg
    recoloured = svg.replace('fill="#c4e5f7"', 'fill="#ff0000"', 1)
    restyled = svg.replace('stroke-dasharray="5,2"', 'stroke-dasharray="1,5"', 1)
    relabelled = svg.replace(">VoI<", ">VoC<", 1)
    for changed in (recoloured, restyled, relabelled):
        assert svg_signature(changed) != base
    first_cx = re.search(r'cx="[^"]+"', svg)
    assert first_cx is not None
    moved = svg.replace(first_cx.group(0), 'cx="-12345.6"')
    assert moved != svg and svg_signature(moved) == base
    assert svg_signature(moved, geometry=True) != svg_signature(svg, geometry=True)
    assert graphviz_version(svg) is not None


@pytest.mark.needs_dot
def test_a_stale_svg_is_caught(tmp_path: Path) -> None:
    # re-render a DOT whose colour changed: the committed SVG no longer matches it
    dot = (DOCS / "zoo" / "mdp.dot").read_text(encoding="utf-8")
    assert dot.count("#C4E5F7") >= 1
    (tmp_path / "mdp.dot").write_text(dot.replace("#C4E5F7", "#123456"), encoding="utf-8")
    fresh = subprocess.run(["dot", "-Tsvg", str(tmp_path / "mdp.dot")], capture_output=True,
                           text=True, check=True).stdout
    committed = (DOCS / "zoo" / "mdp.svg").read_text(encoding="utf-8")
    assert svg_signature(fresh) != svg_signature(committed)


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
