"""control_value and information_value are exact by default: against brute-force MEUs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import control_value, information_value
from tests.support.random_models import brute_force_meu, policy_count, random_model


def _respecified(m: cid.Model, diagram: cid.Diagram, *, drop: str | None = None) -> cid.Model:
    """The model's numbers on another diagram over the same nodes (tables, not the model's
    own transformations), without the CPD of ``drop``."""
    d = m.diagram
    cpds: dict[str, object] = {n: m.cpd(n).table for n in d.chance_nodes if n != drop}
    cpds.update({u: m.utility(u).values for u in d.utilities})
    domains = {n: list(m.domain(n).values) for n in d.nodes if d.kind(n) != "utility"}
    return cid.Model(diagram, cpds, domains)


def _small(seed: int) -> cid.Model | None:
    for attempt in range(40):
        m = random_model(seed * 100 + attempt, n=6, max_parents=2, decisions=2, utilities=2,
                         max_card=2)
        d = m.diagram
        if policy_count(m) <= 256 and not any(d.children(u) for u in d.utilities):
            return m
    return None


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.data())
def test_control_value_is_exact_by_default(seed: int, data: st.DataObject) -> None:
    m = _small(seed)
    if m is None:
        return
    d = m.diagram
    node = data.draw(st.sampled_from(d.chance_nodes)) if d.chance_nodes else None
    if node is None:
        return
    controlled = _respecified(m, d.with_kind(node, "decision"), drop=node)
    if policy_count(controlled) > 20_000:
        return
    expected = brute_force_meu(controlled)[0] - brute_force_meu(m)[0]
    value = control_value(m, node, decision=d.decisions[0])
    assert value.exact and value.value == pytest.approx(expected, abs=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.data())
def test_information_value_is_exact_by_default(seed: int, data: st.DataObject) -> None:
    m = _small(seed)
    if m is None:
        return
    d = m.diagram
    decision = data.draw(st.sampled_from(d.decisions))
    below = _descendants(d, decision)
    options = [n for n in d.nodes if n != decision and n not in below
               and n not in d.parents(decision) and d.kind(n) != "utility"]
    if not options:
        return
    node = data.draw(st.sampled_from(options))
    linked = _respecified(m, d.with_edge(node, decision))
    if policy_count(linked) > 20_000:
        return
    expected = brute_force_meu(linked)[0] - brute_force_meu(m)[0]
    value = information_value(m, node, decision=decision)
    assert value.exact and value.value == pytest.approx(expected, abs=1e-9)


def _descendants(d: cid.Diagram, node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        for c in d.children(stack.pop()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen
