"""Diagram -> DOT: shapes, fills, link styles, ranks, twin copies, agents, determinism."""

from __future__ import annotations

from dataclasses import replace

import pytest

import cid
from cid.drawing import Theme, render
from cid.drawing.colors import tint
from cid.drawing.theme import INCENTIVE_COLORS
from tests.drawing.conftest import build_cirl, build_mdp, build_oracle, build_wireheading
from tests.drawing.dotparse import parse_dot
from tests.drawing.htmlread import read_label

ALL = [build_mdp, build_wireheading, build_oracle, build_cirl]


def _style(attrs: dict[str, str]) -> set[str]:
    return set(attrs.get("style", "").split(","))


@pytest.mark.parametrize("build", ALL)
def test_every_node_and_edge_is_declared_once_with_the_shape_of_its_kind(build):
    d = build()
    dot = parse_dot(render(d).dot)
    assert dot.node_order == list(d.nodes)
    assert list(dot.edges) == list(d.edge_list)
    theme = Theme()
    for n in d.nodes:
        shape = dot.nodes[n]["shape"]
        expected = {"chance": theme.chance_shape, "decision": theme.decision_shape,
                    "utility": theme.utility_shape}[d.kind(n)]
        assert shape == expected, n
        assert "filled" in _style(dot.nodes[n])


def test_information_links_are_dotted_and_causal_links_solid(wireheading):
    dot = parse_dot(render(wireheading).dot)
    info = set(wireheading.information_links)
    assert info == {("S1", "A1"), ("S2", "A2")}
    for edge, attrs in dot.edges.items():
        if edge in info:
            assert attrs["style"] == "dotted"
            assert float(attrs["penwidth"]) > 1
        else:
            assert "style" not in attrs, edge


def test_single_agent_fills_decisions_blue_and_utilities_yellow(mdp):
    theme = Theme()
    dot = parse_dot(render(mdp).dot)
    assert {dot.nodes[n]["fillcolor"] for n in mdp.decisions} == {theme.decision_fill}
    assert {dot.nodes[n]["fillcolor"] for n in mdp.utilities} == {theme.utility_fill}
    assert {dot.nodes[n]["fillcolor"] for n in mdp.chance_nodes} == {theme.chance_fill}


def test_agents_get_their_own_tint_and_shared_utilities_show_both_owners(cirl):
    theme = Theme()
    dot = parse_dot(render(cirl).dot)
    human = theme.agent_fill("human", cirl.agents)
    robot = theme.agent_fill("robot", cirl.agents)
    assert human != robot
    assert dot.nodes["AH1"]["fillcolor"] == human
    assert dot.nodes["A1"]["fillcolor"] == robot
    assert dot.nodes["HU"]["fillcolor"] == human  # the human's own utility shares its tint
    for shared in ("R1", "R2"):
        fill = dot.nodes[shared]["fillcolor"]
        assert fill.split(":")[0].split(";")[0] == human and fill.split(":")[1] == robot
        assert ";0.5" in fill  # a sharp split, not a blend


def test_utility_of_three_agents_uses_the_common_fill_and_names_its_owners():
    d = cid.Diagram("three")
    for a in ("a", "b", "c"):
        d = d.decision(f"D{a}", agent=a)
    d = d.utility("U", ["Da", "Db", "Dc"], agent=["a", "b", "c"])
    attrs = parse_dot(render(d).dot).nodes["U"]
    assert attrs["fillcolor"] == Theme().shared_fill
    assert "a, b, c" in attrs["label"]


def test_agent_labels_name_the_owner_of_each_decision_and_utility(cirl):
    dot = parse_dot(render(cirl, theme=Theme(agent_labels=True)).dot)
    assert "<I>human</I>" in dot.nodes["AH1"]["label"]
    assert "<I>human, robot</I>" in dot.nodes["R1"]["label"]
    assert "<I>" not in dot.nodes["S1"]["label"]


def test_long_utility_labels_get_an_octagon_and_short_ones_a_diamond():
    d = cid.Diagram.from_edges(["D -> U", "D -> Acc"], decisions=["D"], utilities=["U", "Acc"],
                               labels={"Acc": "Accuracy of the prediction", "U": "R^1_2"})
    dot = parse_dot(render(d).dot)
    assert dot.nodes["Acc"]["shape"] == "octagon"
    assert dot.nodes["U"]["shape"] == "diamond"


def test_rectangular_theme_uses_rounded_boxes_and_octagons(oracle):
    dot = parse_dot(render(oracle, theme="rectangular").dot)
    assert dot.nodes["Q"]["shape"] == "box" and "rounded" in _style(dot.nodes["Q"])
    assert dot.nodes["A"]["shape"] == "box" and "rounded" not in _style(dot.nodes["A"])
    assert dot.nodes["R"]["shape"] == "octagon"


def test_steps_share_a_rank_and_time_runs_left_to_right(wireheading):
    dot = parse_dot(render(wireheading, layout="ranked").dot)
    assert dot.graph["rankdir"] == "LR"
    assert dot.graph["newrank"] == "true"
    groups = [sorted(g) for g in dot.rank_groups]
    assert groups == [sorted(n for n in wireheading.nodes if wireheading[n].step == t)
                      for t in (1, 2, 3)]


def test_time_indexed_nodes_with_one_stem_share_a_group_row(wireheading):
    dot = parse_dot(render(wireheading, layout="ranked").dot)
    assert {dot.nodes[n].get("group") for n in ("S1", "S2", "S3")} == {"S"}
    assert {dot.nodes[n].get("group") for n in ("ThetaR1", "ThetaR2", "ThetaR3")} == {"ThetaR"}
    twin = wireheading.copy(name="twin")
    twin = twin.chance("S2_cf", ["S1"], step=2).chance("S3_cf", ["S2_cf"], step=3)
    dot = parse_dot(render(twin, layout="ranked").dot)  # a twin network: no straight rows
    assert all("group" not in attrs for attrs in dot.nodes.values())


def test_without_steps_the_layout_is_top_to_bottom_with_no_rank_groups(oracle):
    dot = parse_dot(render(oracle).dot)
    assert dot.graph["rankdir"] == "TB"
    assert dot.rank_groups == []
    assert all("group" not in a for a in dot.nodes.values())


def test_theme_rankdir_overrides_the_automatic_choice(mdp):
    assert parse_dot(render(mdp, theme=Theme(rankdir="TB")).dot).graph["rankdir"] == "TB"


@pytest.mark.parametrize("flagged", [True, False])
def test_counterfactual_copies_are_lighter_and_carry_a_tilde(flagged):
    d = cid.Diagram("twin").chance("Q").decision("A", ["Q"])
    name = "Scopy" if flagged else "S_cf"
    d = d.chance(name, ["Q"], counterfactual=flagged).utility("R", ["A", name])
    theme = Theme()
    dot = parse_dot(render(d).dot)
    attrs = dot.nodes[name]
    assert attrs["color"] == theme.counterfactual_color
    assert attrs["fontcolor"] == theme.counterfactual_fontcolor
    assert attrs["fillcolor"] == theme.counterfactual_fill != theme.chance_fill
    shown = read_label(attrs["label"]).markup
    assert shown == ("S~copy" if flagged else "S~")  # the _cf suffix gives way to the tilde
    assert dot.edges[("Q", name)]["color"] == theme.counterfactual_color
    assert "color" not in dot.nodes["Q"] and read_label(dot.nodes["Q"]["label"]).markup == "Q"


def test_twin_decisions_and_utilities_get_a_lighter_fill():
    d = cid.Diagram("twin").decision("A").utility("R", ["A"]).decision("A_cf")
    d = d.utility("R_cf", ["A_cf"])
    dot = parse_dot(render(d).dot)
    for real, twin in (("A", "A_cf"), ("R", "R_cf")):
        assert dot.nodes[twin]["fillcolor"] == tint(dot.nodes[real]["fillcolor"], 0.5)


def test_twin_stays_recognisable_under_an_incentive_ring(oracle):
    theme = Theme()
    attrs = parse_dot(render(oracle, incentives={"A": {"VoC": ["S_cf"]}}).dot).nodes["S_cf"]
    assert attrs["color"] == theme.incentive_colors["value_of_control"]  # the ring wins
    assert attrs["fillcolor"] == theme.counterfactual_fill  # ... but the copy keeps its fill,
    assert attrs["fontcolor"] == theme.counterfactual_fontcolor  # its grey text
    assert read_label(attrs["label"]).markup.startswith("S~")  # and its tilde


def test_a_name_that_is_only_the_suffix_is_not_a_twin():
    d = cid.Diagram("odd").chance("_cf").chance("x_cf", counterfactual=True)
    dot = parse_dot(render(d).dot)
    assert read_label(dot.nodes["_cf"]["label"]).markup == "_cf"
    assert "color" not in dot.nodes["_cf"]
    assert read_label(dot.nodes["x_cf"]["label"]).markup == "x~"


@pytest.mark.parametrize("label", ["", "   ", "^{}", "\n"])
def test_a_blank_label_gives_way_to_the_name(label):
    d = cid.Diagram("blank").chance("Weather", label=label)
    assert parse_dot(render(d).dot).nodes["Weather"]["label"] == "<Weather>"


def test_prefix_counterfactual_mark(oracle):
    dot = parse_dot(render(oracle, theme=Theme(counterfactual_mark="~")).dot)
    assert dot.nodes["S_cf"]["label"] == "<~S>"


def test_labels_use_markup_and_names_are_shown_verbatim(wireheading):
    d = wireheading.copy()
    d = d.chance("X_1")
    dot = parse_dot(render(d).dot)
    assert read_label(dot.nodes["ThetaR2"]["label"]).markup == "Θ^{R}_{2}"
    assert dot.nodes["X_1"]["label"] == "<X_1>"


def test_script_size_follows_the_theme(wireheading):
    reading = read_label(parse_dot(render(wireheading).dot).nodes["ThetaR2"]["label"])
    assert reading.script_sizes == [9.5, 9.5]
    theme = Theme(fontsize=20, script_scale=0.6)
    reading = read_label(parse_dot(render(wireheading, theme=theme).dot).nodes["ThetaR2"]["label"])
    assert reading.script_sizes == [12, 12]


def test_descriptions_become_tooltips_with_backslashes_kept():
    d = cid.Diagram().chance("X", description='a "path" C:\\temp\nsecond line')
    attrs = parse_dot(render(d).dot).nodes["X"]
    assert attrs["tooltip"] == 'a "path" C:\\\\temp\\nsecond line'


def test_dot_keywords_and_odd_names_are_quoted():
    d = cid.Diagram("graph").chance("node").decision("edge", ["node"]).utility("strict", ["edge"])
    src = render(d).dot
    dot = parse_dot(src)
    assert set(dot.nodes) == {"node", "edge", "strict"}
    assert '"node" -> "edge"' in src


def test_same_diagram_gives_byte_identical_dot():
    a = render(build_wireheading(), legend=True).dot
    b = render(build_wireheading(), legend=True).dot
    assert a == b
    c = render(cid.Diagram.from_json(build_wireheading().to_json()), legend=True).dot
    assert c == a


def test_rendering_never_mutates_the_diagram(wireheading):
    before = wireheading.to_json()
    render(wireheading, incentives={"A1": {"ICI": ["ThetaR2"]}}, witness=["A1", "ThetaR2"],
           legend=True, focus=True)
    assert wireheading.to_json() == before


def test_theme_fields_reach_the_dot(oracle):
    theme = replace(Theme(), fontname="Helvetica", fontsize=11, decision_fill="#123456",
                    information_link_style="dashed")
    dot = parse_dot(render(oracle, theme=theme).dot)
    assert dot.graph["fontname"] == "Helvetica"
    assert dot.nodes["A"]["fillcolor"] == "#123456"
    assert dot.edges[("Q", "A")]["style"] == "dashed"


def test_theme_validation_and_presets():
    with pytest.raises(cid.DiagramError, match="badges"):
        Theme(badges="sometimes")  # type: ignore[arg-type]
    with pytest.raises(cid.DiagramError, match="unknown theme"):
        render(build_oracle(), theme="fancy")
    with pytest.raises(cid.DiagramError, match="incentive kind"):
        Theme(incentive_colors={"value of nothing": "#000000"})
    partial = Theme(incentive_colors={"VoI": "#111111"})
    assert partial.incentive_colors["value_of_information"] == "#111111"
    assert partial.incentive_colors["value_of_control"] == INCENTIVE_COLORS["value_of_control"]
    assert Theme.rectangular(fontsize=9).fontsize == 9
    assert Theme.rectangular().chance_shape == "box"
    assert hash(Theme()) == hash(Theme())


def test_agent_fill_cycles_and_honours_fixed_colours():
    theme = Theme(agent_fills=("#111111", "#222222"), agent_colors={"c": "#999999"})
    agents = ("a", "b", "c", "d")
    assert [theme.agent_fill(a, agents) for a in agents] == ["#111111", "#222222", "#999999",
                                                             "#222222"]


def test_empty_diagram_renders():
    assert parse_dot(render(cid.Diagram("empty"), legend=True).dot).nodes == {}
