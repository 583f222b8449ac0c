"""Sphinx configuration of the cid documentation site (Markdown pages, MyST-Parser, furo).

Build it with ``python3 dev.py docs`` (warnings are errors), or directly:
``python -m sphinx -W -q -b html docs docs/_build/html``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # cid and zoo from the source tree, even without an install

import cid  # noqa: E402

project = "cid"
author = "the cid authors"
copyright = "2026, the cid authors"  # noqa: A001 - Sphinx's name
release = version = cid.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# Only the pages are sources: generated gallery files and build output are not.
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "zoo/**", "README.md"]

myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
myst_heading_anchors = 3

# API reference: numpydoc docstrings through napoleon, members in source order.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autodoc_mock_imports = ["pgmpy", "tqdm"]
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# numpydoc types such as "node" or "iterable of nodes" are looked up as Python objects; when
# several attributes are called ``node`` Sphinx warns that the link is ambiguous. Such words
# are prose, not references: don't let them fail the build.
suppress_warnings = ["ref.python"]

html_theme = "furo"
html_title = f"cid {release}"
html_static_path = ["_static"]
html_show_sourcelink = False
pygments_style = "friendly"


def _unique_footnotes(app: Any, what: str, name: str, obj: Any, options: Any,
                      lines: list[str]) -> None:
    """Numpydoc ``References`` use ``.. [1]`` / ``[1]_``; many docstrings on one page would
    clash, so make each a named auto-numbered footnote local to its object."""
    key = re.sub(r"[^A-Za-z0-9]+", "-", name)
    for i, line in enumerate(lines):
        line = re.sub(r"^(\s*)\.\. \[(\d+)\]", rf"\1.. [#{key}-\2]", line)
        lines[i] = re.sub(r"\[(\d+)\]_", rf"[#{key}-\1]_", line)


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _unique_footnotes)
    return {"parallel_read_safe": True}
