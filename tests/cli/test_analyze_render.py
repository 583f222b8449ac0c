"""``cid analyze`` and ``cid render``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cid
import zoo
from tests.support.cli import assert_clean_error, run


def test_analyze_formats_agree_with_the_engine(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path]
) -> None:
    d = cid.load(specs["good"])
    report = cid.analyze(d)
    for fmt, expected in [("text", str(report)), ("table", report.table()),
                          ("markdown", report.table(format="markdown")),
                          ("json", report.to_json())]:
        code, out, err = run(capsys, "analyze", str(specs["good"]), "--format", fmt)
        assert (code, err) == (0, "")
        assert out == expected + "\n", fmt
    code, out, _ = run(capsys, "analyze", str(specs["good"]))
    assert out == str(report) + "\n"  # text is the default


def test_analyze_one_decision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "zoo:mdp", "--decision", "A2", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [d["decision"] for d in data["decisions"]] == ["A2"]
    expected = cid.value_of_information(zoo.build("mdp"), "A2")
    got = {item["node"] for item in data["decisions"][0]["incentives"]["value_of_information"]}
    assert got == set(expected)


@pytest.mark.parametrize(("decision", "fragment"),
                         [("S2", "chance node"), ("Z", "unknown decision")])
def test_analyze_bad_decision(
    capsys: pytest.CaptureFixture[str], decision: str, fragment: str
) -> None:
    code, out, err = run(capsys, "analyze", "zoo:mdp", "--decision", decision)
    assert (code, out) == (1, "")
    assert_clean_error(err, fragment, "A1, A2")





def test_render_dot_creates_folders_and_writes_only_the_output(
    capsys: pytest.CaptureFixture[str], specs: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "new" / "deeper" / "good.dot"
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    code, out, err = run(capsys, "render", str(specs["good"]), "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert {p for p in tmp_path.rglob("*") if p.is_file()} - before == {target}
    assert target.read_text() == cid.render(cid.load(specs["good"])).dot


def test_render_to_stdout_with_incentives(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "zoo:content_recommendation", "--incentives", "--legend",
                       "-o", "-")
    d = zoo.build("content_recommendation")
    assert code == 0
    assert out == cid.render(d, incentives=True, legend=True).dot
    assert out != cid.render(d).dot


def test_render_witness_draws_the_explained_paths(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "zoo:content_recommendation", "--decision", "P",
                       "--witness", "I", "--kinds", "ICI", "-o", "-")
    d = zoo.build("content_recommendation")
    w = cid.explain(d, "P", "I", "instrumental_control_incentive")
    assert code == 0
    assert out == cid.render(d, incentives=True, decision="P", kinds=("ICI",), witness=[w]).dot


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["--witness", "I", "--decision", "Nope"], 1, "unknown decision 'Nope'"),
        (["--decision", "P", "--witness", "Nope"], 1, "unknown node 'Nope'"),
        (["--decision", "P", "--witness", "I", "--kinds", "VoI"], 1, "no VoI"),
        (["--decision", "P", "--kinds", "bogus"], 1, "unknown incentive kind"),
        (["--decision", "O"], 1, "not a decision"),
    ],
)
def test_render_bad_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], code: int, fragment: str
) -> None:
    out_file = tmp_path / "x.dot"
    got, out, err = run(capsys, "render", "zoo:content_recommendation", "-o", str(out_file), *argv)
    assert (got, out) == (code, "")
    assert_clean_error(err, fragment)
    assert not out_file.exists()


def test_render_unknown_suffix_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "render", "zoo:mdp", "-o", str(tmp_path / "mdp.gif"))
    assert code == 2
    assert_clean_error(err, "mdp.gif", ".svg")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_render_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
    target = tmp_path / "pics" / f"mdp{suffix}"
    code, _, err = run(capsys, "render", "zoo:mdp", "--incentives", "-o", str(target))
    assert (code, err) == (0, "")
    data = target.read_bytes()
    magic = {".svg": b"<svg", ".png": b"\x89PNG", ".pdf": b"%PDF"}[suffix]
    assert magic in data[:400]


@pytest.mark.needs_dot
def test_render_svg_has_every_node(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    target = tmp_path / "grade.svg"
    assert run(capsys, "render", "zoo:grade_prediction", "-o", str(target))[0] == 0
    titles = {t.text for t in ET.parse(target).iter("{http://www.w3.org/2000/svg}title")}
    assert set(zoo.build("grade_prediction").nodes) <= titles


def test_render_picture_without_graphviz_exits_3(
    capsys: pytest.CaptureFixture[str], no_graphviz: None, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "deeper" / "mdp.svg"
    code, out, err = run(capsys, "render", "zoo:mdp", "-o", str(target))
    assert (code, out) == (3, "")
    assert_clean_error(err, "Graphviz", "install", ".dot")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists(), "no empty folder is left behind"
    (tmp_path / "kept").mkdir()  # a folder that was there stays
    assert run(capsys, "render", "zoo:mdp", "-o", str(tmp_path / "kept" / "m.svg"))[0] == 3
    assert (tmp_path / "kept").is_dir() and not any((tmp_path / "kept").iterdir())
    # .dot output still works without the binary
    assert run(capsys, "render", "zoo:mdp", "-o", str(tmp_path / "mdp.dot"))[0] == 0


def test_witness_needs_no_decision_when_there_is_one(capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: ``--witness`` asked for ``--decision`` even with a single decision."""
    code, out, err = run(capsys, "render", "zoo:content_recommendation", "--witness", "I",
                         "--kinds", "ICI", "-o", "-")
    assert (code, err) == (0, "")
    _, same, _ = run(capsys, "render", "zoo:content_recommendation", "--decision", "P",
                     "--witness", "I", "--kinds", "ICI", "-o", "-")
    assert out == same


def test_witness_with_several_decisions_names_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "zoo:mdp", "--witness", "S2", "-o", "-")
    assert (code, out) == (2, "")
    assert_clean_error(err, "--witness needs --decision", "A1", "A2")


@pytest.mark.parametrize(
    ("argv", "kwargs"),
    [(["--theme", "rectangular"], {"theme": "rectangular"}),
     (["--focus", "--decision", "P", "--witness", "I"],
      {"focus": True, "incentives": True, "decision": "P", "witness": "I"}),
     (["--trivial", "--incentives"], {"trivial": True, "incentives": True})],
)
def test_render_has_the_python_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], kwargs: dict[str, object]
) -> None:
    """Regression: ``--theme``, ``--focus`` and ``--trivial`` do what the Python API does."""
    d = zoo.build("content_recommendation")
    code, out, err = run(capsys, "render", "zoo:content_recommendation", *argv, "-o", "-")
    assert (code, err) == (0, "")
    if "witness" in kwargs:
        kwargs["witness"] = [w for w in (cid.explain(d, "P", "I", k) for k in cid.IncentiveKind)
                             if w is not None]
    assert out == cid.render(d, **kwargs).dot  # type: ignore[arg-type]
    option = next(a for a in argv if a in ("--theme", "--focus", "--trivial"))
    without = {k: v for k, v in kwargs.items() if k != option.lstrip("-")}
    assert out != cid.render(d, **without).dot  # type: ignore[arg-type]  # the option matters


def test_render_rejects_an_unknown_theme(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "zoo:mdp", "--theme", "bogus", "-o", "-")
    assert (code, out) == (1, "")
    assert_clean_error(err, "unknown theme 'bogus'", "circular", "rectangular")


@pytest.mark.parametrize("mode", ["none", "one", "all"])
def test_analyze_witnesses_modes(capsys: pytest.CaptureFixture[str], mode: str) -> None:
    report = cid.analyze(zoo.build("mdp"))
    code, out, err = run(capsys, "analyze", "zoo:mdp", "--format", "json", "--witnesses", mode)
    assert (code, err) == (0, "")
    assert out == report.to_json(witnesses=mode) + "\n"  # type: ignore[arg-type]
    assert cid.expand_witnesses(json.loads(out)) == report.to_dict(
        witnesses="none" if mode == "none" else "all")
