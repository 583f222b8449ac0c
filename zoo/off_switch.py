"""The off-switch game (Hadfield-Menell, Dragan, Abbeel, Russell 2017) with numbers.

A robot R1 may act, switch itself off, or propose the action to a human H. The human knows
the action's utility ``Ua`` to both of them and, when asked, presses the off switch or allows
the action; a second robot decision R2 (seeing R1 and H) then acts or stays off. Human and
robot share the utility ``U``: a common-payoff MAID, whose team optimum is to propose, let the
human press exactly when ``Ua < 0``, and act exactly when allowed.

The numbers (``Ua`` in {-2, -1, 1, 3} with probabilities .2, .3, .3, .2) are ours, chosen so
that deferring to the human (0.9) beats acting at once (0.2, the mean of ``Ua``) and switching
off (0).

>>> import cid
>>> from zoo.off_switch import OPTIMUM, off_switch
>>> round(cid.solve(off_switch()).meu, 12) == OPTIMUM
True
"""

from __future__ import annotations

from collections.abc import Hashable

import cid

__all__ = ["OPTIMUM", "UA_PRIOR", "off_switch", "off_switch_diagram"]

UA_PRIOR: dict[Hashable, float] = {-2: 0.2, -1: 0.3, 1: 0.3, 3: 0.2}
"""The prior over the action's utility ``Ua``."""

OPTIMUM = 0.9
"""The team's maximum expected utility: ``E[max(Ua, 0)]`` = .3 * 1 + .2 * 3."""


def off_switch_diagram() -> cid.Diagram:
    """The off-switch game's diagram: robot decisions R1, R2, human decision H, shared U."""
    return cid.Diagram.from_edges(
        ["R1 -> H", "Ua -> H", "R1 -> R2", "H -> R2", "R1 -> U", "R2 -> U", "Ua -> U"],
        decisions={"robot": ["R1", "R2"], "human": ["H"]},
        utilities={"robot": ["U"], "human": ["U"]}, name="off_switch")


def _utility(R1: str, R2: str, Ua: int) -> float:
    if R1 == "act":
        return float(Ua)
    if R1 == "off":
        return 0.0
    return float(Ua) if R2 == "act" else 0.0


def off_switch(prior: dict[Hashable, float] | None = None) -> cid.Model:
    """The off-switch game as a numeric common-payoff model (``prior`` over ``Ua``)."""
    prior = dict(UA_PRIOR if prior is None else prior)
    return cid.Model(off_switch_diagram(), cpds={"Ua": prior, "U": _utility},
                     domains={"R1": ["act", "off", "propose"], "H": ["allow", "press"],
                              "R2": ["act", "off"], "Ua": list(prior)})
