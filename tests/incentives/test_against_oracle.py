"""Every criterion agrees with the brute-force oracle; every witness is a real path.

Random diagrams have up to 8 nodes, several decisions and up to three agents (with shared
utility nodes). Witness trails are checked with the oracle's trail test and with networkx's
``is_d_separator``, in the graph the witness claims to live in, and that graph is checked to
be the one the definition names.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.incentives import Guarantee
from tests.support import oracle
from tests.support.strategies import diagrams
from tests.support.witnesses import check_witness

KINDS = {
    "value_of_information": cid.value_of_information,
    "response_incentive": cid.response_incentives,
    "value_of_control": cid.value_of_control,
    "instrumental_control_incentive": cid.instrumental_control_incentives,
}


@st.composite
def many_decisions(draw: st.DrawFn, max_nodes: int = 8) -> cid.Diagram:
    """One agent with many decisions and dense links: where VoI needs its fallback."""
    n = draw(st.integers(3, max_nodes))
    names = [f"N{i}" for i in range(n)]
    d = cid.Diagram("dense")
    for i, name in enumerate(names):
        kind = draw(st.sampled_from(["chance", "decision", "decision", "utility"]))
        parents = draw(st.lists(st.sampled_from(names[:i]), unique=True)) if i else []
        d = getattr(d, kind)(name, parents)
    return d


def _agree(d: cid.Diagram, *, witnesses: bool) -> None:
    before = d.to_json()
    report = cid.analyze(d)
    for D in d.decisions:
        expected = oracle.criteria(d, D)
        for kind, fn in KINDS.items():
            got = fn(d, D)
            assert got == expected[kind], (kind, D, sorted(got), sorted(expected[kind]))
            assert set(report[D].nodes(kind)) == got
            if witnesses:
                for node in sorted(got):
                    check_witness(d, D, node, kind)
            absent = set(d.nodes) - got
            if absent:
                assert cid.explain(d, D, min(absent), kind) is None
    assert d.to_json() == before  # analysis never mutates the diagram


@settings(max_examples=200)
@given(diagrams(max_nodes=8, max_agents=3, attributes=False))
def test_criteria_and_witnesses_agree_with_the_oracle(d: cid.Diagram) -> None:
    _agree(d, witnesses=True)


@settings(max_examples=120)
@given(many_decisions())
def test_many_decisions_agree_with_the_oracle(d: cid.Diagram) -> None:
    _agree(d, witnesses=True)


@settings(max_examples=150)
@given(diagrams(max_nodes=8, max_agents=2, attributes=False))
def test_invariants(d: cid.Diagram) -> None:
    G = d.to_networkx()
    for D in d.decisions:
        desc = nx.descendants(G, D)
        agent = d.agent_of(D)
        voi, ri = cid.value_of_information(d, D), cid.response_incentives(d, D)
        voc, ici = cid.value_of_control(d, D), cid.instrumental_control_incentives(d, D)
        assert not voi & (desc | {D})  # VoI never on descendants of D
        assert not ri & (desc | {D})  # RI only on non-descendants
        assert not voc & set(d.decisions_of(agent))
        assert ici <= desc | {D}
        if len(d.decisions_of(agent)) == 1:
            assert ici <= voc | {D}  # single decision: ICI ⊆ VoC ∪ {D}
        # the single-pass report says which guarantee applies
        g = cid.analyze(d)[D].guarantee
        if len(d.decisions_of(agent)) == 1:
            assert g is Guarantee.SOUND_AND_COMPLETE
        elif oracle.has_sufficient_recall(d, agent):
            assert g is Guarantee.GENERALISATION
        else:
            assert g is Guarantee.NO_SUFFICIENT_RECALL
