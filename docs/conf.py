"""Sphinx configuration of the cid documentation site (Markdown pages, MyST-Parser, furo).

Build it with ``python3 dev.py docs`` (warnings are errors), or directly:
``python -m sphinx -W -q -b html docs docs/_build/html``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

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
# In numpydoc types such as "node or iterable of nodes", "node" is a word of the glossary
# (docs/api.md), not a Python object: several classes have a ``node`` attribute, so a Python
# cross-reference to it would be ambiguous. _ProseTypes links such words to the glossary.
PROSE_TYPES = {"node": "node", "nodes": "node"}

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


class _ProseTypes(SphinxPostTransform):
    """Point the Python cross-references of :data:`PROSE_TYPES` words (made from the types of
    numpydoc ``Parameters`` fields) at their glossary terms; runs before references resolve."""

    default_priority = 5  # ReferencesResolver runs at 10

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(addnodes.pending_xref):
            term = PROSE_TYPES.get(ref.get("reftarget", ""))
            if ref.get("refdomain") == "py" and term is not None:
                ref["refdomain"], ref["reftype"], ref["reftarget"] = "std", "term", term


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _unique_footnotes)
    app.add_post_transform(_ProseTypes)
    return {"parallel_read_safe": True}
