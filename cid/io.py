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
parents keep the order in which its edges are listed. Decisions take ``"agent": "name"``,
utilities ``"agent": "name"`` or a list of names (a shared utility). An invalid spec raises
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
cid.errors.SpecError: spec is invalid (1 problem):
  edges[0]: edge X -> Y: unknown node 'Y' [cid_unknown_node]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from cid._build import Problem, assemble
from cid.errors import CIDError, SpecError
from cid.model import Diagram, parse_edges
from cid.nodes import Chance, Decision, Node, Utility

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

FORMAT_VERSION = 1
"""The version of the spec format written by this release (and the only one it reads)."""

_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
Scalar = Union[bool, int, float, str]


class _NodeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: Annotated[str, Field(json_schema_extra={"pattern": _NAME_PATTERN},
                               description="An identifier; display text goes in 'label'.")]
    label: str | None = Field(None, description="Display text; may hold Greek, ^sup and _sub.")
    description: str | None = None
    domain: list[Scalar] | None = Field(None, min_length=1, description="The finite set of values.")
    step: int | None = Field(None, description="Time index, used for layout.")
    counterfactual: bool = Field(False, description="A twin-network copy (drawn lighter).")

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        import re

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
    agent: str | list[str] | None = Field(None, description="The owner, or several (shared).")


def _check_chain(value: str) -> str:
    try:
        parse_edges(value)
    except CIDError as err:
        raise PydanticCustomError("cid_invalid_edge", str(err)) from None
    return value


EdgeChain = Annotated[str, AfterValidator(_check_chain)]
NodeSpec = Annotated[Union[ChanceSpec, DecisionSpec, UtilitySpec], Field(discriminator="kind")]


class DiagramSpec(BaseModel):
    """A causal influence diagram as plain data (the JSON spec, format version 1)."""

    model_config = ConfigDict(extra="forbid", strict=True, title="cid diagram")

    format_version: Literal[1] = Field(FORMAT_VERSION, description="Spec format version.")
    name: str = Field("diagram", min_length=1)
    description: str | None = None
    nodes: list[NodeSpec]
    edges: list[Union[Annotated[list[str], Field(min_length=2, max_length=2)], EdgeChain]] = Field(
        default_factory=list, description="[parent, child] pairs or chains 'A -> B -> C'."
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the spec format (draft 2020-12).

    >>> schema = json_schema()
    >>> sorted(schema["properties"])
    ['description', 'edges', 'format_version', 'name', 'nodes']
    """
    schema = DiagramSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("chance", "decision", "utility", "list[str]", "str") or "[" in part:
            continue  # the union branch pydantic tried; not part of the user's document
        else:
            out += f".{part}" if out else str(part)
    return out


def from_dict(data: Any, *, source: str = "spec") -> Diagram:
    """Read a spec dict into a :class:`~cid.Diagram`; raise :class:`~cid.SpecError` listing
    every problem with its location."""
    if not isinstance(data, dict):
        raise SpecError([("", f"a spec is a JSON object, got {type(data).__name__}", "cid_type")],
                        source=source)
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise SpecError([("format_version", f"unsupported format_version {version!r}; this "
                          f"release reads {FORMAT_VERSION}", "cid_format_version")], source=source)
    try:
        spec = DiagramSpec.model_validate(data)
    except ValidationError as err:
        problems = [(_location(e["loc"]), e["msg"], e["type"])
                    for e in err.errors(include_url=False)]
        raise SpecError(problems, source=source) from None
    problems: list[Problem] = []
    records: list[tuple[str, Node]] = []
    for i, node in enumerate(spec.nodes):
        common = node.model_dump(exclude={"kind", "agent"})
        if common["domain"] is not None:
            common["domain"] = tuple(common["domain"])
        try:
            if isinstance(node, DecisionSpec):
                records.append((f"nodes[{i}]", Decision(agent=node.agent, **common)))
            elif isinstance(node, UtilitySpec):
                agents = (node.agent,) if isinstance(node.agent, str) else tuple(node.agent or ())
                records.append((f"nodes[{i}]", Utility(agents=agents, **common)))
            else:
                records.append((f"nodes[{i}]", Chance(**common)))
        except CIDError as err:
            problems.append((f"nodes[{i}]", str(err), err.code))
    edges: list[tuple[str, str, str]] = []
    for i, edge in enumerate(spec.edges):
        try:
            pairs = parse_edges(edge if isinstance(edge, str) else (edge[0], edge[1]))
        except CIDError as err:
            problems.append((f"edges[{i}]", str(err), err.code))
            continue
        edges.extend((f"edges[{i}]", u, v) for u, v in pairs)
    return assemble(Diagram, name=spec.name, description=spec.description, nodes=records,
                    edges=edges, problems=problems, source=source)


def from_json(text: str | bytes, *, source: str = "spec") -> Diagram:
    """Read a JSON spec; invalid JSON or an invalid diagram raise :class:`~cid.SpecError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SpecError([(f"line {err.lineno} column {err.colno}", f"invalid JSON: {err.msg}",
                          "cid_json")], source=source) from None
    except (TypeError, UnicodeDecodeError) as err:
        raise SpecError([("", f"cannot read JSON: {err}", "cid_json")], source=source) from None
    return from_dict(data, source=source)


def _node_dict(diagram: Diagram, name: str) -> dict[str, Any]:
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


def to_dict(diagram: Diagram) -> dict[str, Any]:
    """The canonical spec dict: nodes in topological order, edges grouped by child."""
    out: dict[str, Any] = {"format_version": FORMAT_VERSION, "name": diagram.name}
    if diagram.description is not None:
        out["description"] = diagram.description
    out["nodes"] = [_node_dict(diagram, n) for n in diagram.topological_order]
    out["edges"] = [[u, v] for u, v in diagram.edge_list]
    return out


def to_json(diagram: Diagram, *, indent: int | None = 2) -> str:
    """The canonical JSON spec as text (stable: the same diagram gives the same bytes)."""
    return json.dumps(to_dict(diagram), indent=indent, ensure_ascii=False)


def save(diagram: Diagram, path: str | Path) -> Path:
    """Write the JSON spec to ``path`` (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(diagram) + "\n", encoding="utf-8")
    return path


def load(path: str | Path) -> Diagram:
    """Read a JSON spec file; problems are reported with the file name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SpecError([("", f"cannot read {path}: {err.strerror}", "cid_io")],
                        source=str(path)) from None
    return from_json(text, source=str(path))
