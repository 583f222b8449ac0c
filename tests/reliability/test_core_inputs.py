"""Hostile text in a diagram: control characters, lone surrogates, overlong names, empty agent
lists, misspelt agents, and markup in what Jupyter displays.

The oracle for "may this text be in a diagram" is :mod:`unicodedata`: a character of
category Cc (C0, C1, DEL), Cs (a lone surrogate), Zl or Zp (line and paragraph separators) is
refused, except a line feed in a label or description.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cid
from cid.escape import escape_html, escape_markdown, escape_xml_text, html_preformatted
from cid.nodes import Chance

NAME_LIMIT, TEXT_LIMIT = 200, 10_000
FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
PAYLOAD = "<img src=x onerror=alert(document.domain)>"
FIELDS = ["label", "description", "diagram name", "diagram description", "agent", "value"]


def allowed(text: str, *, lines: bool) -> bool:
    """The oracle: may ``text`` be a label or description (``lines``) or a name?"""
    return not any(unicodedata.category(c) in FORBIDDEN_CATEGORIES and not (lines and c == "\n")
                   for c in text)


def first_forbidden(text: str, *, lines: bool) -> int:
    return next(i for i, c in enumerate(text)
                if unicodedata.category(c) in FORBIDDEN_CATEGORIES and not (lines and c == "\n"))


def build(field: str, text: str) -> cid.Diagram:
    """A one-decision diagram with ``text`` in ``field``, built step by step."""
    if field == "diagram name":
        return cid.Diagram(text).decision("D")
    if field == "diagram description":
        return cid.Diagram("d", description=text).decision("D")
    if field == "agent":
        return cid.Diagram().decision("D", agent=text)
    if field == "value":
        return cid.Diagram().decision("D", domain=["ok", text])
    return cid.Diagram().decision("D", **{field: text})  # type: ignore[arg-type]


def spec(field: str, text: str) -> dict[str, object]:
    """The JSON spec of :func:`build`."""
    node: dict[str, object] = {"kind": "decision", "name": "D"}
    data: dict[str, object] = {"name": "d", "nodes": [node]}
    if field == "diagram name":
        data["name"] = text
    elif field == "diagram description":
        data["description"] = text
    elif field == "agent":
        node["agent"] = text
    elif field == "value":
        node["domain"] = ["ok", text]
    else:
        node[field] = text
    return data


# Every character class that matters, often: controls, separators, surrogates, line feeds.
_nasty = st.sampled_from(["\x00", "\x1b", "\x07", "\t", "\r", "\n", "\x7f", "\x85", "\x9f",
                          "\u2028", "\u2029", "\ud800", "\udfff", "\u200b", "\u202e", "Θ", "<"])
texts = st.text(st.characters() | _nasty, min_size=1, max_size=12)


# ------------------------------------------------------------------ control characters
@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_the_builder_accepts_exactly_the_allowed_texts(field: str, text: str) -> None:
    lines = field in ("label", "description", "diagram description")
    if field == "agent" and (text != text.strip() or not text.isprintable()):
        return  # agent names have their own, stricter rule (tested in tests/core)
    if field == "value" and text == "ok":
        return
    if allowed(text, lines=lines):
        d = build(field, text)
        assert cid.Diagram.from_json(d.to_json()) == d  # and it can be written and read
        return
    with pytest.raises(cid.DiagramError) as info:
        build(field, text)
    message = str(info.value)
    bad = first_forbidden(text, lines=lines)
    assert repr(text[bad]) in message and f"at index {bad}" in message
    assert info.value.code == "cid_control_character"


@settings(max_examples=60, deadline=None)
@given(text=texts.filter(lambda t: not allowed(t, lines=True)))
def test_the_spec_reader_collects_every_bad_text(text: str) -> None:
    data = {"name": text, "description": text,
            "nodes": [{"kind": "chance", "name": "X", "label": text},
                      {"kind": "chance", "name": "Y", "description": text, "domain": [text]}],
            "edges": ["X -> Y"]}
    with pytest.raises(cid.SpecError) as info:
        cid.Diagram.from_dict(data)
    located = [(loc, code) for loc, _, code in info.value.problems]
    assert sorted(located) == sorted([("name", "cid_control_character"),
                                      ("description", "cid_control_character"),
                                      ("nodes[0]", "cid_control_character"),
                                      ("nodes[1]", "cid_control_character"),
                                      ("nodes[1]", "cid_control_character")])
    escaped = repr(text[first_forbidden(text, lines=True)])
    assert all(escaped in message for loc, message, _ in info.value.problems
               if loc != "name" and "value" not in message)


_plain = st.from_regex(r"[a-z][a-z ]{0,5}[a-z]", fullmatch=True)
_maybe = st.sampled_from(["plain", "plain", "plain", "random", "none", "wrong type"]).flatmap(
    lambda how: {"plain": _plain, "random": texts, "none": st.none(),
                 "wrong type": st.integers() | st.lists(texts, max_size=2)}[how])


@st.composite
def specs(draw: st.DrawFn) -> dict[str, object]:
    """A spec whose texts are random (any code point, lone surrogates included), sometimes
    of the wrong type; names are sometimes valid identifiers, sometimes not."""
    nodes = []
    for i in range(draw(st.integers(1, 3))):
        node: dict[str, object] = {"kind": draw(st.sampled_from(["chance", "decision",
                                                                  "utility"])),
                                   "name": draw(st.sampled_from([f"N{i}"] * 5 + ["N 1"]))}
        for key in ("label", "description", "agent", "domain"):
            if draw(st.integers(0, 2)) == 0 and (key != "agent" or node["kind"] != "chance"):
                node[key] = draw(_maybe if key != "domain" else st.lists(
                    _plain | texts, min_size=1, max_size=2, unique=True))
        nodes.append(node)
    data: dict[str, object] = {"nodes": nodes, "edges": ["N0 -> N1"] if len(nodes) > 1 else []}
    for key in ("name", "description"):
        if draw(st.integers(0, 2)) == 0:
            data[key] = draw(_maybe)
    return data


@settings(max_examples=150, deadline=None)
@given(data=specs())
def test_whatever_the_reader_accepts_can_be_written_and_read_back(data: dict[str, object]
                                                                   ) -> None:
    """Random texts in every field of a spec: the reader raises a SpecError, or gives a
    diagram whose spec encodes as UTF-8 (what cid.save writes) and reads back equal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cid.CIDWarning)  # random agents look misspelt
        try:
            d = cid.Diagram.from_dict(data)
        except cid.SpecError as err:
            assert err.problems and all(loc is not None for loc, _, _ in err.problems)
            return
        text = d.to_json()
        assert cid.Diagram.from_json(text.encode("utf-8")) == d
    for name in d.nodes:
        for value in (d[name].label, d[name].description, *d.agents_of(name)):
            assert value is None or allowed(value, lines=True)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85", "\u2028", "\u2029", "\ud800"])
@pytest.mark.parametrize("field", FIELDS)
def test_each_field_names_itself_and_shows_the_character_escaped(field: str, char: str) -> None:
    text = f"A{char}B"
    with pytest.raises(cid.DiagramError) as info:
        build(field, text)
    message = str(info.value)
    assert repr(char) in message and char not in message  # escaped, never raw
    what = {"diagram name": "the diagram's name", "diagram description": "the description of",
            "agent": "agent name", "value": "the value", "label": "the label of node D",
            "description": "the description of node D"}[field]
    assert what in message, message
    problems = (cid.SpecError, cid.DiagramError)
    with pytest.raises(problems) as read:
        cid.Diagram.from_dict(spec(field, text))
    assert repr(char) in str(read.value)


def test_edits_and_records_are_checked_too() -> None:
    d = cid.Diagram("d").chance("X").decision("D", ["X"])
    with pytest.raises(cid.DiagramError, match=r"label of node X holds a control character"):
        d.with_label("X", "bell\x07")
    with pytest.raises(cid.DiagramError, match="the diagram's name holds a lone surrogate"):
        d.copy(name="\udc80")
    with pytest.raises(cid.DiagramError, match="the description of node Y"):
        d.add_node(Chance("Y", description="esc\x1b[31m"))
    with pytest.raises(cid.DiagramError, match="the description of node Y"):
        cid.DiagramBuilder().add_node(Chance("Y", description="\x00"))
    with pytest.raises(cid.DiagramError, match="description of 'd'"):
        cid.Diagram("d", description="\u2029")
    with pytest.raises(cid.SpecError, match="label of node X"):
        cid.Diagram.from_edges(["X -> D"], decisions=["D"], labels={"X": "a\x00"})
    assert d == cid.Diagram("d").chance("X").decision("D", ["X"])  # nothing changed


def test_a_lone_surrogate_is_refused_where_save_used_to_fail(tmp_path: Path) -> None:
    """`cid validate` accepted a label holding a lone surrogate that `cid.save` could not
    write; both now refuse it, the CLI with a clear one-line error and exit status 1."""
    spec_file = tmp_path / "surrogate.json"
    spec_file.write_text('{"nodes": [{"kind": "chance", "name": "X", "label": "a\\ud800"}]}',
                         encoding="utf-8")
    with pytest.raises(cid.SpecError, match=r"lone surrogate '\\ud800'"):
        cid.load(spec_file)
    run = subprocess.run([sys.executable, "-m", "cid", "validate", str(spec_file)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and r"'\ud800'" in run.stderr
    assert "nodes[0]" in run.stderr and "lone surrogate" in run.stderr


@pytest.mark.parametrize("output", ["out.svg", "out.dot"])
def test_a_control_character_in_the_name_no_longer_gives_a_malformed_picture(
        tmp_path: Path, output: str) -> None:
    """`cid render` wrote an SVG that was not well-formed XML, with exit status 0."""
    spec_file = tmp_path / "esc.json"
    spec_file.write_text(json.dumps({"name": "bad\x1b[31mname\x00",
                                     "nodes": [{"kind": "chance", "name": "X"}]}),
                         encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cid", "render", str(spec_file), "-o",
                          str(tmp_path / output)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and not (tmp_path / output).exists()
    assert "Traceback" not in run.stderr and r"'\x1b' at index 3" in run.stderr


def _schema_rule(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern (ECMA-262, ``\\uXXXX`` escapes) as a Python regular expression."""
    return re.compile(pattern.encode("ascii").decode("unicode_escape"))


@settings(max_examples=100, deadline=None)
@given(text=texts.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)))
def test_the_json_schema_states_the_reader_s_text_rules(text: str) -> None:
    """Editors validating with the JSON Schema see the reader's rule (a lone surrogate, which
    a pattern cannot name, aside)."""
    schema = cid.json_schema()
    label = _schema_rule(schema["$defs"]["ChanceSpec"]["properties"]["label"]["pattern"])
    name = _schema_rule(schema["properties"]["name"]["pattern"])
    assert (label.fullmatch(text) is not None) == allowed(text, lines=True)
    assert (name.fullmatch(text) is not None) == allowed(text, lines=False)


# ------------------------------------------------------------------ length caps
@pytest.mark.parametrize(("field", "limit"), [("diagram name", NAME_LIMIT),
                                              ("agent", NAME_LIMIT),
                                              ("label", TEXT_LIMIT),
                                              ("description", TEXT_LIMIT),
                                              ("diagram description", TEXT_LIMIT),
                                              ("value", TEXT_LIMIT)])
def test_texts_are_capped(field: str, limit: int) -> None:
    assert len(build(field, "x" * limit)) == 1
    with pytest.raises(cid.DiagramError, match=f"{limit + 1:,} characters long; at most "
                                               f"{limit:,}"):
        build(field, "x" * (limit + 1))


def test_a_100000_character_name_never_reaches_graphviz() -> None:
    long = "A" * 100_000
    with pytest.raises(cid.DiagramError) as info:
        cid.Diagram().chance(long)
    assert "100,000 characters long" in str(info.value) and len(str(info.value)) < 300
    assert len(cid.Diagram().chance("A" * NAME_LIMIT)) == 1
    with pytest.raises(cid.DiagramError, match="100,000 characters"):
        cid.Diagram().chance("X").rename({"X": long})
    with pytest.raises(cid.SpecError) as read:
        cid.Diagram.from_json(json.dumps({"nodes": [{"kind": "chance", "name": long}]}))
    assert len(str(read.value)) < 400  # the name is not repeated whole
    assert cid.json_schema()["$defs"]["ChanceSpec"]["properties"]["name"]["maxLength"] == 200


# ------------------------------------------------------------------ agents
def test_an_empty_agent_list_is_refused_not_read_as_the_default_agent() -> None:
    data = {"nodes": [{"kind": "decision", "name": "D"},
                      {"kind": "utility", "name": "U", "agent": []}], "edges": ["D -> U"]}
    with pytest.raises(cid.SpecError) as info:
        cid.Diagram.from_dict(data)
    assert [(loc, code) for loc, _, code in info.value.problems] == [
        ("nodes[1]", "cid_invalid_agent")]
    assert "node U" in str(info.value) and "empty" in str(info.value)
    for make in (lambda: cid.Diagram().decision("D").utility("U", ["D"], agent=[]),
                 lambda: cid.DiagramBuilder().utility("U", agent=()),
                 lambda: cid.Diagram().utility("U", agent="a").with_agent("U", []),
                 lambda: cid.Diagram().chance("U").with_kind("U", "utility", agent=[])):
        with pytest.raises(cid.DiagramError, match="node U: the list of agents is empty"):
            make()
    data["nodes"][1]["agent"] = ["agent"]  # type: ignore[index]
    assert cid.Diagram.from_dict(data).agents_of("U") == ("agent",)


def _caught(make: object) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make()  # type: ignore[operator]
    return [str(w.message) for w in caught if issubclass(w.category, cid.CIDWarning)]


def test_builder_steps_warn_of_a_misspelt_agent_as_the_reader_does() -> None:
    edges = ["S -> A -> U", "B -> V"]
    whole = _caught(lambda: cid.Diagram.from_edges(
        edges, decisions={"alice": ["A"], "bob": ["B"]},
        utilities={"alcie": ["U"], "bob": ["V"]}))
    assert len(whole) == 1
    steps = _caught(lambda: cid.Diagram().chance("S").decision("A", ["S"], agent="alice")
                    .decision("B", agent="bob").utility("V", ["B"], agent="bob")
                    .utility("U", ["A"], agent="alcie"))
    builder = _caught(lambda: cid.DiagramBuilder().chance("S")
                      .decision("A", ["S"], agent="alice").decision("B", agent="bob")
                      .utility("V", ["B"], agent="bob").utility("U", ["A"], agent="alcie"))
    assert steps == whole and builder == whole  # one implementation, one message
    with pytest.warns(cid.CIDWarning) as record:
        cid.Diagram().decision("A", agent="alice").utility("U", ["A"], agent="alcie")
    assert record[0].filename == __file__  # pointed at the user's line


def test_builder_steps_do_not_warn_while_agents_are_being_added() -> None:
    """A principal (utilities only), numbered players, and an agent whose utility comes
    before its decision are normal in a diagram built step by step."""
    for make in (
        lambda: cid.Diagram().decision("D", agent="worker").utility("UP", ["D"], agent="principal")
        .utility("UW", ["D"], agent="worker"),
        lambda: cid.Diagram().decision("D1", agent="player1").utility("U2", ["D1"], agent="player2")
        .decision("D2", ["D1"], agent="player2").utility("U1", ["D2"], agent="player1"),
        lambda: cid.DiagramBuilder().decision("D1", agent="agent0")
        .utility("U1", ["D1"], agent="agent1").build(),
    ):
        assert _caught(make) == []


# ------------------------------------------------------------------ display and escaping
@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))


def _payload_diagram() -> cid.Diagram:
    return (cid.Diagram(f"x{PAYLOAD}", description=PAYLOAD)
            .chance("X", label=PAYLOAD, description=f"*{PAYLOAD}*\n# heading")
            .decision("D", ["X"], label="`code` ``` </pre> <script>alert(1)</script>",
                      domain=[PAYLOAD, "ok"]))


def _pre_text(markdown: str) -> str:
    match = re.fullmatch(r"<pre>(.*)</pre>\n", markdown, flags=re.DOTALL)
    assert match is not None, markdown
    assert "<" not in match.group(1)  # no tag of the user's survives
    return html.unescape(match.group(1))


def test_the_display_fallback_without_graphviz_escapes_every_text(no_dot: None) -> None:
    d = _payload_diagram()
    bundle = d._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/markdown"}
    assert bundle["text/plain"] == repr(d)
    shown = _pre_text(bundle["text/markdown"])
    assert "Graphviz is not available" in shown and cid.render(d).dot in shown
    assert d._repr_mimebundle_(include=["text/markdown"]).keys() == {"text/markdown"}
    assert d._repr_mimebundle_(exclude=["text/markdown"]).keys() == {"text/plain"}


def test_the_display_fallback_escapes_a_failing_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    import cid.drawing as rendering

    def fail(*args: object, **kwargs: object) -> object:
        raise cid.RenderError(f"dot failed on {PAYLOAD}")

    monkeypatch.setattr(rendering, "render", fail)
    d = _payload_diagram()
    shown = _pre_text(d._repr_mimebundle_()["text/markdown"])
    assert PAYLOAD in shown and "could not be drawn" in shown


def _markdown_html(text: str) -> str:
    md = pytest.importorskip("markdown_it", reason="markdown-it-py comes with the docs extra")
    return str(md.MarkdownIt("commonmark").render(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)) | _nasty.filter(
    lambda c: unicodedata.category(c) != "Cs")))
def test_escaped_markdown_renders_as_the_text_itself(text: str) -> None:
    """The oracle is a CommonMark renderer: the escaped text renders as one paragraph (or
    nothing) whose text is the input on one line, with no element but the paragraph (control
    characters shown as U+FFFD, as CommonMark shows NUL)."""
    rendered = _markdown_html(escape_markdown(text))
    one_line = "".join("\ufffd" if unicodedata.category(c) == "Cc" and c != "\t" else c
                       for c in " ".join(text.splitlines()))
    if not one_line:
        assert rendered == ""
        return
    match = re.fullmatch(r"<p>(.*)</p>\n", rendered, flags=re.DOTALL)
    assert match is not None, rendered
    assert "<" not in match.group(1)
    assert html.unescape(match.group(1)) == one_line


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters() | _nasty))
def test_escaped_xml_and_html_parse_back(text: str) -> None:
    """The oracle is an XML parser: any text, escaped, is a well-formed element's text and
    attribute, and reads back as itself when XML can hold it."""
    escaped = escape_xml_text(text)
    element = ET.fromstring(f'<a title="{escaped}">{escaped}</a>')
    if not re.search("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", text):
        assert (element.text or "") == text.replace("\r\n", "\n").replace("\r", "\n")
    assert html.unescape(escape_html(text)) == text
    assert not set("<>\"'") & set(escape_html(text))
    assert html.unescape(html_preformatted(text)[5:-6]) == re.sub(
        "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",
        lambda m: repr(m.group())[1:-1], text)
