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
utility). An invalid spec raises
one :class:`~cid.SpecError` that lists every problem with its location.

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

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

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

from cid._build import Problem, assemble
from cid._view import DiagramView
from cid.edges import parse_edges
from cid.errors import CIDError, DiagramError, SaveError, SpecError
from cid.model import Diagram
from cid.nodes import Chance, Decision, Node, Utility

if TYPE_CHECKING:
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

FORMAT_VERSION: Final = 1
"""The version of the diagram spec format (files with numbers are version 2, see
:mod:`cid.quant.spec`)."""

_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
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

    name: Annotated[str, Field(json_schema_extra={"pattern": _NAME_PATTERN},
                               description="An identifier; display text goes in 'label'.")]
    label: str | None = Field(None, description="Display text; may hold Greek, ^sup and _sub.")
    description: str | None = None
    domain: list[DomainValue] | None = Field(None, min_length=1,
                                             description="The finite set of values.")
    step: int | None = Field(None, description="Time index, used for layout.")
    counterfactual: bool = Field(False, description="A twin-network copy (drawn lighter).")

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not re.match(_NAME_PATTERN, value):
            raise PydanticCustomError(
                "cid_invalid_name",
                "invalid node name '{name}': names are identifiers (letters, digits, '_', not "
                "starting with a digit); put display text in 'label'",
                {"name": value},
            )
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
    name: str = Field("diagram", min_length=1)
    description: str | None = None
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
                                      "supported": f"{FORMAT_VERSION} and 2 (a model)"})
        return value


_NODE: TypeAdapter[ChanceSpec | DecisionSpec | UtilitySpec] = TypeAdapter(NodeSpec)
_EDGE: TypeAdapter[list[str] | str] = TypeAdapter(Edge)


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
    from cid.quant.spec import extend_schema  # the numbers of a model (format version 2)

    schema = extend_schema(DiagramSpec.model_json_schema())
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
        agents = (node.agent,) if isinstance(node.agent, str) else tuple(node.agent or ())
        return Utility(agents=agents, **common)
    return Chance(**common)


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
    if not isinstance(data, Mapping):
        raise SpecError([("", f"a spec is a JSON object, got {type(data).__name__}", "cid_type")],
                        source=source)
    if data.get("format_version") == 2:  # a model file: read its diagram
        from cid.quant.spec import diagram_part

        data = diagram_part(data)
    try:
        spec = DiagramSpec.model_validate(dict(data))
    except ValidationError as err:
        problems = _shape_problems(err)
        if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges", []), list):
            raise SpecError(problems, source=source) from None
        node_parts, edge_parts, broken = _parts(data)
        name = data.get("name")
        description = data.get("description")
        if not isinstance(name, str) or not name:
            name = "diagram"
        if not isinstance(description, str):
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
    return assemble(Diagram, name=name, description=description, nodes=records, edges=edges,
                    problems=problems, broken=broken, source=source)


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
    try:
        data = json.loads(text)
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
    return from_dict(data, source=source)


def _node_dict(diagram: DiagramView, name: str) -> dict[str, Any]:
    node = diagram[name]
    out: dict[str, Any] = {"kind": node.kind, "name": name}
    if isinstance(node, Decision) and node.agent is not None:
        out["agent"] = node.agent
    if isinstance(node, Utility) and node.agents:
        out["agent"] = node.agents[0] if len(node.agents) == 1 else list(node.agents)
    for key in ("label", "description", "step"):
        if getattr(node, key) is not None:
            out[key] = getattr(node, key)
    if node.domain is not None:
        out["domain"] = list(node.domain)
    if node.counterfactual:
        out["counterfactual"] = True
    return out


def to_dict(diagram: DiagramView) -> dict[str, Any]:
    """The canonical spec dict: nodes in topological order, edges grouped by child.

    Raises
    ------
    DiagramError
        The diagram has no nodes: a spec has at least one (so every written spec reads back).
    """
    if not len(diagram):
        raise DiagramError(f"diagram {diagram.name!r} has no nodes: a spec needs at least one",
                           code="cid_empty")
    out: dict[str, Any] = {"format_version": FORMAT_VERSION, "name": diagram.name}
    if diagram.description is not None:
        out["description"] = diagram.description
    out["nodes"] = [_node_dict(diagram, n) for n in diagram.topological_order]
    out["edges"] = [[u, v] for u, v in diagram.edge_list]
    return out


def to_json(diagram: DiagramView, *, indent: int | None = 2) -> str:
    """The canonical JSON spec as text (stable: the same diagram gives the same text).

    Raises
    ------
    DiagramError
        The diagram has no nodes, or a domain value cannot be written (an integer with
        thousands of digits); the message names the node.
    """
    data = to_dict(diagram)
    try:
        return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        bad = [n["name"] for n in data["nodes"] if not _writable(n)]
        raise DiagramError(f"diagram {diagram.name!r}: cannot write node "
                           f"{', '.join(bad) or '?'} as JSON: {err}", code="cid_json") from None


def _writable(node: dict[str, Any]) -> bool:
    try:
        json.dumps(node, allow_nan=False)
    except ValueError:
        return False
    return True


def save(diagram: DiagramView | Model, path: str | Path) -> Path:
    """Write the JSON spec to ``path`` (parent folders are created).

    A :class:`~cid.Model` is written with its numbers (:func:`cid.quant.spec.save_model`).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    SaveError
        The file cannot be written (the message names it and says why).
    DiagramError
        The diagram cannot be written as a spec (see :func:`to_json`).
    """
    if not isinstance(diagram, DiagramView):
        from cid.quant.spec import save_model

        return save_model(diagram, path)
    path = Path(path)
    text = to_json(diagram) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise SaveError(f"cannot write {path}: {err.strerror or err}") from None
    except UnicodeEncodeError as err:
        raise SaveError(f"cannot write {path}: the text cannot be UTF-8 encoded ({err.reason})"
                        ) from None
    return path


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
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SpecError([("", f"cannot read {path}: {err.strerror or err}", "cid_io")],
                        source=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SpecError([("", f"cannot read {path}: not UTF-8 text ({err.reason} at byte "
                          f"{err.start})", "cid_io")], source=str(path)) from None
    return from_json(text, source=str(path))
