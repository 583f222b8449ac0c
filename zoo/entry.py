"""The zoo's records: a paper figure as a diagram builder plus the paper's claims about it.

An :class:`Entry` pairs a builder, written with the public DSL, with where the figure comes
from (:class:`Reference`), a short summary, and the paper's statements about incentives as
machine-checkable :class:`~zoo.claims.Claim` objects. A claim is checked by the incentive
engine (:mod:`cid.incentives`), so every entry doubles as a test of the engine against the
papers. Time-indexed entries generate their claims from the build parameters
(:meth:`Entry.claims_for`), so the paper's statements are checked at every horizon.

Examples
--------
>>> import zoo
>>> zoo.entry("current_rf_optimization").reference.figure
'Fig. 7'
>>> e = zoo.entry("pomdp")
>>> [c.statement for c in e.claims_for(horizon=5) if c.only_via]
['O2 ∈ ICI(A1) only via A2, A3, A4']
>>> all(v.ok for v in e.verdicts(e.build(horizon=5)))
True
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cid.errors import DiagramError
from cid.model import Diagram
from zoo._build import check_horizon
from zoo.claims import Claim, ClaimVerdict

__all__ = [
    "ACP",
    "Claim",
    "ClaimVerdict",
    "EKKL19",
    "EOBL19",
    "NOT_VERIFIED",
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


NOT_VERIFIED = "section not verified"
"""How a :class:`Reference` without a section reads: the section could not be checked."""


@dataclass(frozen=True)
class Reference:
    """Where an entry's figure comes from: one paper, its section and figure.

    ``section=None`` means the section number could not be checked against the paper's
    text (for EKKL19 the text was not available when the zoo was written): it reads
    ``"section not verified"`` rather than a guess.

    >>> Reference(RT, "Sec. 3.1", "Fig. 5a").short
    'RT Sec. 3.1, Fig. 5a'
    >>> Reference(EKKL19, None, "MDP figure").short
    'EKKL19 MDP figure (section not verified)'
    """

    paper: Paper
    section: str | None = None
    figure: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        parts = [f"{self.paper.authors} ({self.paper.year}), {self.paper.title}",
                 self.section or NOT_VERIFIED]
        parts += [self.figure] if self.figure else []
        text = ", ".join(parts) + f" (arXiv:{self.paper.arxiv})"
        return f"{text}; {self.note}" if self.note else text

    @property
    def short(self) -> str:
        """``"RT Sec. 3.1, Fig. 5a"``; ``"EKKL19 MDP figure (section not verified)"``."""
        where = ", ".join(p for p in (self.section, self.figure) if p)
        text = f"{self.paper.key} {where}".strip()
        return text if self.section else f"{text} ({NOT_VERIFIED})"


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
        The papers' incentive statements for the default parameters. Given explicitly for an
        entry without parameters; computed by ``claim_builder`` otherwise.
    confidence : str
        How sure the structure is (``"high"``, ``"medium"``, ``"low"``, ...).
    reading : str
        How the structure was read from the paper, and any adjustment made.
    focus : str, optional
        The decision whose incentives the paper discusses (drawn in incentive overlays);
        default: the first decision.
    claim_builder : callable, optional
        ``claim_builder(**params) -> iterable of Claim``: the paper's statements for the
        diagram ``builder(**params)``, written by the same loop over time steps.
    min_horizon : int, optional
        The smallest ``horizon`` the entry accepts (time-indexed entries): the smallest at
        which every node the paper's claims name exists.
    also : tuple of Reference
        Other figures the entry follows (another paper's drawing of the same framework, or
        the figure whose structure is encoded when the cited one could not be read).
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
    claim_builder: Callable[..., Iterable[Claim]] | None = field(default=None, repr=False)
    min_horizon: int | None = None
    also: tuple[Reference, ...] = ()

    def __post_init__(self) -> None:
        if self.claim_builder is not None and not self.claims:
            object.__setattr__(self, "claims", tuple(self.claim_builder()))
        if self.min_horizon is not None and "horizon" not in self.params:
            raise DiagramError(f"zoo entry {self.name!r}: min_horizon needs a builder with a "
                               "horizon parameter", code="cid_invalid_argument")

    @property
    def params(self) -> dict[str, Any]:
        """The builder's parameters and their defaults (``{"horizon": 3}``)."""
        sig = inspect.signature(self.builder)
        return {p.name: p.default for p in sig.parameters.values()
                if p.default is not inspect.Parameter.empty}

    def _checked(self, params: dict[str, Any]) -> dict[str, Any]:
        """``params`` completed with the defaults, after checking names and the horizon."""
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            takes = ", ".join(f"{k}={v!r}" for k, v in self.params.items()) or "no parameters"
            raise DiagramError(
                f"zoo entry {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                f"it takes {takes}",
                code="cid_invalid_argument",
            )
        full = {**self.params, **params}
        if self.min_horizon is not None:
            check_horizon(self.name, full["horizon"], minimum=self.min_horizon)
        return full

    def build(self, **params: Any) -> Diagram:
        """Build the diagram (a new one on every call).

        Raises
        ------
        DiagramError
            An unknown parameter or a bad value (e.g. ``horizon=1``; the message names the
            minimum).
        """
        self._checked(params)
        return self.builder(**params)

    def claims_for(self, **params: Any) -> tuple[Claim, ...]:
        """The paper's claims for the diagram ``build(**params)``.

        With the default parameters this is :attr:`claims`; for another horizon the claims
        are generated by :attr:`claim_builder`, so that "only via the agent's later
        decisions" names every later decision.

        Raises
        ------
        DiagramError
            As for :meth:`build`.
        """
        full = self._checked(params)
        if full == self.params or self.claim_builder is None:
            return self.claims
        return tuple(self.claim_builder(**full))

    def params_of(self, diagram: Diagram) -> dict[str, Any]:
        """The build parameters ``diagram`` was made with, as far as its nodes tell.

        For a time-indexed entry the horizon is the last time step of the diagram's nodes
        (every builder gives its nodes their ``step``); other entries have no parameters.
        """
        if "horizon" not in self.params:
            return {}
        steps = [s for n in diagram.nodes if (s := diagram[n].step) is not None]
        return {"horizon": max(steps)} if steps else {}

    @property
    def focus_decision(self) -> str:
        """The decision drawn in incentive overlays."""
        return self.focus or self.build().decisions[0]

    def verdicts(self, diagram: Diagram | None = None, **params: Any) -> tuple[ClaimVerdict, ...]:
        """Check the paper's claims with the incentive engine.

        Parameters
        ----------
        diagram : Diagram, optional
            The diagram to check (default: ``build(**params)``).
        **params
            The build parameters whose claims apply; by default those of ``diagram``
            (:meth:`params_of`), so ``verdicts(build(horizon=5))`` checks the horizon-5
            claims.

        Raises
        ------
        DiagramError
            Bad parameters (e.g. a horizon below :attr:`min_horizon`).
        """
        if diagram is None:
            diagram = self.build(**params)
        elif not params:
            params = self.params_of(diagram)
        return tuple(c.evaluate(diagram) for c in self.claims_for(**params))
