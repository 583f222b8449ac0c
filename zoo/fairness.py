"""The worked examples of the Agent Incentives paper, and the fitness tracker.

Everitt, Carey, Langlois, Ortega, Legg (2021, "Agent Incentives: A Causal Perspective")
illustrate each incentive criterion on two small stories: a grade predictor that should not
treat students differently by race or gender (response incentives), and a content recommender
that might manipulate its users' opinions (instrumental control incentives), together with the
fix of scoring the recommender against its model of the user. The fitness tracker comes from
the earlier paper of Everitt, Ortega, Barnes, Legg (2019) as encoded in pycid.

>>> from zoo.fairness import grade_prediction
>>> grade_prediction().information_links
(('HS', 'P'), ('Ge', 'P'))
"""

from __future__ import annotations

from cid import Diagram, DiagramBuilder
from zoo.claims import Claim
from zoo.entry import ACP, EOBL19, Entry, Reference

__all__ = [
    "ENTRIES",
    "content_recommendation",
    "content_recommendation_modified",
    "fitness_tracker",
    "grade_prediction",
]



def grade_prediction() -> Diagram:
    """AI:ACP Fig. 1a: predict a student's grade from their high school and gender."""
    d = DiagramBuilder("grade_prediction",
                       description="grade prediction (AI:ACP Example 1, Fig. 1a)")
    d.chance("R", label="Race")
    d.chance("HS", ["R"], label="High school")
    d.chance("E", ["HS"], label="Education")
    d.chance("Gr", ["E"], label="Grade")
    d.chance("Ge", label="Gender")
    d.decision("P", ["HS", "Ge"], label="Predicted grade")
    d.utility("Ac", ["Gr", "P"], label="Accuracy")
    return d.build()


def _recommender(name: str, description: str, *, scored_on_model: bool) -> Diagram:
    d = DiagramBuilder(name, description=description)
    d.chance("O", label="Original user opinions")
    d.chance("M", ["O"], label="Model of original opinions")
    d.decision("P", ["M"], label="Posts to show")
    d.chance("I", ["O", "P"], label="Influenced user opinions")
    d.utility("C", ["P", "M" if scored_on_model else "I"],
              label="Predicted clicks" if scored_on_model else "Clicks")
    return d.build()


def content_recommendation() -> Diagram:
    """AI:ACP Fig. 1b: a recommender paid for clicks, which depend on influenced opinions."""
    return _recommender("content_recommendation",
                        "content recommendation (AI:ACP Example 2, Fig. 1b)", scored_on_model=False)


def content_recommendation_modified() -> Diagram:
    """AI:ACP: the recommender is paid for clicks predicted from its model of the user."""
    return _recommender("content_recommendation_modified",
                        "content recommendation scored against the user model (AI:ACP)",
                        scored_on_model=True)


def fitness_tracker() -> Diagram:
    """EOBL19's fitness tracker, as encoded in pycid (``story_cids.get_fitness_tracker``)."""
    d = DiagramBuilder("fitness_tracker", description="fitness tracker (EOBL19, pycid encoding)")
    for root in ("TD", "EF", "P"):
        d.chance(root)
    d.chance("TF", ["TD"]).chance("SC", ["TF", "P"]).chance("EWD", ["EF", "SC"])
    d.chance("D", ["P"])
    d.decision("C", ["TF", "EWD", "SC"])
    d.utility("F", ["C", "P"])
    return d.build()


_PYCID_GRADE = "AI:ACP Example 1; pycid tests (story_cids.get_grade_predictor)"
_PYCID_CR = "AI:ACP Example 2; pycid tests (story_cids.get_content_recommender)"
_PYCID_CRM = "AI:ACP Example 2; pycid tests (story_cids.get_modified_content_recommender)"
_PYCID_FT = "pycid tests (story_cids.get_fitness_tracker, direct and indirect VoC)"

ENTRIES = (
    Entry(
        name="grade_prediction",
        title="Grade prediction (fairness example)",
        family="fairness",
        reference=Reference(ACP, "Example 1", "Fig. 1a"),
        summary=(
            "A university predicts applicants' grades from their high school and gender. Race "
            "influences which high school a student attends, so an accurate predictor responds "
            "to race through the high school, while gender carries no information about the "
            "grade here and is ignored."
        ),
        builder=grade_prediction,
        confidence="high",
        reading="Matches pycid's encoding of the paper's example (story_cids.get_grade_predictor).",
        claims=(
            Claim("RI", decision="P", node="R", source="AI:ACP Example 1",
                  quote="paraphrase: the predictor has a response incentive on race"),
            Claim("RI", decision="P", node="HS", source="AI:ACP Example 1"),
            Claim("RI", decision="P", node="Ge", holds=False, source="AI:ACP Example 1",
                  quote="paraphrase: gender is a nonrequisite observation"),
            Claim("VoI", decision="P", node="HS", source=_PYCID_GRADE),
            Claim("VoI", decision="P", node="E", source=_PYCID_GRADE),
            Claim("VoI", decision="P", node="Gr", source=_PYCID_GRADE),
            Claim("VoI", decision="P", node="Ge", holds=False, source=_PYCID_GRADE),
            Claim("VoI", decision="P", node="R", holds=False, source=_PYCID_GRADE),
            Claim("RI", decision="P", exactly=("R", "HS"), source=_PYCID_GRADE),
            Claim("VoI", decision="P", exactly=("HS", "E", "Gr"), source=_PYCID_GRADE),
        ),
    ),
    Entry(
        name="content_recommendation",
        title="Content recommendation (user manipulation example)",
        family="fairness",
        reference=Reference(ACP, "Example 2", "Fig. 1b"),
        summary=(
            "A recommender chooses posts to show, based on a model of the user's opinions, and "
            "is paid for clicks. Clicks depend on the user's opinions after reading the posts, "
            "so the recommender has an instrumental control incentive on those opinions: the "
            "polarisation concern."
        ),
        builder=content_recommendation,
        confidence="high",
        reading="pycid story_cids.get_content_recommender.",
        claims=(
            Claim("ICI", decision="P", node="I", source="AI:ACP Example 2",
                  quote="paraphrase: an incentive to manipulate the user's opinions"),
            Claim("ICI", decision="P", node="C", source=_PYCID_CR),
            Claim("ICI", decision="P", node="O", holds=False, source=_PYCID_CR),
            Claim("ICI", decision="P", exactly=("P", "I", "C"), source=_PYCID_CR),
            Claim("VoC", decision="P", exactly=("O", "M", "I", "C"), source=_PYCID_CR),
        ),
    ),
    Entry(
        name="content_recommendation_modified",
        title="Content recommendation scored against the model of the user",
        family="fairness",
        reference=Reference(ACP, "Example 2", "Fig. 1b, modified objective",
                            note="pycid story_cids.get_modified_content_recommender"),
        summary=(
            "The same recommender, paid instead for the clicks its model of the user predicts. "
            "The user's actual, influenced opinions no longer affect the objective, so the "
            "incentive to manipulate them disappears."
        ),
        builder=content_recommendation_modified,
        confidence="high",
        reading="pycid story_cids.get_modified_content_recommender (M -> C instead of I -> C).",
        claims=(
            Claim("ICI", decision="P", node="I", holds=False, source="AI:ACP Example 2",
                  quote="paraphrase: optimising predicted clicks removes the control incentive "
                        "on the user's opinions"),
            Claim("VoC", decision="P", node="I", holds=False, source=_PYCID_CRM),
            Claim("VoC", decision="P", exactly=("O", "M", "C"), source=_PYCID_CRM),
        ),
    ),
    Entry(
        name="fitness_tracker",
        title="Fitness tracker (Everitt, Ortega, Barnes, Legg 2019)",
        family="fairness",
        reference=Reference(EOBL19, None, "fitness tracker example",
                            note="as encoded in pycid story_cids.get_fitness_tracker"),
        summary=(
            "A small single-decision diagram from the first incentives paper, used by pycid to "
            "separate value of control that acts through the decision's observations from "
            "value of control that bypasses the decision. The step count SC matters only "
            "because the decision observes it; P and F matter directly."
        ),
        builder=fitness_tracker,
        confidence="medium",
        reading=(
            "pycid's encoding (which includes SC -> EWD; an older one lacks it). Labels are "
            "pycid's abbreviations. Direct and indirect value of control follow pycid's "
            "definitions (admits_dir_voc, admits_indir_voc), read on the minimal d-reduction "
            "G*: direct when a directed path to the utility avoids the decision, indirect "
            "when a path runs through the decision and a backdoor trail from the node to the "
            "utility is active given the decision and its observations."
        ),
        claims=(
            Claim("indirect VoC", decision="C", exactly=("SC",), source=_PYCID_FT,
                  quote="indirect VoC on SC only"),
            Claim("direct VoC", decision="C", exactly=("F", "P"), source=_PYCID_FT,
                  quote="direct VoC on F and P"),
            Claim("direct VoC", decision="C", node="F", source=_PYCID_FT),
            Claim("direct VoC", decision="C", node="SC", holds=False,
                  source=f"{_PYCID_FT}: SC matters only through the decision that observes it"),
        ),
    ),
)
