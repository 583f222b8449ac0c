"""TikZ output: valid without TeX (a parse check), compiled by pdflatex where TeX exists."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.drawing import render
from cid.drawing.tikz import TIKZ_COMMANDS, label_tex
from cid.escape import latex_text, tikz_name

_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def check_tikz(tex: str, nodes: list[str]) -> None:
    """Balanced braces and brackets (outside escapes), known commands, every node named."""
    body = re.sub(r"\\[{}\[\]%$&#_\\ ]", "", tex)
    depth = 0
    for ch in body:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, "a '}' closes nothing"
    assert depth == 0, "unbalanced braces"
    assert body.count("[") == body.count("]")
    unknown = {m.group(1) for m in _COMMAND.finditer(tex)} - TIKZ_COMMANDS
    assert not unknown, f"unknown commands {unknown}"
    for n in nodes:
        assert f"({tikz_name(n)}) at (" in tex, n
    assert tex.count("\\begin{tikzpicture}") == tex.count("\\end{tikzpicture}") == 1


@pytest.fixture(scope="module")
def zoo_tex() -> dict[str, tuple[str, list[str]]]:
    import zoo

    out = {}
    for name in zoo.names():
        d = zoo.build(name)
        out[name] = (render(d, incentives=True).tikz(), list(d.nodes))
    return out


@pytest.mark.needs_dot
def test_every_zoo_entry_gives_valid_tikz(zoo_tex):
    for tex, nodes in zoo_tex.values():
        check_tikz(tex, nodes)
        assert "\\documentclass" not in tex  # \input-able


@pytest.mark.needs_dot
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex (TeX) is not installed")
def test_every_zoo_entry_compiles_with_pdflatex(zoo_tex, tmp_path):
    """One document, one page per entry (the standalone class makes each picture a page)."""
    pictures = "\n".join(tex for tex, _ in zoo_tex.values())
    document = ("\\documentclass[tikz, border=2pt]{standalone}\n"
                "\\usetikzlibrary{shapes.geometric, arrows.meta}\n"
                f"\\begin{{document}}\n{pictures}\\end{{document}}\n")
    (tmp_path / "zoo.tex").write_text(document, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "zoo.tex"],
                          cwd=tmp_path, capture_output=True, timeout=120)
    log = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, log[-2000:]
    pages = re.search(r"Output written on zoo.pdf \((\d+) pages?", log)
    assert pages is not None and int(pages.group(1)) == len(zoo_tex)


def test_labels_are_math_and_names_are_escaped_text():
    d = cid.Diagram.from_edges(["ThetaR2 -> D -> U_x"], decisions=["D"], utilities=["U_x"],
                               labels={"ThetaR2": "Θ^R_2", "D": "x & 50% #1 {y} \\\\ $"})
    assert label_tex(d, "ThetaR2") == "$\\Theta^{R}_{2}$"
    assert label_tex(d, "U_x") == "U\\_x"  # a name is shown as it is: text, escaped
    tex = label_tex(d, "D")
    for raw in ("&", "%", "#", "$ "):
        assert raw not in tex.replace("\\" + raw.strip(), "").strip("$")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_latex_text_never_leaves_a_special_character_unescaped(text):
    out = latex_text(text)
    stripped = re.sub(r"\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater"
                      r"|textbar)\{\}|\\[{}$&%#_]", "", out)
    assert not set(stripped) & set("\\{}$&%#_^~<>|")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)),
               min_size=1, max_size=15))
def test_tikz_names_are_safe_and_distinct(name):
    safe = tikz_name(name)
    assert re.fullmatch(r"[A-Za-z0-9-]+", safe)
    assert tikz_name(name + "x") != safe


@pytest.mark.needs_dot
def test_save_tex_and_tikz_without_a_diagram(tmp_path, oracle):
    path = render(oracle).save(tmp_path / "fig.tex")
    check_tikz(path.read_text(encoding="utf-8"), list(oracle.nodes))
    inputtable = render(oracle).tikz()
    assert "\\documentclass" not in inputtable and "\\begin{tikzpicture}" in inputtable
    with pytest.raises(cid.RenderError):
        cid.Rendering(render(oracle).to_graphviz()).tikz()
