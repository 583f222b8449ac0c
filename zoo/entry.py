"""The zoo's records: a paper figure as a diagram builder plus the paper's claims about it.

An :class:`Entry` pairs a builder, written with the public DSL, with where the figure comes
from (:class:`Reference`), a short summary, and the paper's statements about incentives as
machine-checkable :class:`Claim` objects. A claim is checked by the incentive engine
(:mod:`cid.incentives`), so every entry doubles as a test of the engine against the papers.

Examples
--------
>>> import zoo
>>> claim = Claim("instrumental_control_incentive", decision="A1", node="ThetaR2",
...               holds=False, source="RT Sec. 3.2")
>>> claim.statement
'ThetaR2 ∉ ICI(A1)'
>>> zoo.entry("current_rf_optimization").reference.figure
'Fig. 7'
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cid.errors import DiagramError, NodeNotFoundError
from cid.model import Diagram

__all__ = [
    "ACP",
    "CLAIM_KINDS",
    "Claim",
    "ClaimVerdict",
    "EKKL19",
    "EOBL19",
    "Entry",
    "Paper",
    "RT",
    "Reference",
]


@dataclass(frozen=True)
class Paper:
    """A paper that zoo entries cite."""

    key: str
    authors: str
    year: int
    title: str
    arxiv: str

    def __str__(self) -> str:
        return f"{self.authors} ({self.year}), {self.title}, arXiv:{self.arxiv}"


EKKL19 = Paper("EKKL19", "Everitt, Kumar, Krakovna, Legg", 2019,
               "Modeling AGI Safety Frameworks with Causal Influence Diagrams", "1906.08663")
RT = Paper("RT", "Everitt, Hutter, Kumar, Krakovna", 2021,
           "Reward Tampering Problems and Solutions in Reinforcement Learning: "
           "A Causal Influence Diagram Perspective", "1908.04734")
ACP = Paper("AI:ACP", "Everitt, Carey, Langlois, Ortega, Legg", 2021,
            "Agent Incentives: A Causal Perspective", "2102.01685")
EOBL19 = Paper("EOBL19", "Everitt, Ortega, Barnes, Legg", 2019,
               "Understanding Agent Incentives using Causal Influence Diagrams", "1902.09980")


@dataclass(frozen=True)
class Reference:
    """Where an entry's figure comes from: the paper, its section and figure."""

    paper: Paper
    section: str | None = None
    figure: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        parts = [f"{self.paper.authors} ({self.paper.year}), {self.paper.title}"]
        parts += [p for p in (self.section, self.figure) if p]
        text = ", ".join(parts) + f" (arXiv:{self.paper.arxiv})"
        return f"{text}; {self.note}" if self.note else text

    @property
    def short(self) -> str:
        """``"RT Sec. 3.1, Fig. 5a"``."""
        where = ", ".join(p for p in (self.section, self.figure) if p)
        return f"{self.paper.key} {where}".strip()


CLAIM_KINDS: dict[str, str] = {
    "value_of_information": "VoI",
    "response_incentive": "RI",
    "value_of_control": "VoC",
    "instrumental_control_incentive": "ICI",
}
"""The incentive kinds a claim can be about, with their short labels."""

_FUNCTIONS = {
    "value_of_information": "value_of_information",
    "response_incentive": "response_incentives",
    "value_of_control": "value_of_control",
    "instrumental_control_incentive": "instrumental_control_incentives",
}


@dataclass(frozen=True)
class Claim:
    """A paper's statement that ``node`` has (or lacks) an incentive for ``decision``.

    Parameters
    ----------
    kind : str
        One of :data:`CLAIM_KINDS` (``"instrumental_control_incentive"``, ...).
    decision : str
        The decision whose incentive is claimed.
    node : str
        The node the incentive is on.
    holds : bool
        Whether the paper says the statement is true (``False``: the incentive is absent).
    only_via : tuple of str
        When given, the statement is "``node`` has the incentive, *and only through* one of
        these nodes": the incentive is present, and it disappears once every edge out of the
        ``only_via`` nodes is cut. RT Sec. 2.2 uses this form: when every path from ``node``
        to a reward passes the agent's own later action, the only instrumental goal for
        ``node`` is to make it informative.
    source : str
        The paper and section that make the claim (``"RT Sec. 3.1"``).
    quote : str, optional
        The paper's words, or a paraphrase marked as such.
    """

    kind: str
    decision: str
    node: str
    holds: bool = True
    only_via: tuple[str, ...] = ()
    source: str = ""
    quote: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in CLAIM_KINDS:
            raise DiagramError(
                f"unknown claim kind {self.kind!r}; use one of {', '.join(CLAIM_KINDS)}",
                code="cid_invalid_argument",
            )
        if isinstance(self.only_via, str):
            object.__setattr__(self, "only_via", (self.only_via,))
        if self.node in self.only_via:
            raise DiagramError(f"claim on {self.node}: only_via cannot contain the node itself",
                               code="cid_invalid_argument")

    @property
    def short_kind(self) -> str:
        """``"ICI"``, ``"VoI"``, ..."""
        return CLAIM_KINDS[self.kind]

    @property
    def statement(self) -> str:
        """The claim in symbols: ``"ThetaR2 ∈ ICI(A1)"``, ``"ThetaR2 ∉ ICI(A1)"``."""
        text = f"{self.node} {'∈' if self.holds else '∉'} {self.short_kind}({self.decision})"
        if self.only_via:
            text = (f"{self.node} ∈ {self.short_kind}({self.decision}) only via "
                    f"{', '.join(self.only_via)}")
            if not self.holds:
                text = f"not ({text})"
        return text

    def evaluate(self, diagram: Diagram) -> ClaimVerdict:
        """Check the claim on ``diagram`` with the incentive engine; return the verdict."""
        import cid

        for n in (self.decision, self.node, *self.only_via):
            if n not in diagram:
                raise NodeNotFoundError(
                    f"claim {self.statement!r}: no node {n!r} in diagram {diagram.name!r}"
                )
        compute: Callable[[Diagram, str], Iterable[str]] = getattr(cid, _FUNCTIONS[self.kind])
        present = self.node in compute(diagram, self.decision)
        witness = cid.explain(diagram, self.decision, self.node, self.kind) if present else None
        observed = present
        reason = "absent"
        if present:
            reason = f"present: {witness}" if witness is not None else "present"
        if self.only_via and present:
            cut = diagram
            for v in self.only_via:
                for child in diagram.children(v):
                    cut = cut.without_edge(v, child)
            survives = self.node in compute(cut, self.decision)
            observed = not survives
            via = ", ".join(self.only_via)
            reason += (f"; also without the edges out of {via}" if survives
                       else f"; gone once the edges out of {via} are cut")
        return ClaimVerdict(self, observed=observed, witness=witness, reason=reason)

    def check(self, diagram: Diagram) -> bool:
        """``True`` when the engine agrees with the claim on ``diagram``."""
        return self.evaluate(diagram).ok


@dataclass(frozen=True)
class ClaimVerdict:
    """The engine's answer to a :class:`Claim`: what it found and whether that agrees."""

    claim: Claim
    observed: bool
    witness: Any = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether the engine's answer matches the paper's claim."""
        return self.observed == self.claim.holds

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.claim.statement} [{self.claim.source}] ({self.reason})"


@dataclass(frozen=True)
class Entry:
    """A zoo entry: a paper's figure as a diagram builder, with the paper's claims.

    Attributes
    ----------
    name : str
        The identifier ``zoo.names()`` lists.
    title : str
    family : str
        The zoo module it lives in (``"mdp"``, ``"reward_tampering"``, ...).
    reference : Reference
    summary : str
        Two to four sentences on what the framework is and what the diagram shows.
    builder : callable
        ``builder(**params) -> Diagram``; :meth:`build` calls it.
    claims : tuple of Claim
        The papers' incentive statements, checked for the default parameters.
    confidence : str
        How sure the structure is (``"high"``, ``"medium"``, ``"low"``, ...).
    reading : str
        How the structure was read from the paper, and any adjustment made.
    focus : str, optional
        The decision whose incentives the paper discusses (drawn in incentive overlays);
        default: the first decision.
    """

    name: str
    title: str
    family: str
    reference: Reference
    summary: str
    builder: Callable[..., Diagram] = field(repr=False)
    claims: tuple[Claim, ...] = ()
    confidence: str = "medium"
    reading: str = ""
    focus: str | None = None

    @property
    def params(self) -> dict[str, Any]:
        """The builder's parameters and their defaults (``{"horizon": 3}``)."""
        sig = inspect.signature(self.builder)
        return {p.name: p.default for p in sig.parameters.values()
                if p.default is not inspect.Parameter.empty}

    def build(self, **params: Any) -> Diagram:
        """Build the diagram (a new one on every call).

        Raises
        ------
        DiagramError
            An unknown parameter or a bad value (e.g. ``horizon=1``).
        """
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            takes = ", ".join(f"{k}={v!r}" for k, v in self.params.items()) or "no parameters"
            raise DiagramError(
                f"zoo entry {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                f"it takes {takes}",
                code="cid_invalid_argument",
            )
        return self.builder(**params)

    @property
    def focus_decision(self) -> str:
        """The decision drawn in incentive overlays."""
        return self.focus or self.build().decisions[0]

    def verdicts(self, diagram: Diagram | None = None) -> tuple[ClaimVerdict, ...]:
        """Check every claim (on ``diagram``, default: the default build)."""
        d = diagram if diagram is not None else self.build()
        return tuple(c.evaluate(d) for c in self.claims)
