"""The explorer's data agrees with the incentive criteria, and every witness is a real path."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings

import cid
import zoo
from cid.explorer import RobustnessReport, explorer_data, is_trivial
from tests.explorer.helpers import Robustness, Verdict, directed
from tests.support.strategies import diagrams

CRITERIA = {
    "value_of_information": cid.value_of_information,
    "response_incentive": cid.response_incentives,
    "value_of_control": cid.value_of_control,
    "instrumental_control_incentive": cid.instrumental_control_incentives,
}


def check_data(d: cid.Diagram) -> None:
    data = explorer_data(d)
    assert [n["name"] for n in data["nodes"]] == list(d.topological_order)
    assert {(e["tail"], e["head"]) for e in data["edges"]} == set(d.edge_list)
    assert {(e["tail"], e["head"]) for e in data["edges"] if e["info"]} == set(
        d.information_links)
    assert [x["name"] for x in data["decisions"]] == [r.decision for r in cid.analyze(d)]
    edges = set(d.edge_list)
    for dec in data["decisions"]:
        name, agent = dec["name"], dec["agent"]
        assert agent == d.agent_of(name)
        own = set(d.utilities_of(agent))
        for kind, criterion in CRITERIA.items():
            rows = dec["incentives"][kind]
            assert {r["node"] for r in rows} == set(criterion(d, name)), (kind, name)
            for r in rows:
                x, path = r["node"], r["path"]
                assert path and set(path) <= set(d.nodes)
                assert len(r["edges"]) == len(path) - 1
                assert r["trivial"] == (
                    (kind == "instrumental_control_incentive" and x == name)
                    or (kind in ("value_of_control", "instrumental_control_incentive")
                        and x in own))
                if kind == "value_of_information":
                    assert path[0] == x and path[-1] in own
                    allowed = edges | {(x, name)}
                    for (a, b), (p, q) in zip(r["edges"], pairwise(path), strict=True):
                        assert (a, b) in allowed and {a, b} == {p, q}
                    assert name in r["given"] and x not in r["given"]
                elif kind == "response_incentive":
                    assert path[0] == x and path[-1] == name and directed(d, path)
                elif kind == "value_of_control":
                    assert path[0] == x and path[-1] in own and directed(d, path)
                else:
                    assert path[0] == name and x in path and path[-1] in own
                    assert directed(d, path)


@pytest.mark.parametrize("name", zoo.names())
def test_zoo_data_matches_the_criteria(name: str) -> None:
    check_data(zoo.build(name))


@settings(max_examples=40)
@given(diagrams(max_nodes=7))
def test_random_data_matches_the_criteria(d: cid.Diagram) -> None:
    check_data(d)


def test_trivial_is_the_definition() -> None:
    d = zoo.build("mdp")
    ici = cid.IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE
    voc = cid.IncentiveKind.VALUE_OF_CONTROL
    assert is_trivial(d, ici, "A1", "A1") and is_trivial(d, voc, "A1", "R2")
    assert not is_trivial(d, ici, "A1", "S2")
    assert not is_trivial(d, cid.IncentiveKind.RESPONSE_INCENTIVE, "A2", "R1")


def test_robustness_rows_from_a_hand_made_report() -> None:
    d = zoo.build("mdp")
    report = Robustness((Verdict("VoC", "S2", "A1", True, False, (("A1", "S2"),)),
                         Verdict("instrumental_control_incentive", "S1", "A1", False, True)))
    rows = explorer_data(d, robustness=report)["robustness"]
    assert rows == [
        {"kind": "value_of_control", "node": "S2", "decision": "A1", "present": True,
         "robust": False, "hinges": [["A1", "S2"]], "flips": []},
        {"kind": "instrumental_control_incentive", "node": "S1", "decision": "A1",
         "present": False, "robust": True, "hinges": [], "flips": []},
    ]
    assert isinstance(report, RobustnessReport)


def test_hinges_may_be_written_as_text() -> None:
    d = zoo.build("mdp")
    report = Robustness((Verdict("RI", "S1", "A1", True, False, ("S1 -> A1",)),))  # type: ignore[arg-type]
    assert explorer_data(d, robustness=report)["robustness"][0]["hinges"] == [["S1", "A1"]]


@pytest.mark.parametrize("bad", [object(), Robustness((object(),)),  # type: ignore[arg-type]
                                 Robustness((Verdict("RI", "S1", "A1", True, False,
                                                     (("S1",),)),))])
def test_a_bad_robustness_report_is_refused(bad: object) -> None:
    with pytest.raises(cid.CIDTypeError):
        explorer_data(zoo.build("mdp"), robustness=bad)  # type: ignore[arg-type]


def test_an_unknown_kind_in_a_verdict_is_refused() -> None:
    with pytest.raises(cid.DiagramError, match="unknown incentive kind"):
        explorer_data(zoo.build("mdp"),
                      robustness=Robustness((Verdict("VoX", "S1", "A1", True, True),)))


def test_a_report_of_another_diagram_is_refused() -> None:
    with pytest.raises(cid.DiagramError, match="does not cover"):
        explorer_data(zoo.build("mdp"), report=cid.analyze(zoo.build("cirl")))
