"""pgmpy converters, and pgmpy's exact inference as an independent oracle for ours."""

from __future__ import annotations

import builtins
import warnings

import numpy as np
import pytest

import cid
from cid.quant import conditional, expected_utility, marginal
from tests.support.random_models import brute_force_meu, random_model, small_random_model

pgmpy = pytest.importorskip("pgmpy")
with warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)
    from pgmpy.inference import VariableElimination

from cid.interop.pgmpy import from_pgmpy, to_pgmpy  # noqa: E402


def _stochastic_policy(m: cid.Model, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    d = m._diagram
    return {D: rng.dirichlet(np.ones(len(m.domain(D))),
                             size=tuple(len(m.domain(p)) for p in d.parents(D)) or None)
            for D in d.decisions}


def _pgmpy_table(factor: object, variables: list[str]) -> np.ndarray:
    """The values of a pgmpy factor with its axes in ``variables`` order."""
    order = [factor.variables.index(v) for v in variables]  # type: ignore[attr-defined]
    return np.asarray(factor.values).transpose(order)  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(12))
def test_inference_matches_pgmpy_variable_elimination(seed: int) -> None:
    m = random_model(seed, n=7, max_parents=3)
    policy = _stochastic_policy(m, seed)
    bn = to_pgmpy(m, policy)
    oracle = VariableElimination(bn)
    rng = np.random.default_rng(seed)
    nodes = list(m.diagram.nodes)
    for _ in range(3):
        a, b = (str(x) for x in rng.choice(nodes, size=2, replace=False))
        q = oracle.query([a, b], show_progress=False)
        np.testing.assert_allclose(marginal(m, [a, b], policy=policy).table,
                                   _pgmpy_table(q, [a, b]), atol=1e-10)
        value = m.domain(b)[0]
        if marginal(m, b, policy=policy)[value] > 1e-9:
            q = oracle.query([a], evidence={b: value}, show_progress=False)
            np.testing.assert_allclose(conditional(m, a, given={b: value}, policy=policy).table,
                                       np.asarray(q.values), atol=1e-10)
    eu = sum(float(np.asarray(oracle.query([u], show_progress=False).values)
                   @ np.asarray(bn.get_cpds(u).state_names[u], dtype=float))
             for u in m.diagram.utilities)
    assert expected_utility(m, policy) == pytest.approx(eu, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_optimal_policy_eu_matches_pgmpy_and_is_optimal(seed: int) -> None:
    """pgmpy evaluates the returned policy; brute-force enumeration checks it is the best."""
    m = small_random_model(seed + 50, n=7, max_parents=2, decisions=2, utilities=2)
    sol = cid.solve(m)
    bn = to_pgmpy(m, sol.policy)
    oracle = VariableElimination(bn)
    eu = sum(float(np.asarray(oracle.query([u], show_progress=False).values)
                   @ np.asarray(bn.get_cpds(u).state_names[u], dtype=float))
             for u in m.diagram.utilities)
    assert sol.meu == pytest.approx(eu, abs=1e-9)
    best, _ = brute_force_meu(m)
    assert sol.meu <= best + 1e-9
    if sol.exact:
        assert sol.meu == pytest.approx(best, abs=1e-9)
    else:  # a local optimum: enumeration finds the best, which pgmpy confirms
        top = cid.solve(m, method="enumerate")
        assert top.meu == pytest.approx(best, abs=1e-9)


def test_decisions_without_a_rule_get_uniform_placeholders() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    m = cid.Model(d, {"S": [0.3, 0.7], "U": lambda S, D: float(S == D)}, {"D": ["a", "b", "c"]})
    with pytest.raises(cid.ModelIncompleteError, match="no rule for decision D: .*placeholders"):
        to_pgmpy(m)
    bn = to_pgmpy(m, placeholders=True)
    cpd = bn.get_cpds("D")
    assert cpd.variables == ["D", "S"] and cpd.state_names["D"] == ["a", "b", "c"]
    np.testing.assert_allclose(cpd.values, np.full((3, 2), 1 / 3))
    assert to_pgmpy(m, {"D": "b"}, placeholders=True).get_cpds("D").values[1].tolist() == [1, 1]
    q = VariableElimination(bn).query(["U"], show_progress=False)
    assert float(np.asarray(q.values) @ np.array(bn.get_cpds("U").state_names["U"])) == (
        pytest.approx(expected_utility(m, {"D": {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}})))


def test_round_trip_keeps_tables_and_domains() -> None:
    d = cid.Diagram.from_edges(["W -> O", "O -> D", "W -> U", "D -> U"], decisions=["D"],
                               utilities=["U"])
    m = cid.Model(d, {"W": {"rain": 0.3, "sun": 0.7},
                      "O": lambda W: {"cloudy": 0.8, "clear": 0.2} if W == "rain" else "clear",
                      "U": lambda W, D: float((W == "rain") == D)}, {"D": [False, True]})
    sol = cid.solve(m)
    back = from_pgmpy(to_pgmpy(m, sol.policy), decisions=["D"], utilities=["U"])
    assert back.domain("W") == ("rain", "sun") and back.domain("D") == (False, True)
    np.testing.assert_allclose(back.cpd("O").table, m.cpd("O").table)
    assert cid.solve(back).meu == pytest.approx(sol.meu)


def test_from_pgmpy_reports_bad_input() -> None:
    d = cid.Diagram.from_edges(["X -> Y"])
    bn = to_pgmpy(cid.Model(d, {"X": [0.5, 0.5], "Y": [[1.0, 0.0], [0.0, 1.0]]}))
    with pytest.raises(cid.DiagramError, match="Z not in the network"):
        from_pgmpy(bn, decisions=["Z"])
    with pytest.raises(cid.DiagramError, match="needs a pgmpy DiscreteBayesianNetwork, got str"):
        from_pgmpy("nope")  # type: ignore[arg-type]
    with pytest.raises(cid.DiagramError, match="to_pgmpy needs a cid.Model"):
        to_pgmpy(bn)  # type: ignore[arg-type]


def test_from_pgmpy_wants_numeric_utility_states() -> None:
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.models import DiscreteBayesianNetwork

    bn = DiscreteBayesianNetwork([("X", "U")])
    bn.add_cpds(TabularCPD("X", 2, [[0.5], [0.5]], state_names={"X": [0, 1]}),
                TabularCPD("U", 2, [[1, 0], [0, 1]], evidence=["X"], evidence_card=[2],
                           state_names={"U": ["lo", "hi"], "X": [0, 1]}))
    with pytest.raises(cid.ModelIncompleteError,
                       match=r"U: a utility's states must be numbers, got \['lo', 'hi'\]"):
        from_pgmpy(bn, utilities=["U"])


def test_missing_pgmpy_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pgmpy"):
            raise ImportError("No module named 'pgmpy'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)
    d = cid.Diagram.from_edges(["X -> Y"])
    m = cid.Model(d, {"X": [0.5, 0.5], "Y": [[1.0, 0.0], [0.0, 1.0]]})
    with pytest.raises(cid.OptionalDependencyError, match=r"pip install 'cid-incentives\[pgmpy\]'"):
        to_pgmpy(m)
    with pytest.raises(ImportError):
        to_pgmpy(m)
