"""Label markup (scripts, Greek, escapes) and escaping of any text into HTML-like labels."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cid.drawing.labels import html_label, label_width, parse_label, plain_text
from tests.drawing.htmlread import read_label


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Θ^R_2", "Θ^{R}_{2}"),
        ("S_10", "S_{10}"),
        ("R_{t+1}", "R_{t+1}"),
        ("x_i+1", "x_{i}+1"),
        ("Θ^R_*", "Θ^{R}_{*}"),
        ("A^1_1", "A^{1}_{1}"),
        ("A_1^2", "A^{2}_{1}"),  # either order: one stacked column
        ("\\theta_1", "θ_{1}"),
        ("\\Theta^{\\pi}", "Θ^{π}"),
        ("\\lambda \\Lambda", "λ Λ"),
        ("a\\_b \\^ \\{\\} \\\\", "a_b ^ {} \\"),
        ("\\notgreek", "\\notgreek"),
        ("x^{a_b}", "x^{a_{b}}"),
        ("x^a^b", "x^{a}^{b}"),  # two superscripts: two columns
        ("trailing^", "trailing^"),
        ("{braces}", "{braces}"),
        ("two\nlines", "two\nlines"),
        ("two\nlines_1", "two\nlines_{1}"),
        ("", ""),
    ],
)
def test_markup(text, shown):
    assert read_label(html_label(text)).markup == shown


def test_scripts_are_small_and_stacked_superscript_above_subscript():
    label = html_label("Θ^R_2")
    reading = read_label(label)
    assert reading.markup == "Θ^{R}_{2}"  # one column: R in the top cell, 2 below it
    assert reading.script_sizes == [9.5, 9.5]  # 68 % of the 14 pt text
    assert 0.6 <= 9.5 / 14 <= 0.7
    nested = read_label(html_label("x^{a_b}", size=20))
    assert nested.script_sizes == [13.6, 9.2]  # a script's script is smaller again
    assert read_label(html_label("S_1", size=11)).script_sizes == [7.5]
    assert read_label(html_label("S_1", scale=0.5)).script_sizes == [7]
    plain = html_label("Predicted grade")
    assert plain == "<Predicted grade>"  # no table without scripts


def test_stacked_scripts_hug_their_base_when_the_cell_is_wider():
    # Graphviz stretches a table to its cell (a badge line below it): the base aligns right,
    # the script column left, so they stay together
    root = ET.fromstring(f"<L>{html_label('S_1')[1:-1]}</L>")
    cells = list(root.iter("TD"))
    assert cells[0].get("ALIGN") == "RIGHT" and cells[0].text == "S"
    assert all(td.get("ALIGN") == "LEFT" for td in cells[1:])

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


def test_tilde_is_its_own_glyph_above_the_first_letter_and_a_prefix_goes_first():
    assert read_label(html_label("S_3", mark="\u0303")).markup == "S~_{3}"
    assert read_label(html_label("Θ^R_2", mark="\u0303")).markup == "Θ~^{R}_{2}"
    assert read_label(html_label("Race", mark="\u0303")).markup == "R~ace"
    assert read_label(html_label("\u0398\u0301x", mark="\u0303")).markup == "\u0398\u0301~x"
    assert read_label(html_label("^{1}S", mark="\u0303")).markup == "^{1}S~"
    assert html_label("^1", mark="\u0303") == read_label_html("~", "^1")  # nothing to sit on
    assert html_label("S", mark="~") == "<~S>"
    assert read_label(html_label("  S", mark="\u0303")).markup == "  S~"
    assert read_label(html_label("_cf", markup=False, mark="\u0303")).markup == "_c~f"
    for label in (html_label("Θ", mark="\u0303"), html_label("S\u0303_2")):
        assert "\u0303" not in label  # no combining tilde left to fall apart in PNG
        assert "<SUB>\u223c</SUB>" in label


def read_label_html(prefix: str, text: str) -> str:
    """The label of ``text`` with a plain ``prefix`` in front, for comparison."""
    return html_label(prefix + text)


def test_plain_text_and_width():
    assert plain_text("Θ^R_2") == "ΘR2"
    assert label_width("Θ^R_2") == pytest.approx(1.68)  # stacked: the wider script counts
    assert label_width("Θ^R") == label_width("Θ_2") == pytest.approx(1.68)
    assert label_width("R^{PM}_1") == pytest.approx(1 + 2 * 0.68)
    assert label_width("x^a^b") == pytest.approx(1 + 2 * 0.68)  # not stacked: side by side
    assert label_width("first line\nab") == 10
    assert label_width("S\u0303") == 1  # combining marks take no room
    assert label_width("S_1", scale=0.5) == pytest.approx(1.5)
    assert [s.role for s in parse_label("a\nb^c")] == ["text", "br", "text", "sup"]


def _wrap(label: str) -> ET.Element:
    """Parse an HTML-like label as XML, as Graphviz does (with expat)."""
    return ET.fromstring(f"<L>{label[1:-1]}</L>")


_TAGS = {"L", "BR", "TABLE", "TR", "TD", "FONT", "SUB"}


@given(st.text())
def test_any_text_gives_well_formed_label_that_shows_the_text(text):
    for markup in (True, False):
        label = html_label(text, markup=markup)
        assert label.startswith("<") and label.endswith(">")
        root = _wrap(label)  # well-formed: every tag Graphviz sees is one we wrote
        assert {e.tag for e in root.iter()} <= _TAGS
        if not markup:  # (with markup, test_any_markup_reads_back_as_its_parse checks it)
            shown = "".join(root.itertext()).replace("\u223c", "")
            expected = plain_text(text, markup=False).replace("\n", "")
            assert shown == _untilde(expected, drawn="").replace("\u223c", "")


@given(st.text(alphabet="ab^_{}\\ \nΘ\u0303", max_size=12))
def test_any_markup_reads_back_as_its_parse(text):
    assert read_label(html_label(text)).markup == _canonical(parse_label(text))


def _canonical(pieces) -> str:
    """The markup a parse shows, as read_label writes it: a superscript and a subscript on
    one base form one column, written ^{..}_{..} (an empty script shows nothing); a tilde
    after its letter as ~."""
    out: list[str] = []
    column: dict[str, str] = {}

    def close() -> None:
        if column:
            out.append("".join(f"{'^' if r == 'sup' else '_'}{{{column[r]}}}"
                               for r in ("sup", "sub") if column.get(r)))
            column.clear()

    for seg in pieces:
        if seg.role in ("sup", "sub"):
            if seg.role in column:
                close()
            column[seg.role] = _canonical(seg.children)
            continue
        close()
        if seg.role == "br":
            out.append("\n")
        else:
            out.append(_untilde(seg.text))
    close()
    return "".join(out)


def _untilde(text: str, drawn: str = "~") -> str:
    """A character followed by combining marks that include a tilde: the tilde is drawn
    above it (once, written ``drawn``), the other marks stay on it."""
    out, i = [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        run = text[i:j]
        out.append(run[0] + run[1:].replace("\u0303", "") + drawn if "\u0303" in run[1:] else run)
        i = j
    return "".join(out)


def test_counterfactual_mark_is_idempotent() -> None:
    once = html_label("S_3", mark="\u0303")
    assert html_label("S\u0303_3", mark="\u0303") == once
    assert once.count("\u223c") == 1
    assert html_label("~S", mark="~") == "<~S>"
