"""The zoo: the AI-safety framework diagrams of the CID papers, with the papers' claims.

Every entry is a figure from Everitt, Kumar, Krakovna, Legg (2019, "Modeling AGI Safety
Frameworks with Causal Influence Diagrams"), Everitt, Hutter, Kumar, Krakovna (2021, "Reward
Tampering Problems and Solutions") or the worked examples of Everitt et al. (2021, "Agent
Incentives: A Causal Perspective"), built with the public DSL. Each comes with the incentive
statements its paper makes, as claims the incentive engine checks.

Examples
--------
>>> import zoo
>>> zoo.names()[:3]
['belief_based_ti_considering', 'belief_based_ti_ignoring', 'cirl']
>>> zoo.build("mdp")
<Diagram 'mdp': 8 nodes, 2 decisions, 3 utilities, 1 agent>
>>> zoo.build("mdp", horizon=5).decisions
('A1', 'A2', 'A3', 'A4')
>>> zoo.entry("wireheading").reference.short
'EKKL19 wireheading (modifiable reward function) figure (section not verified)'
>>> zoo.build("wirehead")
Traceback (most recent call last):
...
cid.errors.NodeNotFoundError: unknown zoo entry 'wirehead'; did you mean 'wireheading'?
>>> zoo.build("MDP")
Traceback (most recent call last):
...
cid.errors.NodeNotFoundError: unknown zoo entry 'MDP'; did you mean 'mdp' or 'pomdp'?
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from cid.errors import NodeNotFoundError
from zoo import fairness, mdp, multi_agent, oracles, reward_learning, reward_tampering, rf_inputs
from zoo.claims import Claim, ClaimVerdict
from zoo.entry import Entry, Reference
from zoo.summary import summary_line

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "Claim",
    "ClaimVerdict",
    "Entry",
    "Reference",
    "build",
    "entries",
    "entry",
    "names",
    "summary_line",
]

_FAMILIES = (mdp, reward_tampering, rf_inputs, reward_learning, oracles, multi_agent, fairness)
_REGISTRY: dict[str, Entry] = {e.name: e for family in _FAMILIES for e in family.ENTRIES}


def names() -> list[str]:
    """The names of all zoo entries, sorted."""
    return sorted(_REGISTRY)


def entries() -> list[Entry]:
    """All entries, in the order of :func:`names`."""
    return [_REGISTRY[n] for n in names()]


def entry(name: str) -> Entry:
    """The :class:`Entry` called ``name``.

    Raises
    ------
    cid.NodeNotFoundError
        No such entry; the message lists close matches.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        close = _close_matches(str(name))
        hint = (f"; did you mean {' or '.join(repr(c) for c in close)}?" if close
                else f"; the entries are {', '.join(names())}")
        raise NodeNotFoundError(f"unknown zoo entry {name!r}{hint}",
                                code="cid_unknown_zoo_entry") from None


def _close_matches(name: str) -> list[str]:
    """Entry names close to ``name``, ignoring case (``"MDP"`` suggests ``"mdp"``)."""
    folded = {n.casefold(): n for n in names()}
    hits = difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)
    return [folded[h] for h in hits]


def build(name: str, **params: Any) -> Diagram:
    """Build the diagram of entry ``name`` (``params``: e.g. ``horizon`` for MDP-shaped ones)."""
    return entry(name).build(**params)
