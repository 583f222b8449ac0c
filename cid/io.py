"""The JSON spec of a diagram: read, write, validate, and its JSON Schema.

A spec is plain data (no code can run from it: no ``eval``, no pickle)::

    {
      "format_version": 1,
      "name": "decision",
      "nodes": [
        {"kind": "chance", "name": "S"},
        {"kind": "decision", "name": "D"},
        {"kind": "utility", "name": "U", "label": "U"}
      ],
      "edges": [["S", "D"], ["S", "U"], "D -> U"]
    }

Edges are ``[parent, child]`` pairs or edge-chain strings (``"A, B -> C -> D"``); a child's
parents keep the order in which its edges are listed, and an edge listed twice counts once.
Decisions take ``"agent": "name"``, utilities ``"agent": "name"`` or a list of names (a shared
utility). An invalid spec raises one :class:`~cid.SpecError` that lists every problem with
its location. Writing imports no validation library; reading does (pydantic).

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> cid.Diagram.from_json(d.to_json()) == d
True
>>> cid.Diagram.from_dict({"nodes": [{"kind": "chance", "name": "X"}], "edges": [["X", "Y"]]})
Traceback (most recent call last):
...
cid.errors.SpecError: spec is invalid: edges[0]: edge X -> Y: unknown node 'Y' [cid_unknown_node]
"""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cid.core.diagram import Diagram
from cid.core.spec import FORMAT_VERSION, to_dict, to_json
from cid.errors import CIDTypeError, SpecError

if TYPE_CHECKING:
    from cid.core.schema import DiagramSpec as DiagramSpec
    from cid.quant.model import Model

__all__ = [
    "FORMAT_VERSION",
    "DiagramSpec",
    "from_dict",
    "from_json",
    "json_schema",
    "load",
    "save",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> Any:
    if name == "DiagramSpec":  # the pydantic model: loaded when first asked for
        from cid.core.schema import DiagramSpec

        return DiagramSpec
    raise AttributeError(f"module 'cid.io' has no attribute {name!r}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the spec format (draft 2020-12), model files (version 2) included.

    Returns
    -------
    dict
        The schema, ready for :func:`json.dumps`.

    Examples
    --------
    >>> schema = json_schema()
    >>> sorted(schema["properties"])
    ['description', 'edges', 'format_version', 'model', 'name', 'nodes']
    """
    from cid.core.schema import json_schema as schema
    from cid.quant.spec import extend_schema  # the numbers of a model (format version 2)

    return extend_schema(schema())


def from_dict(data: Mapping[str, Any], *, source: str = "spec") -> Diagram:
    """Read a spec dict into a :class:`~cid.Diagram`.

    Parameters
    ----------
    data : dict
        The spec, as :func:`json.loads` gives it.
    source : str, optional
        What is read (a file name), for the error message.

    Returns
    -------
    Diagram
        The diagram.

    Raises
    ------
    SpecError
        Listing every problem with its location: the shape of the document first, then the
        graph (unknown nodes, cycles, agents) as far as the parts that are valid go.

    Warns
    -----
    CIDWarning
        An agent name looks misspelt (see :meth:`Diagram.from_edges`).
    """
    return Diagram._read(data, source=source)


def from_json(text: str | bytes, *, source: str = "spec") -> Diagram:
    """Read a JSON spec.

    Parameters
    ----------
    text : str or bytes
        The JSON text (bytes in UTF-8, UTF-16 or UTF-32).
    source : str, optional
        What is read (a file name), for the error message.

    Returns
    -------
    Diagram
        The diagram.

    Raises
    ------
    SpecError
        The text is not JSON (or is nested too deeply, or holds a number too long to read),
        or the spec has problems (see :func:`from_dict`).
    """
    return Diagram._read(text, source=source, text=True)


def save(diagram: Diagram | Model, path: str | Path) -> Path:
    """Write the JSON spec to ``path`` (parent folders are created).

    A :class:`~cid.Model` is written with its numbers (see :func:`cid.quant.spec.save_model`).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    SaveError
        The file cannot be written (the message names it and says why); the write is atomic,
        so the old file, if any, is left untouched.
    DiagramError
        The diagram cannot be written as a spec (see :func:`to_json`).
    """
    from cid.files import write_atomic

    if not isinstance(diagram, Diagram):
        from cid.quant.spec import save_model

        return save_model(diagram, path)
    return write_atomic(path, to_json(diagram) + "\n")


def load(path: str | Path) -> Diagram:
    """Read a JSON spec file (UTF-8).

    Returns
    -------
    Diagram
        The diagram.

    Raises
    ------
    SpecError
        The file cannot be read, is not UTF-8 text, or is not a valid spec; every problem is
        reported with the file name.
    """
    from cid.files import read_limited

    if not isinstance(path, (str, PathLike)):
        raise CIDTypeError(f"load() takes a file path (str or path-like), got "
                           f"{type(path).__name__}: for JSON text use cid.Diagram.from_json")
    path = Path(path)
    data = read_limited(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SpecError([("", f"cannot read {path}: not UTF-8 text ({err.reason} at byte "
                          f"{err.start})", "cid_io")], source=str(path)) from None
    return from_json(text, source=str(path))
