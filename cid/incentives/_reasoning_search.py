"""The searches behind :mod:`cid.incentives.reasoning` (internal).

Directed paths, active effective trails over ``(node, direction)`` states, the upward chains
to candidate key nodes, and the depth-first search over simple trails used when a linear
search's witness revisits a node.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable

from cid.model import Diagram

__all__ = ["Path", "State", "blockers", "directed", "forks", "simple_trail", "active_trail",
           "upward_chains"]

Path = tuple[str, ...]
State = tuple[str, str, bool, str]
"""A search state: node, ``"up"`` (from a child) or ``"down"`` (from a parent), whether the
trail so far is a directed path, and the node it came from."""


def _descendants(d: Diagram, node: str) -> set[str]:
    seen: set[str] = set()
    stack = list(d.children(node))
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(d.children(n))
    return seen


def directed(d: Diagram, start: str, targets: Collection[str],
              passable: Callable[[str], bool]) -> Path | None:
    """A shortest directed path ``start ⇝ t`` (t in ``targets``), intermediates passable."""
    before: dict[str, str] = {}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for c in d.children(v):
            if c in before or c == start:
                continue
            before[c] = v
            if c in targets:
                path = [c]
                while path[-1] != start:
                    path.append(before[path[-1]])
                return tuple(reversed(path))
            if passable(c):
                queue.append(c)
    return None


def active_trail(d: Diagram, start: str, starts: Iterable[State], targets: Collection[str],
           given: Collection[str], effective: Collection[str], *, indirect: bool = False,
           ) -> Path | None:
    """An active effective trail from ``start`` (first moves ``starts``) to a target.

    ``starts`` are states ``(neighbour, direction, directed, start)`` reached in the first
    move. A decision passed as a chain or a collider must be in ``effective``; with
    ``indirect``, the trail must not be a directed path. A trail never goes straight back
    along the edge it came by.
    """
    anc = set(given)
    stack = list(given)
    while stack:
        for p in d.parents(stack.pop()):
            if p not in anc:
                anc.add(p)
                stack.append(p)
    before: dict[State, State | None] = {}
    queue: deque[State] = deque()
    for s in starts:
        if s not in before:
            before[s] = None
            queue.append(s)
    while queue:
        state = queue.popleft()
        v, came, directed, prev = state
        if v in targets and not (indirect and directed):
            path = [v]
            step = before[state]
            while step is not None:
                path.append(step[0])
                step = before[step]
            return (start, *reversed(path))
        if v == start:
            continue
        moves: list[State] = []
        decision = d.kind(v) == "decision"
        if came == "down":  # from a parent: chain down, or collider up
            if v not in given and (not decision or v in effective):
                moves += [(c, "down", directed, v) for c in d.children(v)]
            if v in anc and (not decision or v in effective):
                moves += [(p, "up", False, v) for p in d.parents(v) if p != prev]
        elif v not in given:  # from a child: chain up, or fork down (forks are exempt)
            if not decision or v in effective:
                moves += [(p, "up", False, v) for p in d.parents(v)]
            moves += [(c, "down", False, v) for c in d.children(v) if c != prev]
        for m in moves:
            if m not in before:
                before[m] = state
                queue.append(m)
    return None


def blockers(d: Diagram, observer: str, source: str) -> set[str]:
    """``{observer}`` and the observer's parents that do not descend from ``source``."""
    below = _descendants(d, source)
    return {observer, *(p for p in d.parents(observer) if p not in below)}


def forks(d: Diagram, trail: Path) -> list[int]:
    """The positions of the forks of a trail."""
    return [i for i in range(1, len(trail) - 1)
            if trail[i - 1] in d.children(trail[i]) and trail[i + 1] in d.children(trail[i])]


def simple_trail(d: Diagram, start: str, first: str, targets: Collection[str],
                  given: Collection[str], effective: Collection[str],
                  accept: Callable[[Path, list[int]], bool]) -> Path | None:
    """A simple active effective trail from ``start`` (first move ``"up"`` to a parent or
    ``"down"`` to a child) to a target that ``accept(trail, forks)`` takes; depth first.

    Only called when the linear search's witness revisits a node (rare): it then settles
    the question on simple trails, at a cost exponential in the worst case.
    """
    anc = set(given)
    stack = list(given)
    while stack:
        for p in d.parents(stack.pop()):
            if p not in anc:
                anc.add(p)
                stack.append(p)

    def extend(trail: list[str], came: str) -> Path | None:
        v = trail[-1]
        if v in targets:
            found = tuple(trail)
            if accept(found, forks(d, found)):
                return found
        decision = d.kind(v) == "decision"
        moves: list[tuple[str, str]] = []
        if came == "down":
            if v not in given and (not decision or v in effective):
                moves += [(c, "down") for c in d.children(v)]
            if v in anc and (not decision or v in effective):
                moves += [(p, "up") for p in d.parents(v)]
        elif v not in given:
            if not decision or v in effective:
                moves += [(p, "up") for p in d.parents(v)]
            moves += [(c, "down") for c in d.children(v)]
        for nxt, how in moves:
            if nxt not in trail:
                out = extend([*trail, nxt], how)
                if out is not None:
                    return out
        return None

    firsts = d.parents(start) if first == "up" else d.children(start)
    for n in firsts:
        out = extend([start, n], first)
        if out is not None:
            return out
    return None


def upward_chains(d: Diagram, decision: str, given: Collection[str],
                   effective: Collection[str]) -> list[Path]:
    """For each possible key node ``C``: a chain ``D ← ... ← C`` of unobserved nodes."""
    before: dict[str, str] = {}
    queue = deque([decision])
    chains: list[Path] = []
    while queue:
        v = queue.popleft()
        for p in d.parents(v):
            if p in before or p == decision or p in given:
                continue
            before[p] = v
            path = [p]
            while path[-1] != decision:
                path.append(before[path[-1]])
            chains.append(tuple(reversed(path)))
            if d.kind(p) != "decision" or p in effective:
                queue.append(p)
    return chains


