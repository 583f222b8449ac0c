"""The JSON spec's shape, checked with pydantic: the reader and the JSON Schema.

This module is imported only to read or validate a spec (writing one needs none of it, see
:mod:`cid.core.spec`); the public entry points are in :mod:`cid.io`.

Examples
--------
>>> sorted(json_schema()["properties"])
['description', 'edges', 'format_version', 'name', 'nodes']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WrapValidator,
    field_validator,
)
from pydantic_core import PydanticCustomError

from cid.core.edges import parse_edges
from cid.core.names import IDENTIFIER_PATTERN, identifier_message, is_identifier
from cid.core.nodes import Chance, Decision, Node, Utility
from cid.core.spec import FORMAT_VERSION, MODEL_FORMAT_VERSION
from cid.core.structure import Structure, assemble
from cid.core.validation import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    Problem,
    check_owners,
    text_problems,
)
from cid.errors import CIDError, SpecError

__all__ = ["DiagramSpec", "json_schema", "read_dict", "read_json"]

_NAME_PATTERN = IDENTIFIER_PATTERN
# the text rules of cid.core.validation, for editors (lone surrogates cannot be written in
# a JSON Schema pattern; the reader refuses them)
_ONE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
_LINES = "^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
_TEXT: dict[str, Any] = {"maxLength": MAX_TEXT_LENGTH, "pattern": _LINES}
_LINE: dict[str, Any] = {"maxLength": MAX_NAME_LENGTH, "pattern": _ONE_LINE}
_KINDS = ("chance", "decision", "utility")
Scalar = bool | int | float | str


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _domain_value(value: object, handler: Callable[[object], object]) -> object:
    if type(value) in (bool, int, float, str):
        return value
    raise PydanticCustomError("cid_invalid_domain", "a domain value is a number, a string or a "
                              "boolean, got {value}", {"value": _short(value)})


def _agents(value: object, handler: Callable[[object], object]) -> object:
    if value is None or isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(a, str) for a in value)):
        return value
    raise PydanticCustomError("cid_invalid_agent", "'agent' is an agent name or a list of "
                              "names, got {value}", {"value": _short(value)})


def _edge(value: object, handler: Callable[[object], object]) -> object:
    if isinstance(value, str):
        try:
            parse_edges(value)
        except CIDError as err:
            raise PydanticCustomError("cid_invalid_edge", str(err)) from None
        return value
    if isinstance(value, list) and len(value) == 2 and all(isinstance(n, str) for n in value):
        return value
    raise PydanticCustomError("cid_invalid_edge", "an edge is a [parent, child] pair of node "
                              "names or a chain string 'A -> B', got {value}",
                              {"value": _short(value)})


DomainValue = Annotated[Scalar, WrapValidator(_domain_value)]
Owners = Annotated[str | list[str] | None, WrapValidator(_agents)]
Edge = Annotated[Annotated[list[str], Field(min_length=2, max_length=2)] | str,
                 WrapValidator(_edge)]


class _NodeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: Annotated[str, Field(json_schema_extra={"pattern": _NAME_PATTERN,
                                                  "maxLength": MAX_NAME_LENGTH},
                               description="An identifier; display text goes in 'label'.")]
    label: str | None = Field(None, description="Display text; may hold Greek, ^sup and _sub.",
                              json_schema_extra=_TEXT)
    description: str | None = Field(None, json_schema_extra=_TEXT)
    domain: list[DomainValue] | None = Field(None, min_length=1,
                                             description="The finite set of values.")
    step: int | None = Field(None, description="Time index, used for layout.")
    counterfactual: bool = Field(False, description="A twin-network copy (drawn lighter).")

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value):
            raise PydanticCustomError("cid_invalid_name", identifier_message(value))
        return value


class ChanceSpec(_NodeSpec):
    """A chance node in a spec."""

    kind: Literal["chance"]


class DecisionSpec(_NodeSpec):
    """A decision node in a spec."""

    kind: Literal["decision"]
    agent: str | None = Field(None, description="The agent making the decision.")


class UtilitySpec(_NodeSpec):
    """A utility node in a spec."""

    kind: Literal["utility"]
    agent: Owners = Field(None, description="The owner, or several (shared).")


NodeSpec = Annotated[ChanceSpec | DecisionSpec | UtilitySpec, Field(discriminator="kind")]


class DiagramSpec(BaseModel):
    """A causal influence diagram as plain data (the JSON spec, format version 1)."""

    model_config = ConfigDict(extra="forbid", strict=True, title="cid diagram")

    format_version: Literal[1] = Field(FORMAT_VERSION, description="Spec format version.")
    name: str = Field("diagram", min_length=1, json_schema_extra=_LINE)
    description: str | None = Field(None, json_schema_extra=_TEXT)
    nodes: list[NodeSpec]
    edges: list[Edge] = Field(
        default_factory=list, description="[parent, child] pairs or chains 'A -> B -> C'."
    )

    @field_validator("format_version", mode="before")
    @classmethod
    def _version(cls, value: object) -> object:
        if type(value) is not int or value != FORMAT_VERSION:
            raise PydanticCustomError(
                "cid_format_version", "unsupported format_version {version}; this release "
                "reads {supported}", {"version": _short(value),
                                      "supported": f"{FORMAT_VERSION} and "
                                                   f"{MODEL_FORMAT_VERSION} (a model)"})
        return value


_NODE: TypeAdapter[ChanceSpec | DecisionSpec | UtilitySpec] = TypeAdapter(NodeSpec)
_EDGE: TypeAdapter[list[str] | str] = TypeAdapter(Edge)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the spec format (draft 2020-12).

    Returns
    -------
    dict
        The schema, ready for :func:`json.dumps`.

    Examples
    --------
    >>> schema = json_schema()
    >>> sorted(schema["properties"])
    ['description', 'edges', 'format_version', 'name', 'nodes']
    """
    schema = DiagramSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _location(loc: tuple[int | str, ...]) -> str:
    """A pydantic location in the user's terms: ``nodes[1].agent`` (the union branch that
    pydantic tried, ``nodes[1].decision.agent``, is not part of the document)."""
    parts = list(loc)
    if len(parts) > 2 and parts[0] == "nodes" and parts[2] in _KINDS:
        del parts[2]
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shape_problems(err: ValidationError) -> list[Problem]:
    """One problem per location (a failed union gives one error per branch: keep the first)."""
    seen: dict[str, Problem] = {}
    for e in err.errors(include_url=False):
        loc, msg, code = _location(e["loc"]), e["msg"], e["type"]
        if code == "union_tag_invalid":  # pydantic's text names its own internals
            loc, code = loc + ".kind", "cid_invalid_kind"
            msg = f"unknown node kind {e['ctx']['tag']!r}; use 'chance', 'decision' or 'utility'"
        elif code == "union_tag_not_found":
            code = "cid_invalid_kind"
            msg = "a node needs a 'kind': 'chance', 'decision' or 'utility'"
        elif code == "string_unicode" and isinstance(e.get("input"), str):  # a lone surrogate
            field = "the diagram's name" if loc == "name" else f"the text at {loc}"
            found = text_problems(e["input"], field, loc, limit=len(e["input"]))
            if found:
                _, msg, code = found[0]
        seen.setdefault(loc, (loc, msg, code))
    return list(seen.values())


def _parts(data: Mapping[str, Any]) -> tuple[list[tuple[int, Any]], list[tuple[int, Any]],
                                                set[str]]:
    """The nodes and edges that are valid on their own, and the names of the invalid nodes."""
    nodes: list[tuple[int, Any]] = []
    broken: set[str] = set()
    for i, raw in enumerate(data.get("nodes") or []):
        try:
            nodes.append((i, _NODE.validate_python(raw)))
        except ValidationError:
            if isinstance(raw, Mapping) and isinstance(raw.get("name"), str):
                broken.add(raw["name"])
    edges: list[tuple[int, Any]] = []
    for i, raw in enumerate(data.get("edges") or []):
        try:
            edges.append((i, _EDGE.validate_python(raw)))
        except ValidationError:
            pass
    return nodes, edges, broken


def _record(node: ChanceSpec | DecisionSpec | UtilitySpec) -> Node:
    common = node.model_dump(exclude={"kind", "agent"})
    if common["domain"] is not None:
        common["domain"] = tuple(common["domain"])
    if isinstance(node, DecisionSpec):
        return Decision(agent=node.agent, **common)
    if isinstance(node, UtilitySpec):
        return Utility(agents=check_owners(node.agent, node=node.name), **common)
    return Chance(**common)


def read_dict(data: Mapping[str, Any], *, source: str = "spec") -> Structure:
    """Read a spec dict (see :func:`cid.io.from_dict`).

    Parameters
    ----------
    data : dict
        The spec, as :func:`json.loads` gives it.
    source : str, optional
        What is read (a file name), for the error message.

    Returns
    -------
    Structure
        The diagram's structure.

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
    if not isinstance(data, Mapping):
        raise SpecError([("", f"a spec is a JSON object, got {type(data).__name__}", "cid_type")],
                        source=source)
    if data.get("format_version") == MODEL_FORMAT_VERSION:  # a model file: its diagram part
        data = {**{k: v for k, v in data.items() if k != "model"},
                "format_version": FORMAT_VERSION}
    try:
        spec = DiagramSpec.model_validate(dict(data))
    except ValidationError as err:
        problems = _shape_problems(err)
        if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges", []), list):
            raise SpecError(problems, source=source) from None
        node_parts, edge_parts, broken = _parts(data)
        name = data.get("name")
        description = data.get("description")
        reported = {p[0] for p in problems}
        if not isinstance(name, str) or not name or "name" in reported:
            name = "diagram"
        if not isinstance(description, str) or "description" in reported:
            description = None
    else:
        problems, broken = [], set()
        node_parts, edge_parts = list(enumerate(spec.nodes)), list(enumerate(spec.edges))
        name, description = spec.name, spec.description
    records: list[tuple[str, Node]] = []
    for i, node in node_parts:
        try:
            records.append((f"nodes[{i}]", _record(node)))
        except CIDError as err:
            broken.add(node.name)
            problems.append((f"nodes[{i}]", str(err), err.code))
    edges = [(f"edges[{i}]", u, v) for i, edge in edge_parts
             for u, v in (parse_edges(edge) if isinstance(edge, str) else [edge])]
    return assemble(name, description, records, edges, problems=problems, broken=broken,
                    source=source)


def read_json(text: str | bytes, *, source: str = "spec") -> Structure:
    """Read a JSON spec (see :func:`cid.io.from_json`).

    Parameters
    ----------
    text : str or bytes
        The JSON text (bytes in UTF-8, UTF-16 or UTF-32).
    source : str, optional
        What is read (a file name), for the error message.

    Returns
    -------
    Structure
        The diagram's structure.

    Raises
    ------
    SpecError
        The text is not JSON (or is nested too deeply, or holds a number too long to read),
        or the spec has problems (see :func:`from_dict`).
    """
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")  # a byte-order mark (Windows editors write one)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKeyError as err:
        raise SpecError([("", f"invalid JSON: the key {err.key!r} appears twice in one object "
                          "(which one counts would be a guess)", "cid_duplicate_key")],
                        source=source) from None
    except json.JSONDecodeError as err:
        raise SpecError([(f"line {err.lineno} column {err.colno}", f"invalid JSON: {err.msg}",
                          "cid_json")], source=source) from None
    except UnicodeDecodeError as err:
        raise SpecError([("", f"cannot read JSON: the text is not UTF-8 ({err.reason} at byte "
                          f"{err.start})", "cid_json")], source=source) from None
    except RecursionError:
        raise SpecError([("", "cannot read JSON: nested too deeply", "cid_json")],
                        source=source) from None
    except (TypeError, ValueError) as err:  # e.g. an integer with thousands of digits
        raise SpecError([("", f"cannot read JSON: {err}", "cid_json")], source=source) from None
    return read_dict(data, source=source)


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out
