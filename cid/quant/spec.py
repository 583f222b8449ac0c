"""Numeric models as files: the ``model`` section of the JSON spec (format version 2).

A model file is a diagram spec (:mod:`cid.io`) with ``"format_version": 2`` and a ``model``
section holding the numbers as plain data::

    {
      "format_version": 2, "name": "weather", "nodes": [...], "edges": [...],
      "model": {
        "domains": {"S": ["dry", "rain"], "D": ["stay", "go"]},
        "cpds": {"S": [0.7, 0.3]},
        "utilities": {"U": [[1.0, 0.0], [0.2, 0.6]]},
        "policy": {"D": [[0, 1], [1, 0]]}
      }
    }

``domains`` lists the values of every chance node and decision (and of a utility node that
is observed or random); ``cpds`` the table of every chance node (nested lists, axes: the
parents in the diagram's order, then the node); ``utilities`` the value of every utility node
for each configuration of its parents (a number for a utility without parents), or for a
random utility the probability of each value of its domain (one more axis); ``policy``
(optional) fixed rules, tables over the decision's parents and then the decision. Functions
are tabulated on save. Diagram-only files keep ``"format_version": 1``; both versions are
read, and :func:`cid.load` reads the diagram of a model file.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float((S == 1) == (D == "b"))},
...               domains={"D": ["a", "b"]})
>>> text = m.to_json()
>>> back = cid.Model.from_json(text)
>>> back.utility("U").values.tolist(), back.domain("D").values
([[1.0, 0.0], [0.0, 1.0]], ('a', 'b'))
>>> cid.solve(back).meu == cid.solve(m).meu
True
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cid.core.spec import MODEL_FORMAT_VERSION
from cid.errors import CIDError, DiagramError, ModelIncompleteError, SpecError
from cid.files import write_atomic
from cid.quant.model import Model
from cid.quant.policy import Policy, make_policy

__all__ = [
    "MODEL_FORMAT_VERSION",
    "ModelSection",
    "diagram_part",
    "extend_schema",
    "load_model",
    "load_policy",
    "model_from_dict",
    "model_from_json",
    "model_to_dict",
    "model_to_json",
    "read_model_file",
    "save_model",
]

"""The spec format version of files that carry numbers (a ``model`` section)."""

Scalar = bool | int | float | str
Table = Annotated[float | list[Any], Field(
    description="A number, or nested lists of numbers: one axis per parent (in the "
                "diagram's order), then the node's own values.")]


class ModelSection(BaseModel):
    """The numbers of a model: domains, CPD tables, utility tables, fixed rules."""

    model_config = ConfigDict(extra="forbid", title="cid model numbers")

    domains: dict[str, list[Scalar]] = Field(
        default_factory=dict, description="The values of every chance node and decision.")
    cpds: dict[str, Table] = Field(
        default_factory=dict, description="P(node | parents) of every chance node.")
    utilities: dict[str, Table] = Field(
        default_factory=dict, description="The value of every utility node given its parents.")
    policy: dict[str, Table] = Field(
        default_factory=dict, description="Fixed decision rules: P(decision | parents).")


# ---------------------------------------------------------------------------- writing
def _scalar(value: Hashable, node: str) -> Scalar:
    if isinstance(value, np.generic):
        value = value.item()
    if type(value) in (bool, int, float, str):
        return value  # type: ignore[return-value]
    raise DiagramError(f"cannot write the domain of {node} as JSON: {value!r} is not a number, "
                       "a string or a boolean", code="cid_json")


def _random_utility(model: Model, node: str) -> bool:
    try:
        table = model.utility(node)
    except ModelIncompleteError:
        return False
    return table.dist is not None and table.domain is not None


def _domains(model: Model) -> dict[str, tuple[Hashable, ...]]:
    """The domains a file must hold: chance nodes, decisions, and the utilities that are
    random or observed (their tables and their children's tables are laid out over them)."""
    d = model.diagram
    out: dict[str, tuple[Hashable, ...]] = {}
    for n in d.nodes:
        if d.kind(n) == "utility" and not (_random_utility(model, n) or d.children(n)):
            continue
        try:
            out[n] = model.domain(n).values
        except ModelIncompleteError:  # a decision without a domain: the file says so too
            continue
    return out


def _utility_table(model: Model, node: str) -> np.ndarray:
    """Values over the parents, or for a random utility P(value | parents)."""
    table = model.utility(node)
    return table.dist if _random_utility(model, node) and table.dist is not None else table.values


def _tables(model: Model, nodes: Sequence[str], get: Callable[[str], np.ndarray]
            ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in nodes:
        try:
            out[n] = get(n).tolist()
        except ModelIncompleteError:  # an incomplete model is written as far as it goes
            continue
    return out


def model_to_dict(model: Model, policy: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The model as a spec dict (format version 2): the diagram and its numbers.

    Functions are tabulated over their parents' domains. ``policy`` (rules for some
    decisions, anything :func:`~cid.quant.make_policy` accepts) is written as tables too.

    Raises
    ------
    DiagramError
        A domain value is not a JSON scalar, or the diagram cannot be written.
    """
    from cid.io import to_dict

    d = model.diagram
    out = to_dict(d)
    out["format_version"] = MODEL_FORMAT_VERSION
    section: dict[str, Any] = {
        "domains": {n: [_scalar(v, n) for v in values] for n, values in _domains(model).items()},
        "cpds": _tables(model, d.chance_nodes, lambda n: model.cpd(n).table),
        "utilities": _tables(model, d.utilities, lambda n: _utility_table(model, n)),
    }
    rules = make_policy(model, policy)
    if rules:
        section["policy"] = {D: rule.over(d.parents(D), [model.domain(p) for p in d.parents(D)])
                             .table.tolist() for D, rule in rules.items()}
    out["model"] = section
    return out


def model_to_json(model: Model, policy: Mapping[str, object] | None = None, *,
                  indent: int | None = 2) -> str:
    """:func:`model_to_dict` as JSON text."""
    data = model_to_dict(model, policy)
    try:
        return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:  # NaN or infinity in a table
        raise DiagramError(f"model {model.name!r}: cannot write a table as JSON: {err}",
                           code="cid_json") from None


def save_model(model: Model, path: str | Path, policy: Mapping[str, object] | None = None
               ) -> Path:
    """Write the model (and optional fixed rules) to ``path`` as JSON; returns the path.

    Raises
    ------
    SaveError
        The file cannot be written.
    """
    return write_atomic(path, model_to_json(model, policy) + "\n")


# ---------------------------------------------------------------------------- reading
def diagram_part(data: Mapping[str, Any]) -> dict[str, Any]:
    """The diagram spec (format version 1) inside a model spec: the ``model`` section
    dropped. A spec of another version is returned unchanged (for the diagram reader to
    report)."""
    out = dict(data)
    if out.get("format_version") == MODEL_FORMAT_VERSION:
        out["format_version"] = 1
        out.pop("model", None)
    return out


def _section(data: Mapping[str, Any], source: str) -> ModelSection:
    if data.get("format_version") != MODEL_FORMAT_VERSION or "model" not in data:
        raise SpecError([("format_version", "a model file has \"format_version\": 2 and a "
                          "\"model\" section (a diagram-only file is read by cid.load)",
                          "cid_no_model")], source=source)
    try:
        return ModelSection.model_validate(data["model"])
    except ValidationError as err:
        raise SpecError([("model" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                            for p in e["loc"]), e["msg"], e["type"])
                         for e in err.errors(include_url=False)], source=source) from None


def _unknown(section: ModelSection, model_nodes: Mapping[str, str]) -> list[tuple[str, str, str]]:
    wanted = {"domains": ("chance", "decision", "utility"), "cpds": ("chance",),
              "utilities": ("utility",), "policy": ("decision",)}
    problems = []
    for part, kinds in wanted.items():
        for name in getattr(section, part):
            kind = model_nodes.get(name)
            if kind not in kinds:
                what = "unknown node" if kind is None else f"a {kind} node"
                problems.append((f"model.{part}.{name}", f"{name} is {what}; {part} holds "
                                 f"{' and '.join(k + ' nodes' for k in kinds)}",
                                 "cid_unknown_node" if kind is None else "cid_wrong_kind"))
    return problems


def _array(table: object, where: str, problems: list[tuple[str, str, str]]) -> np.ndarray:
    """A table of numbers (nested lists of one shape), or a problem noted at ``where``."""
    try:
        return np.asarray(table, dtype=float)
    except ValueError:
        problems.append((where, "a table is a number or nested lists of numbers, all the "
                         "rows of one axis of the same length", "cid_invalid_table"))
        return np.zeros(0)


def _read(data: Mapping[str, Any], source: str) -> tuple[Model, ModelSection]:
    from cid.io import from_dict

    if not isinstance(data, Mapping):
        raise SpecError([("", f"a spec is a JSON object, got {type(data).__name__}",
                          "cid_type")], source=source)
    section = _section(data, source)
    diagram = from_dict(diagram_part(data), source=source)
    problems = _unknown(section, {n: diagram.kind(n) for n in diagram.nodes})
    if problems:
        raise SpecError(problems, source=source)
    specs: dict[str, object] = {}
    for part in ("cpds", "utilities"):
        for n, t in getattr(section, part).items():
            specs[n] = _array(t, f"model.{part}.{n}", problems)
    if problems:
        raise SpecError(problems, source=source)
    try:
        model = Model(diagram, specs, section.domains, name=diagram.name)
    except (CIDError, ValueError) as err:
        raise SpecError([("model", str(err), getattr(err, "code", "cid_invalid_model"))],
                        source=source) from None
    return model, section


def model_from_dict(data: Mapping[str, Any], *, source: str = "spec") -> Model:
    """Read a model spec dict (format version 2).

    Raises
    ------
    SpecError
        Listing the problems: the shape of the document, unknown nodes, tables that do not
        match the domains (the message says which axis), rules for unknown decisions.
    """
    model, section = _read(data, source)
    _policy(model, section, source)  # rules are checked even when not asked for
    return model


def model_from_json(text: str | bytes, *, source: str = "spec") -> Model:
    """Read a model spec from JSON text (see :func:`model_from_dict`)."""
    return model_from_dict(_loads(text, source), source=source)


def _loads(text: str | bytes, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise SpecError([(f"line {err.lineno} column {err.colno}", f"invalid JSON: {err.msg}",
                          "cid_json")], source=source) from None
    except (TypeError, ValueError, RecursionError) as err:
        raise SpecError([("", f"cannot read JSON: {err}", "cid_json")], source=source) from None


def _policy(model: Model, section: ModelSection, source: str) -> Policy:
    problems: list[tuple[str, str, str]] = []
    tables = {D: _array(t, f"model.policy.{D}", problems) for D, t in section.policy.items()}
    if problems:
        raise SpecError(problems, source=source)
    try:
        return make_policy(model, tables)
    except (CIDError, ValueError) as err:
        raise SpecError([("model.policy", str(err), getattr(err, "code", "cid_invalid_rule"))],
                        source=source) from None


def _file(path: str | Path) -> tuple[Any, str]:
    if str(path) == "-":
        return _loads(sys.stdin.read(), "<stdin>"), "<stdin>"
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise SpecError([("", f"cannot read {path}: {err.strerror or err}", "cid_io")],
                        source=str(path)) from None
    except UnicodeDecodeError as err:
        raise SpecError([("", f"cannot read {path}: not UTF-8 text ({err.reason})", "cid_io")],
                        source=str(path)) from None
    return _loads(text, str(path)), str(path)


def read_model_file(path: str | Path) -> tuple[Model, Policy]:
    """A model file's model and the fixed rules of its ``policy`` section (``"-"``: read
    standard input).

    Raises
    ------
    SpecError
        See :func:`model_from_dict`; the file name is in the message.
    """
    data, source = _file(path)
    model, section = _read(data, source)
    return model, _policy(model, section, source)


def load_model(path: str | Path) -> Model:
    """Read a model file (JSON, format version 2); see :func:`model_from_dict`."""
    return read_model_file(path)[0]


def load_policy(path: str | Path) -> Policy:
    """The fixed rules of a model file's ``policy`` section (empty when it has none)."""
    return read_model_file(path)[1]


# ---------------------------------------------------------------------------- schema
def extend_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the ``model`` section (format version 2) to the diagram spec's JSON Schema."""
    section = ModelSection.model_json_schema(ref_template="#/$defs/{model}")
    defs = schema.setdefault("$defs", {})
    defs.update(section.pop("$defs", {}))
    defs["ModelSection"] = section
    schema["properties"]["model"] = {
        "$ref": "#/$defs/ModelSection",
        "description": "The numbers of a model (format_version 2 only)."}
    version = schema["properties"]["format_version"]
    version.pop("const", None)
    version["enum"] = [1, MODEL_FORMAT_VERSION]
    version["description"] = "Spec format version: 1 (a diagram) or 2 (a diagram with numbers)."
    return schema

