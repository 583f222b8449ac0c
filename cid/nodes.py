"""The node records (re-exported from :mod:`cid.core.nodes`, where they are defined).

>>> from cid.nodes import Decision
>>> Decision("A1", agent="robot")
Decision(name='A1', agent='robot')
"""

from cid.core.names import check_identifier
from cid.core.nodes import (
    ATTRIBUTES,
    NODE_KINDS,
    Chance,
    Decision,
    DomainValue,
    Node,
    NodeKind,
    Utility,
    check_agent,
    check_domain,
    normalize_agents,
    retype,
)

__all__ = [
    "ATTRIBUTES",
    "Chance",
    "Decision",
    "DomainValue",
    "NODE_KINDS",
    "Node",
    "NodeKind",
    "Utility",
    "check_agent",
    "check_domain",
    "check_identifier",
    "normalize_agents",
    "retype",
]
