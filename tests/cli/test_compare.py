"""``cid compare``: which incentives differ between two diagrams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import cid
import zoo
from tests.support.cli import assert_clean_error, renamed_copy, run


def _sets(d: cid.Diagram, decision: str) -> dict[str, frozenset[str]]:
    return {"value_of_information": cid.value_of_information(d, decision),
            "response_incentive": cid.response_incentives(d, decision),
            "value_of_control": cid.value_of_control(d, decision),
            "instrumental_control_incentive": cid.instrumental_control_incentives(d, decision)}


def _check_against_the_engine(data: dict[str, Any], da: cid.Diagram, db: cid.Diagram) -> None:
    """Every incentive of A and B is in exactly one list, and only comparable ones are lost or
    gained: on nodes of both, for decisions of both."""
    assert set(data["nodes"]["only_in_a"]) == set(da.nodes) - set(db.nodes)
    assert set(data["nodes"]["only_in_b"]) == set(db.nodes) - set(da.nodes)
    assert {tuple(e) for e in data["edges"]["only_in_a"]} == set(da.edge_list) - set(db.edge_list)
    assert {tuple(e) for e in data["edges"]["only_in_b"]} == set(db.edge_list) - set(da.edge_list)
    order = [*da.topological_order, *db.topological_order]
    assert [x["decision"] for x in data["decisions"]] == sorted(
        set(da.decisions) | set(db.decisions), key=order.index)
    both = set(da.nodes) & set(db.nodes)
    totals = dict.fromkeys(("lost", "gained", "only_in_a", "only_in_b"), 0) | {"changed": 0}
    for entry in data["decisions"]:
        dec = entry["decision"]
        shared = dec in da.decisions and dec in db.decisions
        sa = _sets(da, dec) if dec in da.decisions else {}
        sb = _sets(db, dec) if dec in db.decisions else {}
        for kind, diff in entry["incentives"].items():
            x, y = sa.get(kind, frozenset()), sb.get(kind, frozenset())
            changed = [c["node"] for c in diff["changed"]]
            assert set(changed) <= set(diff["kept"]) and len(set(changed)) == len(changed)
            totals["changed"] += len(changed)
            got = {key: set(diff[key]) for key in totals if key != "changed"} | {
                "kept": set(diff["kept"])}
            if shared:
                assert got == {"lost": (x - y) & both, "gained": (y - x) & both,
                               "kept": x & y, "only_in_a": x - both, "only_in_b": y - both}
            else:
                assert got == {"lost": set(), "gained": set(), "kept": set(),
                               "only_in_a": set(x), "only_in_b": set(y)}
            for key in totals:
                totals[key] += len(got.get(key, ()))
    assert data["summary"] == totals


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
    _check_against_the_engine(json.loads(out), zoo.build(a), zoo.build(b))


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


def test_nodes_and_decisions_of_one_diagram_are_listed_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reward modeling vs CIRL: the human's decisions AH1, AH2 and the feedback nodes D1, D2
    exist in one diagram only; their incentives are not counted as gained or lost."""
    code, out, _ = run(capsys, "compare", "zoo:reward_modeling", "zoo:cirl")
    assert code == 0
    compared, _, apart = out.partition("on nodes or decisions only in A (not compared):\n")
    shared_section = compared.split("incentives on the nodes of both")[1]
    gained_or_lost = [line for line in shared_section.splitlines() if " ~ " not in line]
    changed = [line.split(" ~ ")[1].split(":")[0] for line in shared_section.splitlines()
               if " ~ " in line]
    for node in ("D1", "D2", "AH1", "AH2"):
        assert all(node not in line for line in gained_or_lost), node
        assert node not in changed  # paths may pass them; the incentives are not on them
    only_a, _, only_b = apart.partition("on nodes or decisions only in B (not compared):\n")
    assert "    ICI  D1, D2\n" in only_a
    assert "  decision AH1 (agent 'human'; only in B):\n" in only_b
    data = json.loads(run(capsys, "compare", "zoo:reward_modeling", "zoo:cirl", "-f", "json")[1])
    s = data["summary"]
    assert out.rstrip().endswith(f"{s['lost']} incentives lost, {s['gained']} gained, "
                                 f"{s['changed']} changed; "
                                 f"{s['only_in_a']} only in A, {s['only_in_b']} only in B")
    assert s["lost"] + s["gained"] < 8 + 59  # the counts before one-sided ones were set apart


def test_rename_matches_differently_named_nodes(capsys: pytest.CaptureFixture[str]) -> None:
    """Wireheading vs current-RF optimisation: S3 is S3_cf (the state the plan is judged on)."""
    a, b = zoo.build("wireheading"), zoo.build("current_rf_optimization")
    code, out, _ = run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                       "--rename", "S3=S3_cf", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["nodes"]["renamed"] == [{"a": "S3", "b": "S3_cf"}]
    _check_against_the_engine(data, renamed_copy(a, {"S3": "S3_cf"}), b)
    a1 = next(x for x in data["decisions"] if x["decision"] == "A1")
    assert a1["incentives"]["instrumental_control_incentive"]["lost"] == ["ThetaR2"]
    assert "S3_cf" in a1["incentives"]["instrumental_control_incentive"]["kept"]
    _, text, _ = run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                     "-r", "S3=S3_cf")
    assert "renamed: S3 (A) = S3_cf (B)\n" in text
    assert "nodes only in B" not in text  # S3_cf was the only one


@pytest.mark.parametrize(
    ("rename", "code", "fragments"),
    [("Nope=S3_cf", 1, ["Nope", "not a node of 'wireheading'"]),
     ("S3=Nope", 1, ["Nope", "not a node of 'current_rf_optimization'"]),
     ("S3=S2", 1, ["two nodes", "S2"]),
     ("S3", 2, ["OLD=NEW"])],
)
def test_bad_renames(
    capsys: pytest.CaptureFixture[str], rename: str, code: int, fragments: list[str]
) -> None:
    got, out, err = run(capsys, "compare", "zoo:wireheading", "zoo:current_rf_optimization",
                        "--rename", rename)
    assert (got, out) == (code, "")
    assert_clean_error(err, *fragments)


def test_compare_identical_and_one_sided(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(specs["good"]))
    assert code == 0
    assert "decision D: unchanged" in out
    assert out.endswith("0 incentives lost, 0 gained, 0 changed\n")
    other = cid.Diagram.from_edges(["S -> E -> U", "S -> U"], decisions=["E"], utilities=["U"])
    path = cid.save(other, tmp_path / "other.json")
    code, out, _ = run(capsys, "compare", str(specs["good"]), str(path))
    assert code == 0
    assert "no decision is in both diagrams" in out
    assert "decision D (agent 'agent'; only in A):" in out
    assert "decision E (agent 'agent'; only in B):" in out
    assert "nodes only in A: D" in out and "nodes only in B: E" in out
    n_a = sum(len(v) for v in _sets(cid.load(specs["good"]), "D").values())
    n_b = sum(len(v) for v in _sets(other, "E").values())
    assert out.endswith(f"0 incentives lost, 0 gained, 0 changed; {n_a} only in A, "
                        f"{n_b} only in B\n")


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [((), 0), (("--fail-on", "lost"), 4), (("--fail-on", "gained"), 0),
     (("--fail-on", "changed"), 4), (("--fail-on", "gained", "--fail-on", "lost"), 4)],
)
def test_fail_on_sets_the_exit_status(
    capsys: pytest.CaptureFixture[str], fail_on: tuple[str, ...], code: int
) -> None:
    """Scoring the recommender on predicted clicks loses incentives and gains none: a design
    check that forbids losing incentives fails, one that forbids gaining them passes."""
    c = cid.compare(zoo.build("content_recommendation"),
                    zoo.build("content_recommendation_modified"))
    assert c.lost > 0 and c.gained == 0 and c.changed > 0
    got, out, err = run(capsys, "compare", "zoo:content_recommendation",
                        "zoo:content_recommendation_modified", *fail_on)
    assert got == code and out.startswith("A: zoo:content_recommendation\n")
    names = fail_on[1::2]
    found = ", ".join(f"{getattr(c, n)} {n}" for n in names if getattr(c, n))
    assert err == (f"cid compare: incentives {found} (--fail-on {','.join(names)})\n"
                   if code else "")


def test_fail_on_changed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Same verdicts, another reason: D's incentive to influence X went straight to U in A,
    and through Y in B."""
    a = cid.Diagram.from_edges(["D -> X -> U", "D -> Y -> X"], decisions=["D"],
                               utilities=["U"])
    b = cid.Diagram.from_edges(["D -> Y -> U", "D -> X -> Y"], decisions=["D"],
                               utilities=["U"])
    pa, pb = cid.save(a, tmp_path / "a.json"), cid.save(b, tmp_path / "b.json")
    code, out, err = run(capsys, "compare", str(pa), str(pb), "--fail-on", "lost,gained")
    assert (code, err) == (0, "")
    assert "    ICI  ~ X: D → X → U (A), D → X → Y → U (B)\n" in out
    code, _, err = run(capsys, "compare", str(pa), str(pb), "--fail-on", "changed")
    assert code == 4 and "changed" in err


@pytest.mark.parametrize("bad", ["", "removed", "lost,bogus"])
def test_fail_on_rejects_unknown_names(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = run(capsys, "compare", "zoo:mdp", "zoo:mdp", "--fail-on", bad)
    assert (code, out) == (2, "")
    assert "choose from gained, lost, changed" in err
