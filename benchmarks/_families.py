"""The random diagram families of ``benchmarks/incentives.py``, as plain data.

Each function returns the keyword arguments of :meth:`cid.Diagram.from_edges` (edges,
decisions and utilities per agent, nodes); nothing here imports ``cid``, so that a worker
process can build the same diagram with any version of the library.
"""

from __future__ import annotations

import math
import random
from typing import Any

__all__ = ["layered", "many_decisions"]

Spec = dict[str, Any]


def layered(n: int, *, decisions: int = 6, seed: int = 0) -> Spec:
    """``sqrt(n)`` layers of ``sqrt(n)`` nodes; every node has two parents in the two layers
    above; ``decisions`` decisions (agents ``human`` and ``robot``) observe three nodes of
    the layer above; about 2% of the nodes below the first decision are utility nodes, some
    shared by both agents."""
    rng = random.Random(seed)
    width = max(5, round(math.sqrt(n)))
    depth = max(4, n // width)
    dec_layers = sorted(set(round(1 + i * (depth - 3) / max(1, decisions - 1))
                            for i in range(decisions)))
    first = dec_layers[0]
    edges: list[tuple[str, str]] = []
    ds: dict[str, list[str]] = {}
    us: dict[str, list[str]] = {}
    nodes: list[str] = []
    layers: list[list[str]] = []
    for layer in range(depth):
        names = []
        dec_slot = rng.randrange(width) if layer in dec_layers else -1
        for j in range(width):
            name = f"L{layer}_{j}"
            above = layers[-1] + (layers[-2] if layer > 1 else []) if layer else []
            if j == dec_slot:
                agent = "robot" if dec_layers.index(layer) % 3 else "human"
                parents = rng.sample(layers[-1], min(3, len(layers[-1])))
                ds.setdefault(agent, []).append(name)
            else:
                parents = rng.sample(above, min(2, len(above)))
                if layer > first and rng.random() < 0.02:
                    owners = rng.choice([["robot"], ["robot"], ["human"], ["human", "robot"]])
                    for owner in owners:
                        us.setdefault(owner, []).append(name)
            edges.extend((p, name) for p in parents)
            names.append(name)
            nodes.append(name)
        layers.append(names)
    last = layers[-1][0]
    for agent in ("robot", "human"):
        if (agent in ds or agent in us or agent == "robot") and not us.get(agent):
            us[agent] = [f"U_{agent}"]
            edges.append((last, f"U_{agent}"))
            nodes.append(f"U_{agent}")
    return {"edges": edges, "decisions": ds, "utilities": us, "nodes": nodes,
            "name": f"layered_{n}"}


def many_decisions(n: int, k: int, *, seed: int = 0) -> Spec:
    """``n`` nodes in a row, each with one to three parents among the 50 before it; ``k`` of
    them, at random, are decisions of one agent; about 2% of the nodes after the first
    decision are its utility nodes (at least one)."""
    rng = random.Random(seed)
    names = [f"N{i}" for i in range(n)]
    edges = []
    for i in range(1, n):
        lo = max(0, i - 50)
        edges.extend((names[p], names[i])
                     for p in rng.sample(range(lo, i), min(rng.randint(1, 3), i - lo)))
    positions = sorted(rng.sample(range(n // 20, n - n // 20), k))
    chosen = set(positions)
    utilities = [names[i] for i in range(positions[0] + 1, n)
                 if i not in chosen and rng.random() < 0.02] or [names[-1]]
    return {"edges": edges, "decisions": [names[i] for i in positions],
            "utilities": utilities, "nodes": names, "name": f"many_{n}_{k}"}
