"""The command reads and writes UTF-8 whatever the locale, and refuses unbounded input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import cid
from cid.cli._streams import ASCII_FALLBACK
from tests.support.cid_process import run_cid

HOSTILE_LOCALES = [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "POSIX", "LANG": "POSIX"}]


@pytest.mark.parametrize("env", HOSTILE_LOCALES, ids=["ascii-io", "posix-locale"])
def test_output_is_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    done = run_cid("analyze", "zoo:wireheading", env=env)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert "→" in text
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize("env", HOSTILE_LOCALES, ids=["ascii-io", "posix-locale"])
def test_standard_input_is_read_as_utf8(env: dict[str, str]) -> None:
    d = cid.Diagram.from_edges(["T -> D -> U"], decisions=["D"], utilities=["U"],
                               labels={"T": "Θ^R_2"})
    done = run_cid("render", "-", "-o", "-", stdin=d.to_json().encode("utf-8"), env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert "Θ" in done.stdout.decode("utf-8")


def test_binary_standard_input_is_a_clear_error() -> None:
    done = run_cid("validate", "-", stdin=Path("/bin/ls").read_bytes()[:4096])
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert b"not UTF-8" in done.stderr


def test_ascii_terminals_get_stand_ins() -> None:
    assert "Θ^R_2 → ✓ …".encode("ascii", errors=ASCII_FALLBACK) == b"Theta^R_2 -> ok ..."
    assert "λ".encode("ascii", errors=ASCII_FALLBACK) == b"lambda"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_file_is_refused_within_bounded_memory() -> None:
    done = run_cid("validate", "/dev/zero", env={"CID_MAX_INPUT_BYTES": str(2**20)},
                   memory_mib=1024, timeout=60)
    assert done.returncode == 1
    assert b"larger than the input limit" in done.stderr
    assert b"Traceback" not in done.stderr


def test_an_endless_standard_input_is_refused(tmp_path: Path) -> None:
    done = run_cid("validate", "-", stdin=b" " * (2**20 + 10),
                   env={"CID_MAX_INPUT_BYTES": str(2**20)})
    assert done.returncode == 1
    assert b"larger than the input limit" in done.stderr


def test_a_bad_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    cid.save(cid.Diagram.from_edges(["D -> U"], decisions=["D"], utilities=["U"]), path)
    monkeypatch.setenv("CID_MAX_INPUT_BYTES", "lots")
    with pytest.raises(cid.SpecError, match="CID_MAX_INPUT_BYTES"):
        cid.load(path)
    monkeypatch.setenv("CID_MAX_INPUT_BYTES", "10")
    with pytest.raises(cid.SpecError, match="larger than the input limit"):
        cid.load(path)


def test_duplicate_keys_are_refused() -> None:
    text = '{"format_version": 1, "name": "a", "name": "b", "nodes": [], "edges": []}'
    with pytest.raises(cid.SpecError, match="'name' appears twice"):
        cid.Diagram.from_json(text)


def test_from_json_accepts_a_byte_order_mark() -> None:
    d = cid.Diagram.from_edges(["D -> U"], decisions=["D"], utilities=["U"])
    assert cid.Diagram.from_json("\ufeff" + d.to_json()) == d
    assert cid.Diagram.from_json(("\ufeff" + d.to_json()).encode("utf-8")) == d


def test_standard_input_twice_is_a_usage_error() -> None:
    d = cid.Diagram.from_edges(["D -> U"], decisions=["D"], utilities=["U"])
    done = run_cid("compare", "-", "-", stdin=d.to_json().encode())
    assert done.returncode == 2
    assert b"only once" in done.stderr


def test_warnings_are_printed_on_one_line(tmp_path: Path) -> None:
    spec = {"format_version": 1, "name": "typo", "nodes": [
        {"kind": "decision", "name": "D", "agent": "robot"},
        {"kind": "utility", "name": "U", "agent": "robott"}], "edges": [["D", "U"]]}
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(spec))
    done = run_cid("validate", str(path))
    err = done.stderr.decode()
    warning_lines = [line for line in err.splitlines() if "warning" in line]
    assert warning_lines, err
    assert all(line.startswith("cid validate: warning: ") for line in warning_lines), err
    assert "warnings.warn" not in err and os.sep + "cid" + os.sep not in err


@pytest.mark.parametrize("bad", [b"{}", 3, None])
def test_load_takes_a_path(bad: object) -> None:
    with pytest.raises(cid.CIDTypeError, match="file path"):
        cid.load(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, "zoo:mdp", 3])
def test_analyze_takes_a_diagram(bad: object) -> None:
    with pytest.raises(cid.CIDTypeError, match="takes a cid.Diagram"):
        cid.analyze(bad)  # type: ignore[arg-type]


def test_a_spec_with_many_problems_prints_a_bounded_message(tmp_path: Path) -> None:
    spec = {"format_version": 1, "name": "bad", "nodes": [],
            "edges": [[f"A{i}", f"B{i}"] for i in range(5000)]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(spec))
    done = run_cid("validate", str(path))
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert 100 <= len(lines) <= 102
    assert "more problems" in lines[-1]
    with pytest.raises(cid.SpecError) as caught:
        cid.load(path)
    assert len(caught.value.problems) >= 5000
    assert len(str(caught.value).splitlines()) <= 102


def test_repeated_zoo_parameters_are_refused() -> None:
    done = run_cid("analyze", "zoo:mdp:horizon=3,horizon=4")
    assert done.returncode == 2
    assert b"given twice" in done.stderr


def test_a_huge_zoo_horizon_is_refused_before_building() -> None:
    done = run_cid("analyze", "zoo:mdp:horizon=10000000", memory_mib=1024, timeout=30)
    assert done.returncode == 1
    assert b"above the zoo's limit" in done.stderr


@pytest.mark.parametrize("name", ["render", "explore", "sensitivity"])
def test_the_other_entry_points_take_a_diagram(name: str) -> None:
    with pytest.raises(cid.CIDTypeError, match=f"{name}\\(\\) takes a cid.Diagram"):
        getattr(cid, name)(None)
