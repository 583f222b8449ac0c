"""Rich display of the quantitative objects in Jupyter: Markdown and HTML tables.

Each ``*_markdown``/``*_html`` function builds the display of one object; :func:`safely`
turns any failure into the object's plain text, so a notebook never shows a traceback for a
display. This module is internal.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cid.quant.model import Model
    from cid.quant.policy import DecisionRule
    from cid.quant.solve import Solution

__all__ = ["model_html", "model_markdown", "model_text", "rule_html", "rule_markdown",
           "safely", "solution_html", "solution_markdown"]

MAX_ROWS = 64
"""Rows of a rule shown before the rest is summarised."""


def safely(build: Callable[[], str], fallback: Callable[[], str], *, as_html: bool) -> str:
    """``build()``, or the plain ``fallback()`` text (escaped for HTML) if it fails."""
    try:
        return build()
    except Exception:  # noqa: BLE001 - a display must never raise
        try:
            text = fallback()
        except Exception:  # noqa: BLE001
            text = "(cannot display this object)"
        return f"<pre>{html.escape(text)}</pre>" if as_html else f"```\n{text}\n```"


def _rows(rule: DecisionRule) -> tuple[list[str], list[list[str]], int]:
    header = [*rule.parents, rule.decision]
    rows = []
    items = list(rule.as_dict().items())
    for cfg, act in items[:MAX_ROWS]:
        shown = repr(act) if not isinstance(act, dict) else ", ".join(
            f"{a!r}: {p:.3g}" for a, p in act.items())
        rows.append([*(repr(v) for v in cfg), shown])
    return header, rows, len(items) - len(rows)


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _more(hidden: int) -> str:
    return f"… and {hidden:,} more rows" if hidden else ""


def rule_markdown(rule: DecisionRule) -> str:
    header, rows, hidden = _rows(rule)
    reads = ", ".join(rule.parents) or "nothing"
    text = f"**{rule.decision}** reads {reads}\n\n{_md_table(header, rows)}"
    return text + (f"\n\n{_more(hidden)}" if hidden else "")


def rule_html(rule: DecisionRule) -> str:
    header, rows, hidden = _rows(rule)
    reads = html.escape(", ".join(rule.parents) or "nothing")
    more = f"<p>{_more(hidden)}</p>" if hidden else ""
    return (f"<div><p><b>{html.escape(rule.decision)}</b> reads {reads}</p>"
            f"{_html_table(header, rows)}{more}</div>")


def _summary(solution: Solution) -> tuple[str, str]:
    kind = "exact" if solution.exact else "local optimum"
    bound = ("" if solution.exact or solution.upper_bound is None
             else f"; the optimum is at most {solution.upper_bound:.6g}")
    return f"MEU {solution.meu:.6g} ({kind}{bound})", solution.note


def solution_markdown(solution: Solution) -> str:
    head, note = _summary(solution)
    parts = [f"**{head}**", note]
    parts += [rule_markdown(rule) for rule in solution.policy.values()]
    return "\n\n".join(parts)


def solution_html(solution: Solution) -> str:
    head, note = _summary(solution)
    rules = "".join(rule_html(rule) for rule in solution.policy.values())
    return (f"<div><p><b>{html.escape(head)}</b></p><p>{html.escape(note)}</p>{rules}</div>")


def _model_rows(model: Model) -> list[list[str]]:
    d = model.diagram
    domains = model.domains
    rows = []
    for n in d.topological_order:
        values = domains.get(n)
        shown = "" if values is None else ", ".join(repr(v) for v in values[:8]) + (
            ", …" if len(values) > 8 else "")
        rows.append([n, d.kind(n), ", ".join(d.parents(n)), shown])
    return rows


_MODEL_HEADER = ["node", "kind", "parents", "values"]


def model_text(model: Model) -> str:
    rows = [_MODEL_HEADER, *_model_rows(model)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_MODEL_HEADER))]
    lines = [repr(model)]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    missing = model.problems()
    if missing:
        lines.append("missing:")
        lines += [f"  - {m}" for m in missing]
    return "\n".join(lines)


def model_markdown(model: Model) -> str:
    text = f"**{html.escape(repr(model))}**\n\n{_md_table(_MODEL_HEADER, _model_rows(model))}"
    missing = model.problems()
    return text + ("".join(f"\n- missing: {m}" for m in missing) if missing else "")


def model_html(model: Model) -> str:
    missing = "".join(f"<li>{html.escape(m)}</li>" for m in model.problems())
    return (f"<div><p><b>{html.escape(repr(model))}</b></p>"
            f"{_html_table(_MODEL_HEADER, _model_rows(model))}"
            + (f"<p>missing:</p><ul>{missing}</ul>" if missing else "") + "</div>")
