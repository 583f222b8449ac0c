"""``cid compare``: which incentives differ between two diagrams."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cid
import zoo
from tests.cli.helpers import run


def _sets(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    return {"value_of_information": cid.value_of_information(d, decision),
            "response_incentive": cid.response_incentives(d, decision),
            "value_of_control": cid.value_of_control(d, decision),
            "instrumental_control_incentive": cid.instrumental_control_incentives(d, decision)}


@pytest.mark.parametrize(
    ("a", "b"),
    [("content_recommendation", "content_recommendation_modified"),
     ("wireheading", "current_rf_optimization"), ("reward_modeling", "cirl"), ("mdp", "pomdp")],
)
def test_compare_json_matches_the_engine(
    capsys: pytest.CaptureFixture[str], a: str, b: str
) -> None:
    code, out, err = run(capsys, "compare", f"zoo:{a}", f"zoo:{b}", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    da, db = zoo.build(a), zoo.build(b)
    assert set(data["nodes"]["only_in_a"]) == set(da.nodes) - set(db.nodes)
    assert set(data["nodes"]["only_in_b"]) == set(db.nodes) - set(da.nodes)
    assert {tuple(e) for e in data["edges"]["only_in_a"]} == set(da.edge_list) - set(db.edge_list)
    assert {tuple(e) for e in data["edges"]["only_in_b"]} == set(db.edge_list) - set(da.edge_list)
    order = [*da.topological_order, *db.topological_order]
    assert [x["decision"] for x in data["decisions"]] == sorted(
        set(da.decisions) | set(db.decisions), key=order.index)
    lost = gained = 0
    for entry in data["decisions"]:
        dec = entry["decision"]
        sa = _sets(da, dec) if dec in da.decisions else {}
        sb = _sets(db, dec) if dec in db.decisions else {}
        for kind, diff in entry["incentives"].items():
            x, y = sa.get(kind, frozenset()), sb.get(kind, frozenset())
            got = (set(diff["lost"]), set(diff["gained"]), set(diff["kept"]))
            assert got == (x - y, y - x, x & y)
            lost, gained = lost + len(x - y), gained + len(y - x)
    assert data["summary"] == {"lost": lost, "gained": gained}


def test_compare_shows_the_papers_points(capsys: pytest.CaptureFixture[str]) -> None:
    # Agent Incentives: scoring on predicted clicks removes the control incentive on opinions I.
    _, out, _ = run(capsys, "compare", "zoo:content_recommendation",
                    "zoo:content_recommendation_modified")
    assert "    ICI  - I\n" in out
    # Reward tampering, Sec. 3.2: current-RF optimisation removes the incentive on ThetaR2.
    data = json.loads(run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                          "--format", "json")[1])
    a1 = next(x for x in data["decisions"] if x["decision"] == "A1")
    assert "ThetaR2" in a1["incentives"]["instrumental_control_incentive"]["lost"]


def test_compare_identical_and_one_sided(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(specs["good"]))
    assert code == 0
    assert "decision D: unchanged" in out and out.endswith("0 incentives lost, 0 gained\n")
    other = cid.Diagram.from_edges(["S -> E -> U", "S -> U"], decisions=["E"], utilities=["U"])
    path = cid.save(other, tmp_path / "other.json")
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(path))
    assert code == 0
    assert "decision D (only in A):" in out and "decision E (only in B):" in out
    assert "nodes only in A: D" in out and "nodes only in B: E" in out
