"""Question-answering systems: supervised learning, self-fulfilling prophecies, the
counterfactual oracle, and iterated distillation and amplification (EKKL19).

An oracle answers questions and is scored against the truth. Whether that is safe depends on
whether its answer can change the truth it is scored against: a supervised learner's labels
do not depend on its answer, but a deployed oracle's answers are read and acted on, which
creates an incentive to make predictions come true. Armstrong's counterfactual oracle scores
the answer against the world in which nobody reads it, a twin network.

>>> from zoo.oracles import counterfactual_oracle
>>> counterfactual_oracle().parents("R")
('A', 'S_cf')
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from cid.twin import twin_network
from zoo.claims import Claim
from zoo.entry import EKKL19, Entry, Reference

__all__ = [
    "ENTRIES",
    "counterfactual_oracle",
    "ida",
    "self_fulfilling_prophecy",
    "supervised_learning",
]



def supervised_learning() -> Diagram:
    """A question-answering system trained by supervised learning (a tool AI)."""
    d = DiagramBuilder("supervised_learning",
                       description="QA trained by supervised learning (EKKL19)")
    d.chance("Q", description="the question")
    d.chance("Y", ["Q"], description="the correct answer (label)")
    d.decision("A", ["Q"], description="the system's answer")
    d.utility("R", ["A", "Y"], description="agreement of answer and label")
    return d.build()


def _oracle_world(name: str, description: str) -> Diagram:
    d = DiagramBuilder(name, description=description)
    d.chance("Q", description="the question")
    d.decision("A", ["Q"], description="the oracle's answer")
    d.chance("S", ["Q", "A"], description="the world state the answer is about")
    d.utility("R", ["A", "S"], description="the accuracy of the answer")
    return d.build()


def self_fulfilling_prophecy() -> Diagram:
    """A question-answering system whose answer, once read, influences the world it predicts."""
    return _oracle_world("self_fulfilling_prophecy",
                         "QA system whose answer influences the world (EKKL19)")


def counterfactual_oracle() -> Diagram:
    """Armstrong's counterfactual oracle: scored against the world where the answer is unread.

    Built with :func:`cid.twin_network` from :func:`self_fulfilling_prophecy`, intervening on
    the answer (it is never shown). Two adjustments give the figure: the reward reads the
    counterfactual state ``S̃`` instead of the actual one, and the intervened answer, a constant
    ("no answer shown"), is not drawn.
    """
    world = _oracle_world("counterfactual_oracle",
                          "counterfactual oracle (EKKL19; Armstrong), a twin network")
    d = twin_network(world, intervened=["A"], name="counterfactual_oracle")
    d = d.without_edge("S", "R").edge("S_cf", "R")
    return d.without_nodes(["A_cf"])


def ida() -> Diagram:
    """Supervised IDA: the agent imitates a human who answers with help from the previous agent."""
    d = DiagramBuilder("ida",
                       description="supervised iterated distillation and amplification (EKKL19)")
    d.chance("Q", description="the question")
    for i in (1, 2):
        d.chance(f"SQ{i}", ["Q"], label=f"SQ_{i}", description="a subquestion posed by the human")
        d.chance(f"SA{i}", [f"SQ{i}"], label=f"SA_{i}",
                 description="the previous agent's answer to the subquestion")
    d.chance("H", ["Q", "SA1", "SA2"], description="the amplified (human + agents) answer")
    d.decision("A", ["Q"], description="the distilled agent's answer")
    d.utility("R", ["A", "H"], description="agreement with the amplified answer")
    return d.build()


_SL = "EKKL19 supervised-learning QA (section not verified)"
_SFP = "EKKL19 self-fulfilling prophecies (section not verified)"
_CO = "EKKL19 counterfactual oracle (section not verified)"
_IDA = "EKKL19 IDA (section not verified)"

ENTRIES = (
    Entry(
        name="supervised_learning",
        title="Question answering trained by supervised learning (tool AI)",
        family="oracles",
        reference=Reference(EKKL19, None, "supervised learning QA figure"),
        summary=(
            "A system answers questions and is scored against labels that exist independently "
            "of its answer. Nothing downstream of the answer matters except the score, so the "
            "system has no incentive to influence anything in the world; it wants to know the "
            "label, which the question informs."
        ),
        builder=supervised_learning,
        confidence="low",
        reading="Reconstructed: the label is independent of the answer, the reward compares both.",
        claims=(
            Claim("ICI", decision="A", node="Y", holds=False, source=_SL,
                  quote="paraphrase: the correct answer does not depend on the system's answer"),
            Claim("ICI", decision="A", exactly=("A", "R"), source=_SL),
            Claim("VoI", decision="A", node="Y", source=f"{_SL}, graphical reading"),
        ),
    ),
    Entry(
        name="self_fulfilling_prophecy",
        title="QA system whose answer influences the world",
        family="oracles",
        reference=Reference(EKKL19, None, "self-fulfilling prophecy figure"),
        summary=(
            "Once an oracle's answers are read, they can change the world state they predict. "
            "An oracle rewarded for accuracy then has an instrumental control incentive on that "
            "state: making its prediction come true is as good as predicting well."
        ),
        builder=self_fulfilling_prophecy,
        confidence="low",
        reading="Reconstructed from the text: answer -> world state -> reward.",
        claims=(
            Claim("ICI", decision="A", node="S", source=_SFP,
                  quote="paraphrase: the answer influences the world state that determines the "
                        "reward"),
        ),
    ),
    Entry(
        name="counterfactual_oracle",
        title=("Counterfactual oracle (twin network: reward in the world where the answer is "
               "unread)"),
        family="oracles",
        reference=Reference(EKKL19, None, "counterfactual oracle figure",
                            note="after Armstrong's counterfactual oracles"),
        summary=(
            "The oracle is scored only in the event that its answer is erased unread, that is "
            "against the counterfactual world state in which the answer had no effect. The "
            "actual world still reacts to the answer, but the reward does not look at it, so "
            "the incentive to make predictions self-fulfilling disappears."
        ),
        builder=counterfactual_oracle,
        confidence="low",
        reading=(
            "Built with cid.twin_network from the self-fulfilling-prophecy diagram, intervening "
            "on the answer; then the reward reads S_cf instead of S and the constant "
            "intervened answer is not drawn. S and S_cf share the question as common cause; no "
            "explicit erasure or noise node."
        ),
        claims=(
            Claim("ICI", decision="A", node="S", holds=False, source=_CO,
                  quote="paraphrase: the reward depends on the counterfactual world, which the "
                        "answer cannot influence"),
            Claim("ICI", decision="A", node="S_cf", holds=False, source=_CO),
            Claim("ICI", decision="A", exactly=("A", "R"), source=_CO),
            Claim("VoI", decision="A", node="S_cf",
                  source=f"{_CO}, graphical reading: the oracle still wants to predict well"),
        ),
    ),
    Entry(
        name="ida",
        title="Supervised iterated distillation and amplification",
        family="oracles",
        reference=Reference(EKKL19, None, "IDA figure", note="after Christiano et al. (2018)"),
        summary=(
            "A human answers a question by splitting it into subquestions that the previous "
            "agent answers, and the next agent is trained to imitate the amplified answer. The "
            "training target does not depend on the new agent's answer, so it has no incentive "
            "to influence it, only to predict it."
        ),
        builder=ida,
        confidence="low",
        reading=(
            "Reconstructed: the human decomposes Q into SQ1, SQ2, answered by the previous agent "
            "(chance nodes SA1, SA2) and combines them into H; the answer A is rewarded for "
            "matching H."
        ),
        claims=(
            Claim("ICI", decision="A", node="H", holds=False, source=_IDA,
                  quote="paraphrase: the distilled agent imitates the amplified human"),
            Claim("ICI", decision="A", node="SA1", holds=False,
                  source=f"{_IDA}: the sub-answers are chance nodes, not the agent's decisions"),
            Claim("VoI", decision="A", node="H", source=f"{_IDA}, graphical reading"),
        ),
    ),
)
