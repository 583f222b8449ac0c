"""Paper mode: legend placements, the caption text, width in points, dpi, fonts in PDF."""

from __future__ import annotations

import re
import struct
import warnings

import pytest

import cid
from cid.drawing import render
from cid.drawing.kinds import KINDS, SHORT_NAMES, TITLES
from cid.drawing.layout import layout_of
from cid.drawing.paper import MIN_TEXT_PT
from cid.drawing.placement import LEGEND_NODE
from tests.drawing.dotparse import parse_dot


@pytest.mark.parametrize("bad", ["left", "Below", 3, "", ["below"]])
def test_an_unknown_legend_is_a_clear_cid_error(mdp, bad):
    with pytest.raises(cid.CIDError, match="legend"):
        render(mdp, legend=bad)


def test_true_and_false_keep_working(oracle):
    assert "cluster_legend" in render(oracle, legend=True).dot
    assert "legend" not in render(oracle, legend=False).dot
    assert render(oracle, legend=False).dot == render(oracle, legend="none").dot


@pytest.mark.parametrize("where", ["inside", "below", "right"])
@pytest.mark.parametrize("layout", ["grid", "ranked"])
def test_compact_legend_lists_only_the_kinds_shown(wireheading, where, layout):
    inc = {"A1": {"VoI": ["S1"], "ICI": ["S2"]}}
    src = render(wireheading, incentives=inc, legend=where, layout=layout).dot
    assert "cluster_legend" not in src
    for kind in KINDS:
        shown = SHORT_NAMES[kind] in ("VoI", "ICI")
        assert (f"<B>{SHORT_NAMES[kind]}</B>" in _legend(src)) == shown, kind
        assert (TITLES[kind] in _legend(src)) == shown
    assert "information link" in _legend(src) and "decision node" in _legend(src)


def _legend(src: str) -> str:
    dot = parse_dot(src)
    if LEGEND_NODE in dot.nodes:
        return dot.nodes[LEGEND_NODE]["label"]
    # "below" in a ranked layout: the graph's own label, a statement of its own
    return next(line for line in src.splitlines() if line.startswith("\tlabel=<<TABLE"))


def test_legend_placement_on_the_grid_is_where_asked(wireheading):
    points = {}
    for where in ("below", "right"):
        dot = parse_dot(render(wireheading, incentives=True, legend=where).dot)
        pos = {n: tuple(map(float, a["pos"].rstrip("!").split(","))) for n, a in dot.nodes.items()
               if "pos" in a}
        points[where] = pos.pop(LEGEND_NODE)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        if where == "below":
            assert points[where][1] < min(ys)
        else:
            assert points[where][0] > max(xs)


def test_caption_is_escaped_latex_naming_only_what_is_shown():
    d = cid.Diagram.from_edges(["S_1 -> D_1 -> U", "S_1 -> U"], decisions=["D_1"],
                               utilities=["U"])
    r = render(d, incentives={"D_1": {"VoI": ["S_1"]}}, legend="caption")
    assert "legend" not in r.dot  # nothing drawn
    assert "value of information" in r.caption and "response incentive" not in r.caption
    assert r"decision D\_1." in r.caption and "D_1" not in r.caption
    assert render(d, incentives={"D_1": {"VoI": ["S_1"]}}).caption == r.caption


def test_width_sets_the_size_in_inches(mdp):
    src = render(mdp, width=240).dot
    assert re.search(r'size="3\.333,138\.9!"', src), src.splitlines()[1]
    assert 'size="2,3!"' in render(mdp, size=(144, 216)).dot
    with pytest.raises(cid.DiagramError):
        render(mdp, width=240, size=(1, 1))
    with pytest.raises(cid.DiagramError):
        render(mdp, width=-3)


def _smallest_drawn(r: cid.Rendering, width: float) -> float:
    """The smallest font size in the drawing once scaled to ``width`` (from its layout)."""
    lay = layout_of(r.to_graphviz())
    sizes = [float(s) for s in re.findall(r'POINT-SIZE="([\d.]+)"', r.dot)]
    sizes += [float(s) for s in re.findall(r"fontsize=([\d.]+)", r.dot)]
    return min(sizes) * min(1.0, width / lay.width)


@pytest.mark.needs_dot
@pytest.mark.parametrize("name", ["grade_prediction", "wireheading",
                                  "counterfactual_reward_function"])
def test_paper_width_keeps_the_smallest_text_legible(name):
    import zoo

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # these fit: no warning
        r = render(zoo.build(name), incentives=True, legend="inside", width=240)
    g = r.to_graphviz()
    g.attr(size="")  # the natural layout, to measure the scale
    assert _smallest_drawn(cid.Rendering(g), 240) >= MIN_TEXT_PT - 0.05


@pytest.mark.needs_dot
def test_a_width_too_narrow_for_legible_text_warns_with_the_width_needed(wireheading):
    with pytest.warns(cid.CIDWarning, match=r"give width=\d+"):
        render(wireheading, incentives=True, legend="right", width=90)


@pytest.mark.needs_dot
def test_dpi_scales_png_and_pdf_embeds_its_fonts(oracle):
    def png_size(data: bytes) -> tuple[int, int]:
        return struct.unpack(">II", data[16:24])

    low, high = render(oracle, dpi=72).png(), render(oracle, dpi=288).png()
    assert png_size(high)[0] == pytest.approx(4 * png_size(low)[0], rel=0.05)
    assert render(oracle, dpi=288).dot == render(oracle).dot  # dpi touches raster output only
    pdf = render(oracle, width=240).pdf()
    assert b"/FontFile" in pdf  # embedded (cairo subsets the fonts it uses)


def test_paper_mode_without_graphviz_still_sizes_the_figure(monkeypatch, wireheading):
    import cid.drawing.paper as paper

    monkeypatch.setattr(paper, "graphviz_available", lambda: False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        src = render(wireheading, incentives=True, legend="below", width=240).dot
    assert 'size="3.333,138.9!"' in src
    assert "fontsize=10 " in src  # the paper theme, unfitted
