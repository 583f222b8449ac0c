"""Aligned variants (``like=``), the comparison figure, and the robustness overlay."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pytest

import cid
from cid.drawing import render, render_comparison
from cid.drawing.aligned import GAINED_COLOR, LOST_COLOR, incentive_changes
from cid.drawing.dot import HINGE_COLOR
from cid.drawing.kinds import KINDS, SHORT_NAMES
from tests.drawing.dotparse import parse_dot


def _pins(src: str) -> dict[str, tuple[float, float]]:
    return {n: tuple(map(float, a["pos"].rstrip("!").split(",")))
            for n, a in parse_dot(src).nodes.items() if "pos" in a}


def test_like_keeps_the_shared_nodes_where_the_grid_of_a_puts_them(wireheading, mdp):
    a = render(wireheading)
    b = render(mdp, like=wireheading)
    pa, pb = _pins(a.dot), _pins(b.dot)
    assert set(pb) == set(mdp.nodes)
    for n in mdp.nodes:
        assert pb[n] == pa[n]


@pytest.mark.needs_dot
def test_like_reads_a_ranked_layout_back_and_places_new_nodes_clear(oracle):
    from cid.drawing.layout import layout_of

    b = oracle.copy(name="b").chance("Extra", ["A"])
    lay_a = layout_of(render(oracle, layout="ranked").to_graphviz())
    pins = _pins(render(b, like=oracle, layout="ranked").dot)
    for n in oracle.nodes:
        assert pins[n] == pytest.approx((lay_a.nodes[n].x, lay_a.nodes[n].y), abs=0.06)
    ex, ey = pins["Extra"]
    assert all(abs(ex - x) >= 100 or abs(ey - y) >= 60 for n, (x, y) in pins.items()
               if n != "Extra")


def test_like_with_no_shared_node_falls_back_and_says_so(oracle, mdp):
    with pytest.warns(cid.CIDWarning, match="shares no node"):
        r = render(oracle, like=mdp)
    assert r.dot == render(oracle).dot


def _sets(d: cid.Diagram, decision: str) -> dict[str, set[str]]:
    report = cid.analyze(d, decisions=[decision])[decision]
    return {k: set(report.nodes(k)) for k in KINDS}


def test_incentive_changes_are_the_set_differences_of_two_analyses():
    import zoo

    a, b = zoo.build("wireheading"), zoo.build("current_rf_optimization")
    for decision in ("A1", "A2"):
        sa, sb = _sets(a, decision), _sets(b, decision)
        got = incentive_changes(a, b, decision)
        expected = {(k, n, "lost") for k in KINDS for n in sa[k] - sb[k]}
        expected |= {(k, n, "gained") for k in KINDS for n in sb[k] - sa[k]}
        assert set(got) == expected and len(got) == len(expected)


@pytest.mark.needs_dot
def test_comparison_marks_lost_and_gained_in_colour_and_text():
    import zoo

    a, b = zoo.build("wireheading"), zoo.build("current_rf_optimization")
    r = render_comparison(a, b)
    dot = parse_dot(r.dot)
    changes = incentive_changes(a, b, "A1")
    for kind, node, change in changes:
        panel = "before." if change == "lost" else "after."
        label = dot.nodes[panel + node]["xlabel"]
        assert SHORT_NAMES[kind] in label
        assert f"{change}:" in label  # text, not colour alone
        assert (LOST_COLOR if change == "lost" else GAINED_COLOR) in label
    assert {n for n in dot.nodes if n.startswith("before.")} >= {f"before.{n}" for n in a.nodes}
    assert {n for n in dot.nodes if n.startswith("after.")} >= {f"after.{n}" for n in b.nodes}
    shared = set(a.nodes) & set(b.nodes)
    pins = _pins(r.dot)
    shift = {round(pins[f"after.{n}"][0] - pins[f"before.{n}"][0], 1) for n in shared}
    assert len(shift) == 1  # the shared nodes line up: one horizontal shift for all
    assert {pins[f"after.{n}"][1] - pins[f"before.{n}"][1] for n in shared} == {0.0}
    assert r.svg().count("<svg") == 1


def test_comparison_needs_a_shared_decision(oracle, mdp):
    with pytest.raises(cid.DiagramError, match="share no decision"):
        render_comparison(oracle, mdp)


# --------------------------------------------------------------------------- robustness
@dataclass(frozen=True)
class Verdict:
    kind: str
    node: str
    decision: str
    present: bool
    robust: bool
    hinges: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Report:
    verdicts: tuple[Verdict, ...]


def test_fragile_marks_and_hinge_edges_are_drawn_and_explained(oracle):
    report = Report((
        Verdict("value_of_information", "Q", "A", True, False, (("Q", "A"), ("S", "A"))),
        Verdict("response_incentive", "Q", "A", True, True),
    ))
    inc = {"A": {"VoI": ["Q"], "RI": ["Q"]}}
    plain = parse_dot(render(oracle, incentives=inc).dot)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dot = parse_dot(render(oracle, incentives=inc, robustness=report,
                               hinges_of=("VoI", "Q"), legend="below").dot)
    assert "fragile: VoI" in dot.nodes["Q"]["xlabel"]
    assert "xlabel" not in plain.nodes["Q"]
    assert "dotted" not in dot.nodes["Q"]["style"]  # RI on Q is robust: the ring stays dashed
    assert dot.edges[("Q", "A")]["color"] == HINGE_COLOR  # in the diagram: drawn double
    assert dot.edges[("S", "A")]["color"] == HINGE_COLOR  # not in it: added, dashed
    assert dot.edges[("S", "A")]["style"] == "dashed"
    legend = render(oracle, incentives=inc, robustness=report, hinges_of=("VoI", "Q"),
                    legend="caption").caption
    assert "fragile verdict" in legend and "hinges on" in legend


def test_a_node_whose_every_mark_is_fragile_gets_a_dotted_ring(oracle):
    report = Report((Verdict("value_of_information", "Q", "A", True, False),))
    dot = parse_dot(render(oracle, incentives={"A": {"VoI": ["Q"]}}, robustness=report).dot)
    assert "dotted" in dot.nodes["Q"]["style"]


def test_robustness_input_errors(oracle):
    with pytest.raises(cid.DiagramError, match="verdicts"):
        render(oracle, robustness=object())  # type: ignore[arg-type]
    report = Report((Verdict("value_of_information", "Q", "A", True, False),))
    with pytest.raises(cid.DiagramError, match="no verdict"):
        render(oracle, incentives=True, robustness=report, hinges_of=("ICI", "Q"))


def test_like_a_ranked_layout_without_graphviz_falls_back_and_says_so(monkeypatch, oracle):
    import cid.drawing.aligned as aligned

    monkeypatch.setattr(aligned, "graphviz_available", lambda: False)
    b = oracle.copy(name="b")
    with pytest.warns(cid.CIDWarning, match="needs Graphviz"):
        r = render(b, like=oracle, layout="ranked")
    assert r.dot == render(b, layout="ranked").dot
