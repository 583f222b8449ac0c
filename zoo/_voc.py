"""Direct and indirect value of control, as pycid's fitness-tracker tests use the terms.

Value of control (Agent Incentives, AAAI 2021) splits by *how* controlling ``X`` would help
the agent of decision ``D``, read on the minimal d-reduction ``G*``:

- **direct** value of control: ``X`` has value of control and ``G*`` has a directed path
  from ``X`` to one of the agent's utility nodes that passes none of the agent's decisions
  (a utility node itself counts, by the empty path);
- **indirect** value of control: ``X`` has value of control, ``G*`` has a directed path
  ``X ⇝ D ⇝ U`` to a utility node ``U`` through the decision, and ``X`` and that ``U`` are
  also joined by a *backdoor* trail, one that starts with an edge into ``X``, active given
  ``Fa(D) \\ {X}`` (the decision and its observations in the diagram): controlling ``X`` is
  worth something because the decision, which responds to ``X``, can then exploit what
  ``X`` would otherwise only have told it about ``U``.

These are the definitions of pycid's ``admits_dir_voc`` and ``admits_indir_voc`` (the
original library of the Agent Incentives authors), computed here with reachability passes
instead of path enumeration. They are zoo helpers for claims, not part of :mod:`cid`.

>>> import zoo
>>> d = zoo.build("fitness_tracker")
>>> sorted(direct_value_of_control(d, "C")), sorted(indirect_value_of_control(d, "C"))
(['F', 'P'], ['SC'])
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["direct_value_of_control", "indirect_value_of_control"]


def _reduced(diagram: Diagram, decision: str) -> tuple[nx.DiGraph[Hashable], str, set[str]]:
    """``G*`` of the agent of ``decision``, the agent, and the agent's utility nodes."""
    from cid.graph import minimal_d_reduction

    agent = diagram.agent_of(decision)
    utilities = set(diagram.utilities_of(agent))
    reduced = minimal_d_reduction(diagram.to_networkx(), decisions=diagram.decisions_of(agent),
                                  utilities=utilities)
    return reduced, agent, utilities


def _reaching(pred: Mapping[Hashable, Iterable[Hashable]], targets: Iterable[Hashable],
              avoid: set[str]) -> set[Hashable]:
    """Nodes with a directed path to ``targets`` whose nodes are all outside ``avoid``."""
    seen = {t for t in targets if t not in avoid}
    todo = list(seen)
    while todo:
        for p in pred[todo.pop()]:
            if p not in seen and p not in avoid:
                seen.add(p)
                todo.append(p)
    return seen


def direct_value_of_control(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes with *direct* value of control for ``decision`` (see the module docstring).

    Parameters
    ----------
    diagram : Diagram
    decision : str

    Returns
    -------
    frozenset of str
    """
    import cid

    voc = cid.value_of_control(diagram, decision)
    reduced, agent, utilities = _reduced(diagram, decision)
    direct = _reaching(reduced.pred, utilities, set(diagram.decisions_of(agent)))
    return frozenset(n for n in voc if n in direct)


def _backdoor_reach(graph: nx.DiGraph[Hashable], start: Hashable,
                    given: Iterable[Hashable]) -> set[Hashable]:
    """Nodes joined to ``start`` by a trail that begins with an edge into ``start`` and is
    active given ``given`` (a Bayes-ball that leaves ``start`` upwards and never returns)."""
    given = set(given)
    anc: set[Hashable] = set(given)
    todo = list(given)
    while todo:
        for p in graph.pred[todo.pop()]:
            if p not in anc:
                anc.add(p)
                todo.append(p)
    up, down = 0, 1  # arrived from a child / from a parent
    states = [(p, up) for p in graph.pred[start]]
    seen = set(states)
    while states:
        node, came = states.pop()
        moves: list[tuple[Hashable, int]] = []
        if came == up and node not in given:
            moves += [(p, up) for p in graph.pred[node]]
            moves += [(c, down) for c in graph.succ[node]]
        elif came == down:
            if node not in given:
                moves += [(c, down) for c in graph.succ[node]]
            if node in anc:
                moves += [(p, up) for p in graph.pred[node]]
        for state in moves:
            if state[0] != start and state not in seen:
                seen.add(state)
                states.append(state)
    return {n for n, _ in seen} - given


def indirect_value_of_control(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes with *indirect* value of control for ``decision`` (see the module docstring).

    Parameters
    ----------
    diagram : Diagram
    decision : str

    Returns
    -------
    frozenset of str
    """
    import cid

    voc = cid.value_of_control(diagram, decision)
    reduced, _, utilities = _reduced(diagram, decision)
    after = nx.descendants(reduced, decision)
    family = {decision, *diagram.parents(decision)}
    out = set()
    for x in voc:
        if decision not in nx.descendants(reduced, x):
            continue
        targets = utilities & after
        if targets & _backdoor_reach(reduced, x, family - {x}):
            out.add(x)
    return frozenset(out)
