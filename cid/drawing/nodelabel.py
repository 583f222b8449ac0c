"""What a node shows as its label: its ``label`` (with markup) or its name, and the twin tilde.

Used for the node itself and wherever a drawing names a node (the legend's caption), so that
both read the same (``A^1_1``, never the identifier ``A1_1``).

Examples
--------
>>> import cid
>>> d = cid.Diagram().chance("S_cf").chance("X", label="  ")
>>> is_counterfactual(d, "S_cf"), label_source(d, "S_cf"), label_source(d, "X")
(True, ('S', False, True), ('X', False, False))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cid.drawing.labels import html_fragment, label_width, plain_text
from cid.drawing.theme import Theme

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["is_counterfactual", "label_source", "node_label", "node_label_width"]

_SUFFIX = "_cf"


def is_counterfactual(d: Diagram, name: str) -> bool:
    """A twin-network copy: the node's ``counterfactual`` flag, or a name ending in ``_cf``
    after something (a node called just ``_cf`` is not a copy of anything).

    >>> import cid
    >>> d = cid.Diagram().chance("S_cf").chance("_cf")
    >>> is_counterfactual(d, "S_cf"), is_counterfactual(d, "_cf")
    (True, False)
    """
    return bool(d[name].counterfactual) or (name.endswith(_SUFFIX) and len(name) > len(_SUFFIX))


def label_source(d: Diagram, name: str) -> tuple[str, bool, bool]:
    """``(text, markup, twin)``: the text a node shows, whether it is read as markup, and
    whether it gets the counterfactual mark.

    A ``label`` with no visible character (``""``, spaces, an empty group) gives way to the
    name. A twin's name loses its ``_cf`` suffix: the tilde says it is the copy.
    """
    record = d[name]
    twin = is_counterfactual(d, name)
    if record.label is not None and plain_text(record.label).strip():
        return record.label, True, twin
    text = name
    if twin and name.endswith(_SUFFIX) and len(name) > len(_SUFFIX):
        text = name[: -len(_SUFFIX)]
    return text, False, twin


def node_label(d: Diagram, name: str, theme: Theme, *, size: float | None = None) -> str:
    """The inner HTML of the label of ``name`` (no outer ``<>``), set at ``size`` points
    (default: the theme's font size)."""
    text, markup, twin = label_source(d, name)
    return html_fragment(
        text,
        markup=markup,
        mark=theme.counterfactual_mark if twin else None,
        size=theme.fontsize if size is None else size,
        scale=theme.script_scale,
    )


def node_label_width(d: Diagram, name: str, theme: Theme) -> float:
    """The width of the label of ``name`` in characters (see
    :func:`cid.drawing.labels.label_width`)."""
    text, markup, _ = label_source(d, name)
    return label_width(text, markup=markup, scale=theme.script_scale)
