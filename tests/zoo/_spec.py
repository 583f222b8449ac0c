"""A small parser for the team's spec of the zoo, ``zoo-figures.md`` (a verbatim copy).

Each entry is a level-2 heading ``## `name`: title`` followed by a bullet list::

    - Source: ...
    - Structure confidence: ...
    - Decisions: `A1`, `AH1` (human)
    - Chance: `S1`, `S2`
    - Utilities: `R1` (human+robot)
    - Causal edges: S1->S2, A1->S2
    - Information links: S1->A1        (or: none)
    - Claims:
      - one bullet per claim of the paper

The parser is strict: an unknown field, a missing one or a malformed list raises
``SpecFormatError`` naming the entry and the line, so a change of the document's format
cannot silently empty the structure tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SPEC_PATH", "FigureSpec", "SpecFormatError", "parse_spec", "read_spec"]

SPEC_PATH = Path(__file__).with_name("zoo-figures.md")
"""The in-repo copy of the team's spec."""

_HEADING = re.compile(r"^## `([a-z_]+)`: (.+)$")
_NODE = re.compile(r"^`([A-Za-z][A-Za-z0-9_]*)`(?: \(([^)]*)\))?$")
_EDGE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)->([A-Za-z][A-Za-z0-9_]*)$")
_FIELDS = ("Source", "Structure confidence", "Decisions", "Chance", "Utilities",
           "Causal edges", "Information links", "Claims")


class SpecFormatError(ValueError):
    """The spec does not have the expected shape."""


@dataclass
class FigureSpec:
    """One entry of the spec: its structure and the claim bullets, as written."""

    name: str
    title: str
    source: str = ""
    confidence: str = ""
    decisions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    chance: tuple[str, ...] = ()
    utilities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    causal_edges: frozenset[tuple[str, str]] = frozenset()
    information_links: frozenset[tuple[str, str]] = frozenset()
    claims: list[str] = field(default_factory=list)


def _nodes(text: str, where: str) -> dict[str, tuple[str, ...]]:
    """```A1`, `AH1` (human), `R1` (human+robot)`` -> ``{"A1": (), "AH1": ("human",), ...}``."""
    out: dict[str, tuple[str, ...]] = {}
    for item in text.split(", "):
        m = _NODE.fullmatch(item.strip())
        if m is None:
            raise SpecFormatError(f"{where}: cannot read the node {item!r}")
        out[m.group(1)] = tuple(m.group(2).split("+")) if m.group(2) else ()
    return out


def _edges(text: str, where: str) -> frozenset[tuple[str, str]]:
    if text.strip() == "none":
        return frozenset()
    out = set()
    for item in text.split(", "):
        m = _EDGE.fullmatch(item.strip())
        if m is None:
            raise SpecFormatError(f"{where}: cannot read the edge {item!r}")
        out.add((m.group(1), m.group(2)))
    return frozenset(out)


def parse_spec(text: str) -> dict[str, FigureSpec]:
    """Every entry of the spec ``text``, by name, in document order."""
    specs: dict[str, FigureSpec] = {}
    current: FigureSpec | None = None
    seen: set[str] = set()
    in_claims = False

    def finish() -> None:
        if current is not None:
            missing = [f for f in _FIELDS if f not in seen]
            if missing:
                raise SpecFormatError(f"entry {current.name}: missing {', '.join(missing)}")
            if not current.claims:
                raise SpecFormatError(f"entry {current.name}: no claim bullets")

    for number, line in enumerate(text.splitlines(), start=1):
        where = f"zoo-figures.md line {number}"
        heading = _HEADING.match(line)
        if heading:
            finish()
            current = FigureSpec(heading.group(1), heading.group(2))
            if current.name in specs:
                raise SpecFormatError(f"{where}: entry {current.name} appears twice")
            specs[current.name] = current
            seen, in_claims = set(), False
            continue
        if current is None or not line.strip():
            continue
        if line.startswith("## ") or line.startswith("# "):
            raise SpecFormatError(f"{where}: unexpected heading {line!r}")
        if in_claims and line.startswith("  - "):
            current.claims.append(line[4:].strip())
            continue
        if not line.startswith("- "):
            raise SpecFormatError(f"{where}: unexpected line {line!r} in entry {current.name}")
        key, sep, value = line[2:].partition(":")
        if not sep or key not in _FIELDS:
            raise SpecFormatError(f"{where}: unknown field {key!r} in entry {current.name}")
        if key in seen:
            raise SpecFormatError(f"{where}: field {key!r} twice in entry {current.name}")
        seen.add(key)
        value = value.strip()
        in_claims = key == "Claims"
        if key == "Source":
            current.source = value
        elif key == "Structure confidence":
            current.confidence = value
        elif key == "Decisions":
            current.decisions = _nodes(value, where)
        elif key == "Chance":
            current.chance = tuple(_nodes(value, where))
        elif key == "Utilities":
            current.utilities = _nodes(value, where)
        elif key == "Causal edges":
            current.causal_edges = _edges(value, where)
        elif key == "Information links":
            current.information_links = _edges(value, where)
        elif value:
            raise SpecFormatError(f"{where}: 'Claims:' takes sub-bullets, got {value!r}")
    finish()
    return specs


def read_spec(path: Path = SPEC_PATH) -> dict[str, FigureSpec]:
    """Parse the spec file at ``path`` (default: the in-repo copy)."""
    return parse_spec(path.read_text(encoding="utf-8"))
