"""Solve models given as raw specs of every form against an oracle that never reads the specs.

The other oracles (brute force, pgmpy) read the tables the library resolved, so a bug in
reading a spec (a parameter bound to the wrong parent, a transposed table, a column taken for
the wrong value) would be invisible to them. Here the oracle works from the numbers the specs
were written from.
"""

from __future__ import annotations

import itertools

import pytest

from cid.quant import expected_utility, solve

from ._raw import RawModel, oracle_eu, oracle_meu, policy_count, raw_model


def _small(seed: int) -> RawModel:
    for attempt in range(200):
        raw = raw_model(seed * 200 + attempt)
        if policy_count(raw) <= 600:
            return raw
    raise AssertionError("no small raw model")  # pragma: no cover


@pytest.mark.parametrize("seed", range(24))
def test_meu_from_raw_specs_matches_an_independent_oracle(seed: int) -> None:
    raw = _small(seed)
    m = raw.model()
    sol = solve(m)
    assert sol.meu == pytest.approx(oracle_meu(raw), abs=1e-9), raw.styles
    rules = {}
    for D, rule in sol.policy.items():
        pa = raw.parents[D]
        rules[D] = {cfg: rule(**{p: v for p, v in zip(pa, cfg, strict=True)
                                 if p in rule.parents})
                    for cfg in itertools.product(*(raw.values[p] for p in pa))}
    assert oracle_eu(raw, rules) == pytest.approx(sol.meu, abs=1e-9)
    assert expected_utility(m, sol.policy) == pytest.approx(sol.meu, abs=1e-9)


def test_every_spec_form_is_exercised() -> None:
    styles = {s.split("/")[0] for seed in range(24) for s in _small(seed).styles.values()}
    assert {"names", "positional", "star", "mapping", "Function", "table", "dict",
            "constant"} <= styles
