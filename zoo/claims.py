"""A paper's incentive statements as machine-checkable claims, and the engine's verdicts.

A :class:`Claim` says that a node has (or lacks) an incentive for a decision, that it has it
only through some other nodes, or what the whole set of nodes with an incentive is. The
incentive engine (:mod:`cid.incentives`) checks it: :meth:`Claim.evaluate` returns a
:class:`ClaimVerdict` that says what the engine found and whether that agrees.

Examples
--------
>>> import zoo
>>> claim = Claim("instrumental_control_incentive", decision="A1", node="ThetaR2",
...               holds=False, source="RT Sec. 3.2")
>>> claim.statement
'ThetaR2 ∉ ICI(A1)'
>>> Claim("ICI", decision="A1", node="ThetaR2", holds=False).kind is claim.kind
True
>>> Claim("instrumental_control_incentive", decision="A", exactly=("A", "R")).statement
'ICI(A) = {A, R}'
>>> Claim("instrumental_control_incentive", decision="A",
...       exactly=("A", "R")).check(zoo.build("supervised_learning"))
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import cid
from cid.errors import DiagramError, NodeNotFoundError
from cid.incentives import ControlKind, IncentiveKind

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Claim", "ClaimVerdict"]


@dataclass(frozen=True)
class Claim:
    """A paper's statement about the incentives of one decision.

    Three forms: ``node`` has (or, with ``holds=False``, lacks) the incentive; ``node`` has
    it *only via* some nodes (``only_via``); the set of nodes with the incentive is
    ``exactly`` the given set.

    Parameters
    ----------
    kind : IncentiveKind, ControlKind or str
        One of the four criteria or the two kinds of value of control, in any spelling
        :func:`cid.incentives.parse_kind` reads (``"instrumental_control_incentive"``,
        ``"ICI"``, ``"direct VoC"``, ...); stored as the enum member.
    decision : str
        The decision whose incentive is claimed.
    node : str, optional
        The node the incentive is on (required unless ``exactly`` is given).
    holds : bool
        Whether the paper says the statement is true (``False``: the incentive is absent).
    only_via : tuple of str
        When given, the statement is "``node`` has the incentive, *and only through* these
        nodes": the incentive is present, and it disappears once every edge out of the
        ``only_via`` nodes is cut (:func:`cid.only_via`). RT Sec. 2.2 uses this form: when
        every path from ``node`` to a reward passes the agent's own later actions, the only
        instrumental goal for ``node`` is to make it informative.
    source : str
        The paper and section that make the claim (``"RT Sec. 3.1"``), or a note that the
        claim is a graphical reading of the figure.
    quote : str, optional
        The paper's words, or a paraphrase marked as such.
    exactly : iterable of str, optional
        The whole set of nodes with the incentive, as the paper states it
        (``ICI(A) = {A, R}``). Excludes ``node``, ``only_via`` and ``holds=False``.

    Raises
    ------
    DiagramError
        An unknown kind, or a combination of arguments that makes no statement.
    """

    kind: IncentiveKind | ControlKind
    decision: str
    node: str | None = None
    holds: bool = True
    only_via: tuple[str, ...] = ()
    source: str = ""
    quote: str | None = None
    exactly: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        def bad(text: str) -> DiagramError:
            return DiagramError(text, code="cid_invalid_argument")

        object.__setattr__(self, "kind", cid.incentives.parse_kind(self.kind))
        if isinstance(self.only_via, str):
            object.__setattr__(self, "only_via", (self.only_via,))
        else:
            object.__setattr__(self, "only_via", tuple(self.only_via))
        if self.exactly is not None:
            if isinstance(self.exactly, str):
                raise bad(f"claim on {self.decision}: exactly= takes a set of node names, "
                          f"not the string {self.exactly!r}")
            object.__setattr__(self, "exactly", tuple(dict.fromkeys(self.exactly)))
            if self.node is not None or self.only_via or not self.holds:
                raise bad(f"claim {self.short_kind}({self.decision}) = {{...}}: exactly= "
                          "cannot be combined with node=, only_via= or holds=False")
            return
        if not self.node:
            raise bad(f"claim on {self.decision}: give node= (or exactly= for a whole set)")
        if self.node in self.only_via:
            raise bad(f"claim on {self.node}: only_via cannot contain the node itself")

    @property
    def short_kind(self) -> str:
        """``"ICI"``, ``"VoI"``, ``"direct VoC"``, ..."""
        return self.kind.label

    @property
    def statement(self) -> str:
        """The claim in symbols: ``"ThetaR2 ∈ ICI(A1)"``, ``"ICI(A) = {A, R}"``, ..."""
        where = f"{self.short_kind}({self.decision})"
        if self.exactly is not None:
            return f"{where} = {{{', '.join(self.exactly)}}}"
        if self.only_via:
            text = f"{self.node} ∈ {where} only via {', '.join(self.only_via)}"
            return text if self.holds else f"not ({text})"
        return f"{self.node} {'∈' if self.holds else '∉'} {where}"

    @property
    def nodes(self) -> tuple[str, ...]:
        """Every node the claim names (the decision first)."""
        named = self.exactly if self.exactly is not None else (self.node or "",)
        return tuple(dict.fromkeys((self.decision, *named, *self.only_via)))

    def evaluate(self, diagram: Diagram) -> ClaimVerdict:
        """Check the claim on ``diagram`` with the incentive engine; return the verdict.

        Raises
        ------
        NodeNotFoundError
            The claim names a node the diagram lacks (e.g. a claim for a longer horizon).
        """
        for n in self.nodes:
            if n not in diagram:
                raise NodeNotFoundError(
                    f"claim {self.statement!r}: no node {n!r} in diagram {diagram.name!r}"
                )
        found = cid.incentive_nodes(diagram, self.decision, self.kind)
        if self.exactly is not None:
            return self._evaluate_set(diagram, found)
        assert self.node is not None
        present = self.node in found
        witness: Any = None
        if present and isinstance(self.kind, ControlKind):
            witness = cid.explain_control(diagram, self.decision, self.node, self.kind)
        elif present:
            witness = cid.explain(diagram, self.decision, self.node, self.kind)
        observed = present
        reason = "absent"
        if present:
            reason = f"present: {witness}" if witness is not None else "present"
        if self.only_via and present:
            observed = cid.only_via(diagram, self.decision, self.node, self.only_via,
                                    kind=self.kind)
            survives = not observed
            via = ", ".join(self.only_via)
            reason += (f"; also without the edges out of {via}" if survives
                       else f"; gone once the edges out of {via} are cut")
        return ClaimVerdict(self, observed=observed, witness=witness, reason=reason)

    def _evaluate_set(self, diagram: Diagram, found: frozenset[str]) -> ClaimVerdict:
        assert self.exactly is not None
        want = set(self.exactly)
        shown = [n for n in diagram.nodes if n in found]
        reason = f"engine: {{{', '.join(shown)}}}"
        missing = [n for n in self.exactly if n not in found]
        extra = [n for n in shown if n not in want]
        if missing:
            reason += f"; missing {', '.join(missing)}"
        if extra:
            reason += f"; also {', '.join(extra)}"
        return ClaimVerdict(self, observed=want == set(found), witness=None, reason=reason)

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
