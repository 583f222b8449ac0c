"""control_value and information_value are exact by default: against brute-force MEUs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import control_value, information_value
from tests.support.random_models import brute_force_meu, policy_count, random_model
from tests.support.signalling_models import direct_signalling


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


@settings(max_examples=40, deadline=None)
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


@settings(max_examples=60, deadline=None)
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


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_the_value_of_information_a_decision_can_signal_is_exact(seed: int) -> None:
    """D2 reads D1's action; the value of letting D1 see the hidden H (which it can pass on
    to D2) against the brute-force MEUs with and without the link."""
    m = direct_signalling(seed, sees_hidden=False)
    linked = direct_signalling(seed)
    expected = brute_force_meu(linked)[0] - brute_force_meu(m)[0]
    value = information_value(m, "H", decision="D1")
    assert value.exact and value.value == pytest.approx(expected, abs=1e-9)


def test_the_value_of_a_signal_read_through_a_decision_is_exact() -> None:
    """N3 sees only N0; once N0 sees N1, N0 can pass N1 on to N3 (N1 also enters N4). The
    solver once maximised N0 before N3 and claimed an exact MEU below the optimum."""
    m = _small(276)
    assert m is not None
    d = m.diagram
    assert set(d.edge_list) == {("N0", "N3"), ("N3", "N4"), ("N1", "N4"), ("N1", "N5"),
                                ("N0", "N5")}
    linked = _respecified(m, d.with_edge("N1", "N0"))
    best = brute_force_meu(linked)[0]
    sol = cid.solve(linked)
    assert sol.exact and sol.meu == pytest.approx(best, abs=1e-9)
    value = information_value(m, "N1", decision="N0")
    assert value.exact
    assert value.value == pytest.approx(best - brute_force_meu(m)[0], abs=1e-9)


def _descendants(d: cid.Diagram, node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        for c in d.children(stack.pop()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def test_values_in_a_common_payoff_game_are_team_values() -> None:
    """With every agent sharing the utility, the value of the human seeing Ua is the team's:
    MEU with the link (0.9, the off-switch optimum) minus MEU without it (brute force)."""
    from zoo.off_switch import OPTIMUM, off_switch

    game = off_switch()
    d = game.diagram
    blind = _respecified(game, d.without_edge("Ua", "H"))
    value = information_value(game, "Ua", decision="H")
    assert value.exact
    assert value.value == pytest.approx(OPTIMUM - brute_force_meu(blind)[0], abs=1e-9)
