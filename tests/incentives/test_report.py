"""The Report: contents, ordering, formats, guarantees, argument checking."""

from __future__ import annotations

import json

import pytest

import cid
import zoo
from cid.incentives import DecisionReport, Guarantee, Incentive, IncentiveKind, Witness


@pytest.fixture
def grade() -> cid.Diagram:
    return cid.Diagram.from_edges(
        ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
        decisions=["P"], utilities=["Ac"], name="grade_prediction")


def test_report_matches_the_functions_for_every_zoo_entry() -> None:
    for name in zoo.names():
        d = zoo.build(name)
        report = cid.analyze(d)
        assert [r.decision for r in report] == list(d.decisions)
        for r in report:
            assert set(r.value_of_information) == cid.value_of_information(d, r.decision)
            assert set(r.response_incentive) == cid.response_incentives(d, r.decision)
            assert set(r.value_of_control) == cid.value_of_control(d, r.decision)
            assert set(r.instrumental_control_incentive) == \
                cid.instrumental_control_incentives(d, r.decision)
            assert r.agent == d.agent_of(r.decision)


def test_sets_are_in_topological_order(grade: cid.Diagram) -> None:
    r = cid.analyze(grade)["P"]
    topo = grade.topological_order
    for kind in IncentiveKind:
        nodes = r.nodes(kind)
        assert list(nodes) == sorted(nodes, key=topo.index)
    assert r.value_of_information == ("HS", "E", "Gr")


def test_get_and_incentives(grade: cid.Diagram) -> None:
    report = cid.analyze(grade)
    ri = report.get("response_incentive", node="R")
    assert isinstance(ri, Incentive) and isinstance(ri.witness, Witness)
    assert ri.witness.path == ("R", "HS", "P") and ri.agent == "agent"
    assert str(ri) == "RI on R for P: R → HS → P"
    assert report.get("RI", node="Ge", decision="P") is None
    assert report.get(IncentiveKind.VALUE_OF_INFORMATION, node="Gr").witness.path == ("Gr", "Ac")
    every = report.incentives()
    assert len(every) == sum(len(r.nodes(k)) for r in report for k in IncentiveKind)
    assert {i.node for i in report.incentives("VoI")} == {"HS", "E", "Gr"}


def test_get_needs_the_decision_when_there_are_several() -> None:
    report = cid.analyze(zoo.build("mdp"))
    with pytest.raises(cid.DiagramError, match="A1, A2"):
        report.get("ICI", node="S2")
    assert report.get("ICI", node="S2", decision="A1") is not None
    with pytest.raises(cid.NodeNotFoundError, match="'S1'"):
        report["S1"]


def test_guarantees() -> None:
    single = cid.analyze(zoo.build("grade_prediction"))
    assert single["P"].guarantee is Guarantee.SOUND_AND_COMPLETE
    mdp = cid.analyze(zoo.build("mdp"))
    assert {r.guarantee for r in mdp} == {Guarantee.GENERALISATION}
    no_recall = cid.Diagram.from_edges(["A -> U", "B -> U"], decisions=["A", "B"],
                                       utilities=["U"], name="insufficient_recall")
    r = cid.analyze(no_recall)
    assert {x.guarantee for x in r} == {Guarantee.NO_SUFFICIENT_RECALL}
    assert "no completeness guarantee" in str(r)
    # several agents: each agent's own decisions count
    debate = cid.analyze(zoo.build("debate"))
    assert debate["X2"].guarantee is Guarantee.SOUND_AND_COMPLETE
    assert debate["X1"].guarantee is not Guarantee.SOUND_AND_COMPLETE


def test_json_is_stable_and_complete(grade: cid.Diagram) -> None:
    text = cid.analyze(grade).to_json(witnesses="all")
    assert text == cid.analyze(grade).to_json(witnesses="all")
    data = json.loads(text)
    assert data["format"] == "cid-incentive-report" and data["version"] == 2
    assert data["witnesses"] == "all"
    (entry,) = data["decisions"]
    assert entry["decision"] == "P" and entry["guarantee"] == "sound_and_complete"
    assert list(entry["incentives"]) == [k.value for k in IncentiveKind]
    voi = entry["incentives"]["value_of_information"]
    assert [x["node"] for x in voi] == ["HS", "E", "Gr"]
    assert voi[1]["path"] == ["E", "Gr", "Ac"]
    assert voi[1]["edges"] == [["E", "Gr"], ["Gr", "Ac"]]
    bare = json.loads(cid.analyze(grade).to_json(witnesses=False))
    assert bare["decisions"][0]["incentives"]["response_incentive"] == ["R", "HS"]
    # a multi-agent report is stable too
    cirl = zoo.build("cirl")
    assert cid.analyze(cirl).to_json() == cid.analyze(cirl).to_json()


def test_text_and_markdown_tables(grade: cid.Diagram) -> None:
    report = cid.analyze(grade)
    text = report.table()
    assert text.splitlines()[0].split() == ["decision", "node", "VoI", "RI", "VoC", "ICI"]
    assert any(line.split() == ["P", "HS", "x", "x", "x"] for line in text.splitlines())
    md = report.table(format="markdown")
    assert md.splitlines()[0] == "| decision | node | VoI | RI | VoC | ICI |"
    assert "| P | R |  | ✓ | ✓ |  |" in md
    with pytest.raises(cid.DiagramError, match="'latex'"):
        report.table(format="latex")  # type: ignore[arg-type]


def test_str_repr_and_html(grade: cid.Diagram) -> None:
    report = cid.analyze(grade)
    s = str(report)
    assert "decision P of 'agent' (single decision of the agent: sound and complete)" in s
    assert "RI   R   R → HS → P" in s
    assert repr(report) == "<Report 'grade_prediction': 1 decision; VoI 3, RI 2, VoC 5, ICI 2>"
    page = report._repr_html_()
    assert "<table>" in page and "R → HS → P" in page
    empty = cid.analyze(cid.Diagram.from_edges(["X -> Y"], decisions=["X"], utilities=[]))
    assert "no incentives" in str(empty)


def test_html_never_raises(grade: cid.Diagram, monkeypatch: pytest.MonkeyPatch) -> None:
    report = cid.analyze(grade)

    def boom(self: DecisionReport, *a: object) -> None:
        raise RuntimeError("broken")

    monkeypatch.setattr(DecisionReport, "witness", boom)
    assert report._repr_html_().startswith("<pre>")


def test_argument_checking(grade: cid.Diagram) -> None:
    for fn in (cid.value_of_information, cid.response_incentives, cid.value_of_control,
               cid.instrumental_control_incentives):
        with pytest.raises(cid.NodeNotFoundError, match="'Nope'"):
            fn(grade, "Nope")
        with pytest.raises(cid.DiagramError, match="HS is a chance node, not a decision"):
            fn(grade, "HS")
        with pytest.raises(cid.CIDError, match="Ac is a utility node"):
            fn(grade, "Ac")
    with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
        cid.explain(grade, "P", "Q", "VoI")
    with pytest.raises(cid.DiagramError, match="'influence'") as err:
        cid.explain(grade, "P", "HS", "influence")
    assert "value_of_information" in str(err.value) and err.value.code == "cid_unknown_kind"
    with pytest.raises(cid.DiagramError, match="not a decision"):
        cid.analyze(grade, decisions=["HS"])
    assert isinstance(cid.NodeNotFoundError("x"), LookupError)


def test_kinds_parse_every_spelling() -> None:
    for spelling in ("VoI", "voi", "value_of_information", "value of information",
                     "VALUE_OF_INFORMATION", IncentiveKind.VALUE_OF_INFORMATION):
        assert IncentiveKind.parse(spelling) is IncentiveKind.VALUE_OF_INFORMATION
    assert IncentiveKind.parse("response_incentives") is IncentiveKind.RESPONSE_INCENTIVE
    assert IncentiveKind.parse("instrumental_control_incentives").label == "ICI"
    assert str(IncentiveKind.VALUE_OF_CONTROL) == "value_of_control"
    with pytest.raises(cid.DiagramError):
        IncentiveKind.parse(3)  # type: ignore[arg-type]


def test_analyze_subset_and_witness_graphs_are_frozen(grade: cid.Diagram) -> None:
    mdp = zoo.build("mdp")
    r = cid.analyze(mdp, decisions=["A2"])
    assert [x.decision for x in r] == ["A2"]
    w = cid.explain(grade, "P", "HS", "value_of_information")
    assert w is not None
    with pytest.raises(Exception, match="[Ff]rozen"):
        w.graph.add_edge("Ge", "Ac")
    assert w.given == {"P"}
    assert cid.explain(grade, "P", "R", "RI").given == frozenset()


def test_unknown_nodes_raise_known_nodes_without_incentive_give_none(grade: cid.Diagram) -> None:
    report = cid.analyze(grade)
    with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
        report.get("RI", node="Q")
    with pytest.raises(cid.NodeNotFoundError, match="'Q'"):
        report["P"].witness("VoI", "Q")
    assert report.get("RI", node="Ge") is None
    assert report["P"].witness("VoI", "R") is None
    assert report["P"].witness("VoI", "E") is not None


def test_analyze_takes_one_decision_as_a_string() -> None:
    mdp = zoo.build("mdp")
    assert [r.decision for r in cid.analyze(mdp, decisions="A1")] == ["A1"]
    with pytest.raises(cid.NodeNotFoundError, match="'A9'"):
        cid.analyze(mdp, decisions="A9")


def test_multi_agent_guarantee_says_other_policies_are_fixed() -> None:
    game = cid.Diagram.from_edges(["S -> H", "S -> A", "H -> A", "S -> R", "A -> R", "H -> R"],
                                  decisions={"human": ["H"], "robot": ["A"]},
                                  utilities={"human": ["R"], "robot": ["R"]}, name="game")
    report = cid.analyze(game)
    for r in report:
        assert r.guarantee is Guarantee.SOUND_AND_COMPLETE and r.other_agents
        assert "with the other agents' policies fixed" in r.guarantee_text
    assert "other agents' policies fixed" in str(report)
    assert "other agents' policies fixed" in json.loads(report.to_json())["decisions"][0][
        "guarantee_text"]
    single = cid.analyze(zoo.build("grade_prediction"))["P"]
    assert not single.other_agents
    assert single.guarantee_text == "single decision of the agent: sound and complete"
