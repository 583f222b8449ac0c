"""Hypothesis strategies for random diagrams (shared by the test modules)."""

from __future__ import annotations

from hypothesis import strategies as st

import cid

# what a diagram's texts may hold: no control characters, separators or lone surrogates;
# labels and descriptions may hold line feeds
_printable = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
_text = st.text(_printable | st.just("\n"), max_size=8)
_labels = st.one_of(st.none(), _text)
_values = st.one_of(
    st.integers(-3, 3),
    st.integers(),  # large ones too
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(_printable, max_size=3),
    st.booleans(),
)
# mixed types in one domain; unique by equality, as the diagram requires (1 == 1.0 == True)
_domains = st.one_of(st.none(), st.lists(_values, min_size=1, max_size=4, unique=True))


@st.composite
def diagrams(draw: st.DrawFn, *, max_nodes: int = 8, max_agents: int = 3,
             attributes: bool = True) -> cid.Diagram:
    """A random valid diagram: a random DAG over ``N0..Nn``, random kinds and agents.

    The agents are one of: none named (the default agent); one named agent mixed with
    agentless decisions and utilities (they belong to it); or several named agents
    (``agent0``, ...), each decision with one and each utility with one or two (shared).
    With ``attributes``, nodes get random labels, descriptions, domains of mixed types
    (numbers, strings, booleans), steps and counterfactual flags, and the diagram a
    description.
    """
    n = draw(st.integers(1, max_nodes))
    names = [f"N{i}" for i in range(n)]
    n_agents = draw(st.integers(1, max_agents))
    if n_agents == 1:
        agents: list[str | None] = draw(st.sampled_from([[None], [None, "robot"]]))
    else:
        agents = [f"agent{i}" for i in range(n_agents)]
    description = draw(st.one_of(st.none(), _text)) if attributes else None
    d = cid.Diagram(draw(st.sampled_from(["g", "random"])), description=description)
    for i, name in enumerate(names):
        kind = draw(st.sampled_from(["chance", "chance", "decision", "utility"]))
        parents = draw(st.lists(st.sampled_from(names[:i]), unique=True, max_size=3)) if i else []
        extra: dict[str, object] = {}
        if attributes:
            extra = {"label": draw(_labels), "description": draw(_labels),
                     "domain": draw(_domains),
                     "step": draw(st.one_of(st.none(), st.integers(0, 5))),
                     "counterfactual": draw(st.booleans())}
        if kind == "chance":
            d = d.chance(name, parents, **extra)  # type: ignore[arg-type]
        elif kind == "decision":
            d = d.decision(name, parents, agent=draw(st.sampled_from(agents)),
                       **extra)  # type: ignore[arg-type]
        else:
            owners = draw(st.lists(st.sampled_from(agents), min_size=1, max_size=2, unique=True))
            named = [a for a in owners if a is not None]
            d = d.utility(name, parents, agent=named or None, **extra)  # type: ignore[arg-type]
    return d


def typo_signature(d: cid.Diagram) -> bool:
    """Whether some agents have decisions but no utilities and others utilities but no
    decisions (what :class:`cid.CIDWarning` reports when reading a diagram)."""
    deciding = {a for n in d.decisions for a in d.agents_of(n)}
    rewarded = {a for n in d.utilities for a in d.agents_of(n)}
    return bool(deciding - rewarded) and bool(rewarded - deciding)
