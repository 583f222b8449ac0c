"""``cid zoo list``, ``cid zoo show`` and ``cid zoo render``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import cid
import zoo
from tests.support.cli import assert_clean_error, run


@pytest.mark.parametrize("columns", [80, 120, 300])
def test_zoo_list_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "zoo", "list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == zoo.names()
    assert max(map(len, lines)) < columns
    for line, name in zip(lines, zoo.names(), strict=True):
        entry = zoo.entry(name)
        title, source = (part.strip() for part in line[len(name):].strip().split("  ", 1))
        for shown, full in ((title, entry.title), (source, entry.reference.short)):
            assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1])), line


def test_zoo_list_piped_gives_the_full_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: piped (not a terminal), ``cid zoo list`` cut its lines to 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    assert not sys.stdout.isatty()
    code, out, _ = run(capsys, "zoo", "list")
    assert code == 0 and "…" not in out
    assert max(map(len, out.splitlines())) > 80  # the zoo's titles and sources are long
    assert out == run(capsys, "zoo", "list", "--wide")[1]


def test_zoo_list_wide_and_json_give_the_full_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "zoo", "list", "--wide")
    assert code == 0
    for line, name in zip(out.splitlines(), zoo.names(), strict=True):
        assert zoo.entry(name).title in line and zoo.entry(name).reference.short in line
    code, out, _ = run(capsys, "zoo", "list", "--format", "json")
    rows = json.loads(out)
    assert [row["name"] for row in rows] == zoo.names()
    assert [row["title"] for row in rows] == [zoo.entry(n).title for n in zoo.names()]


def test_zoo_show(capsys: pytest.CaptureFixture[str]) -> None:
    entry = zoo.entry("counterfactual_oracle")
    code, out, err = run(capsys, "zoo", "show", "counterfactual_oracle")
    assert (code, err) == (0, "")
    assert out.startswith(f"counterfactual_oracle: {entry.title}\n")
    assert cid.analyze(entry.build()).table().splitlines()[0] in out
    for verdict in entry.verdicts():
        assert str(verdict) in out


@pytest.mark.parametrize("target", ["mdp:horizon=2", "zoo:mdp:horizon=2"])
def test_zoo_show_takes_parameters(capsys: pytest.CaptureFixture[str], target: str) -> None:
    entry = zoo.entry("mdp")
    code, out, err = run(capsys, "zoo", "show", target)
    assert (code, err) == (0, "")
    assert "parameters: horizon=2 (the paper's figure: horizon=3)" in out
    assert cid.analyze(zoo.build("mdp", horizon=2)).table() in out.replace("\n  ", "\n")
    assert cid.analyze(zoo.build("mdp")).table() not in out.replace("\n  ", "\n")
    assert "checked on the paper's figure, horizon=3" in out
    for verdict in entry.verdicts():
        assert str(verdict) in out


@pytest.mark.parametrize(("target", "code", "fragment"),
                         [("mdp:depth=2", 1, "no parameter 'depth'"),
                          ("mdp:horizon", 2, "key=value")])
def test_zoo_show_bad_parameters(
    capsys: pytest.CaptureFixture[str], target: str, code: int, fragment: str
) -> None:
    got, out, err = run(capsys, "zoo", "show", target)
    assert (got, out) == (code, "")
    assert_clean_error(err, fragment)


def test_zoo_show_exits_1_when_a_claim_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    entry = zoo.entry("mdp")
    wrong = zoo.Claim("instrumental_control_incentive", decision="A1", node="S1", source="test")
    broken = dataclasses.replace(entry, claims=(*entry.claims, wrong))
    monkeypatch.setattr(zoo, "entry", lambda name: broken)
    code, out, _ = run(capsys, "zoo", "show", "mdp")
    assert code == 1
    assert "✗ S1 ∈ ICI(A1)" in out


def test_zoo_show_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "zoo", "show", "cirll")
    assert (code, out) == (1, "")
    assert_clean_error(err, "'cirl'")


def test_zoo_render_report_covers_every_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "zoo"
    code, out, err = run(capsys, "zoo", "render", "--out", str(out_dir), "--format", "dot",
                         "--incentives", "--report")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == zoo.names()
    assert all(line.rstrip().endswith("✓") for line in lines)
    expected = {f"{n}{s}.dot" for n in zoo.names() for s in ("", "-incentives")}
    assert {p.name for p in out_dir.iterdir()} == expected
    assert f"wrote {len(expected)} files" in err


def test_zoo_render_one_file_is_singular(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "zoo", "render", "mdp", "--out", str(tmp_path), "--format", "dot")
    assert code == 0
    assert f"wrote 1 file for 1 entry into {tmp_path}" in err


def test_zoo_render_out_must_be_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("keep me")
    code, out, err = run(capsys, "zoo", "render", "mdp", "--out", str(afile), "--format", "dot")
    assert (code, out) == (2, "")
    assert_clean_error(err, f"--out must be a directory; {afile} is a file")
    assert afile.read_text() == "keep me"


def test_zoo_render_some_without_incentives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "zoo", "render", "mdp", "cirl", "--out", str(tmp_path / "z"),
                       "--format", "dot")
    assert (code, out) == (0, "")
    assert sorted(p.name for p in (tmp_path / "z").iterdir()) == ["cirl.dot", "mdp.dot"]


def test_zoo_render_unknown_name_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "zoo", "render", "mdp", "nope", "--out", str(tmp_path / "z"))
    assert code == 1
    assert_clean_error(err, "unknown zoo entry 'nope'")
    assert not (tmp_path / "z").exists()


def test_zoo_render_without_graphviz_still_writes_dot_and_exits_0(
    capsys: pytest.CaptureFixture[str], no_graphviz: None, tmp_path: Path
) -> None:
    out_dir = tmp_path / "zoo"
    code, out, err = run(capsys, "zoo", "render", "mdp", "wireheading", "--out", str(out_dir),
                         "--incentives", "--report")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["mdp", "wireheading"]
    hint = [line for line in err.splitlines() if "Graphviz" in line]
    assert len(hint) == 1 and "install" in hint[0]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "mdp-incentives.dot", "mdp.dot", "wireheading-incentives.dot", "wireheading.dot"]


@pytest.mark.needs_dot
def test_zoo_render_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "zoo", "render", "mdp", "--out", str(tmp_path), "--format",
                     "svg,pdf", "--incentives")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"mdp{s}.{f}" for s in ("", "-incentives") for f in ("dot", "svg", "pdf"))
