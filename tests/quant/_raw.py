"""Random models given as *raw specs* of every accepted form, with an oracle that never reads them.

The generator draws each node's numbers as an array indexed by value positions, then writes
the spec the library will read in one of the accepted forms: a function of the parents by
name (parameters in a random order), positionally, as a mapping, a :class:`cid.quant.Function`,
a nested-list table, a ``{value: p}`` dict, a constant. The oracle computes expected
utilities from the arrays, so a bug in how the library reads specs (which parameter gets
which parent, which axis is which, which column is which value) changes the library's
answer but not the oracle's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np

import cid
from cid.quant import Function


@dataclass
class RawModel:
    """A diagram, the raw specs and domains for :class:`cid.Model`, and the oracle's arrays."""

    diagram: cid.Diagram
    specs: dict[str, object] = field(default_factory=dict)
    domains: dict[str, list[Hashable]] = field(default_factory=dict)
    values: dict[str, list[Hashable]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    prob: dict[str, np.ndarray] = field(default_factory=dict)  # (parent idx..., own idx)
    util: dict[str, np.ndarray] = field(default_factory=dict)  # (parent idx...)
    styles: dict[str, str] = field(default_factory=dict)

    def model(self) -> cid.Model:
        return cid.Model(self.diagram, self.specs, self.domains)


def _lambda(params: list[str], core: Callable[[dict[str, Hashable]], object],
            parents: list[str]) -> Callable[..., object]:
    """``lambda <params>: core({parent: value})`` with exactly these parameter names."""
    pairs = ", ".join(f"{p!r}: {p}" for p in params)
    source = f"lambda {', '.join(params)}: core({{{pairs}}})"
    if params != parents:  # positional, under other names
        mapping = ", ".join(f"{q!r}: {p}" for p, q in zip(params, parents, strict=True))
        source = f"lambda {', '.join(params)}: core({{{mapping}}})"
    fn: Callable[..., object] = eval(source, {"core": core})  # noqa: S307 - test helper
    return fn


def _function_spec(rng: np.random.Generator, parents: list[str],
                   core: Callable[[dict[str, Hashable]], object]) -> tuple[object, str]:
    """``core`` (a function of the parent mapping) in a random accepted call style."""
    styles = ["names", "positional", "star"] + (["mapping", "Function"] if len(parents) > 1
                                                 else ["Function"])
    style = str(rng.choice(styles))
    if style == "names":
        order = [str(p) for p in rng.permutation(parents)]
        return _lambda(order, core, order), style
    if style == "positional":
        return _lambda([f"v{i}" for i in range(len(parents))], core, parents), style
    if style == "star":
        return (lambda *vals: core(dict(zip(parents, vals, strict=True)))), style
    if style == "mapping":
        return (lambda pa: core(dict(pa))), style
    call = str(rng.choice(["keywords", "mapping"]))
    if call == "keywords":
        return Function(lambda **kw: core(kw), call="keywords"), style + "/keywords"
    return Function(lambda pa: core(dict(pa)), call="mapping"), style + "/mapping"


def raw_model(seed: int, *, n: int = 6) -> RawModel:
    """A random single-agent model with 1-2 decisions, specs in random forms."""
    rng = np.random.default_rng(seed)
    names = [f"X{i}" for i in range(n)]
    kinds = ["chance"] * n
    slots = [int(i) for i in rng.permutation(n)]
    for _ in range(int(rng.integers(1, 3))):
        kinds[slots.pop()] = "decision"
    for _ in range(int(rng.integers(1, 3))):
        kinds[slots.pop()] = "utility"
    raw = RawModel(cid.Diagram(f"raw{seed}"))
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        cands = [p for p in names[:i] if raw.kinds[p] != "utility" or rng.random() < 0.3]
        k = int(rng.integers(0, min(2, len(cands)) + 1))
        pa = [str(p) for p in rng.choice(cands, size=k, replace=False)] if k else []
        raw.parents[name], raw.kinds[name] = pa, kind
        pshape = tuple(len(raw.values[p]) for p in pa)
        if kind == "decision":
            card = int(rng.integers(2, 4))
            vals: list[Hashable] = ([f"a{j}" for j in range(card)] if rng.random() < 0.5
                                    else list(range(card)))
            raw.diagram = raw.diagram.decision(name, pa)
            raw.values[name] = raw.domains[name] = vals
            continue
        if kind == "utility":
            raw.diagram = raw.diagram.utility(name, pa)
            u = np.round(rng.random(pshape) * 4, 1)
            raw.util[name] = u
            raw.values[name] = sorted({float(x) for x in np.ravel(u)})
            form = str(rng.choice(["function", "table"])) if pa else "constant"
            if form == "table":
                raw.specs[name], raw.styles[name] = u.tolist(), "table"
            elif form == "constant":
                raw.specs[name], raw.styles[name] = float(u), "constant"
            else:
                def core(pa_values: dict[str, Hashable], u: np.ndarray = u,
                         pa: list[str] = pa) -> float:
                    return float(u[tuple(raw.values[p].index(pa_values[p]) for p in pa)])

                raw.specs[name], raw.styles[name] = _function_spec(rng, pa, core)
            continue
        card = int(rng.integers(2, 4))
        vals = [["lo", "mid", "hi"][j] for j in range(card)] if rng.random() < 0.4 else list(
            range(card))
        table = rng.dirichlet(np.full(card, 0.8), size=pshape or None)
        if rng.random() < 0.3:  # deterministic rows
            table = np.eye(card)[rng.integers(0, card, size=pshape)]
        raw.diagram = raw.diagram.chance(name, pa)
        raw.values[name], raw.prob[name] = vals, table
        form = str(rng.choice(["function", "table"] + (["dict"] if not pa else [])))
        if form == "table" or (form == "function" and not pa):
            raw.specs[name], raw.styles[name] = table.tolist(), "table"
            raw.domains[name] = vals
        elif form == "dict":
            raw.specs[name] = {v: float(p) for v, p in zip(vals, table, strict=True)}
            raw.styles[name] = "dict"
        else:
            def core(pa_values: dict[str, Hashable], table: np.ndarray = table,
                     pa: list[str] = pa, vals: list[Hashable] = vals) -> object:
                row = table[tuple(raw.values[p].index(pa_values[p]) for p in pa)]
                if np.count_nonzero(row) == 1:
                    return vals[int(np.argmax(row))]
                return {v: float(p) for v, p in zip(vals, row, strict=True)}

            raw.specs[name], raw.styles[name] = _function_spec(rng, pa, core)
            raw.domains[name] = vals  # the function may never return some values
    return raw


# ---------------------------------------------------------------------------- the oracle
def _joint(raw: RawModel) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Every assignment (value indices) of the variables, its probability without the
    decisions' factors, and its total utility."""
    variables = [n for n in raw.diagram.topological_order if raw.kinds[n] != "utility"
                 or raw.diagram.children(n)]
    col = {v: i for i, v in enumerate(variables)}
    grid = np.array(list(itertools.product(*(range(len(raw.values[v])) for v in variables))),
                    dtype=int).reshape(-1, len(variables))
    prob = np.ones(len(grid))
    for v in variables:
        pa = tuple(grid[:, col[q]] for q in raw.parents[v])
        if raw.kinds[v] == "chance":
            prob *= raw.prob[v][pa + (grid[:, col[v]],)]
        elif raw.kinds[v] == "utility":  # an observed utility takes its value for sure
            taken = np.array(raw.values[v])[grid[:, col[v]]]
            prob *= raw.util[v][pa] == taken
    util = np.zeros(len(grid))
    for u, table in raw.util.items():
        util += table[tuple(grid[:, col[q]] for q in raw.parents[u])]
    return variables, grid, prob, util


def oracle_eu(raw: RawModel, policy: Mapping[str, Mapping[tuple[Hashable, ...], Hashable]]
              ) -> float:
    """The expected utility of a deterministic policy ``{D: {parent values: action}}``."""
    variables, grid, prob, util = _joint(raw)
    col = {v: i for i, v in enumerate(variables)}
    for D, rule in policy.items():
        chosen = np.array([raw.values[D].index(rule[tuple(raw.values[q][i] for q, i in zip(
            raw.parents[D], row[[col[q] for q in raw.parents[D]]], strict=True))])
            for row in grid])
        prob = prob * (chosen == grid[:, col[D]]) if len(grid) else prob
    return float(prob @ util)


def oracle_meu(raw: RawModel) -> float:
    """The best expected utility over every deterministic policy (full observations)."""
    variables, grid, prob, util = _joint(raw)
    col = {v: i for i, v in enumerate(variables)}
    decisions = [n for n in raw.diagram.topological_order if raw.kinds[n] == "decision"]
    options = []
    for D in decisions:
        pshape = tuple(len(raw.values[p]) for p in raw.parents[D])
        flat = np.ravel_multi_index(tuple(grid[:, col[p]] for p in raw.parents[D]), pshape) \
            if pshape else np.zeros(len(grid), dtype=int)
        n_configs = int(np.prod(pshape, dtype=int))
        options.append([(np.array(acts)[flat] == grid[:, col[D]]) for acts in
                        itertools.product(range(len(raw.values[D])), repeat=n_configs)])
    best = -np.inf
    for combo in itertools.product(*options):
        weight = prob.copy()
        for match in combo:
            weight *= match
        best = max(best, float(weight @ util))
    return best


def policy_count(raw: RawModel) -> int:
    total = 1
    for D, kind in raw.kinds.items():
        if kind == "decision":
            configs = int(np.prod([len(raw.values[p]) for p in raw.parents[D]], dtype=int))
            total *= len(raw.values[D]) ** configs
    return total
