"""Decision rules and policies: what a decision does for each configuration of what it sees.

A :class:`DecisionRule` is a table over ``(parents..., decision)`` whose rows are distributions
over the decision's values; a *deterministic* rule has one 1 per row. A rule may read only
some of the decision's parents (``rule.parents``; the others are listed in ``rule.ignores``):
optimal rules read only the requisite observations. A *policy* is a ``dict`` from decision
names to rules.

Anything that describes a rule can be given where a policy is expected: a :class:`DecisionRule`,
a function of the parents returning a value or a ``{value: p}`` dict (parents passed as for
CPDs, see :mod:`cid.quant.cpd`), a table over ``(parents..., decision)``, a ``{value: p}``
dict (the same distribution whatever is observed) or one value of the decision's domain.

Examples
--------
>>> import cid
>>> from cid.quant import make_policy
>>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
>>> m = cid.Model(d, cpds={"S": [0.5, 0.5], "U": lambda S, D: float(S == D)},
...               domains={"D": ["no", "yes"]})
>>> policy = make_policy(m, {"D": lambda S: "yes" if S else "no"})
>>> rule = policy["D"]
>>> rule(S=1), rule.is_deterministic
('yes', True)
>>> print(rule)
S  D
0  'no'
1  'yes'
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence

import numpy as np

from cid.errors import DiagramError, ModelIncompleteError, NodeNotFoundError
from cid.quant.cpd import CPD, Function, format_config, resolve_chance
from cid.quant.domains import Domain

__all__ = ["DecisionRule", "Policy", "make_policy", "make_rule"]


class DecisionRule:
    """A (possibly stochastic) decision rule: ``table[parent values..., action] = P(action)``.

    Parameters
    ----------
    decision : str
    parents : sequence of str
        The parents the rule reads, in the diagram's parent order.
    parent_domains : sequence of Domain
    domain : Domain
        The decision's values (last axis of ``table``).
    table : array_like
        Shape ``(|parent_1|, ..., |parent_k|, |decision|)``; rows sum to 1.
    ignores : sequence of str, optional
        The decision's other parents (observed, but not read by this rule).
    """

    __slots__ = ("decision", "parents", "parent_domains", "domain", "table", "ignores")

    def __init__(self, decision: str, parents: Sequence[str], parent_domains: Sequence[Domain],
                 domain: Domain, table: np.ndarray, *, ignores: Sequence[str] = ()) -> None:
        self.decision = decision
        self.parents = tuple(parents)
        self.parent_domains = tuple(parent_domains)
        self.domain = domain
        arr = np.array(table, dtype=float)
        expected = tuple(len(dm) for dm in self.parent_domains) + (len(domain),)
        if arr.shape != expected:
            raise ModelIncompleteError(
                f"rule for {decision}: table shape {arr.shape}, expected {expected} "
                f"(parents {', '.join(self.parents)}, then {decision})")
        arr.flags.writeable = False
        self.table = arr
        self.ignores = tuple(ignores)

    @classmethod
    def deterministic(cls, decision: str, parents: Sequence[str],
                      parent_domains: Sequence[Domain], domain: Domain, choices: np.ndarray, *,
                      ignores: Sequence[str] = ()) -> DecisionRule:
        """The rule choosing ``domain[choices[config]]`` (``choices``: indices over the parents)."""
        table = np.eye(len(domain))[np.asarray(choices, dtype=np.intp)]
        return cls(decision, parents, parent_domains, domain, table, ignores=ignores)

    @classmethod
    def trusted(cls, decision: str, parents: tuple[str, ...],
                parent_domains: tuple[Domain, ...], domain: Domain, table: np.ndarray,
                ignores: tuple[str, ...]) -> DecisionRule:
        """A rule from a table already known to be valid (no copy, no checks): for solvers
        that build many rules from their own tables. ``table`` must not change afterwards."""
        rule = cls.__new__(cls)
        rule.decision, rule.parents, rule.parent_domains = decision, parents, parent_domains
        rule.domain, rule.table, rule.ignores = domain, table, ignores
        return rule

    @classmethod
    def uniform(cls, decision: str, parents: Sequence[str], parent_domains: Sequence[Domain],
                domain: Domain, *, ignores: Sequence[str] = ()) -> DecisionRule:
        """The rule choosing uniformly at random whatever it observes."""
        shape = tuple(len(dm) for dm in parent_domains) + (len(domain),)
        return cls(decision, parents, parent_domains, domain, np.full(shape, 1.0 / len(domain)),
                   ignores=ignores)

    @property
    def is_deterministic(self) -> bool:
        """Whether every row puts probability 1 on one action."""
        return bool(np.all((self.table == 0) | (self.table == 1)))

    def _index(self, args: Sequence[Hashable], kwargs: Mapping[str, Hashable]) -> tuple[int, ...]:
        if args and kwargs:
            raise ModelIncompleteError(f"rule for {self.decision}: give the observations "
                                       "positionally or by name, not both")
        if args:
            if len(args) != len(self.parents):
                raise ModelIncompleteError(f"rule for {self.decision} reads "
                                           f"{', '.join(self.parents) or 'nothing'}")
            kwargs = dict(zip(self.parents, args, strict=False))
        unknown = sorted(set(kwargs) - set(self.parents) - set(self.ignores))
        if unknown:
            raise ModelIncompleteError(f"rule for {self.decision}: {', '.join(unknown)} "
                                       "not observed by the decision")
        index = []
        for p, dom in zip(self.parents, self.parent_domains, strict=False):
            if p not in kwargs:
                raise ModelIncompleteError(f"rule for {self.decision}: give the value of {p}")
            if kwargs[p] not in dom:
                raise ModelIncompleteError(f"rule for {self.decision}: {p}={kwargs[p]!r} is not in "
                                           f"{dom.values}")
            index.append(dom.index(kwargs[p]))
        return tuple(index)

    def distribution(self, *args: Hashable, **kwargs: Hashable) -> dict[Hashable, float]:
        """``{action: probability}`` for the given observations."""
        row = self.table[self._index(args, kwargs)]
        return {a: float(p) for a, p in zip(self.domain, row, strict=False) if p > 0}

    def __call__(self, *args: Hashable, **kwargs: Hashable) -> Hashable:
        """The action for the given observations (deterministic rules; else the likeliest)."""
        row = self.table[self._index(args, kwargs)]
        return self.domain[int(np.argmax(row))]

    def as_dict(self) -> dict[tuple[Hashable, ...], Hashable | dict[Hashable, float]]:
        """``{observed values: action}`` (or ``{action: p}`` for stochastic rows)."""
        out: dict[tuple[Hashable, ...], Hashable | dict[Hashable, float]] = {}
        for cfg in itertools.product(*self.parent_domains):
            idx = tuple(dm.index(v) for dm, v in zip(self.parent_domains, cfg, strict=False))
            row = self.table[idx]
            if np.count_nonzero(row) == 1:
                out[cfg] = self.domain[int(np.argmax(row))]
            else:
                out[cfg] = {a: float(p) for a, p in zip(self.domain, row, strict=False) if p > 0}
        return out

    def over(self, parents: Sequence[str], parent_domains: Sequence[Domain]) -> DecisionRule:
        """The same rule as a table over ``parents`` (a superset of :attr:`parents`)."""
        parents = tuple(parents)
        if parents == self.parents:
            return self
        missing = [p for p in self.parents if p not in parents]
        if missing:
            raise ModelIncompleteError(f"rule for {self.decision} reads {', '.join(missing)}, "
                                       f"not among {', '.join(parents) or 'no observations'}")
        shape = [len(dm) if p in self.parents else 1
                 for p, dm in zip(parents, parent_domains, strict=True)]
        order = sorted(range(len(self.parents)), key=lambda i: parents.index(self.parents[i]))
        table = self.table.transpose([*order, len(self.parents)]).reshape([*shape, -1])
        full = tuple(len(dm) for dm in parent_domains) + (len(self.domain),)
        return DecisionRule(self.decision, parents, parent_domains, self.domain,
                            np.broadcast_to(table, full),
                            ignores=[p for p in self.ignores if p not in parents])

    def as_cpd(self) -> CPD:
        """The rule as the CPD of the decision given the parents it reads."""
        return CPD(self.decision, self.parents, self.domain, self.parent_domains, self.table.copy())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DecisionRule):
            return NotImplemented
        return (self.decision == other.decision and self.parents == other.parents
                and self.domain == other.domain and self.parent_domains == other.parent_domains
                and bool(np.array_equal(self.table, other.table)))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        kind = "deterministic" if self.is_deterministic else "stochastic"
        reads = ", ".join(self.parents) or "nothing"
        extra = f"; ignores {', '.join(self.ignores)}" if self.ignores else ""
        return f"<DecisionRule {self.decision}: {kind}, reads {reads}{extra}>"

    def _repr_markdown_(self) -> str:
        from cid.quant._display import rule_markdown, safely

        return safely(lambda: rule_markdown(self), lambda: str(self), as_html=False)

    def _repr_html_(self) -> str:
        from cid.quant._display import rule_html, safely

        return safely(lambda: rule_html(self), lambda: str(self), as_html=True)

    def __str__(self) -> str:
        rows = [[*self.parents, self.decision]]
        for cfg, act in self.as_dict().items():
            shown = repr(act) if not isinstance(act, dict) else ", ".join(
                f"{a!r}: {p:.3g}" for a, p in act.items())
            rows.append([*(repr(v) for v in cfg), shown])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                         for r in rows)


Policy = dict[str, DecisionRule]
"""A policy: ``{decision: rule}``."""


def make_rule(model: object, decision: str, spec: object) -> DecisionRule:
    """Turn a rule spec (rule, function, table, dict or one value) into a :class:`DecisionRule`.

    Raises
    ------
    DiagramError
        ``decision`` is not a decision of the model.
    ModelIncompleteError
        The spec is invalid; the message says why, with the observations concerned.
    """
    from cid.quant.model import Model

    assert isinstance(model, Model)
    d = model.diagram
    if d.kind(decision) != "decision":
        raise DiagramError(f"{decision} is a {d.kind(decision)} node, not a decision")
    domain = model.domain(decision)
    parents = d.parents(decision)
    if isinstance(spec, DecisionRule):
        if spec.decision != decision or not set(spec.parents) <= set(parents) or (
                spec.domain != domain) or any(
                spec.parent_domains[i] != model.domain(p) for i, p in enumerate(spec.parents)):
            raise ModelIncompleteError(
                f"the rule given for {decision} reads {', '.join(spec.parents) or 'nothing'} "
                f"with other domains; {decision} observes {', '.join(parents) or 'nothing'}")
        order = sorted(spec.parents, key=parents.index)
        if list(order) == list(spec.parents):
            return spec
        perm = [spec.parents.index(p) for p in order] + [len(order)]
        return DecisionRule(decision, order, [model.domain(p) for p in order], domain,
                            spec.table.transpose(perm), ignores=spec.ignores)
    pdoms = tuple(model.domain(p) for p in parents)
    if isinstance(spec, Mapping) and parents:
        row = spec
        spec = Function(lambda *_: row, call="positional")
    elif not (callable(spec) or isinstance(spec, (Function, Mapping, np.ndarray, list, tuple))):
        if spec in domain:
            value = spec
            spec = Function(lambda *_: value, call="positional")
        else:
            raise ModelIncompleteError(f"rule for {decision}: {spec!r} is not one of its values "
                                       f"{domain.values}")
    cpd, problems = resolve_chance(decision, spec, parents, pdoms, domain)
    if cpd is None:
        raise ModelIncompleteError(f"invalid rule for {decision}:\n" + "\n".join(
            f"  - {p}" for p in problems))
    return DecisionRule(decision, parents, pdoms, domain, cpd.table)


def make_policy(model: object, policy: Mapping[str, object] | None) -> Policy:
    """Turn ``{decision: rule spec}`` into ``{decision: DecisionRule}`` (see :func:`make_rule`)."""
    from cid.quant.model import Model

    assert isinstance(model, Model)
    if policy is not None and not isinstance(policy, Mapping):
        raise DiagramError(f"a policy is a mapping {{decision: rule}}, got "
                           f"{type(policy).__name__} {policy!r:.60}", code="cid_invalid_argument")
    out: Policy = {}
    for decision, spec in (policy or {}).items():
        if decision not in model.diagram:
            known = ", ".join(model.diagram.decisions) or "none"
            raise NodeNotFoundError(f"a rule is given for {decision!r}, which is not a node of "
                                    f"model {model.name!r}; its decisions are {known}")
        out[decision] = make_rule(model, decision, spec)
    return out


def describe_config(parents: Sequence[str], parent_domains: Sequence[Domain],
                    index: Sequence[int]) -> str:
    """``"S1=0, A1='left'"`` for a configuration given by indices."""
    return format_config(parents, [dm[i] for dm, i in zip(parent_domains, index, strict=False)])
