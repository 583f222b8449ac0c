"""Incentive queries by kind: the nodes with an incentive, and "only via" some nodes.

These take the kind as data (any spelling :func:`~cid.incentives.kinds.parse_kind` reads),
for code that checks statements about diagrams, such as the zoo's paper claims.

>>> import cid
>>> d = cid.Diagram.from_edges(["D1 -> X -> D2 -> U"], decisions=["D1", "D2"],
...                            utilities=["U"])
>>> sorted(cid.incentive_nodes(d, "D1", "ICI"))
['D1', 'D2', 'U', 'X']
>>> cid.only_via(d, "D1", "X", via=["D2"], kind="ICI")
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from cid.incentives import control, criteria
from cid.incentives.criteria import check_decision, check_node
from cid.incentives.kinds import ControlKind, IncentiveKind, parse_kind

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["incentive_nodes", "only_via"]

_CRITERIA: dict[IncentiveKind | ControlKind, Callable[[Diagram, str], frozenset[str]]] = {
    IncentiveKind.VALUE_OF_INFORMATION: criteria.value_of_information,
    IncentiveKind.RESPONSE_INCENTIVE: criteria.response_incentives,
    IncentiveKind.VALUE_OF_CONTROL: criteria.value_of_control,
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: criteria.instrumental_control_incentives,
    ControlKind.DIRECT_VALUE_OF_CONTROL: control.direct_value_of_control,
    ControlKind.INDIRECT_VALUE_OF_CONTROL: control.indirect_value_of_control,
}


def incentive_nodes(diagram: Diagram, decision: str,
                    kind: IncentiveKind | ControlKind | str) -> frozenset[str]:
    """The nodes with an incentive of ``kind`` for ``decision``.

    Parameters
    ----------
    diagram : Diagram
    decision : str
    kind : IncentiveKind, ControlKind or str
        One of the four criteria or of the two kinds of value of control, in any spelling
        (``"ICI"``, ``"value of information"``, ``"direct VoC"``, ...).

    Returns
    -------
    frozenset of str
        What the kind's function (:func:`cid.value_of_information`, ...) returns.

    Raises
    ------
    NodeNotFoundError, DiagramError
        An unknown decision or kind, or a node that is not a decision.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"],
    ...                            utilities=["U"])
    >>> sorted(cid.incentive_nodes(d, "D", "VoI"))
    ['S']
    """
    return _CRITERIA[parse_kind(kind)](diagram, decision)


def _cut(diagram: Diagram, via: Iterable[str]) -> Diagram:
    """``diagram`` without the edges out of the ``via`` nodes."""
    cut = diagram
    for v in via:
        for child in diagram.children(v):
            cut = cut.without_edge(v, child)
    return cut


def only_via(diagram: Diagram, decision: str, node: str, via: str | Iterable[str],
             kind: IncentiveKind | ControlKind | str) -> bool:
    """Whether ``node`` has an incentive of ``kind`` for ``decision`` *only via* ``via``.

    True iff ``node`` has the incentive and loses it once every edge out of the ``via``
    nodes is cut: every reason for the incentive passes through them. The typical use is an
    incentive that exists only through the agent's later decisions (Everitt, Kumar,
    Krakovna, Legg, "Modeling AGI Safety Frameworks with Causal Influence Diagrams", 2019,
    and the reward-tampering paper, Sec. 2.2: when every path from a node to a reward
    passes the agent's own later actions, the only instrumental goal for the node is to
    make it informative).

    Parameters
    ----------
    diagram : Diagram
    decision, node : str
    via : str or iterable of str
        The nodes every reason should pass (``node`` itself cannot be one).
    kind : IncentiveKind, ControlKind or str
        As for :func:`incentive_nodes`.

    Returns
    -------
    bool

    Raises
    ------
    NodeNotFoundError
        If ``decision``, ``node`` or a ``via`` node is not in the diagram.
    DiagramError
        If ``decision`` is not a decision, ``kind`` is unknown, or ``node`` is in ``via``.

    Examples
    --------
    ``X`` is worth influencing for ``D1`` only because the later decision ``D2`` sees it;
    with ``X -> U`` it is worth influencing directly too.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["D1 -> X -> D2 -> U"], decisions=["D1", "D2"],
    ...                            utilities=["U"])
    >>> cid.only_via(d, "D1", "X", "D2", kind="ICI")
    True
    >>> cid.only_via(d.with_edge("X", "U"), "D1", "X", "D2", kind="ICI")
    False
    """
    from cid.errors import DiagramError

    k = parse_kind(kind)
    check_decision(diagram, decision)
    check_node(diagram, node)
    nodes = (via,) if isinstance(via, str) else tuple(dict.fromkeys(via))
    for v in nodes:
        check_node(diagram, v)
    if node in nodes:
        raise DiagramError(f"only_via: {node} cannot be among the nodes it goes via",
                           code="cid_invalid_argument")
    if node not in incentive_nodes(diagram, decision, k):
        return False
    return node not in incentive_nodes(_cut(diagram, nodes), decision, k)
