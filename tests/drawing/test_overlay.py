"""Incentive marks (rings, badges), witness edges, focus and the legend, read from the DOT."""

from __future__ import annotations

import re

import pytest

import cid
from cid.drawing import Theme, render
from cid.drawing.colors import contrast_ratio, tint
from cid.drawing.kinds import KINDS, SHORT_NAMES, normalize_kind
from cid.drawing.overlay import build_overlay
from tests.drawing.dotparse import parse_dot
from tests.drawing.htmlread import read_label

VOI, RI, VOC, ICI = KINDS
COLORS = Theme().incentive_colors


def _style(attrs: dict[str, str]) -> set[str]:
    return set(attrs.get("style", "").split(","))


def _badges(attrs: dict[str, str]) -> list[str]:
    label = attrs["label"]
    return [short for short in SHORT_NAMES.values() if f"<B>{short}</B>" in label]


_BADGE = re.compile(r'<TD BGCOLOR="(#[0-9A-F]{6})" FIXEDSIZE="TRUE" WIDTH="\d+" HEIGHT="\d+">'
                    r'<FONT POINT-SIZE="[0-9.]+" '
                    r'COLOR="(#[0-9A-F]{6})"><B>(\w+)</B></FONT></TD>')


def _badge_colors(attrs: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Badge text -> (fill, text colour)."""
    return {short: (fill, text) for fill, text, short in _BADGE.findall(attrs["label"])}


def test_one_kind_gives_a_thick_dashed_ring_in_its_colour_and_a_badge(mdp):
    dot = parse_dot(render(mdp, incentives={"A1": {"RI": ["S1"]}}).dot)
    s1 = dot.nodes["S1"]
    assert s1["color"] == COLORS[RI]
    assert {"filled", "dashed"} <= _style(s1)
    assert float(s1["penwidth"]) >= 2.5
    assert "peripheries" not in s1
    assert _badges(s1) == ["RI"]
    for n in mdp.nodes:
        if n != "S1":
            assert "dashed" not in _style(dot.nodes[n]) and not _badges(dot.nodes[n]), n


def test_several_kinds_on_one_node_stay_distinguishable(oracle):
    inc = {"A": {VOI: ["Q"], RI: ["Q"], VOC: ["Q", "S_cf"], ICI: ["R"]}}
    dot = parse_dot(render(oracle, incentives=inc).dot)
    q = dot.nodes["Q"]
    # one ring, as wide as a single kind's: Graphviz cannot colour rings one by one, so
    # extra rings would only thin the line and hatch the edges leaving the node
    assert "peripheries" not in q
    assert q["penwidth"] == dot.nodes["S_cf"]["penwidth"] == f"{Theme().incentive_penwidth:g}"
    assert _badges(q) == ["VoI", "RI", "VoC"]  # every kind named, in canonical order
    fills = {short: fill for short, (fill, _) in _badge_colors(q).items()}
    assert fills == {"VoI": COLORS[VOI], "RI": COLORS[RI], "VoC": COLORS[VOC]}
    assert q["color"] == COLORS[RI]  # the ring takes the most telling kind
    assert dot.nodes["S_cf"]["color"] == COLORS[VOC]  # ring colour beats the twin's grey


@pytest.mark.parametrize("kind", KINDS)
def test_badges_are_legible(kind):
    # WCAG 2: at least 4.5:1 between a badge's text and its own fill, whatever the node's
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    attrs = parse_dot(render(d, incentives={"D": {kind: ["S"]}}).dot).nodes["S"]
    ((short, (fill, text)),) = _badge_colors(attrs).items()
    assert short == SHORT_NAMES[kind] and fill == COLORS[kind]  # the hue keeps its meaning
    assert contrast_ratio(text, fill) >= 4.5, (short, text, fill)
    assert contrast_ratio("#E69F00", "#FFFFFF") < 4.5  # orange text on white would not do


def test_badges_of_any_colour_pick_the_more_legible_text():
    theme = Theme(incentive_colors={"VoI": "#FFFF00", "RI": "#000080"})
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    inc = {"D": {VOI: ["S"], RI: ["S"]}}
    colors = _badge_colors(parse_dot(render(d, incentives=inc, theme=theme).dot).nodes["S"])
    assert colors == {"VoI": ("#FFFF00", "#000000"), "RI": ("#000080", "#FFFFFF")}


def test_badge_policy(oracle):
    inc = {"A": {VOI: ["Q"], RI: ["Q"], VOC: ["S_cf"]}}
    multiple = parse_dot(render(oracle, incentives=inc, theme=Theme(badges="multiple")).dot)
    assert _badges(multiple.nodes["Q"]) == ["VoI", "RI"] and not _badges(multiple.nodes["S_cf"])
    never = parse_dot(render(oracle, incentives=inc, theme=Theme(badges="never")).dot)
    assert not _badges(never.nodes["S_cf"])  # one kind: its ring's colour says which
    assert _badges(never.nodes["Q"]) == ["VoI", "RI"]  # several: only the badges can tell


def test_ring_priority_is_configurable(mdp):
    inc = {"A1": {VOC: ["S2"], ICI: ["S2"]}}
    assert parse_dot(render(mdp, incentives=inc).dot).nodes["S2"]["color"] == COLORS[ICI]
    theme = Theme(ring_priority=("VoC",))
    dot = parse_dot(render(mdp, incentives=inc, theme=theme).dot)
    assert dot.nodes["S2"]["color"] == COLORS[VOC]


def test_incentive_mapping_forms_and_kind_spellings(mdp):
    by_kind = build_overlay(
        mdp, incentives={"VoI": ["S1"], "instrumental control incentive": {"S2"}})
    assert dict(by_kind.marks) == {"S1": (VOI,), "S2": (ICI,)}
    assert by_kind.decisions == ()
    inc = {"A2": {"ICI": ["S3"]}, "A1": {"ici": ["S2"]}}
    first = build_overlay(mdp, incentives=inc)  # by default: the first decision only
    assert dict(first.marks) == {"S2": (ICI,)} and first.decisions == ("A1",)
    both = build_overlay(mdp, incentives=inc, decision=["A1", "A2"])
    assert dict(both.marks) == {"S2": (ICI,), "S3": (ICI,)}
    assert both.decisions == ("A1", "A2")
    only_a2 = build_overlay(mdp, incentives={"A2": {"ICI": ["S3"]}})  # the first it covers
    assert only_a2.decisions == ("A2",)
    assert normalize_kind(" Value-Of-Control".replace("-", "_").strip()) == VOC


def test_decision_selects_whose_incentives_are_shown(mdp):
    inc = {"A1": {ICI: ["S2", "S3"]}, "A2": {ICI: ["S3"], RI: ["S2"]}}
    only_a2 = build_overlay(mdp, incentives=inc, decision="A2")
    assert dict(only_a2.marks) == {"S2": (RI,), "S3": (ICI,)}
    assert only_a2.decisions == ("A2",)
    both = build_overlay(mdp, incentives=inc, decision=["A2", "A1"])
    assert dict(both.marks) == {"S2": (RI, ICI), "S3": (ICI,)}
    assert both.decisions == ("A1", "A2")


def test_a_decision_without_incentives_draws_no_marks(mdp):
    overlay = build_overlay(mdp, incentives={"A1": {ICI: ["S2"]}, "A2": {}}, decision="A2")
    assert dict(overlay.marks) == {}
    dot = parse_dot(render(mdp, incentives={"A2": {k: [] for k in KINDS}}, legend=True).dot)
    assert all("dashed" not in _style(a) for a in dot.nodes.values())
    assert not any("value of" in a.get("label", "") for a in dot.nodes.values())


def test_kinds_filter(mdp):
    inc = {"A1": {ICI: ["S2"], VOC: ["S2", "S1"], RI: ["S1"]}}
    overlay = build_overlay(mdp, incentives=inc, kinds="VoC")
    assert dict(overlay.marks) == {"S1": (VOC,), "S2": (VOC,)}
    overlay = build_overlay(mdp, incentives=inc, kinds=[ICI, "RI"])
    assert dict(overlay.marks) == {"S1": (RI,), "S2": (ICI,)}


def test_bad_incentive_input_names_the_problem(mdp):
    with pytest.raises(cid.NodeNotFoundError, match="'Nope'"):
        render(mdp, incentives={"A1": {VOI: ["S1", "Nope"]}})
    with pytest.raises(cid.NodeNotFoundError, match="'Ghost'"):
        render(mdp, incentives={"A1": {}}, decision="Ghost")
    with pytest.raises(cid.DiagramError, match="S1 is a chance node"):
        render(mdp, incentives={"A1": {}}, decision="S1")
    with pytest.raises(cid.DiagramError, match="S1 is a chance node"):
        render(mdp, incentives={"S1": {VOI: []}})
    with pytest.raises(cid.DiagramError, match="unknown incentive kind"):
        render(mdp, incentives={"A1": {"value_of_everything": ["S1"]}})
    with pytest.raises(cid.DiagramError, match="collection of node names"):
        render(mdp, incentives={VOI: "S1"})
    with pytest.raises(cid.DiagramError, match="cannot read incentives"):
        render(mdp, incentives=42)


class _Witness:
    """Shaped like cid.Witness: a path of node names and an incentive kind."""

    def __init__(self, path: tuple[str, ...], kind: str) -> None:
        self.path = path
        self.kind = kind


def test_witness_edges_are_thick_and_take_the_kind_colour(wireheading):
    w = _Witness(("A1", "ThetaR2", "R2"), ICI)
    dot = parse_dot(render(wireheading, witness=w).dot)
    for edge in (("A1", "ThetaR2"), ("ThetaR2", "R2")):
        assert dot.edges[edge]["color"] == COLORS[ICI]
        assert float(dot.edges[edge]["penwidth"]) >= 2.5
    assert "color" not in dot.edges[("S1", "S2")]


def test_witness_trail_may_run_against_edges_and_keeps_the_dotted_style(wireheading):
    # a VoI-like trail R1 <- S1 -> A1: the second edge is an information link
    dot = parse_dot(render(wireheading, witness="R1 <- S1 -> A1").dot)
    assert dot.edges[("S1", "R1")]["color"] == Theme().witness_color
    assert dot.edges[("S1", "A1")]["style"] == "dotted"
    assert dot.edges[("S1", "A1")]["color"] == Theme().witness_color


def test_plain_witness_takes_the_only_kind_shown(mdp):
    dot = parse_dot(render(mdp, incentives={"A1": {ICI: ["S2"]}}, witness=["A1", "S2"]).dot)
    assert dot.edges[("A1", "S2")]["color"] == COLORS[ICI]


def test_several_witnesses(mdp):
    ws = [_Witness(("A1", "S2", "R2"), ICI), _Witness(("S1", "A1"), RI)]
    overlay = build_overlay(mdp, witness=ws)
    assert overlay.witness_edges == (("A1", "S2"), ("S2", "R2"), ("S1", "A1"))
    assert overlay.witness_colors[("S1", "A1")] == COLORS[RI]


def test_bad_witness(mdp):
    with pytest.raises(cid.DiagramError, match="S1 and S3 are not adjacent"):
        render(mdp, witness=["S1", "S3"])
    with pytest.raises(cid.NodeNotFoundError, match="'X'"):
        render(mdp, witness=["S1", "X"])


def test_focus_keeps_the_decision_in_full_colour(mdp):
    dot = parse_dot(render(mdp, incentives={"A1": {ICI: ["S2"]}}, focus=True).dot)
    assert "color" not in dot.nodes["A1"] and "fontcolor" not in dot.nodes["A1"]
    assert dot.nodes["A1"]["fillcolor"] == Theme().decision_fill
    assert dot.nodes["A2"]["color"] == Theme().downplay_color  # another decision: greyed


def test_focus_lightens_split_fills_colour_by_colour(cirl):
    dot = parse_dot(render(cirl, incentives={"A1": {ICI: ["S2"]}}, focus=True).dot)
    fill = dot.nodes["R1"]["fillcolor"]
    human, robot = (Theme().agent_fill(a, cirl.agents) for a in ("human", "robot"))
    assert fill == f"{tint(human, 0.4)};0.5:{tint(robot, 0.4)}"


def test_focus_greys_what_is_not_highlighted(wireheading):
    theme = Theme()
    dot = parse_dot(render(wireheading, incentives={"A1": {ICI: ["ThetaR2"]}},
                           witness=["A1", "ThetaR2", "R2"], focus=True).dot)
    assert dot.nodes["S3"]["color"] == theme.downplay_color
    assert dot.nodes["S3"]["fontcolor"] == theme.downplay_color
    assert dot.edges[("S2", "S3")]["color"] == theme.downplay_color
    assert dot.nodes["ThetaR2"]["color"] == COLORS[ICI]
    assert "color" not in dot.nodes["A1"] and "color" not in dot.nodes["R2"]  # on the path
    assert dot.edges[("ThetaR2", "R2")]["color"] == COLORS[ICI]
    plain = parse_dot(render(wireheading, focus=True).dot)  # nothing to focus on
    assert plain == parse_dot(render(wireheading).dot)


# --------------------------------------------------------------------------- legend
def _legend_texts(dot) -> list[str]:
    members = dict.fromkeys(dot.clusters["cluster_legend"])  # declared, then named in rank groups
    texts = []
    for n in members:
        label = dot.nodes[n].get("label", "")
        if n.endswith(".text"):
            texts.append(label.split('ALIGN="LEFT"')[1].split(">", 1)[1].split("<")[0])
    return texts


def _caption(src: str) -> str:
    """The legend's caption, as the markup it shows ("" if none)."""
    block = src[src.index("subgraph cluster_legend"):]
    m = re.search(r"^\t\tlabel=(<.*>) labeljust=l$", block, flags=re.M)
    return read_label(m.group(1)).markup if m else ""


def test_legend_lists_only_the_kinds_shown(mdp):
    dot = parse_dot(render(mdp, incentives={"A1": {RI: ["S1"], ICI: ["S2"]}}, legend=True,
                            layout="ranked").dot)
    texts = _legend_texts(dot)
    assert texts == ["chance node", "decision node", "utility node", "causal link",
                     "information link", "response incentive (RI)",
                     "instrumental control incentive (ICI)"]


def test_legend_caption_names_the_decision_by_its_label(mdp):
    one = render(mdp, incentives={"A1": {RI: ["S1"]}}, legend=True, layout="ranked").dot
    assert _caption(one) == "incentives of decision A_{1}"
    two = render(mdp, incentives={"A1": {RI: ["S1"]}, "A2": {RI: ["S2"]}},
                 decision=["A2", "A1"], legend=True, layout="ranked").dot
    assert _caption(two) == "incentives of decisions A_{1}, A_{2}"
    g = cid.Diagram.from_edges(["X -> P -> U"], decisions=["P"], utilities=["U"],
                               labels={"P": "Predicted grade"})
    assert _caption(render(g, incentives={"P": {RI: ["X"]}}, legend=True).dot) == (
        "incentives of decision Predicted grade")


def test_legend_caption_says_whose_decision_it_is(cirl):
    inc = {"AH1": {VOI: ["S1"]}, "A1": {VOI: ["S1"]}}
    assert _caption(render(cirl, incentives=inc, legend=True).dot) == (
        "incentives of decision AH1 (agent human)")  # the first decision by default
    both = render(cirl, incentives=inc, decision=["A1", "AH1"], legend=True).dot
    assert _caption(both) == "incentives of decisions AH1 (human), A1 (robot)"
    labelled = cid.Diagram.from_edges(["S -> A1_1 -> U"], decisions={"1": ["A1_1"]},
                                      utilities={"1": ["U"]}, labels={"A1_1": "A^1_1"})
    labelled = labelled.decision("B", agent="2")
    src = render(labelled, incentives={"A1_1": {VOI: ["S"]}}, legend=True).dot
    assert _caption(src) == "incentives of decision A^{1}_{1} (agent 1)"


def test_legend_without_incentives_has_no_incentive_rows_or_caption(oracle):
    src = render(oracle, legend=True).dot
    texts = _legend_texts(parse_dot(src))
    assert texts == ["chance node", "decision node", "utility node",
                     "counterfactual copy (\u223c over the label)", "causal link",
                     "information link"]
    assert "incentives of" not in src
    prefix = render(oracle, legend=True, theme=Theme(counterfactual_mark="~")).dot
    assert "counterfactual copy (~ before the label)" in _legend_texts(parse_dot(prefix))


def test_legend_shows_every_utility_shape_that_occurs():
    d = cid.Diagram.from_edges(["D -> U", "D -> Acc"], decisions=["D"], utilities=["U", "Acc"],
                               labels={"Acc": "Accuracy of the prediction"})
    dot = parse_dot(render(d, legend=True).dot)
    names = [m for m in dict.fromkeys(dot.clusters["cluster_legend"]) if m.endswith(".text")]
    shapes = {t: dot.nodes[n.removesuffix(".text")]["shape"]
              for n, t in zip(names, _legend_texts(dot), strict=True)}
    assert shapes["utility node"] == "diamond"
    assert shapes["utility node (long label)"] == "octagon"
    only_long = cid.Diagram.from_edges(["D -> Acc"], decisions=["D"], utilities=["Acc"],
                                       labels={"Acc": "Accuracy of it all"})
    texts = _legend_texts(parse_dot(render(only_long, legend=True).dot))
    assert "utility node" in texts and "utility node (long label)" not in texts


def test_legend_explains_shared_utilities(cirl):
    theme = Theme()
    dot = parse_dot(render(cirl, legend=True).dot)
    texts = _legend_texts(dot)
    assert "utility of human and robot" in texts
    names = [m for m in dict.fromkeys(dot.clusters["cluster_legend"]) if m.endswith(".text")]
    sample = names[texts.index("utility of human and robot")].removesuffix(".text")
    human, robot = (theme.agent_fill(a, cirl.agents) for a in ("human", "robot"))
    assert dot.nodes[sample]["fillcolor"] == f"{human};0.5:{robot}"
    single = cid.Diagram.from_edges(["D -> U", "E -> V"], decisions={"a": ["D"], "b": ["E"]},
                                    utilities={"a": ["U"], "b": ["V"]})
    assert not any(t.startswith("utility of") for t in
                   _legend_texts(parse_dot(render(single, legend=True).dot)))


@pytest.mark.parametrize("kinds", [[VOI, RI, VOC], [VOI, RI, VOC, ICI], [VOI]])
def test_legend_keeps_the_two_link_rows_in_one_column(oracle, kinds):
    inc = {"A": {k: ["Q"] for k in kinds}}
    src = render(oracle, incentives=inc, legend=True, witness=["Q", "A"]).dot
    dot = parse_dot(src)
    texts = _legend_texts(dot)
    causal, info = texts.index("causal link"), texts.index("information link")
    assert info == causal + 1
    lines = [g for g in dot.rank_groups if g[0].startswith("legend.")]  # TB: one per line
    (a,) = (k for k, g in enumerate(lines) if f"legend.{causal}" in g)
    (b,) = (k for k, g in enumerate(lines) if f"legend.{info}" in g)
    assert b == a + 1  # the next line down ...
    assert lines[a].index(f"legend.{causal}") == lines[b].index(f"legend.{info}")  # same column


def test_no_legend_unless_asked(mdp):
    src = render(mdp, incentives={"A1": {RI: ["S1"]}}).dot
    assert "cluster_legend" not in src and "legend." not in src


def test_legend_rows_for_agents_and_witness(cirl):
    src = render(cirl, witness=["AH1", "A1"], legend=True).dot
    texts = _legend_texts(parse_dot(src))
    assert "agent human" in texts and "agent robot" in texts
    assert texts[-1] == "witness path"


def test_legend_samples_look_like_the_diagram(mdp):
    theme = Theme()
    dot = parse_dot(render(mdp, incentives={"A1": {VOI: ["S1"]}}, legend=True,
                           layout="ranked").dot)
    names = [m for m in dict.fromkeys(dot.clusters["cluster_legend"]) if m.endswith(".text")]
    samples = {t: n.removesuffix(".text")
               for n, t in zip(names, _legend_texts(dot), strict=True)}
    assert dot.nodes[samples["decision node"]]["fillcolor"] == theme.decision_fill
    assert dot.nodes[samples["utility node"]]["shape"] == theme.utility_shape
    voi = dot.nodes[samples["value of information (VoI)"]]
    assert voi["color"] == COLORS[VOI] and "dashed" in _style(voi)
    assert dot.edges[(samples["information link"], samples["information link"] + ".text")][
        "style"] == "dotted"


@pytest.mark.parametrize("rankdir", ["TB", "LR"])
def test_legend_layout_and_placement(mdp, rankdir):
    inc = {"A1": {"RI": ["S1"]}}
    dot = parse_dot(render(mdp, incentives=inc, legend=True, theme=Theme(rankdir=rankdir),
                           layout="ranked").dot)
    members = dot.clusters["cluster_legend"]
    assert all("." in n for n in members)  # never clashes with node names (identifiers)
    anchors = sorted(t for (t, h), a in dot.edges.items() if h == "legend.0" and
                     not t.startswith("legend."))
    if rankdir == "LR":  # beside the last time slice, from its first node: top-aligned
        assert anchors == ["S3"]
    else:  # below the diagram, after every sink
        assert anchors == sorted(n for n in mdp.nodes if not mdp.children(n))
    assert all(dot.edges[(n, "legend.0")]["style"] == "invis" for n in anchors)
    legend_groups = [g for g in dot.rank_groups if g[0].startswith("legend.")]
    # 6 rows: two columns of three, read down then across
    if rankdir == "LR":  # a column is a rank of samples, then a rank of texts
        assert legend_groups == [["legend.0", "legend.1", "legend.2"],
                                 ["legend.0.text", "legend.1.text", "legend.2.text"],
                                 ["legend.3", "legend.4", "legend.5"],
                                 ["legend.3.text", "legend.4.text", "legend.5.text"]]
    else:  # a line of the grid is a rank
        assert legend_groups == [["legend.0", "legend.0.text", "legend.3", "legend.3.text"],
                                 ["legend.1", "legend.1.text", "legend.4", "legend.4.text"],
                                 ["legend.2", "legend.2.text", "legend.5", "legend.5.text"]]


class _TrailWitness:
    """Shaped like a cid.Witness for value of information: path plus oriented edges."""

    def __init__(self, path, edges, kind="value_of_information"):
        self.path, self.edges, self.kind = tuple(path), tuple(edges), kind


def test_voi_witness_may_use_the_added_information_link():
    # X is not observed by D; the VoI criterion adds X -> D and finds X -> D <- Y -> U
    d = cid.Diagram.from_edges(["X -> U", "Y -> D", "Y -> U", "D -> U"], decisions=["D"],
                               utilities=["U"], name="voi")
    w = _TrailWitness(("X", "D", "Y", "U"), (("X", "D"), ("Y", "D"), ("Y", "U")))
    overlay = build_overlay(d, witness=w)
    assert overlay.added_edges == (("X", "D"),)
    dot = parse_dot(render(d, witness=w, legend=True).dot)
    added = dot.edges[("X", "D")]
    assert added["style"] == "dashed" and added["constraint"] == "false"
    assert added["color"] == COLORS[VOI]
    assert dot.edges[("Y", "D")]["color"] == COLORS[VOI]
    assert dot.edges[("Y", "D")]["style"] == "dotted"  # still an information link
    assert "link added by the VoI criterion" in _legend_texts(dot)
    assert ("X", "D") not in d.edge_list  # the diagram itself is unchanged


def test_self_evident_incentives_are_hidden_unless_asked(cirl):
    inc = {"A1": {ICI: ["A1", "R1", "R2", "S2"], VOC: ["R1", "S1", "HU"], VOI: ["R1"]}}
    hidden = build_overlay(cirl, incentives=inc)
    # ICI on the decision itself and VoC/ICI on the robot's own utilities are self-evident;
    # VoC on the human's utility HU (a chance node for the robot) and VoI on R1 are not
    assert dict(hidden.marks) == {"S1": (VOC,), "R1": (VOI,), "S2": (ICI,), "HU": (VOC,)}
    shown = build_overlay(cirl, incentives=inc, trivial=True)
    assert shown.marks["A1"] == (ICI,) and shown.marks["R1"] == (VOI, VOC, ICI)
    by_kind = build_overlay(cirl, incentives={ICI: ["A1"]})  # no decision known: kept
    assert dict(by_kind.marks) == {"A1": (ICI,)}
