"""Label markup (scripts, Greek, escapes) and escaping of any text into HTML-like labels."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cid.render.labels import html_label, label_width, parse_label, plain_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Θ^R_2", "Θ<SUP>R</SUP><SUB>2</SUB>"),
        ("S_10", "S<SUB>10</SUB>"),
        ("R_{t+1}", "R<SUB>t+1</SUB>"),
        ("x_i+1", "x<SUB>i</SUB>+1"),
        ("Θ^R_*", "Θ<SUP>R</SUP><SUB>*</SUB>"),
        ("A^1_1", "A<SUP>1</SUP><SUB>1</SUB>"),
        ("\\theta_1", "θ<SUB>1</SUB>"),
        ("\\Theta^{\\pi}", "Θ<SUP>π</SUP>"),
        ("\\lambda \\Lambda", "λ Λ"),
        ("a\\_b \\^ \\{\\} \\\\", "a_b ^ {} \\"),
        ("\\notgreek", "\\notgreek"),
        ("x^{a_b}", "x<SUP>a<SUB>b</SUB></SUP>"),
        ("trailing^", "trailing^"),
        ("{braces}", "{braces}"),
        ("two\nlines", "two<BR/>lines"),
        ("", ""),
    ],
)
def test_markup(text, expected):
    assert html_label(text) == f"<{expected}>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say "hi"', "say &quot;hi&quot;"),
        ("a < b > c", "a &lt; b &gt; c"),
        ("R&D", "R&amp;D"),
        ("it's", "it&#x27;s"),
        ("</TD></TABLE>", "&lt;/TD&gt;&lt;/TABLE&gt;"),
        ("]]>&amp;", "]]&gt;&amp;amp;"),
        ("tab\there", "tab here"),
        ("bell\x07\x00null", "bellnull"),
        ("crlf\r\nnext\rlast", "crlf<BR/>next<BR/>last"),
        ("emoji 🎲 and עברית", "emoji 🎲 and עברית"),
        ("lone \ud800 surrogate", "lone  surrogate"),
    ],
)
def test_escaping(text, expected):
    assert html_label(text) == f"<{expected}>"


def test_names_are_verbatim_without_markup():
    assert html_label("A1_1", markup=False) == "<A1_1>"
    assert html_label("a^b\\theta", markup=False) == "<a^b\\theta>"
    assert plain_text("S_cf", markup=False) == "S_cf"


def test_combining_mark_goes_over_the_first_letter_and_a_prefix_goes_first():
    assert html_label("S_3", mark="\u0303") == "<S\u0303<SUB>3</SUB>>"
    assert html_label("\u0398\u0301x", mark="\u0303") == "<\u0398\u0301\u0303x>"
    assert html_label("^{1}S", mark="\u0303") == "<<SUP>1</SUP>S\u0303>"
    assert html_label("^1", mark="\u0303") == "<~<SUP>1</SUP>>"  # nothing to sit on
    assert html_label("S", mark="~") == "<~S>"
    assert html_label("  S", mark="\u0303") == "<  S\u0303>"


def test_plain_text_and_width():
    assert plain_text("Θ^R_2") == "ΘR2"
    assert label_width("Θ^R_2") == pytest.approx(2.2)
    assert label_width("first line\nab") == 10
    assert label_width("S\u0303") == 1  # combining marks take no room
    assert [s.role for s in parse_label("a\nb^c")] == ["text", "br", "text", "sup"]


def _wrap(label: str) -> ET.Element:
    """Parse an HTML-like label as XML, as Graphviz does (with expat)."""
    return ET.fromstring(f"<L>{label[1:-1]}</L>")


@given(st.text())
def test_any_text_gives_well_formed_label_that_shows_the_text(text):
    for markup in (True, False):
        label = html_label(text, markup=markup)
        assert label.startswith("<") and label.endswith(">")
        root = _wrap(label)  # well-formed: every tag Graphviz sees is one we wrote
        assert {e.tag for e in root.iter()} <= {"L", "SUP", "SUB", "BR"}
        if not markup:
            shown = "".join(root.itertext())
            expected = plain_text(text, markup=False).replace("\n", "")
            assert shown == expected


def test_counterfactual_mark_is_idempotent() -> None:
    from cid.render.labels import html_label

    once = html_label("S_3", mark="\u0303")
    assert html_label("S\u0303_3", mark="\u0303") == once
    assert once.count("\u0303") == 1
    assert html_label("~S", mark="~") == "<~S>"
