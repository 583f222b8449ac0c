"""``cid solve FILE``: MEU, rules, --agent, --format json, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cid
from tests.support.cli import assert_clean_error, run
from zoo.off_switch import OPTIMUM, off_switch


@pytest.fixture
def off(tmp_path: Path) -> Path:
    return cid.save(off_switch(), tmp_path / "off.json")


def test_solve_prints_the_meu_and_every_rule(capsys: pytest.CaptureFixture[str], off: Path
                                             ) -> None:
    code, out, err = run(capsys, "solve", str(off))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "off_switch: MEU 0.9" and lines[1].startswith("exact:")
    for decision in ("R1", "H", "R2"):
        assert any(line.split(" ")[0].rstrip(":") == decision for line in lines)
    assert "'propose'" in out


def test_solve_json_agrees_with_the_library(capsys: pytest.CaptureFixture[str], off: Path
                                            ) -> None:
    code, out, _ = run(capsys, "solve", str(off), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["exact"] and data["meu"] == pytest.approx(OPTIMUM)
    sol = cid.solve(off_switch())
    for decision, rule in sol.policy.items():
        got = data["policy"][decision]
        assert got["reads"] == list(rule.parents)
        for row in got["rule"]:
            assert row["action"] == rule(**row["observed"])


def test_agent_takes_the_other_rules_from_the_file(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, off: Path) -> None:
    code, _, err = run(capsys, "solve", str(off), "--agent", "human")
    assert code == 1
    assert_clean_error(err, "R1, R2", "model.policy")
    path = cid.quant.save_model(off_switch(), tmp_path / "fixed.json",
                                policy={"R1": "propose", "R2": lambda R1, H: (
                                    "act" if H == "allow" else "off")})
    code, out, err = run(capsys, "solve", str(path), "--agent", "human", "-f", "json")
    data = json.loads(out)
    assert (code, err) == (0, "") and data["meu"] == pytest.approx(OPTIMUM)
    assert data["fixed"] == ["R1", "R2"] and data["agent"] == "human"
    code, _, err = run(capsys, "solve", str(off), "--agent", "nobody")
    assert code == 2 and "the agents are human, robot" in err


@pytest.mark.parametrize(("edit", "fragment"), [
    (lambda s: s["model"]["cpds"].update(Ua=[0.5, 0.5]), "Ua"),
    (lambda s: s["model"]["cpds"].update(Ua=[[0.5], [0.2, 0.8]]), "model.cpds.Ua"),
    (lambda s: s["model"].update(policy={"Nobody": 1}), "model.policy.Nobody"),
    (lambda s: s.pop("model"), "format_version"),
])
def test_bad_model_files_are_one_clear_error(capsys: pytest.CaptureFixture[str], off: Path,
                                             edit: object, fragment: str) -> None:
    spec = json.loads(off.read_text())
    edit(spec)  # type: ignore[operator]
    off.write_text(json.dumps(spec))
    code, out, err = run(capsys, "solve", str(off))
    assert (code, out) == (1, "")
    assert_clean_error(err, str(off), fragment)
