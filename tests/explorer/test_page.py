"""What reaches the page is escaped, never injected; the page is self-contained."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.explorer import annotate_svg, script_json
from tests.explorer.helpers import fake_svg, page_data

NASTY = ["<script>alert(1)</script>", "</script><b>x</b>", "a & b", "100 %", "S_cf",
         "<!-- x", "]]>", "line\nsep", "<img src=x onerror=alert(1)>", "\"'`"]


@settings(max_examples=200)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8))
def test_script_json_round_trips_and_cannot_close_its_element(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def nasty_diagram() -> cid.Diagram:
    d = cid.Diagram(NASTY[0], description=NASTY[2])
    d = d.chance("S_cf", label=NASTY[1], description=NASTY[5])
    d = d.decision("D", parents=["S_cf"], label=NASTY[3], agent=NASTY[8])
    d = d.utility("U", parents=["D", "S_cf"], label=NASTY[7], agent=NASTY[8],
                  description=NASTY[6])
    return d.decision("D2", parents=["U"], agent=NASTY[9]).utility(
        "U2", parents=["D2"], agent=NASTY[9], label=NASTY[4])


def test_names_labels_and_agents_that_need_escaping_are_never_injected() -> None:
    d = nasty_diagram()
    x = cid.explore(d, svg=fake_svg(d))
    html = x.html()
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<b>" not in html and "<img" not in html and "<!-- x" not in html
    assert "\u2028" not in html.split('class="cidx-data">')[1].split("</script>")[0]
    data = page_data(html)
    assert data == x.data
    assert {n["label"] for n in data["nodes"]} >= {NASTY[1], NASTY[3], NASTY[7], NASTY[4]}
    assert set(data["agents"]) == {NASTY[8], NASTY[9]}
    assert data["name"] == NASTY[0]
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;: incentives explorer</title>" in html


_PRINTABLE = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))  # what names may hold


@settings(max_examples=30)
@given(st.text(_PRINTABLE, min_size=1, max_size=12),
       st.text(_PRINTABLE, min_size=1, max_size=12).filter(str.strip))
def test_random_labels_and_names_survive_the_page(label: str, name: str) -> None:
    d = cid.Diagram(name).chance("S", label=label).decision("D", parents=["S"]).utility(
        "U", parents=["D", "S"], label=label)
    html = cid.explore(d, svg=fake_svg(d)).html()
    data = page_data(html)
    assert data["nodes"][0]["label"] == label and data["name"] == name
    assert html.count("<script") == 2


def test_the_page_is_self_contained() -> None:
    d = nasty_diagram()
    html = cid.explore(d, svg=fake_svg(d)).html()
    assert html.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in html
    # no URL that a browser would fetch: no src/href attribute, no @import, no url(
    tags = re.findall(r"<[A-Za-z][^<>]*>", html)
    assert not [t for t in tags if re.search(r"\s(src|href|xlink:href)\s*=", t)]
    assert "@import" not in html and "url(" not in html
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html and "http://www.w3.org/Graphics" \
        not in html


def test_annotate_tags_nodes_and_edges_and_drops_ids_and_comments() -> None:
    d = nasty_diagram()
    out = annotate_svg(fake_svg(d, extra='<g class="node"><title>legend</title></g>'),
                       nodes=d.nodes, edges=d.edge_list)
    assert sorted(re.findall(r'data-cid-node="([^"]+)"', out)) == sorted(d.nodes)
    tagged = re.findall(r'data-cid-edge="([^"]+)"', out)
    assert sorted(tagged) == sorted(f"{a}-&gt;{b}" for a, b in d.edge_list)
    assert ' id="' not in out and "<!--" not in out


@pytest.mark.parametrize("svg, message", [
    ("not svg", "not well-formed"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "not SVG"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><g class="node"><title>S_cf</title></g></svg>',
     "does not show the nodes D, D2, U, U2"),
])
def test_annotate_refuses_what_is_not_a_drawing_of_the_diagram(svg: str, message: str) -> None:
    d = nasty_diagram()
    with pytest.raises(cid.RenderError, match=message):
        annotate_svg(svg, nodes=d.nodes, edges=d.edge_list)


def test_fragment_ids_are_checked() -> None:
    from cid.explorer.page import fragment

    with pytest.raises(cid.DiagramError, match="bad element id"):
        fragment(uid='x" onload="alert(1)', svg="<svg/>", data={}, fallback="")
