"""A deliberately simple brute-force oracle for MAID equilibria, independent of cid.games.

Expected utilities by summing over *every* joint assignment of the variables; pure Nash
equilibria by evaluating *every* pure profile and comparing each agent against every
deviation of its own decisions; s-reachability by adding a new parent and asking networkx's
d-separation; MAID subgames as every relevance-closed subset of decisions; subgame
perfectness as "a Nash equilibrium of the game over each closed set, with every decision
outside the set playing uniformly at random". Exponential: only for tiny games.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence

import networkx as nx
import numpy as np

import cid

__all__ = ["Oracle", "random_maid"]

Rule = np.ndarray  # over (parents..., decision), rows sum to 1


def random_maid(seed: int, *, max_profiles: int = 256) -> cid.Model:
    """A random two-agent MAID with small domains and integer payoffs (ties are common)."""
    rng = np.random.default_rng(seed)
    while True:
        n_chance = int(rng.integers(0, 3))
        n_dec = int(rng.integers(2, 4))
        kinds = ["chance"] * n_chance + ["decision"] * n_dec
        rng.shuffle(kinds)
        names = [f"{'X' if k == 'chance' else 'D'}{i}" for i, k in enumerate(kinds)]
        edges: list[tuple[str, str]] = []
        for i, n in enumerate(names):
            limit = 1 if kinds[i] == "decision" else 2
            options = names[:i]
            k = min(len(options), int(rng.integers(0, limit + 1)))
            edges += [(p, n) for p in rng.choice(options, size=k, replace=False)] if k else []
        owner = {D: ("a" if j % 2 == 0 else "b")
                 for j, D in enumerate(n for n, k in zip(names, kinds, strict=True)
                                       if k == "decision")}
        if len(set(owner.values())) < 2:
            continue
        utilities = {"a": ["Ua"], "b": ["Ub"]}
        for u in ("Ua", "Ub"):
            k = int(rng.integers(1, 3))
            edges += [(p, u) for p in rng.choice(names, size=min(k, len(names)), replace=False)]
        decisions = {a: [D for D, o in owner.items() if o == a] for a in ("a", "b")}
        d = cid.Diagram.from_edges(edges, decisions=decisions, utilities=utilities,
                                   nodes=names, name=f"random_{seed}")
        cpds: dict[str, object] = {}
        for n in d.chance_nodes:
            shape = [2] * len(d.parents(n)) + [2]
            table = rng.dirichlet([1.0, 1.0], size=shape[:-1]) if shape[:-1] else rng.dirichlet(
                [1.0, 1.0])
            if rng.random() < 0.3:  # a deterministic CPD: observations of probability 0
                table = (table > 0.5).astype(float)
                table[..., 0] = 1 - table[..., 1]
            cpds[n] = np.round(np.asarray(table), 3)
            cpds[n] = np.asarray(cpds[n]) / np.asarray(cpds[n]).sum(axis=-1, keepdims=True)
        for u in d.utilities:
            cpds[u] = rng.integers(0, 3, size=[2] * len(d.parents(u))).astype(float)
        model = cid.Model(d, cpds=cpds, domains={D: [0, 1] for D in d.decisions})
        if Oracle(model).log10_profiles() <= math.log10(max_profiles):
            return model


class Oracle:
    """Brute force over every assignment and every pure profile of a small model."""

    def __init__(self, model: cid.Model) -> None:
        self.model = model
        self.d = model.diagram
        self.variables = [n for n in self.d.topological_order
                          if self.d.kind(n) != "utility" or self.d.children(n)]
        self.card = {n: len(model.domain(n)) for n in self.variables}

    def log10_profiles(self) -> float:
        return sum(math.prod(self.card[p] for p in self.d.parents(D)) * math.log10(self.card[D])
                   for D in self.d.decisions)

    # ------------------------------------------------------------------ expected utility
    def values(self, profile: Mapping[str, Rule]) -> dict[str, float]:
        """Each agent's expected utility, summing over every joint assignment."""
        total = {a: 0.0 for a in self.d.agents}
        for assignment in itertools.product(*(range(self.card[n]) for n in self.variables)):
            x = dict(zip(self.variables, assignment, strict=True))
            prob = 1.0
            for n in self.variables:
                idx = tuple(x[p] for p in self.d.parents(n)) + (x[n],)
                table = profile[n] if self.d.kind(n) == "decision" else self.model.cpd(n).table
                prob *= float(table[idx])
                if prob == 0:
                    break
            if prob == 0:
                continue
            for u in self.d.utilities:
                value = float(self.model.utility(u).values[tuple(x[p] for p in self.d.parents(u))])
                for a in self.d.agents_of(u):
                    total[a] += prob * value
        return total

    def pure_rules(self, D: str) -> list[Rule]:
        shape = [self.card[p] for p in self.d.parents(D)] + [self.card[D]]
        configs = math.prod(shape[:-1])
        eye = np.eye(shape[-1])
        return [eye[list(c)].reshape(shape)
                for c in itertools.product(range(shape[-1]), repeat=configs)]

    def uniform(self, D: str) -> Rule:
        shape = [self.card[p] for p in self.d.parents(D)] + [self.card[D]]
        return np.full(shape, 1.0 / shape[-1])

    def profiles(self, decisions: Sequence[str]) -> Iterator[dict[str, Rule]]:
        for combo in itertools.product(*(self.pure_rules(D) for D in decisions)):
            yield dict(zip(decisions, combo, strict=True))

    # ------------------------------------------------------------------ equilibria
    def pure_ne(self, free: Sequence[str] | None = None,
                fixed: Mapping[str, Rule] | None = None) -> list[dict[str, Rule]]:
        """Every pure NE over ``free`` (default: all decisions), ``fixed`` rules elsewhere."""
        free = list(self.d.decisions if free is None else free)
        fixed = dict(fixed or {})
        table = [(p, self.values({**fixed, **p})) for p in self.profiles(free)]
        found = []
        for p, v in table:
            ok = True
            for a in self.d.agents:
                own = [D for D in free if self.d.agent_of(D) == a]
                if not own:
                    continue
                others = [D for D in free if D not in own]
                best = max(w[a] for q, w in table
                           if all(np.array_equal(q[D], p[D]) for D in others))
                if v[a] < best - 1e-9 * max(1.0, abs(best)):
                    ok = False
                    break
            if ok:
                found.append(p)
        return found

    def relies(self, D: str, E: str) -> bool:
        """``D`` relies on ``E``: a new parent of ``E`` is d-connected to ``U_D`` given Fa(D)."""
        G = nx.DiGraph(self.d.edge_list)
        G.add_nodes_from(self.d.nodes)
        G.add_edge("NEW_PARENT", E)
        desc = nx.descendants(G, D)
        us = {u for u in self.d.utilities_of(self.d.agent_of(D)) if u in desc}
        if not us:
            return False
        given = {D, *self.d.parents(D)}
        return not nx.is_d_separator(G, {"NEW_PARENT"}, us, given)

    def closed_sets(self) -> list[frozenset[str]]:
        ds = self.d.decisions
        out = []
        for r in range(1, len(ds) + 1):
            for s in itertools.combinations(ds, r):
                if all(not self.relies(D, E) or E in s for D in s for E in ds if E != D):
                    out.append(frozenset(s))
        return out

    def spe(self) -> list[dict[str, Rule]]:
        """Pure profiles that are a NE over every closed set, the rest playing uniformly."""
        ds = self.d.decisions
        subgame_ne = []
        for s in self.closed_sets():
            free = [D for D in ds if D in s]
            fixed = {D: self.uniform(D) for D in ds if D not in s}
            subgame_ne.append((free, self.pure_ne(free, fixed)))
        return [p for p in self.pure_ne()
                if all(any(all(np.array_equal(q[D], p[D]) for D in free) for q in sub)
                       for free, sub in subgame_ne)]
