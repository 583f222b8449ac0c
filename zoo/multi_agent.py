"""Multi-agent safety frameworks: AI safety via debate (EKKL19).

Two agents argue in turn about a question before a human judge, and the judge's verdict pays
one and costs the other. The diagram is a multi-agent CID: each debater's statements are its
decisions, and from one debater's point of view the opponent's statements are chance nodes it
can sway. (The other multi-agent diagrams of the zoo, CIRL and the two-selves reward-tampering
diagrams, live with their families.)

>>> from zoo.multi_agent import debate
>>> debate().agents
('1', '2')
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from zoo.claims import Claim
from zoo.entry import EKKL19, Entry, Reference

__all__ = ["ENTRIES", "debate"]



def debate() -> Diagram:
    """Debate (Irving et al. 2018): statements X1 (agent 1), X2 (agent 2), X3 (agent 1).

    Each statement is made after the question and the earlier statements; the judge ``J``
    reads everything, and the utilities are zero-sum (``U_2 = -U_1``, not visible in the graph).
    """
    d = DiagramBuilder("debate", description="AI safety via debate (EKKL19; Irving et al. 2018)")
    d.chance("Q", description="the question")
    d.decision("X1", ["Q"], agent="1", label="X_1", step=1, description="opening statement")
    d.decision("X2", ["Q", "X1"], agent="2", label="X_2", step=2, description="reply")
    d.decision("X3", ["Q", "X1", "X2"], agent="1", label="X_3", step=3, description="rebuttal")
    d.chance("J", ["Q", "X1", "X2", "X3"], description="the human judge's verdict")
    d.utility("U1", ["J"], agent="1", label="U_1", description="debater 1's payoff")
    d.utility("U2", ["J"], agent="2", label="U_2", description="debater 2's payoff (= -U_1)")
    return d.build()


_DEBATE = "EKKL19 debate (section not verified)"

ENTRIES = (
    Entry(
        name="debate",
        title="AI safety via debate (two-agent zero-sum)",
        family="multi_agent",
        reference=Reference(EKKL19, None, "debate figure", note="after Irving et al. (2018)"),
        summary=(
            "Two debaters take turns making statements about a question and a human judge "
            "decides who argued better; one debater's gain is the other's loss. Both want to "
            "sway the judge, and each also wants to steer what the opponent says next, since "
            "that reply reaches the judge too."
        ),
        builder=debate,
        focus="X1",
        confidence="low",
        reading=(
            "Reconstructed: alternating statements X1 (agent 1), X2 (agent 2), X3 (agent 1), "
            "each seeing the question and the earlier statements; the judge J is a chance node; "
            "U2 = -U1. Agents are named '1' and '2'."
        ),
        claims=(
            Claim("ICI", decision="X1", node="J", source=_DEBATE,
                  quote="paraphrase: each debater's utility depends only on the judge's verdict"),
            Claim("ICI", decision="X2", node="J", source=_DEBATE),
            Claim("ICI", decision="X1", node="X2", source=f"{_DEBATE}: X1 -> X2 -> J"),
            Claim("ICI", decision="X2", node="X3", source=f"{_DEBATE}: X2 -> X3 -> J"),
            Claim("VoI", decision="X2", node="X1",
                  source=f"{_DEBATE}, graphical reading: the reply answers X1"),
        ),
    ),
)
