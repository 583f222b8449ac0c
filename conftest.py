"""Execute the code examples of README.md and docs/*.md with Sybil, so they never rot.

```python blocks run in order per page (one namespace per page); blocks with ``>>>`` lines
are checked as doctests. A ``<!-- skip: next -->`` comment skips the next block.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["README.md", "docs/*.md"],
).pytest()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Keep each file on one xdist worker: a page's examples share one namespace."""
    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadfile"
