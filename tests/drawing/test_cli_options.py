"""The paper-figure options of ``cid render`` and ``cid compare --render``."""

from __future__ import annotations

import pytest

import cid
import zoo
from tests.support.cli import assert_clean_error, run


def test_render_options_reach_render(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "zoo:wireheading", "-i", "--legend=below",
                         "--layout", "ranked", "-o", "-")
    assert code == 0 and err == ""
    w = zoo.build("wireheading")
    assert out == cid.render(w, incentives=True, legend="below", layout="ranked").dot


def test_legend_caption_prints_the_caption(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "zoo:counterfactual_oracle", "-i",
                         "--legend=caption", "-o", "-")
    assert code == 0
    expected = cid.render(zoo.build("counterfactual_oracle"), incentives=True,
                          legend="caption")
    assert err.strip() == expected.caption and out == expected.dot


def test_an_unknown_legend_place_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "render", "zoo:mdp", "--legend=left", "-o", "-")
    assert code == 2
    assert_clean_error(err, "--legend", "left")


def test_like_aligns_on_the_other_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "zoo:current_rf_optimization", "--like",
                       "zoo:wireheading", "-o", "-")
    assert code == 0
    expected = cid.render(zoo.build("current_rf_optimization"), like=zoo.build("wireheading"))
    assert out == expected.dot


@pytest.mark.needs_dot
def test_render_tex_width_and_compare_render(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    tex = tmp_path / "fig.tex"
    code, _, _ = run(capsys, "render", "zoo:wireheading", "-i", "--width", "240", "-o", str(tex))
    assert code == 0 and tex.read_text().startswith("\\documentclass[tikz")
    png = tmp_path / "fig.png"
    assert run(capsys, "render", "zoo:mdp", "--dpi", "150", "-o", str(png))[0] == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    out = tmp_path / "cmp.svg"
    code, text, _ = run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                        "--render", str(out))
    assert code == 0 and "lost" in text
    svg = out.read_text()
    assert "before.S1" in svg and "after.S1" in svg and "lost: " in svg and "gained: " in svg
