"""One line per zoo entry: the incentives of its focus decision and the claims' tally.

>>> from zoo.summary import summary_line
>>> summary_line("instrumental_goal")  # doctest: +NORMALIZE_WHITESPACE
'instrumental_goal  A1 · ICI: X · RI: - · VoI: - · claims 2/2 ✓'
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NAME_WIDTH", "summary_line"]

NAME_WIDTH = 31
"""Width of the name column (the longest entry name)."""

_MAX_SHOWN = 6


def _listing(nodes: Iterable[str], order: tuple[str, ...]) -> str:
    chosen = set(nodes)
    shown = [n for n in order if n in chosen]
    if not shown:
        return "-"
    more = len(shown) - _MAX_SHOWN
    text = ", ".join(shown[:_MAX_SHOWN])
    return f"{text} +{more} more" if more > 0 else text


def summary_line(name: str) -> str:
    """A one-line incentive summary of zoo entry ``name``.

    For the entry's focus decision ``D``: the nodes with an instrumental control incentive
    (other than ``D`` and the utility nodes), with a response incentive, and with value of
    information, in topological order; then how many of the paper's claims the engine
    confirms (``✓`` when all do, ``✗`` otherwise).
    """
    import cid
    import zoo

    e = zoo.entry(name)
    d = e.build()
    dec = e.focus_decision
    order = d.nodes
    ici = [n for n in cid.instrumental_control_incentives(d, dec)
           if n != dec and d.kind(n) != "utility"]
    verdicts = e.verdicts(d)
    ok = sum(v.ok for v in verdicts)
    mark = "✓" if ok == len(verdicts) else "✗"
    return (
        f"{name:<{NAME_WIDTH}}  {dec} · ICI: {_listing(ici, order)}"
        f" · RI: {_listing(cid.response_incentives(d, dec), order)}"
        f" · VoI: {_listing(cid.value_of_information(d, dec), order)}"
        f" · claims {ok}/{len(verdicts)} {mark}"
    )
