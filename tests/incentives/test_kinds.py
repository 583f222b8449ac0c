"""One vocabulary: every place that names incentive kinds reads ``IncentiveKind``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cid
import zoo
from cid.incentives import ControlKind, IncentiveKind, parse_kind

ALL = (*IncentiveKind, *ControlKind)


def _spellings(kind: IncentiveKind | ControlKind) -> list[str]:
    words = kind.value.replace("_", " ")
    return [kind.value, kind.label, words, kind.value.replace("_", "-"), kind.function_name,
            kind.label.upper(), kind.label.lower(), f"  {words.title()} "]


@pytest.mark.parametrize("kind", ALL, ids=[k.value for k in ALL])
def test_every_spelling_parses(kind: IncentiveKind | ControlKind) -> None:
    for text in _spellings(kind):
        assert parse_kind(text) is kind, text
        assert type(kind).parse(text) is kind, text
    assert parse_kind(kind) is kind


@given(st.sampled_from(ALL), st.data())
def test_case_and_separators_do_not_matter(kind: IncentiveKind | ControlKind,
                                           data: st.DataObject) -> None:
    text = kind.value
    seps = data.draw(st.lists(st.sampled_from(["_", "-", " "]), min_size=text.count("_"),
                              max_size=text.count("_")))
    parts = text.split("_")
    mixed = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    upper = data.draw(st.lists(st.booleans(), min_size=len(mixed), max_size=len(mixed)))
    mixed = "".join(c.upper() if u else c for c, u in zip(mixed, upper, strict=True))
    assert parse_kind(mixed) is kind


def test_labels_and_phrases() -> None:
    assert [k.label for k in IncentiveKind] == ["VoI", "RI", "VoC", "ICI"]
    assert [k.label for k in ControlKind] == ["direct VoC", "indirect VoC"]
    assert IncentiveKind.VALUE_OF_CONTROL.phrase == "value of control"
    assert ControlKind.INDIRECT_VALUE_OF_CONTROL.phrase == "indirect value of control"
    assert all(k.base is IncentiveKind.VALUE_OF_CONTROL for k in ControlKind)
    for k in ALL:  # the function of each kind is public, under its function name
        assert callable(getattr(cid, k.function_name))


def test_the_renderer_reads_every_spelling() -> None:
    d = zoo.build("content_recommendation")
    for k in IncentiveKind:
        expected = cid.render(d, incentives={k.value: ["O"]}, legend=True).dot
        for text in _spellings(k):
            assert cid.render(d, incentives={text: ["O"]}, legend=True).dot == expected, text
        assert k.phrase in expected and k.label in expected  # the legend's words and badge


@pytest.mark.parametrize("spelling", ["ICI", "instrumental control incentive", "ici"])
def test_claims_explain_and_render_accept_the_same_names(spelling: str) -> None:
    """Regression: ``zoo.Claim("ICI", ...)`` was refused while explain and render took it."""
    d = zoo.build("content_recommendation")
    claim = zoo.Claim(spelling, decision="P", node="I", source="t")
    assert claim.kind is IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE and claim.check(d)
    assert cid.explain(d, "P", "I", spelling) is not None
    assert cid.render(d, incentives={spelling: ["I"]}).dot == cid.render(
        d, incentives={"instrumental_control_incentive": ["I"]}).dot


@pytest.mark.parametrize("bad", ["influence", "", "VoX", 3, None])
def test_unknown_kinds_are_refused_everywhere(bad: object) -> None:
    for parse in (parse_kind, IncentiveKind.parse, ControlKind.parse):
        with pytest.raises(cid.DiagramError, match="unknown") as err:
            parse(bad)
        assert err.value.code == "cid_unknown_kind"


def test_a_kind_of_value_of_control_is_not_a_criterion() -> None:
    with pytest.raises(cid.DiagramError, match="explain_control"):
        IncentiveKind.parse("direct VoC")
    with pytest.raises(cid.DiagramError, match="not one of the four"):
        cid.explain(zoo.build("fitness_tracker"), "C", "F", "direct_value_of_control")
    with pytest.raises(cid.DiagramError, match="unknown kind of value of control"):
        ControlKind.parse("VoC")
