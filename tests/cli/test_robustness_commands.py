"""cid robustness, cid fixes, cid sweep: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cid.cli import main


def test_robustness_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["robustness", "zoo:supervised_learning"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("sensitivity of 'supervised_learning'") and "fragile" in out
    assert main(["robustness", "zoo:supervised_learning", "--edits", "remove",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "cid-sensitivity-report"
    flips = [f for v in data["verdicts"] for f in v["flips"]]
    assert flips and {f["edit"] for f in flips} == {"remove"}


def test_robustness_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["robustness", "zoo:supervised_learning", "--decision", "Nope"]) == 1
    assert "Nope" in capsys.readouterr().err
    assert main(["robustness", "zoo:supervised_learning", "--edits", "delete"]) == 1
    assert "unknown edit class" in capsys.readouterr().err
    assert main(["robustness"]) == 2


def test_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["fixes", "zoo:wireheading", "--decision", "A1", "--node", "ThetaR2", "--kind", "ICI"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1: -edge A1 -> ThetaR2"
    assert main([*args, "--pin", "A1 -> ThetaR2", "--budget", "1"]) == 0
    assert "no set of at most 1 edit" in capsys.readouterr().out
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["size"] == 1
    assert main([*args, "--pin", "A1 -> Nowhere"]) == 1
    assert "Nowhere" in capsys.readouterr().err


def test_sweep_survey_and_zoo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed", reason="the [scale] extra is not installed")
    args = ["sweep", "survey", "--count", "5", "--size", "6", "--seed", "3",
            "--scheduler", "in-process"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert first.splitlines()[0].startswith("task,") and len(first.splitlines()) >= 6
    assert main(args) == 0 and capsys.readouterr().out == first
    out = tmp_path / "zoo.parquet"
    assert main(["sweep", "zoo", "mdp", "supervised_learning", "-o", str(out)]) == 0
    assert out.exists() and "2 tasks (in-process)" in capsys.readouterr().out
    assert main(["sweep", "zoo", "mdp", "--scheduler", "tcp://127.0.0.1:1",
                 "--timeout", "1"]) == 1
    assert "no Dask scheduler answers" in capsys.readouterr().err
