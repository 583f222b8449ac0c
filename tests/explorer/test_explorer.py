"""The Explorer object: choices, saving, Jupyter display, and the ``cid explore`` command."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import cid
import zoo
from cid.cli import main
from tests.explorer.helpers import fake_svg, page_data


def mdp() -> cid.Diagram:
    return zoo.build("mdp")


def test_the_first_decision_and_every_kind_are_shown_by_default() -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    assert x.data["view"] == {"decision": "A1", "kinds": [k.value for k in cid.IncentiveKind]}
    assert repr(x) == "<Explorer 'mdp': 8 nodes, decision A1>"


def test_decision_and_kinds_can_be_chosen() -> None:
    x = cid.explore(mdp(), decision="A2", kinds=["ICI", "value_of_information"])
    assert x.data["view"] == {"decision": "A2", "kinds": ["value_of_information",
                                                         "instrumental_control_incentive"]}
    assert cid.explore(mdp(), kinds="RI").data["view"]["kinds"] == ["response_incentive"]


def test_bad_choices_are_refused_with_the_decisions_named() -> None:
    with pytest.raises(cid.NodeNotFoundError, match="A1, A2"):
        cid.explore(mdp(), decision="nope")
    with pytest.raises(cid.DiagramError, match="S1 is a chance node, not a decision"):
        cid.explore(mdp(), decision="S1")
    with pytest.raises(cid.DiagramError, match="unknown incentive kind"):
        cid.explore(mdp(), kinds=["VoX"])


def test_a_diagram_without_decisions_still_explores() -> None:
    d = cid.Diagram("plain").chance("A").chance("B", parents=["A"])
    x = cid.explore(d, svg=fake_svg(d))
    assert x.data["decisions"] == [] and x.data["view"]["decision"] is None
    assert "no decision" in repr(x) and page_data(x.html())["nodes"][0]["name"] == "A"


def test_data_is_a_copy() -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    x.data["nodes"].clear()
    assert len(x.data["nodes"]) == 8


def test_importing_the_package_keeps_cid_explore_the_function() -> None:
    import cid.explorer

    assert cid.explore is cid.explorer.explore
    assert repr(cid.explore(mdp())).startswith("<Explorer")


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    target = tmp_path / "mdp.html"
    target.write_text("old", encoding="utf-8")
    assert x.save(target) == target
    assert target.read_text(encoding="utf-8") == x.html()
    assert os.listdir(tmp_path) == ["mdp.html"]


def test_save_gives_the_usual_permissions(tmp_path: Path) -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    mask = os.umask(0o022)
    try:
        assert x.save(tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.html"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert x.save(kept).stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(mask)


def test_save_refuses_other_suffixes_and_reports_write_errors(tmp_path: Path) -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    with pytest.raises(cid.DiagramError, match=r"saved as \.html"):
        x.save(tmp_path / "mdp.svg")
    with pytest.raises(cid.SaveError, match="cannot write"):
        x.save(tmp_path / "missing" / "mdp.html")
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(cid.SaveError, match="cannot write"):
        x.save(tmp_path / "dir.html")
    assert sorted(os.listdir(tmp_path)) == ["dir.html"]


def test_fragments_get_fresh_ids_and_the_page_a_fixed_one() -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    ids = {re.search(r'id="(cid-explorer-[0-9a-f]+)"', x.fragment()).group(1)  # type: ignore[union-attr]
           for _ in range(3)}
    assert len(ids) == 3
    assert x.html() == x.html() and 'id="cid-explorer"' in x.html()


def test_jupyter_shows_the_view_with_the_drawing_as_fallback() -> None:
    x = cid.explore(mdp(), svg=fake_svg(mdp()))
    bundle = x._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    html = bundle["text/html"]
    assert "<svg" in html and 'class="cidx-fallback"' in html and "cidExplorer(" in html
    assert "A1" in html.split('class="cidx-fallback">')[1]  # the incentive table, as text
    assert x._repr_mimebundle_(include=["text/plain"]) == {"text/plain": repr(x)}
    assert "text/html" not in x._repr_mimebundle_(exclude=["text/html"])


def test_jupyter_display_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    x = cid.explore(mdp())

    def missing(self: object) -> str:
        raise cid.GraphvizNotFoundError("Graphviz's 'dot' executable was not found")

    monkeypatch.setattr(cid.Explorer, "svg", missing)
    bundle = x._repr_mimebundle_()
    assert list(bundle) == ["text/plain"] and "not found" in bundle["text/plain"]
    assert "A1" in bundle["text/plain"]

    def broken(self: object) -> str:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cid.Explorer, "svg", broken)
    assert "cannot draw it: boom second line" in x._repr_mimebundle_()["text/plain"]
    monkeypatch.setattr(cid.Explorer, "__repr__", broken)
    assert list(x._repr_mimebundle_()) == ["text/plain"]


@pytest.mark.needs_dot
def test_the_real_drawing_tags_every_node_and_edge() -> None:
    d = zoo.build("cirl")
    svg = cid.explore(d).svg()
    assert sorted(re.findall(r'data-cid-node="([^"]+)"', svg)) == sorted(d.nodes)
    assert len(re.findall(r"data-cid-edge=", svg)) == len(d.edge_list)


@pytest.mark.needs_dot
def test_cli_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "sub" / "w.html"
    assert main(["explore", "zoo:wireheading", "-o", str(out), "-d", "A2", "--kinds",
                 "ICI,VoI"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["view"] == {"decision": "A2", "kinds": ["value_of_information",
                                                       "instrumental_control_incentive"]}
    monkeypatch.chdir(tmp_path)
    assert main(["explore", "zoo:mdp:horizon=2"]) == 0
    assert (tmp_path / "mdp.html").is_file()
    assert main(["explore", "zoo:mdp", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("wrote mdp.html\n<!DOCTYPE html>")


def test_cli_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "zoo:mdp", "-o", str(tmp_path / "x.svg")]) == 2
    assert "end it in .html" in capsys.readouterr().err
    assert main(["explore", "zoo:mdp", "-d", "S1", "-o", str(tmp_path / "x.html")]) == 1
    assert "not a decision" in capsys.readouterr().err
    assert main(["explore", "zoo:nope"]) == 1
    assert not list(tmp_path.iterdir())


def test_cli_help_examples_parse(capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    from cid.cli import build_parser

    assert main(["explore", "--help"]) == 0
    text = capsys.readouterr().out
    examples = [line.strip() for line in text.split("examples:")[1].splitlines()
                if line.strip().startswith("cid explore")]
    assert len(examples) == 3
    for line in examples:
        args = build_parser().parse_args(shlex.split(line)[1:])
        assert args.command == "explore"


def test_the_theme_gives_the_incentive_colours() -> None:
    from dataclasses import replace

    theme = replace(cid.Theme(), incentive_colors={"VoI": "#123456"})
    colors = {k["key"]: k["color"] for k in cid.explore(mdp(), theme=theme).data["kinds"]}
    assert colors["value_of_information"] == "#123456"
    default = {k["key"]: k["color"] for k in cid.explore(mdp()).data["kinds"]}
    assert default["value_of_information"] == dict(cid.Theme().incentive_colors)[
        "value_of_information"]
    with pytest.raises(cid.DiagramError):
        cid.explore(mdp(), theme="no such theme")


def test_cli_without_graphviz_says_so_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "new" / "mdp.html"
    assert main(["explore", "zoo:mdp", "-o", str(out)]) == 3
    assert "Graphviz" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


@pytest.mark.needs_dot
def test_a_rendering_opens_in_the_explorer(tmp_path: Path) -> None:
    d = mdp()
    decision = d.decisions[-1]
    rendering = cid.render(d, incentives=True, decision=decision)
    page = rendering.html()
    assert page == cid.explore(d, decision=decision).html()
    assert rendering.save(tmp_path / "m.html").read_text(encoding="utf-8") == page
