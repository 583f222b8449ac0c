"""The Rendering object: files, pictures through the real ``dot``, and the no-Graphviz path."""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET

import graphviz
import pytest

import cid
from cid.drawing import Rendering, Theme, graphviz_available, render
from cid.drawing.rendering import install_hint
from tests.drawing.conftest import build_cirl, build_mdp, build_oracle, build_wireheading
from tests.drawing.svgread import SVG, outline_shape, svg_nodes

NASTY = ['quote " and \\" and \\', "a < b & c > d", "line one\nline two", "Θ^R_2 ∑ 🎲",
         "</TD></TR></TABLE>", "']]>"]  # control characters are refused by the diagram


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A PATH with no Graphviz on it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not graphviz_available()


# --------------------------------------------------------------------------- no binary needed
def test_dot_files_need_no_graphviz(no_dot, tmp_path, mdp):
    r = render(mdp, legend=True)
    for suffix in ("dot", "gv"):
        path = r.save(tmp_path / f"mdp.{suffix}")
        assert path.read_text(encoding="utf-8") == r.dot
    assert str(r) == r.dot


def test_pictures_without_graphviz_raise_a_chained_error_with_the_install_line(
    no_dot, tmp_path, mdp
):
    r = render(mdp)
    for make in (r.svg, r.png, r.pdf, lambda: r.save(tmp_path / "x.svg"),
                 lambda: r.save(tmp_path / "x.png")):
        with pytest.raises(cid.GraphvizNotFoundError) as info:
            make()
        assert isinstance(info.value.__cause__, graphviz.ExecutableNotFound)
        message = str(info.value)
        assert install_hint() in message and ".dot output works without it" in message
    assert not (tmp_path / "x.svg").exists()
    assert isinstance(info.value, RuntimeError) and isinstance(info.value, cid.RenderError)


def test_jupyter_display_without_graphviz_shows_the_hint_and_the_dot(no_dot, mdp):
    r = render(mdp)
    bundle = r._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/markdown"}
    first_line = bundle["text/markdown"].splitlines()[0]
    assert "Graphviz is not available" in first_line and install_hint() in first_line
    assert f"```dot\n{r.dot}```" in bundle["text/markdown"]
    assert r.dot in bundle["text/plain"]
    assert r._repr_mimebundle_(include=["text/markdown"]).keys() == {"text/markdown"}
    assert r._repr_mimebundle_(exclude=["text/markdown"]).keys() == {"text/plain"}
    assert mdp._repr_mimebundle_().keys() == {"text/plain", "text/markdown"}  # Diagram delegates


def test_markdown_fence_outgrows_backticks_in_labels(no_dot):
    d = cid.Diagram().chance("X", label="code ```here````")
    markdown = render(d)._repr_mimebundle_()["text/markdown"]
    assert "`````dot\n" in markdown


def test_display_degrades_to_text_when_dot_fails(monkeypatch, mdp):
    r = render(mdp)

    def boom(*args, **kwargs):
        raise graphviz.CalledProcessError(1, ["dot"], stderr=b"Error: syntax error in line 1")

    monkeypatch.setattr(graphviz, "pipe", boom)
    bundle = r._repr_mimebundle_()
    first_line = bundle["text/markdown"].splitlines()[0]
    assert "dot failed" in first_line and "syntax error" in first_line  # what went wrong,
    assert "not available" not in first_line and "install" not in first_line  # not "install"
    assert f"```dot\n{r.dot}```" in bundle["text/markdown"]
    with pytest.raises(cid.RenderError, match="syntax error"):
        r.svg()


def test_display_lets_a_bug_propagate(monkeypatch, mdp):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug, not a drawing failure")

    monkeypatch.setattr(graphviz, "pipe", bug)
    with pytest.raises(ZeroDivisionError):
        render(mdp)._repr_mimebundle_()


def test_unknown_suffix_is_refused(tmp_path, mdp):
    with pytest.raises(cid.DiagramError, match="format"):
        render(mdp).save(tmp_path / "mdp.docx")
    assert render(mdp).save(tmp_path / "no_suffix", format="dot").read_text() == render(mdp).dot


def test_install_hints_per_platform():
    assert "apt-get install graphviz" in install_hint("linux")
    assert "brew install graphviz" in install_hint("darwin")
    assert "winget install graphviz" in install_hint("win32")
    assert "graphviz.org" in install_hint("sunos5")


def test_rendering_value_semantics(mdp):
    a, b = render(mdp), render(build_mdp())
    assert a == b and a != render(mdp, legend=True)
    assert repr(a) == "<Rendering 'mdp': 8 nodes>"
    g = a.to_graphviz()
    g.attr(bgcolor="black")
    assert "bgcolor" not in a.dot  # a copy


def test_cid_render_is_the_function_and_the_package_is_cid_drawing(mdp):
    import cid.drawing as package

    importlib.import_module("cid.drawing.theme")
    assert cid.render is package.render
    assert cid.render(mdp) == package.render(mdp)
    assert isinstance(cid.render(mdp), Rendering)
    assert cid.Rendering is Rendering and cid.Theme is Theme


def test_graphviz_available_is_exported_from_cid():
    assert cid.graphviz_available is graphviz_available
    assert isinstance(cid.graphviz_available(), bool)


# --------------------------------------------------------------------------- with Graphviz
_svg_nodes = svg_nodes
_shape = outline_shape


@pytest.mark.needs_dot
@pytest.mark.parametrize("build", [build_mdp, build_wireheading, build_oracle, build_cirl])
@pytest.mark.parametrize("theme", ["circular", "rectangular"])
def test_svg_has_every_node_with_its_shape(build, theme):
    d = build()
    t = Theme.named(theme)
    incentives = {d.decisions[0]: {"VoI": [d.nodes[0]], "ICI": list(d.utilities)}}
    svg = render(d, incentives=incentives, legend=True, theme=t).svg()
    nodes = _svg_nodes(svg)
    diagram_nodes = {n: g for n, g in nodes.items() if not n.startswith("legend.")}
    assert set(diagram_nodes) == set(d.nodes)
    for n, g in diagram_nodes.items():
        expected = {"chance": "rounded box" if t.chance_shape == "box" else "ellipse",
                    "decision": "box", "utility": t.utility_shape}[d.kind(n)]
        assert _shape(g) == expected, n
    assert any(n.startswith("legend.") for n in nodes)


@pytest.mark.needs_dot
def test_svg_fills_outlines_and_labels(oracle):
    theme = Theme()
    svg = render(oracle, incentives={"A": {"ICI": ["A"]}}, trivial=True).svg()
    nodes = _svg_nodes(svg)
    decision = nodes["A"].find(f"{SVG}polygon")
    assert decision.get("fill").upper() == theme.decision_fill
    ici = theme.incentive_colors["instrumental_control_incentive"]
    assert decision.get("stroke").upper() == ici
    assert decision.get("stroke-dasharray") is not None
    twin = nodes["S_cf"]
    outline = twin.find(f"{SVG}ellipse")
    assert outline.get("stroke").upper() == theme.counterfactual_color
    assert outline.get("fill").upper() == theme.counterfactual_fill
    texts = [t for t in twin.iter(f"{SVG}text")]
    tilde, letter = (next(t for t in texts if t.text == c) for c in ("\u223c", "S"))
    assert float(tilde.get("y")) < float(letter.get("y"))  # the tilde is drawn above the S
    assert abs(float(tilde.get("x")) - float(letter.get("x"))) < 4


@pytest.mark.needs_dot
def test_nasty_labels_survive_real_dot(tmp_path):
    d = cid.Diagram("nasty")
    for i, text in enumerate(NASTY):
        d = d.chance(f"N{i}", label=text, description=text)
    svg = render(d).svg()
    nodes = _svg_nodes(svg)
    for i, text in enumerate(NASTY):
        shown = "".join(nodes[f"N{i}"].itertext())
        for word in ("quote", "a ", "line one", "Θ", "TABLE", "]]", "bell"):
            if word in text:
                assert word in shown, (text, shown)
    assert render(d).save(tmp_path / "nasty.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.needs_dot
def test_picture_formats_and_display(tmp_path, wireheading):
    r = render(wireheading, incentives={"A1": {"ICI": ["ThetaR2"]}}, legend=True)
    assert r.png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert r.pdf()[:5] == b"%PDF-"
    assert r.save(tmp_path / "w.svg").read_text(encoding="utf-8") == r.svg()
    assert r.save(tmp_path / "w.pdf").read_bytes()[:5] == b"%PDF-"
    # PostScript goes through cairo: the core writer cannot take the font list or Greek
    assert r.save(tmp_path / "w.eps").read_bytes().startswith(b"%!PS-Adobe-3.0 EPSF")
    assert b"cairo" in r.pipe("ps")[:200]
    bundle = r._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    ET.fromstring(bundle["image/svg+xml"])


@pytest.mark.needs_dot
def test_dot_reports_no_warnings(wireheading, cirl):
    import subprocess

    wide = Theme(fontname="DejaVu Serif,serif")  # badges must fit their cells in it too
    for d, theme in ((wireheading, Theme()), (cirl, Theme()), (wireheading, wide)):
        inc = {d.decisions[0]: {"VoI": [d.nodes[0]], "VoC": [d.nodes[0]], "ICI": [d.nodes[-1]]}}
        r = render(d, incentives=inc, witness=None, legend=True, theme=theme)
        proc = subprocess.run(["dot", "-Tsvg"], input=r.dot.encode(), capture_output=True,
                              check=True)
        assert proc.stderr == b"", proc.stderr.decode()


@pytest.mark.needs_dot
def test_nasty_diagram_and_agent_names_survive_real_dot():
    d = cid.Diagram('<b>"name"</b> \\')
    d = d.decision("D1", agent="<robot> & \"co\"").decision("D2", agent="human being")
    d = d.utility("U", ["D1", "D2"], agent=["<robot> & \"co\"", "human being"])
    r = render(d, legend=True, theme=Theme(agent_labels=True))
    svg = r.svg()
    text = "".join(ET.fromstring(svg).itertext())
    assert '<robot> & "co"' in text and "agent human" in text
