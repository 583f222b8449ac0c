"""Rich display of Solution, DecisionRule and Model in Jupyter, and their plain text."""

from __future__ import annotations

import html

import pytest

import cid
from cid.quant import solve
from zoo.off_switch import off_switch


def test_solution_displays_meu_exactness_and_every_rule() -> None:
    sol = solve(off_switch())
    md, page = sol._repr_markdown_(), sol._repr_html_()
    assert md.startswith("**MEU 0.9 (exact)**")
    assert page.startswith("<div><p><b>MEU 0.9 (exact)</b>")
    for decision in ("R1", "H", "R2"):
        assert f"**{decision}** reads" in md and f"<b>{decision}</b> reads" in page
    assert "| 'propose' | -2 | 'press' |" in md
    assert html.escape("'propose'") in page


def test_a_local_optimum_shows_its_bound() -> None:
    sol = solve(off_switch(), budget=1)
    assert "local optimum; the optimum is at most 0.9" in sol._repr_markdown_()
    assert "at most 0.9" in str(sol)


def test_model_str_lists_nodes_kinds_parents_and_values() -> None:
    m = off_switch()
    text = str(m)
    assert text.splitlines()[0] == repr(m)
    assert "H     decision  R1, Ua      'allow', 'press'" in text
    assert "<th>kind</th>" in m._repr_html_() and "| node | kind |" in m._repr_markdown_()
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    incomplete = cid.Model(d, {"S": [0.5, 0.5]})
    assert "missing:" in str(incomplete) and "<li>" in incomplete._repr_html_()


def test_rules_escape_html_and_markdown() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = cid.Model(d, {"S": {"<a|b>": 0.5, "x": 0.5},
                      "U": lambda S, D: float((S == "x") == (D == "y"))}, {"D": ["y", "<z>"]})
    rule = solve(m).policy["D"]
    assert rule.parents == ("S",)
    assert "<a" not in rule._repr_html_() and "&#x27;&lt;a|b&gt;&#x27;" in rule._repr_html_()
    assert "| '<a\\|b>' | '<z>' |" in rule._repr_markdown_()


def test_displays_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    sol = solve(off_switch())
    rule = sol.policy["H"]
    import cid.quant._display as display

    def broken(*_: object) -> str:
        raise RuntimeError("boom")

    for name in ("solution_html", "solution_markdown", "rule_html", "rule_markdown",
                 "model_html", "model_markdown"):
        monkeypatch.setattr(display, name, broken)
    assert sol._repr_html_().startswith("<pre>MEU 0.9")
    assert sol._repr_markdown_().startswith("```\nMEU 0.9")
    assert rule._repr_html_().startswith("<pre>R1")
    assert off_switch()._repr_html_().startswith("<pre>&lt;Model")
