"""Seeded random causal influence diagrams and multi-agent influence diagrams.

:func:`random_diagram` draws a diagram from an explicit, fixed procedure driven only by
``random.Random(seed).random()``, so the same arguments give the same diagram on every
machine and Python version; it makes a bounded number of draws and never retries, so it
always terminates.

>>> import cid
>>> d = cid.random_diagram(8, seed=1)
>>> d == cid.random_diagram(8, seed=1), len(d), len(d.decisions), len(d.utilities)
(True, 8, 1, 1)
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Literal

from cid.errors import CIDTypeError, DiagramError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["SHAPES", "random_diagram"]

Shape = Literal["dag", "layered", "time"]
SHAPES: tuple[Shape, ...] = ("dag", "layered", "time")
"""The shapes :func:`random_diagram` draws: any DAG, layers, time steps."""

_Spec = list[tuple[str, str, int | None, list[int]]]  # (name, kind, step, parents by index)


def _index(rng: random.Random, k: int) -> int:
    """A uniform integer in ``range(k)`` from one ``random()`` draw."""
    return min(int(rng.random() * k), k - 1)


def _shuffled(rng: random.Random, items: list[str]) -> list[str]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):  # Fisher-Yates
        j = _index(rng, i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def _kinds(rng: random.Random, n: int, decisions: int, utilities: int) -> list[str]:
    kinds = _shuffled(rng, ["decision"] * decisions + ["utility"] * utilities
                      + ["chance"] * (n - decisions - utilities))
    last_u = max(i for i, k in enumerate(kinds) if k == "utility")
    first_d = kinds.index("decision")
    if first_d > last_u:  # some utility comes after a decision
        kinds[first_d], kinds[last_u] = kinds[last_u], kinds[first_d]
    return kinds


def _flat(rng: random.Random, n: int, decisions: int, utilities: int, density: float,
          layers: int | None) -> _Spec:
    kinds = _kinds(rng, n, decisions, utilities)
    layer = [i * layers // n if layers else i for i in range(n)]
    spec: _Spec = []
    for j, kind in enumerate(kinds):
        allowed = [i for i in range(j) if (layer[i] == layer[j] - 1 if layers else True)]
        parents = [i for i in allowed if rng.random() < density]
        if not parents and allowed and kind != "decision":
            parents = [allowed[_index(rng, len(allowed))]]
        spec.append((f"{kind[0].upper()}{j}", kind, layer[j] if layers else None, parents))
    return spec


def _timed(rng: random.Random, n: int, decisions: int, utilities: int,
           density: float) -> _Spec:
    states = n - decisions - utilities
    spec: _Spec = []
    prev_step: list[int] = []
    u_left = utilities
    for t in range(decisions):
        here: list[int] = []
        width = states // decisions + (1 if t < states % decisions else 0)
        for i in range(width):
            parents = [p for p in prev_step if rng.random() < density]
            if prev_step and i == 0:  # the state chain and the effect of the last action
                parents = sorted({*parents, prev_step[0], prev_step[-1]})
            spec.append((f"S{t}_{i}", "chance", t, parents))
            here.append(len(spec) - 1)
        obs = sorted({*here[:1], *(p for p in here if rng.random() < density),
                      *(prev_step[-1:] if not here else ())})  # no state: see the last action
        spec.append((f"D{t}", "decision", t, obs))
        here.append(len(spec) - 1)
        n_u = u_left - (utilities * (decisions - t - 1)) // decisions
        for i in range(n_u):
            parents = sorted({here[-1 - i if i < len(here) else -1],
                              *(p for p in here[:-1] if rng.random() < density)})
            spec.append((f"U{t}" + (f"_{i}" if n_u > 1 else ""), "utility", t, parents))
        u_left -= n_u
        prev_step = here
    return spec


def _owners(spec: _Spec, agents: int) -> dict[int, str | None]:
    out: dict[int, str | None] = {}
    for kind in ("decision", "utility"):
        ids = [i for i, s in enumerate(spec) if s[1] == kind]
        for r, i in enumerate(ids):
            out[i] = None if agents == 1 else f"A{r % agents}"
    return out


def _recall(spec: _Spec, owners: dict[int, str | None]) -> None:
    """Perfect recall per agent: each decision also sees the agent's earlier decisions and
    what they saw (all from smaller indices, so no cycle is made)."""
    seen: dict[str | None, set[int]] = {}
    for i, (_, kind, _, parents) in enumerate(spec):
        if kind != "decision":
            continue
        memory = seen.setdefault(owners[i], set())
        parents[:] = sorted({*parents, *memory})
        memory.update(parents)
        memory.add(i)


def _reach_utility(spec: _Spec, owners: dict[int, str | None]) -> None:
    """Give every decision with no later utility of its agent below it an edge to one."""
    children: dict[int, list[int]] = {i: [] for i in range(len(spec))}
    for j, s in enumerate(spec):
        for p in s[3]:
            children[p].append(j)
    for i, s in enumerate(spec):
        if s[1] != "decision":
            continue
        mine = [j for j, t in enumerate(spec) if t[1] == "utility" and j > i
                and owners[j] == owners[i]]
        stack, below = [i], set()
        while stack:
            for c in children[stack.pop()]:
                if c not in below:
                    below.add(c)
                    stack.append(c)
        if mine and not below & set(mine):
            spec[mine[0]][3].append(i)
            spec[mine[0]][3].sort()
            children[i].append(mine[0])


def random_diagram(n: int, *, decisions: int = 1, utilities: int = 1, agents: int = 1,
                   shape: Shape = "dag", density: float = 0.3, sufficient_recall: bool = False,
                   seed: int = 0, name: str | None = None) -> Diagram:
    """A random CID (one agent) or MAID (several), reproducible from ``seed``.

    Parameters
    ----------
    n : int
        The number of nodes (at least ``decisions + utilities``).
    decisions, utilities : int, optional
        How many decision and utility nodes; each agent gets at least one of each, dealt
        round-robin in topological order.
    agents : int, optional
        The number of agents (named ``A0``, ``A1``, ...; one agent goes unnamed).
    shape : {"dag", "layered", "time"}, optional
        ``"dag"``: each earlier node is a parent with probability ``density``; ``"layered"``:
        edges only between consecutive layers; ``"time"``: one step per decision with
        states ``S{t}_{i}``, the decision ``D{t}`` (observing ``S{t}_0``) and utilities
        ``U{t}``, and a state chain ``S{t}_0 -> S{t+1}_0`` that ``D{t}`` also drives.
    density : float, optional
        The edge probability, in ``[0, 1]``.
    sufficient_recall : bool, optional
        Make each decision observe its agent's earlier decisions and their observations
        (perfect recall, which implies sufficient recall).
    seed : int, optional
        The seed; the draw uses only ``random.Random(seed).random()``.
    name : str, optional
        Default ``"random_{shape}_{n}_{seed}"``.

    Returns
    -------
    Diagram
        Every decision has a utility of its agent below it when one comes later.

    Raises
    ------
    DiagramError
        Impossible counts (:class:`~cid.CIDTypeError` for arguments of the wrong type).

    Examples
    --------
    >>> import cid
    >>> d = cid.random_diagram(9, decisions=3, utilities=3, shape="time", seed=4)
    >>> d.decisions, d.utilities
    (('D0', 'D1', 'D2'), ('U0', 'U1', 'U2'))
    >>> g = cid.random_diagram(10, decisions=2, utilities=2, agents=2, seed=7)
    >>> g.agents
    ('A0', 'A1')
    """
    for label, value in (("n", n), ("decisions", decisions), ("utilities", utilities),
                         ("agents", agents), ("seed", seed)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise CIDTypeError(f"random_diagram: {label} must be an integer, got {value!r}")
    if not isinstance(density, (int, float)) or not 0 <= density <= 1:
        raise DiagramError(f"random_diagram: density must be in [0, 1], got {density!r}")
    if shape not in SHAPES:
        raise DiagramError(f"random_diagram: unknown shape {shape!r}; use {', '.join(SHAPES)}")
    if agents < 1 or decisions < agents or utilities < agents or n < decisions + utilities:
        raise DiagramError(
            f"random_diagram: cannot place {decisions} decisions and {utilities} utilities "
            f"for {agents} agents in {n} nodes (each agent needs one of each)")
    rng = random.Random(seed)
    if shape == "time":
        spec = _timed(rng, n, decisions, utilities, density)
    else:
        layers = max(2, round(n ** 0.5)) if shape == "layered" else None
        spec = _flat(rng, n, decisions, utilities, density, layers)
    owners = _owners(spec, agents)
    _reach_utility(spec, owners)
    if sufficient_recall:
        _recall(spec, owners)
    return _build(spec, owners, name or f"random_{shape}_{n}_{seed}")


def _build(spec: _Spec, owners: dict[int, str | None], name: str) -> Diagram:
    from cid.model import Diagram

    d = Diagram(name)
    names = [s[0] for s in spec]
    for i, (node, kind, step, parents) in enumerate(spec):
        ps = [names[p] for p in parents]
        if kind == "chance":
            d = d.chance(node, ps, step=step)
        elif kind == "decision":
            d = d.decision(node, ps, agent=owners[i], step=step)
        else:
            d = d.utility(node, ps, agent=owners[i], step=step)
    return d
