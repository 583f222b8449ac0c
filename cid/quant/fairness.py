"""Introduced unfairness: does an optimal predictor depend more on a sensitive attribute
than the label it is trained on?

References
----------
C. Ashurst, R. Carey, S. Chiappa, T. Everitt, "Why Fair Labels Can Yield Unfair
Predictions: Graphical Conditions for Introduced Unfairness", AAAI 2022, arXiv:2202.10816.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from cid.errors import DiagramError
from cid.quant.model import Model
from cid.quant.solve import solve
from cid.quant.value import total_effect

__all__ = ["introduced_total_effect"]


def introduced_total_effect(model: Model, sensitive: str, value: Hashable, baseline: Hashable,
                            *, decision: str, label: str,
                            policy: Mapping[str, object] | None = None) -> float:
    """How much more the sensitive attribute moves the prediction than the label.

    The *introduced total effect* of Ashurst et al. (2022) compares two total effects of
    setting the sensitive attribute ``A`` to ``a`` (``value``) rather than ``a'``
    (``baseline``): on the predictor's decision ``D`` under an optimal policy, and on the
    label ``Y`` it is trained to predict,

    .. math:: \\mathrm{ITE} = |\\mathrm{TE}_{a,a'}(D)| - |\\mathrm{TE}_{a,a'}(Y)|,
              \\qquad \\mathrm{TE}_{a,a'}(V) = E[V \\mid do(A=a)] - E[V \\mid do(A=a')].

    A positive value is *introduced* unfairness: the predictions respond to ``A`` more than
    the labels do, even when the labels are fair (``TE(Y) = 0``).

    Parameters
    ----------
    model : Model
    sensitive : str
        The sensitive attribute ``A`` (a chance node).
    value, baseline : hashable
        The two values of ``A`` compared.
    decision : str
        The predictor ``D`` (a decision with numeric values).
    label : str
        The label ``Y`` (a node with numeric values, or a utility node).
    policy : mapping, optional
        The predictor's rules (and any other decision's); default: an optimal policy of the
        model, the same in both worlds.

    Returns
    -------
    float

    Raises
    ------
    DiagramError
        ``decision`` is not a decision, or ``sensitive`` is a decision.

    References
    ----------
    C. Ashurst, R. Carey, S. Chiappa, T. Everitt, AAAI 2022, arXiv:2202.10816, the
    definition of introduced total effect.

    Examples
    --------
    The label depends on a skill ``S`` only; the predictor sees only a proxy ``P`` that the
    sensitive attribute ``A`` shifts. Fair labels, unfair predictions:

    >>> import cid
    >>> d = cid.Diagram.from_edges(["A -> P", "S -> P -> D", "S -> Y", "D, Y -> U"],
    ...                            decisions=["D"], utilities=["U"])
    >>> m = cid.Model(d, {"A": [0.5, 0.5], "S": [0.5, 0.5], "Y": [[1.0, 0.0], [0.0, 1.0]],
    ...                   "P": lambda A, S: {0: 1.0} if A + S == 0 else (
    ...                        {1: 1.0} if A + S == 2 else {0: 0.5, 1: 0.5}),
    ...                   "U": lambda D, Y: -float(D - Y) ** 2}, {"D": [0, 1]})
    >>> introduced_total_effect(m, "A", 1, 0, decision="D", label="Y")
    0.5
    """
    d = model.diagram
    if d.kind(decision) != "decision":
        raise DiagramError(f"introduced total effect: {decision} is a {d.kind(decision)} node, "
                           "not the predictor's decision", code="cid_invalid_argument")
    if d.kind(sensitive) == "decision":
        raise DiagramError(f"introduced total effect: the sensitive attribute {sensitive} is a "
                           "decision", code="cid_invalid_argument")
    rules: Mapping[str, object]
    if policy is not None and set(d.decisions) <= set(policy):
        rules = policy
    else:
        agent = d.agent_of(decision) if len(d.agents) > 1 else None
        rules = solve(model, agent, policy=policy).policy
    on_decision = total_effect(model, sensitive, value, baseline, target=decision, policy=rules)
    on_label = total_effect(model, sensitive, value, baseline, target=label, policy=rules)
    return abs(on_decision) - abs(on_label)
