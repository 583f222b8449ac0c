"""Hypothesis strategies for random diagrams (shared by the test modules)."""

from __future__ import annotations

from hypothesis import strategies as st

import cid

_labels = st.one_of(st.none(), st.text(max_size=8))
_domains = st.one_of(
    st.none(),
    st.lists(st.one_of(st.integers(-3, 3), st.text(max_size=3), st.booleans()), min_size=1,
             max_size=4, unique=True),
)


@st.composite
def diagrams(draw: st.DrawFn, *, max_nodes: int = 8, max_agents: int = 3,
             attributes: bool = True) -> cid.Diagram:
    """A random valid diagram: a random DAG over ``S0..Sn``, random kinds and agents."""
    n = draw(st.integers(1, max_nodes))
    names = [f"N{i}" for i in range(n)]
    n_agents = draw(st.integers(1, max_agents))
    agents = [None] if n_agents == 1 else [f"agent{i}" for i in range(n_agents)]
    d = cid.Diagram(draw(st.sampled_from(["g", "random"])))
    for i, name in enumerate(names):
        kind = draw(st.sampled_from(["chance", "chance", "decision", "utility"]))
        parents = draw(st.lists(st.sampled_from(names[:i]), unique=True, max_size=3)) if i else []
        extra = {}
        if attributes:
            extra = {"label": draw(_labels), "domain": draw(_domains),
                     "step": draw(st.one_of(st.none(), st.integers(0, 5))),
                     "counterfactual": draw(st.booleans())}
        if kind == "chance":
            d.chance(name, parents, **extra)
        elif kind == "decision":
            d.decision(name, parents, agent=draw(st.sampled_from(agents)), **extra)
        else:
            owners = draw(st.lists(st.sampled_from(agents), min_size=1, max_size=2, unique=True))
            d.utility(name, parents, agent=None if owners == [None] else owners, **extra)
    return d
