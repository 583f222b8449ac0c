"""The four graphical incentive criteria, and :func:`explain`.

Each criterion takes a diagram and one of its decisions and returns the set of nodes that
admit the incentive, in time linear in the size of the diagram. The decision's agent sees the
other agents' decisions and utilities as chance nodes; a utility shared by several agents
counts for each of them.

References
----------
.. [1] T. Everitt, R. Carey, E. Langlois, P. A. Ortega, S. Legg, "Agent Incentives: A Causal
   Perspective", AAAI 2021, arXiv:2102.01685.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cid.errors import DiagramError, NodeNotFoundError
from cid.incentives.engine import AgentAnalysis, DecisionAnalysis, DiagramGraph
from cid.incentives.kinds import IncentiveKind
from cid.incentives.witness import Witness

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = [
    "explain",
    "instrumental_control_incentives",
    "response_incentives",
    "value_of_control",
    "value_of_information",
]


def check_decision(diagram: Diagram, decision: str) -> None:
    """Raise a :class:`~cid.CIDError` naming ``decision`` unless it is a decision node."""
    if not isinstance(decision, str) or decision not in diagram:
        raise NodeNotFoundError(
            f"unknown decision {decision!r}: diagram {diagram.name!r} has no such node "
            f"(its decisions are {', '.join(diagram.decisions) or 'none'})")
    kind = diagram.kind(decision)
    if kind != "decision":
        raise DiagramError(
            f"{decision} is a {kind} node, not a decision (the decisions of "
            f"{diagram.name!r} are {', '.join(diagram.decisions) or 'none'})",
            code="cid_not_a_decision")


def check_node(diagram: Diagram, node: str) -> None:
    """Raise :class:`~cid.NodeNotFoundError` naming ``node`` unless the diagram has it."""
    if not isinstance(node, str) or node not in diagram:
        raise NodeNotFoundError(f"unknown node {node!r} in diagram {diagram.name!r}")


def agent_view(diagram: Diagram, agent: str, base: DiagramGraph | None = None) -> AgentAnalysis:
    """The analysis of one agent (``base`` is the diagram's structure, shared by agents)."""
    return AgentAnalysis(DiagramGraph(diagram) if base is None else base, agent,
                         diagram.decisions_of(agent), diagram.utilities_of(agent))


def _analysis(diagram: Diagram, decision: str) -> DecisionAnalysis:
    check_decision(diagram, decision)
    return agent_view(diagram, diagram.agent_of(decision)).decision(decision)


def value_of_information(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes whose value the agent would want to know before making ``decision``.

    Parameters
    ----------
    diagram : Diagram
    decision : str
        A decision node of ``diagram``.

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError
        If ``decision`` is not a node of ``diagram``.
    DiagramError
        If ``decision`` is not a decision node.

    Notes
    -----
    :math:`X \\notin \\mathrm{Desc}(D) \\cup \\{D\\}` admits value of information iff
    :math:`X \\to D` is a requisite observation in the minimal d-reduction of the graph with
    the edge :math:`X \\to D` added. For one decision this is one Bayes-ball pass
    (:math:`X` d-connected to :math:`U_D` given :math:`\\mathrm{Fa}(D)`); for several, the
    nodes on which the one-pass lower and upper bounds disagree are decided by the
    definition.

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the value of information criterion (a theorem building on
       Fagiuoli & Zaffalon 1998 and Lauritzen & Nilsson 2001, proven complete there).

    Examples
    --------
    Grade prediction: the predictor ``P`` would like to know high school, education and
    grade, which are informative of the accuracy ``Ac``; not race (screened off by ``HS``)
    nor gender.

    >>> import cid
    >>> d = cid.Diagram.from_edges(
    ...     ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
    ...     decisions=["P"], utilities=["Ac"])
    >>> sorted(cid.value_of_information(d, "P"))
    ['E', 'Gr', 'HS']
    """
    return _analysis(diagram, decision).voi


def response_incentives(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes that ``decision`` has an incentive to respond to.

    Parameters
    ----------
    diagram : Diagram
    decision : str

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError, DiagramError
        As for :func:`value_of_information`.

    Notes
    -----
    :math:`X \\neq D` admits a response incentive iff the minimal d-reduction
    :math:`G^*` has a directed path :math:`X \\rightsquigarrow D`.

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the response incentive criterion (theorem and Definition of
       response incentive).

    Examples
    --------
    The grade predictor responds to race, through high school, but not to gender.

    >>> import cid
    >>> d = cid.Diagram.from_edges(
    ...     ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
    ...     decisions=["P"], utilities=["Ac"])
    >>> sorted(cid.response_incentives(d, "P"))
    ['HS', 'R']
    """
    return _analysis(diagram, decision).ri


def value_of_control(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes that the agent of ``decision`` would gain from controlling.

    Parameters
    ----------
    diagram : Diagram
    decision : str
        Selects the agent; the answer is the same for all of that agent's decisions.

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError, DiagramError
        As for :func:`value_of_information`.

    Notes
    -----
    :math:`X`, not a decision of the agent, admits value of control iff :math:`X` is one of
    the agent's utility nodes :math:`U` or :math:`G^*` has a directed path
    :math:`X \\rightsquigarrow U`. All of the agent's utility nodes count, as in the
    theorem, not only those descending from the decision (``U_D``): controlling a node
    upstream of a utility is valuable even when the decision cannot influence it. The two
    readings differ even for one decision: with ``S -> U1`` and ``D -> U2``, value of control
    is on ``S``, ``U1`` and ``U2`` (with ``U_D`` it would be on ``U2`` only).

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the value of control criterion (sound and complete theorem).

    Examples
    --------
    Content recommendation: the recommender ``P`` values control over the user's original
    opinions ``O``, its model of them ``M``, the influenced opinions ``I`` and the clicks ``C``.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["O -> I -> C", "O -> M -> P -> I", "P -> C"],
    ...                            decisions=["P"], utilities=["C"])
    >>> sorted(cid.value_of_control(d, "P"))
    ['C', 'I', 'M', 'O']
    >>> two = cid.Diagram.from_edges(["S -> U1", "D -> U2"], decisions=["D"],
    ...                              utilities=["U1", "U2"])
    >>> sorted(cid.value_of_control(two, "D"))
    ['S', 'U1', 'U2']
    """
    return _analysis(diagram, decision).agent.voc


def instrumental_control_incentives(diagram: Diagram, decision: str) -> frozenset[str]:
    """The nodes that ``decision`` has an incentive to influence, as a means to utility.

    Parameters
    ----------
    diagram : Diagram
    decision : str

    Returns
    -------
    frozenset of str

    Raises
    ------
    NodeNotFoundError, DiagramError
        As for :func:`value_of_information`.

    Notes
    -----
    :math:`X` admits an instrumental control incentive iff the diagram (not its reduction)
    has a directed path :math:`D \\rightsquigarrow X \\rightsquigarrow U_D`, where
    :math:`U_D` are the agent's utility nodes descending from :math:`D`; :math:`X = D` and
    :math:`X \\in U_D` count.

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the instrumental control incentive criterion (theorem, via
       nested counterfactuals).

    Examples
    --------
    The recommender has an incentive to influence the user's opinions ``I``.

    >>> import cid
    >>> d = cid.Diagram.from_edges(["O -> I -> C", "O -> M -> P -> I", "P -> C"],
    ...                            decisions=["P"], utilities=["C"])
    >>> sorted(cid.instrumental_control_incentives(d, "P"))
    ['C', 'I', 'P']
    """
    return _analysis(diagram, decision).ici


_MEMBERS = {
    IncentiveKind.VALUE_OF_INFORMATION: lambda a: a.voi,
    IncentiveKind.RESPONSE_INCENTIVE: lambda a: a.ri,
    IncentiveKind.VALUE_OF_CONTROL: lambda a: a.agent.voc,
    IncentiveKind.INSTRUMENTAL_CONTROL_INCENTIVE: lambda a: a.ici,
}


def make_witness(analysis: DecisionAnalysis, kind: IncentiveKind, node: str) -> Witness | None:
    """The (lazy) witness for ``node`` from a computed analysis, or ``None`` if it has no
    incentive; its path is found when first read."""
    if node not in _MEMBERS[kind](analysis):
        return None
    return Witness(kind, analysis.decision, node, analysis)


def explain(diagram: Diagram, decision: str, node: str,
            kind: IncentiveKind | str) -> Witness | None:
    """Why ``node`` admits an incentive of ``kind`` for ``decision``: a witness, or ``None``.

    Parameters
    ----------
    diagram : Diagram
    decision : str
    node : str
    kind : IncentiveKind or str
        ``"value_of_information"``, ``"response_incentive"``, ``"value_of_control"``,
        ``"instrumental_control_incentive"``, or a short label (``"VoI"``, ...).

    Returns
    -------
    Witness or None
        The path (a d-connecting trail for value of information, a directed path otherwise)
        and, in :attr:`Witness.graph`, the graph it lives in; ``None`` when ``node`` does
        not admit the incentive.

    Raises
    ------
    NodeNotFoundError
        If ``decision`` or ``node`` is not in the diagram.
    DiagramError
        If ``decision`` is not a decision node, or ``kind`` names no criterion.

    Notes
    -----
    A witness is the certificate of a graphical criterion: a trail from ``node`` to a
    utility node active given ``Fa(D) \\ {node}`` in the reduced graph of the value of
    information definition, a directed path ``node ⇝ D`` (response) or ``node ⇝ U``
    (control) in the minimal d-reduction, or ``D ⇝ node ⇝ U`` in the diagram (instrumental
    control).

    References
    ----------
    .. [1] T. Everitt et al., "Agent Incentives: A Causal Perspective", AAAI 2021,
       arXiv:2102.01685, the four graphical criteria.

    Examples
    --------
    >>> import cid
    >>> d = cid.Diagram.from_edges(
    ...     ["R -> HS -> E -> Gr -> Ac", "P -> Ac", "HS -> P", "Ge -> P"],
    ...     decisions=["P"], utilities=["Ac"])
    >>> print(cid.explain(d, "P", "R", "response_incentive"))
    R → HS → P
    >>> cid.explain(d, "P", "Ge", "RI") is None
    True
    """
    k = IncentiveKind.parse(kind)
    analysis = _analysis(diagram, decision)
    check_node(diagram, node)
    return make_witness(analysis, k, node)
