"""README.md: the two-command quick start, the tour, and links into every page of the docs.

The tour's code is executed by Sybil (``conftest.py``); its picture is checked by
``tests/docs/test_pictures.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = ("index", "quickstart", "dsl", "incentives", "quantitative", "rendering", "zoo", "cli",
         "format", "api")


def _section(title: str) -> str:
    """The text under the heading ``title`` up to the next heading."""
    match = re.search(rf"^##\s+{re.escape(title)}\s*\n(.*?)(?=^#+\s|\Z)", README, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def test_quick_start_is_exactly_the_two_commands() -> None:
    # the same reading as ../shared/tools/fresh-check
    match = re.search(r"(?is)#+\s*quick\s*start(.*?)(\n#+\s|\Z)", README)
    assert match
    blocks = re.findall(r"```([a-z]*)\n(.*?)```", match.group(1), re.S)
    assert blocks == [("bash", "python3 dev.py zoo\n"), ("bash", "python3 dev.py test\n")]


def test_tour_builds_analyzes_and_renders_with_its_picture() -> None:
    tour = _section("A tour")
    (code,) = re.findall(r"```python\n(.*?)```", tour, re.S)
    lines = [line for line in code.splitlines() if line.startswith((">>> ", "... "))]
    assert len(lines) <= 16, "the tour is about 15 lines of code"
    for call in ("cid.Diagram", "cid.analyze(", "cid.render("):
        assert call in code
    assert tour.index("```python") < tour.index("![") , "the picture follows the code"
    assert "](docs/_static/tampering.svg)" in tour


def test_links_resolve_and_reach_every_page() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [t for t in targets if not t.startswith(("http://", "https://"))]
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README.md links to missing files: {missing}"
    docs = _section("Documentation")
    unlinked = [p for p in PAGES if f"](docs/{p}.md)" not in docs]
    assert not unlinked, f"README.md's Documentation section does not link {unlinked}"
