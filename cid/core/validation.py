"""Every structural check of a diagram, each returning a list of problems.

A problem is a ``(location, message, code)`` triple: where it is (``edges[2]``,
``decisions``, ``nodes[1]``), what is wrong (naming the nodes), and a stable code
(``cid_cycle``, ``cid_unknown_node``, ...). The step builder (:class:`~cid.DiagramBuilder`)
raises the first problem of a step (:func:`raise_first`); the readers of whole diagrams
(:meth:`~cid.Diagram.from_edges`, the JSON spec) collect all of them into one
:class:`~cid.SpecError`.

Examples
--------
>>> children = {"A": ["B"], "B": ["C"], "C": []}
>>> new_edge_problems(children, "C", "A")
[('edge C -> A', 'edge C -> A would make a cycle: C -> A -> B -> C', 'cid_cycle')]
>>> cycle_problems({"A": ["B"], "B": ["A"]})
[('edges', 'the edges form a cycle: A -> B -> A', 'cid_cycle')]
"""

from __future__ import annotations

import re
import sys
import warnings
from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NoReturn

import networkx as nx

from cid.core.agents import missing_agent_message
from cid.core.names import close_matches, did_you_mean
from cid.core.nodes import (
    ATTRIBUTES,
    Chance,
    Decision,
    Node,
    Utility,
    check_domain,
    normalize_agents,
)
from cid.errors import CIDTypeError, CIDWarning, DiagramError, NodeNotFoundError

if TYPE_CHECKING:
    from cid.core.structure import Structure

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "Problem",
    "check_owners",
    "diagram_text_problems",
    "empty_agents_problems",
    "record_text_problems",
    "text_problems",
    "cycle_problems",
    "cycle_text",
    "decision_and_utility_problem",
    "edge_problems",
    "make_record",
    "missing_agent_problems",
    "new_edge_problems",
    "node_problems",
    "parent_problems",
    "raise_first",
    "record_attributes",
    "unknown_name_problems",
    "warn_agent_typos",
]

Problem = tuple[str, str, str]
"""``(location, message, code)``."""

MAX_NAME_LENGTH: Final = 200
"""The longest name (of a node, an agent or the diagram), in characters."""

MAX_TEXT_LENGTH: Final = 10_000
"""The longest label or description, in characters."""

_FORBIDDEN: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What no name may hold: the C0 and C1 control characters (tab and line feed included),
DEL, the line and paragraph separators, and lone surrogates (which no UTF-8 file can hold)."""

_FORBIDDEN_IN_TEXT: Final = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What no label or description may hold: as :data:`_FORBIDDEN`, but a line feed, which
starts a new line of the text (in a drawn node, in a tooltip)."""


def _shown(text: str, width: int = 40) -> str:
    """``text``, cut to ``width`` characters (a name too long to be quoted whole)."""
    return text if len(text) <= width else text[:width - 3] + "..."


def _what(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "a lone surrogate"
    if char in "\u2028\u2029":
        return "a line or paragraph separator"
    return "a control character"


def text_problems(value: object, field: str, loc: str, *, limit: int,
                  lines: bool = False) -> list[Problem]:
    """The problem with a piece of text of a diagram, if any: longer than ``limit``
    characters, or holding a character it may not hold.

    No text may hold a control character (C0 or C1, DEL), a line or paragraph separator, or
    a lone surrogate; a name is one line, and display text (``lines``: a label or a
    description) may hold line feeds. Limits: :data:`MAX_NAME_LENGTH`,
    :data:`MAX_TEXT_LENGTH`.

    ``field`` names the text in the message (``"the label of node X"``); the character is
    shown escaped, with its index. A value that is not a string is left to the type checks.

    Examples
    --------
    >>> text_problems("Θ^R_2\\nsecond line", "the label of node X", "nodes[0]", limit=100,
    ...               lines=True)
    []
    >>> text = text_problems("a\\x00b", "the label of node X", "nodes[0]", limit=100,
    ...                      lines=True)[0][1]
    >>> print(text)  # doctest: +ELLIPSIS
    the label of node X holds a control character '\\x00' at index 1: labels and ...
    """
    if not isinstance(value, str):
        return []
    if len(value) > limit:
        return [(loc, f"{field} is {len(value):,} characters long; at most {limit:,} are "
                 "allowed", "cid_text_too_long")]
    found = (_FORBIDDEN_IN_TEXT if lines else _FORBIDDEN).search(value)
    if found is None:
        return []
    char = found.group()
    rule = ("labels and descriptions break lines with '\\n' only, and hold no other control "
            "characters or lone surrogates" if lines
            else "names are one line, without control characters or lone surrogates")
    return [(loc, f"{field} holds {_what(char)} {char!r} at index {found.start()}: {rule}",
             "cid_control_character")]


def record_text_problems(record: Node, loc: str) -> list[Problem]:
    """The problems with the texts of a node record: its name, label, description, agent
    names and text values (see :func:`text_problems`)."""
    label, description = record.label or "", record.description or ""
    if (len(record.name) <= MAX_NAME_LENGTH and len(label) <= MAX_TEXT_LENGTH
            and len(description) <= MAX_TEXT_LENGTH and not _FORBIDDEN_IN_TEXT.search(label)
            and not _FORBIDDEN_IN_TEXT.search(description) and not record.owners
            and not record.domain):
        return []  # the common case, at once (a node name is an identifier: all printable)
    who = f"node {_shown(record.name)}"
    found = text_problems(record.name, f"the name of {who}", loc, limit=MAX_NAME_LENGTH)
    for key in ("label", "description"):
        found += text_problems(getattr(record, key), f"the {key} of {who}", loc,
                               limit=MAX_TEXT_LENGTH, lines=True)
    for agent in record.owners:
        found += text_problems(agent, f"the agent name {_shown(agent)!r} of {who}", loc,
                               limit=MAX_NAME_LENGTH)
    for value in record.domain or ():
        if isinstance(value, str):
            found += text_problems(value, f"the value {_shown(value)!r} of {who}", loc,
                                   limit=MAX_TEXT_LENGTH)
    return found


def diagram_text_problems(name: object, description: object) -> list[Problem]:
    """The problems with a diagram's name and description (see :func:`text_problems`)."""
    found = text_problems(name, "the diagram's name", "name", limit=MAX_NAME_LENGTH)
    shown = _shown(name) if isinstance(name, str) and not found else "diagram"
    return found + text_problems(description, f"the description of {shown!r}", "description",
                                 limit=MAX_TEXT_LENGTH, lines=True)


def empty_agents_problems(agent: object, owners: Sequence[str], node: str,
                          loc: str) -> list[Problem]:
    """An empty list of agents given for a utility (it would silently mean the diagram's
    only agent)."""
    if agent is None or owners:
        return []
    return [(loc, f"node {node}: the list of agents is empty; name the agent(s), or give no "
             "agent for the diagram's only agent", "cid_invalid_agent")]


def check_owners(agent: object, *, node: str) -> tuple[str, ...]:
    """The owners of a utility given as ``agent`` (see :func:`~cid.core.nodes.normalize_agents`);
    an empty list is refused (:class:`~cid.DiagramError`)."""
    owners = normalize_agents(agent, node=node)
    raise_first(empty_agents_problems(agent, owners, node, f"node {node}"))
    return owners


def cycle_text(path: Sequence[str]) -> str:
    """The one way a cycle is written: ``"cycle: A -> B -> A"``.

    >>> cycle_text(["X", "Y", "X"])
    'cycle: X -> Y -> X'
    """
    return "cycle: " + " -> ".join(path)


def raise_first(problems: Sequence[Problem]) -> None:
    """Raise the first problem as a :class:`~cid.CIDError` (nothing if there is none).

    ``cid_unknown_node`` raises :class:`~cid.NodeNotFoundError`, ``cid_type``,
    ``cid_invalid_edge`` of a non-string and ``cid_unknown_attribute``
    :class:`~cid.CIDTypeError`, anything else :class:`~cid.DiagramError`.
    """
    if problems:
        _raise(problems[0])


def _raise(problem: Problem) -> NoReturn:
    _, message, code = problem
    if code == "cid_unknown_node":
        raise NodeNotFoundError(message, code=code)
    if code in ("cid_type", "cid_unknown_attribute"):
        raise CIDTypeError(message, code=code)
    raise DiagramError(message, code=code)


def node_problems(existing: Mapping[str, Node], node: Node, loc: str) -> list[Problem]:
    """A node whose name is taken (a decision and a utility of the same name said so)."""
    old = existing.get(node.name)
    if old is None:
        return []
    if {old.kind, node.kind} == {"decision", "utility"}:
        return [decision_and_utility_problem(node.name, loc)]
    return [(loc, f"duplicate node name {node.name!r} (already a {old.kind} node)",
             "cid_duplicate_node")]


def decision_and_utility_problem(name: str, loc: str) -> Problem:
    """A node given as both a decision and a utility."""
    return (loc, f"node {name} cannot be both a decision and a utility",
            "cid_decision_and_utility")


def edge_problems(known: Collection[str], u: str, v: str, loc: str,
                  broken: Collection[str] = ()) -> list[Problem]:
    """An edge to an unknown node, or a self-loop.

    Nodes in ``broken`` exist but could not be read: edges to them are not reported again.
    """
    missing = [n for n in dict.fromkeys((u, v)) if n not in known]
    if missing:
        unknown = [n for n in missing if n not in broken]
        if not unknown:
            return []
        return [(loc, f"edge {u} -> {v}: unknown node {', '.join(map(repr, unknown))}"
                 f"{did_you_mean(unknown[0], known)}", "cid_unknown_node")]
    if u == v:
        return [(loc, f"self-loop on node {u}: {u} -> {u}", "cid_cycle")]
    return []


def parent_problems(name: str, parents: object, known: Collection[str]
                    ) -> tuple[list[str], list[Problem]]:
    """The checked parents of a new node ``name`` (a name listed twice counts once), and
    the problems: not a list of names, an unknown parent, the node itself."""
    loc = f"node {name}"
    if isinstance(parents, str):
        parents = [parents]
    if isinstance(parents, Mapping) or not isinstance(parents, Iterable):
        return [], [(loc, f"node {name}: parents must be a list of node names, got {parents!r}",
                     "cid_type")]
    checked: dict[str, None] = {}
    for p in parents:
        if not isinstance(p, str):
            return [], [(loc, f"node {name}: a parent is a node name, got {p!r}", "cid_type")]
        if p == name:
            return [], [(loc, f"self-loop on node {name}: {name} -> {name}", "cid_cycle")]
        if p not in known:
            return [], [(loc, f"node {name}: unknown parent {p!r} (add parents before their "
                         f"children){did_you_mean(p, known)}", "cid_unknown_node")]
        checked[p] = None
    return list(checked), []


def new_edge_problems(children: Mapping[str, Sequence[str]], parent: str,
                      child: str) -> list[Problem]:
    """Whether the new edge ``parent -> child`` closes a cycle (a shortest one is named)."""
    before: dict[str, str] = {child: child}
    queue = deque([child])
    while queue:
        n = queue.popleft()
        if n == parent:
            path = [parent]
            while path[-1] != child:
                path.append(before[path[-1]])
            cycle = [parent, *reversed(path)]
            return [(f"edge {parent} -> {child}",
                     f"edge {parent} -> {child} would make a {cycle_text(cycle)}", "cid_cycle")]
        for c in children[n]:
            if c not in before:
                before[c] = n
                queue.append(c)
    return []


def cycle_problems(children: Mapping[str, Iterable[str]]) -> list[Problem]:
    """One problem per tangle (strongly connected component) that holds a cycle; tangles
    and their starts in the order of ``children``."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(children)
    graph.add_edges_from((u, v) for u, vs in children.items() for v in vs)
    rank = {n: i for i, n in enumerate(children)}
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    out: list[Problem] = []
    for component in sorted(components, key=lambda c: min(rank[n] for n in c)):
        start = min(component, key=rank.__getitem__)
        cycle = nx.find_cycle(graph.subgraph(component), source=start)
        names = [str(e[0]) for e in cycle] + [str(cycle[0][0])]
        out.append(("edges", f"the edges form a {cycle_text(names)}", "cid_cycle"))
    return out


def missing_agent_problems(records: Mapping[str, Node],
                           where: Mapping[str, str]) -> list[Problem]:
    """The decisions and utilities naming no agent in a diagram with several agents."""
    named = sorted({a for r in records.values() for a in r.owners})
    if len(named) < 2:
        return []
    return [(where[r.name], missing_agent_message([(r.kind, r.name)], named), "cid_missing_agent")
            for r in records.values() if r.kind != "chance" and not r.owners]


def unknown_name_problems(names: Iterable[str], known: Collection[str], loc: str,
                          why: str) -> list[Problem]:
    """One problem per name of ``names`` that is not ``known``, with close matches.

    >>> unknown_name_problems(["Nope"], ["D", "U"], "decisions", "in no edge")
    [('decisions', "unknown node 'Nope' in decisions: in no edge", 'cid_unknown_node')]
    """
    return [(loc, f"unknown node {n!r} in {loc}: {why}{did_you_mean(n, known)}",
             "cid_unknown_node") for n in names if n not in known]


def record_attributes(name: object, kind: str, label: object, description: object,
                      domain: object, step: object, counterfactual: object,
                      unknown: Mapping[str, object]) -> dict[str, object]:
    """The keyword arguments of a new node record, its domain checked and made a tuple.

    Raises
    ------
    CIDTypeError
        ``unknown`` holds a keyword that is no attribute of a ``kind`` node.
    DiagramError
        The domain is invalid (see :func:`cid.core.nodes.check_domain`).
    """
    if unknown:
        keys = ", ".join(map(repr, unknown))
        allowed = ", ".join(ATTRIBUTES) + ("" if kind == "chance" else ", agent")
        raise CIDTypeError(f"{kind} {name}: unknown attribute {keys}; a {kind} node has "
                           f"{allowed}", code="cid_unknown_attribute")
    if domain is not None:
        domain = check_domain(domain, node=str(name))
    return {"label": label, "description": description, "domain": domain, "step": step,
            "counterfactual": counterfactual}


def warn_agent_typos(s: Structure, *, added: Collection[str] | None = None) -> None:
    """Warn (:class:`~cid.CIDWarning`) when some agents have decisions but no utilities while
    others have utilities but no decisions: the signature of a misspelt agent name.

    An agent with utilities only (a principal) or decisions only is fine on its own.

    ``s`` is the structure of the diagram (see :class:`~cid.core.structure.Structure`). A
    diagram built step by step passes the agents a step has just ``added``: it is warned
    only when one of them is on one side of the signature and its name looks like a
    misspelling of an agent on the other side (``'alcie'`` and ``'alice'``; not ``'player1'``
    and ``'player2'``), since while a diagram is being built an agent may have its decisions
    and not yet its utilities.
    """
    if len(s.agents.agents) < 2:
        return
    deciding = {a for r in s.nodes.values() if r.kind == "decision" for a in s.agents.owners(r)}
    rewarded = {a for r in s.nodes.values() if r.kind == "utility" for a in s.agents.owners(r)}
    no_utility = sorted(deciding - rewarded)
    no_decision = sorted(rewarded - deciding)
    if added is not None and not any(
            _misspelt(a, no_decision if a in no_utility else no_utility)
            for a in added if a in no_utility or a in no_decision):
        return
    if no_utility and no_decision:
        warnings.warn(
            f"diagram {s.name!r}: {_agents_phrase(no_utility)} decisions but no utilities, "
            f"and {_agents_phrase(no_decision)} utilities but no decisions; is an agent name "
            "misspelt?", CIDWarning, stacklevel=_caller_level())


def _misspelt(name: str, others: list[str]) -> bool:
    """Whether ``name`` looks like a misspelling of one of ``others``: a close match that
    differs in more than its digits (``agent1`` and ``agent2`` are numbered agents)."""
    letters = re.sub(r"\d", "", name)
    return any(re.sub(r"\d", "", other) != letters for other in close_matches(name, others))


def _agents_phrase(agents: list[str]) -> str:
    listed = ", ".join(map(repr, agents))
    return f"agent {listed} has" if len(agents) == 1 else f"agents {listed} have"


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside :mod:`cid` (the user's call)."""
    level, frame = 2, sys._getframe(2)
    while frame.f_back is not None and _in_cid(frame.f_globals.get("__name__")):
        frame, level = frame.f_back, level + 1
    return level


def _in_cid(module: object) -> bool:
    return isinstance(module, str) and (module == "cid" or module.startswith("cid."))


def make_record(kind: str, name: str, *, agent: object = None, label: object = None,
                description: object = None, domain: object = None, step: object = None,
                counterfactual: object = False, unknown: Mapping[str, object]) -> Node:
    """The record of a new ``kind`` node from builder arguments (all of them checked).

    Raises
    ------
    CIDTypeError
        An unknown keyword or a value of the wrong type.
    DiagramError
        An invalid name, domain or agent.
    """
    attributes: dict[str, Any] = record_attributes(name, kind, label, description, domain,
                                                   step, counterfactual, unknown)
    if kind == "decision":
        return Decision(name, agent=agent, **attributes)  # type: ignore[arg-type]
    if kind == "utility":
        return Utility(name, agents=check_owners(agent, node=name), **attributes)
    return Chance(name, **attributes)
