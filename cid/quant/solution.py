"""The result of :func:`cid.quant.solve`: :class:`Solution`, and counts written from their
logarithm (:func:`count_text`)."""

from __future__ import annotations

from dataclasses import dataclass

from cid.quant.policy import DecisionRule

__all__ = ["Solution", "count_text"]


@dataclass(frozen=True, eq=False)
class Solution:
    """The result of :func:`solve`.

    Attributes
    ----------
    meu : float
        The expected utility of :attr:`policy` (the maximum, when :attr:`exact`).
    policy : dict of str to DecisionRule
        A rule for every decision (the given fixed rules included).
    agent : str or None
        Whose utility was maximised (``None``: the only agent, or a common payoff).
    method : str
        ``"elimination"``, ``"spu"``, ``"enumerate"`` (or ``"fixed"`` with nothing to choose).
    exact : bool
        Whether :attr:`meu` is the global maximum.
    iterations : int
        Passes over the decisions (single policy updating), else 1.
    ties : dict of str to int
        For each decision, the number of observation configurations at which several actions
        are optimal (the first one in domain order was taken).
    log10_policies : float
        log10 of the number of deterministic policies the method ranged over (observations
        the method allowed each decision to read).
    note : str
        How the result was obtained, in words.
    upper_bound : float or None
        A proven upper bound on the MEU: :attr:`meu` itself when :attr:`exact`; the
        no-forgetting relaxation's MEU after an exact search cut short by its budget;
        ``None`` when no bound was computed (``method="spu"``).
    """

    meu: float
    policy: dict[str, DecisionRule]
    agent: str | None
    method: str
    exact: bool
    iterations: int
    ties: dict[str, int]
    log10_policies: float
    note: str
    upper_bound: float | None = None

    def __repr__(self) -> str:
        kind = "exact" if self.exact else "local optimum"
        return (f"<Solution meu={self.meu:.6g} ({self.method}, {kind}); "
                f"decisions {', '.join(self.policy)}>")

    def _repr_markdown_(self) -> str:
        from cid.quant._display import safely, solution_markdown

        return safely(lambda: solution_markdown(self), lambda: str(self), as_html=False)

    def _repr_html_(self) -> str:
        from cid.quant._display import safely, solution_html

        return safely(lambda: solution_html(self), lambda: str(self), as_html=True)

    def __str__(self) -> str:
        lines = [f"MEU {self.meu:.6g} — {self.note}"]
        for d, rule in self.policy.items():
            tie = f" ({self.ties[d]} tied)" if self.ties.get(d) else ""
            lines.append(f"{d}{tie}:")
            lines.extend("  " + row for row in str(rule).splitlines())
        return "\n".join(lines)


def count_text(log10: float) -> str:
    """A count given by its log10, in words that never overflow.

    >>> import math
    >>> count_text(math.log10(4096)), count_text(30.1), count_text(412.3)
    ('4,096', '1.26e+30', 'about 10^412')
    """
    if log10 < 15:
        return f"{round(10 ** log10):,}"
    if log10 < 300:
        return f"{10 ** log10:.3g}"
    return f"about 10^{round(log10)}"
