"""Rendering with the real incentive engine (cid.analyze, cid.explain) and the zoo."""

from __future__ import annotations

import pytest

import cid
import zoo
from cid.drawing import Theme, render
from cid.drawing.dot import utility_shape
from cid.drawing.kinds import KINDS
from cid.drawing.overlay import build_overlay
from tests.drawing.dotparse import parse_dot
from tests.drawing.svgread import outline_shape, svg_nodes

COLORS = Theme().incentive_colors


def _expected_marks(d: cid.Diagram, decisions: tuple[str, ...]) -> dict[str, set[str]]:
    """Marks computed from the four criteria directly, self-evident cases removed."""
    marks: dict[str, set[str]] = {}
    for dec in decisions:
        own = set(d.utilities_of(d.agent_of(dec)))
        sets = {
            "value_of_information": cid.value_of_information(d, dec),
            "response_incentive": cid.response_incentives(d, dec),
            "value_of_control": cid.value_of_control(d, dec) - own,
            "instrumental_control_incentive": cid.instrumental_control_incentives(d, dec)
            - own - {dec},
        }
        for kind, nodes in sets.items():
            for n in nodes:
                marks.setdefault(n, set()).add(kind)
    return marks


@pytest.mark.parametrize("name", ["mdp", "wireheading", "counterfactual_oracle", "cirl", "debate"])
def test_incentives_true_marks_what_the_criteria_say(name):
    d = zoo.build(name)
    # by default the first decision in topological order, as the papers show one decision
    for decision, decisions in ((None, d.decisions[:1]), (d.decisions[-1], d.decisions[-1:]),
                                (list(d.decisions), d.decisions)):
        overlay = build_overlay(d, incentives=True, decision=decision)
        expected = _expected_marks(d, decisions)
        assert {n: set(k) for n, k in overlay.marks.items()} == expected
        assert overlay.decisions == decisions


def test_a_report_draws_like_incentives_true(wireheading):
    report = cid.analyze(wireheading)
    assert render(wireheading, incentives=report, legend=True) == render(
        wireheading, incentives=True, legend=True)


def test_wireheading_shows_the_tampering_incentive_and_its_witness(wireheading):
    w = cid.explain(wireheading, "A1", "ThetaR2", "instrumental_control_incentive")
    dot = parse_dot(render(wireheading, incentives=True, decision="A1", witness=w).dot)
    ring = dot.nodes["ThetaR2"]
    assert ring["color"] == COLORS["instrumental_control_incentive"]
    assert "<B>ICI</B>" in ring["label"]
    for a, b in zip(w.path, w.path[1:], strict=False):
        assert dot.edges[(a, b)]["color"] == COLORS["instrumental_control_incentive"]


def test_counterfactual_oracle_has_no_control_incentive_on_the_world(oracle):
    dot = parse_dot(render(oracle, incentives=True).dot)
    for n in ("S", "S_cf"):
        assert "<B>ICI</B>" not in dot.nodes[n]["label"]


@pytest.mark.parametrize("name", zoo.names())
def test_every_zoo_entry_renders_with_incentives_and_witnesses(name):
    d = zoo.build(name)
    report = cid.analyze(d)
    r = render(d, incentives=report, legend=True)
    assert r.dot == render(zoo.build(name), incentives=True, legend=True).dot  # deterministic
    dot = parse_dot(r.dot)
    assert set(d.nodes) <= set(dot.nodes)
    for decision in d.decisions:  # a decision may have no incentives at all: still fine
        render(d, incentives=report, decision=decision, legend=True)
    for incentive in report.incentives():
        overlay = build_overlay(d, witness=incentive.witness)
        color = COLORS[str(incentive.kind)]
        assert set(overlay.witness_colors.values()) <= {color}
        assert overlay.witness_nodes == set(incentive.witness.path)


@pytest.mark.needs_dot
@pytest.mark.parametrize("name", ["mdp", "wireheading", "counterfactual_oracle", "cirl", "debate",
                                  "ti_considering_current_rf", "counterfactual_reward_function",
                                  "grade_prediction", "combined_safe_agent"])
def test_zoo_svgs_have_every_node_with_its_shape(name, tmp_path):
    d = zoo.build(name)
    theme = Theme()
    r = render(d, incentives=True, decision=zoo.entry(name).focus_decision, legend=True)
    nodes = svg_nodes(r.save(tmp_path / f"{name}.svg").read_text(encoding="utf-8"))
    assert set(d.nodes) <= set(nodes)
    for n in d.nodes:
        expected = {"chance": theme.chance_shape, "decision": "box",
                    "utility": utility_shape(d, n, theme)}[d.kind(n)]
        assert outline_shape(nodes[n]) == expected, (name, n)


def test_kinds_accept_the_engine_enum(mdp):
    kinds = [cid.IncentiveKind.RESPONSE_INCENTIVE]
    overlay = build_overlay(mdp, incentives=True, decision="A1", kinds=kinds)
    assert {k for ks in overlay.marks.values() for k in ks} == {"response_incentive"}
    assert set(KINDS) == {k.value for k in cid.IncentiveKind}
