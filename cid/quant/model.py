"""The quantitative :class:`Model`: a diagram plus CPDs, utilities and decision domains.

A model attaches numbers to a :class:`~cid.Diagram`: a CPD for every chance node, a utility
function or table for every utility node, and a finite domain for every decision. Specs are
resolved at once (see :mod:`cid.quant.cpd` for the accepted forms and the table layout);
anything invalid raises :class:`~cid.ModelIncompleteError` listing *every* problem with the
node and the parent values concerned, and the missing pieces too. Missing pieces alone are
allowed while building and reported by :meth:`Model.check` (called by every query and by
:func:`~cid.quant.solve`).

Models are values: :meth:`Model.with_cpds`, :func:`~cid.quant.do` and the value-of-X
functions return new models and never change the diagram or the model they were given.

Examples
--------
>>> import cid
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.3, 0.7], "U": lambda S, D: float(S == D)},
...               domains={"D": [0, 1]})
>>> m
<Model 'diagram': 3 nodes, complete>
>>> m.domain("S"), m.cpd("S").table
(Domain((0, 1)), array([0.3, 0.7]))
>>> cid.Model(d, cpds={"S": [0.3, 0.6]}).problems()
Traceback (most recent call last):
...
cid.errors.ModelIncompleteError: model 'diagram' has 1 invalid spec and 2 missing pieces:
  - S: probabilities for no parents sum to 0.9, not 1
  - D: decision without a domain (give domains={'D': [...]})
  - U: no utility for utility node U
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from cid.errors import DiagramError, ModelIncompleteError, NodeNotFoundError
from cid.model import Diagram
from cid.quant.cpd import CPD, resolve_chance
from cid.quant.domains import Domain
from cid.quant.utility import UtilityTable, resolve_utility, utility_bound_problems

__all__ = ["Model"]


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _problem_error(name: str, invalid: Sequence[str],
                   missing: Sequence[str] = ()) -> ModelIncompleteError:
    """One error listing every invalid spec, then every missing piece."""
    parts = [_count(len(invalid), "invalid spec")] if invalid else []
    if missing:
        parts.append(_count(len(missing), "missing piece"))
    problems = (*invalid, *missing)
    text = f"model {name!r} has {' and '.join(parts)}:\n" + "\n".join(
        f"  - {p}" for p in problems)
    err = ModelIncompleteError(text)
    err.problems = tuple(problems)  # type: ignore[attr-defined]
    return err


def _mapping(name: str, what: str, value: object) -> Mapping[object, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ModelIncompleteError(
            f"model {name!r}: {what}= must be a mapping {{node: ...}}, got "
            f"{type(value).__name__} {value!r:.60}", code="cid_invalid_argument")
    return value


def _domain_of_spec(spec: object, n_parents: int) -> Domain | None:
    """The domain an invalid table or dict spec implies (to go on checking its children)."""
    if isinstance(spec, Mapping):
        try:
            return Domain(spec)
        except Exception:  # noqa: BLE001
            return None
    try:
        shape = np.shape(spec)  # type: ignore[call-overload]
    except Exception:  # noqa: BLE001
        return None
    if len(shape) == n_parents + 1 and shape[-1] > 0:
        return Domain(range(shape[-1]))
    return None


class Model:
    """A causal influence diagram with numbers: CPDs, utilities and decision domains.

    Parameters
    ----------
    diagram : Diagram
        The structure; the model keeps its own copy (later changes to ``diagram`` do not
        reach the model).
    cpds : mapping of str to spec, optional
        For each chance node: a table, a ``{value: p}`` dict (roots) or a function of the
        parents; for each utility node: a real function or a table over the parents. See
        :mod:`cid.quant.cpd`.
    domains : mapping of str to sequence, optional
        Node values: required for decisions (unless the node record has a ``domain``);
        optional for chance nodes (default: ``range(n)`` for a table with ``n`` columns, the
        keys of a dict, the values a function returns). Overrides the node record's domain.
    name : str, optional
        Defaults to the diagram's name.

    Raises
    ------
    NodeNotFoundError
        ``cpds`` or ``domains`` names a node that is not in the diagram.
    ModelIncompleteError
        A spec is invalid (wrong shape, probabilities not summing to 1, values outside the
        domain, a function that raises, ...): the message lists every such problem.
    """

    __slots__ = ("_diagram", "name", "_specs", "_declared", "_domains", "_cpds", "_utilities",
                 "_missing")

    def __init__(self, diagram: Diagram, cpds: Mapping[str, object] | None = None,
                 domains: Mapping[str, Iterable[Hashable]] | None = None, *,
                 name: str | None = None) -> None:
        if not isinstance(diagram, Diagram):
            raise DiagramError(f"Model needs a cid.Diagram, got {type(diagram).__name__}")
        self._diagram = diagram
        self.name = name or diagram.name
        specs = _mapping(self.name, "cpds", cpds)
        declared = _mapping(self.name, "domains", domains)
        nodes = set(self._diagram.nodes)
        unknown = sorted({repr(k) for k in (*specs, *declared) if k not in nodes})
        if unknown:
            raise NodeNotFoundError(
                f"model {self.name!r}: unknown node{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(unknown)} in cpds/domains; the nodes are "
                f"{', '.join(self._diagram.nodes)}")
        self._specs: dict[str, object] = {str(k): v for k, v in specs.items()}
        invalid: list[str] = []
        self._declared: dict[str, Domain] = {}
        for node, values in declared.items():
            if isinstance(values, (str, bytes)):
                invalid.append(f"{node}: invalid domain {values!r}: give a list of values, "
                               "not a string")
                continue
            try:
                self._declared[str(node)] = Domain(values)  # type: ignore[arg-type]
            except (ModelIncompleteError, TypeError) as err:
                invalid.append(f"{node}: invalid domain {values!r:.60}: {err}")
        self._domains: dict[str, Domain] = {}
        self._cpds: dict[str, CPD] = {}
        self._utilities: dict[str, UtilityTable] = {}
        self._missing: list[str] = []
        self._resolve(invalid)
        invalid.extend(utility_bound_problems(self._utilities))
        if invalid:
            raise _problem_error(self.name, invalid, self._missing)

    # ------------------------------------------------------------------ resolution
    def _declared_domain(self, node: str) -> Domain | None:
        if node in self._declared:
            return self._declared[node]
        record = self._diagram[node].domain
        return Domain(record) if record is not None else None

    def _resolve(self, invalid: list[str]) -> None:
        d = self._diagram
        for node in d.topological_order:
            kind = d.kind(node)
            declared = self._declared_domain(node)
            if kind == "decision":
                if node in self._specs:
                    invalid.append(f"{node}: is a decision; give its values in domains= and its "
                                   "rule in a policy (or solve for it), not a CPD")
                if declared is None:
                    self._missing.append(f"{node}: decision without a domain (give "
                                         f"domains={{{node!r}: [...]}})")
                else:
                    self._domains[node] = declared
                continue
            if node not in self._specs:
                what = "CPD for chance node" if kind == "chance" else "utility for utility node"
                self._missing.append(f"{node}: no {what} {node}")
                if declared is not None and kind == "chance":
                    self._domains[node] = declared
                continue
            if declared is not None and kind == "chance":
                self._domains[node] = declared
            parents = d.parents(node)
            unknown = [p for p in parents if p not in self._domains]
            if unknown:
                self._missing.append(f"{node}: cannot be resolved before the domain of "
                                     f"{', '.join(unknown)} is known")
                continue
            pdoms = tuple(self._domains[p] for p in parents)
            if kind == "chance":
                cpd, problems = resolve_chance(node, self._specs[node], parents, pdoms, declared)
                invalid.extend(problems)
                if cpd is not None:
                    self._cpds[node] = cpd
                    self._domains[node] = cpd.domain
                elif node not in self._domains:  # keep checking the children
                    guess = _domain_of_spec(self._specs[node], len(parents))
                    if guess is not None:
                        self._domains[node] = guess
                continue
            table, problems = resolve_utility(node, self._specs[node], parents, pdoms, declared)
            invalid.extend(problems)
            if table is None:
                continue
            self._utilities[node] = table
            if d.children(node) or declared is not None:
                outside = table.outside(declared)
                if outside:
                    invalid.append(f"{node}: the utility takes values outside its domain "
                                   f"{declared.values if declared else ()}: {outside}")
                    continue
                cpd = table.as_cpd(declared)
                self._cpds[node] = cpd
                self._domains[node] = cpd.domain

    @classmethod
    def _derive(cls, template: Model, diagram: Diagram, *, cpds: Mapping[str, CPD],
                utilities: Mapping[str, UtilityTable], domains: Mapping[str, Domain],
                missing: Sequence[str] = (), name: str | None = None,
                specs: Mapping[str, object] | None = None) -> Model:
        """A model from already resolved pieces (no re-validation); for transformations.

        ``specs`` are the specs the pieces came from (default: the pieces themselves), used
        to re-resolve a node whose parents' values change (:func:`~cid.quant.do`).

        Raises
        ------
        ModelIncompleteError
            The utilities are too large to add up safely (see
            :func:`~cid.quant.utility.utility_bound_problems`).
        """
        too_large = utility_bound_problems(utilities)
        if too_large:
            raise _problem_error(name or template.name, too_large)
        new = cls.__new__(cls)
        new._diagram = diagram
        new.name = name or template.name
        new._cpds = dict(cpds)
        new._utilities = dict(utilities)
        new._domains = dict(domains)
        new._declared = {n: dom for n, dom in domains.items()}
        new._specs = dict(specs) if specs is not None else {
            **new._cpds, **new._utilities}  # utilities win over their value CPDs
        new._missing = list(missing)
        return new

    # ------------------------------------------------------------------ queries
    @property
    def diagram(self) -> Diagram:
        """The diagram the model was made from (an immutable value)."""
        return self._diagram

    def domain(self, node: str) -> Domain:
        """The values of ``node``.

        Raises
        ------
        NodeNotFoundError
            No such node.
        ModelIncompleteError
            The domain is not known (e.g. a decision without one).
        """
        self._diagram[node]
        if node not in self._domains and node in self._utilities:
            self._variable(node)
        try:
            return self._domains[node]
        except KeyError:
            raise ModelIncompleteError(f"model {self.name!r}: the domain of {node} is not known"
                                       ) from None

    @property
    def domains(self) -> dict[str, tuple[Hashable, ...]]:
        """``{node: values}`` for every node whose domain is known."""
        return {n: self._domains[n].values for n in self._diagram.nodes if n in self._domains}

    def cpd(self, node: str) -> CPD:
        """The CPD of a chance node, or of a utility node as a variable over its values."""
        self._diagram[node]
        if node not in self._cpds and node in self._utilities:
            self._variable(node)
        if node not in self._cpds:
            kind = self._diagram.kind(node)
            raise ModelIncompleteError(f"model {self.name!r}: {kind} node {node} has no CPD")
        return self._cpds[node]

    def _variable(self, node: str) -> CPD:
        """The utility node ``node`` as a random variable over its values (cached)."""
        if node not in self._cpds:
            cpd = self._utilities[node].as_cpd(self._domains.get(node))
            self._cpds[node] = cpd
            self._domains[node] = cpd.domain
        return self._cpds[node]

    def utility(self, node: str) -> UtilityTable:
        """The utility table of a utility node."""
        self._diagram[node]
        if node not in self._utilities:
            raise ModelIncompleteError(f"model {self.name!r}: {node} has no utility table")
        return self._utilities[node]

    def problems(self) -> tuple[str, ...]:
        """The missing pieces (invalid specs already raised at construction); empty if complete."""
        return tuple(self._missing)

    @property
    def is_complete(self) -> bool:
        """Whether every node has what inference and solving need."""
        return not self._missing

    def check(self) -> Model:
        """Return the model if it is complete; else raise, listing every missing piece.

        Raises
        ------
        ModelIncompleteError
        """
        if self._missing:
            raise _problem_error(self.name, (), self._missing)
        return self

    def with_cpds(self, cpds: Mapping[str, object] | None = None,
                  domains: Mapping[str, Iterable[Hashable]] | None = None) -> Model:
        """A new model with some specs and domains replaced or added (this one is unchanged)."""
        merged_domains: dict[str, Iterable[Hashable]] = {
            n: d.values for n, d in self._declared.items()}
        merged_domains.update(domains or {})
        return Model(self._diagram, {**self._specs, **(cpds or {})}, merged_domains, name=self.name)

    # ------------------------------------------------------------------ files
    def to_dict(self, policy: Mapping[str, object] | None = None) -> dict[str, Any]:
        """The model as a spec dict with its numbers (see :mod:`cid.quant.spec`)."""
        from cid.quant.spec import model_to_dict

        return model_to_dict(self, policy)

    def to_json(self, policy: Mapping[str, object] | None = None, *,
                indent: int | None = 2) -> str:
        """The model as JSON text (format version 2; functions tabulated)."""
        from cid.quant.spec import model_to_json

        return model_to_json(self, policy, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "spec") -> Model:
        """Read a model spec dict (raises :class:`~cid.SpecError` listing the problems)."""
        from cid.quant.spec import model_from_dict

        return model_from_dict(data, source=source)

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "spec") -> Model:
        """Read a model from JSON text (see :meth:`from_dict`)."""
        from cid.quant.spec import model_from_json

        return model_from_json(text, source=source)

    def __str__(self) -> str:
        """Every node with its kind, parents and values, then what is missing."""
        from cid.quant._display import model_text

        return model_text(self)

    def _repr_markdown_(self) -> str:
        from cid.quant._display import model_markdown, safely

        return safely(lambda: model_markdown(self), lambda: repr(self), as_html=False)

    def _repr_html_(self) -> str:
        from cid.quant._display import model_html, safely

        return safely(lambda: model_html(self), lambda: repr(self), as_html=True)

    def __repr__(self) -> str:
        n = len(self._diagram)
        state = "complete" if self.is_complete else f"{len(self._missing)} missing"
        return f"<Model {self.name!r}: {n} node{'s' if n != 1 else ''}, {state}>"
