"""Numeric models as files: round trips, tabulated functions, old files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cid
from cid.quant import load_policy, make_policy, save_model, solve
from tests.support.random_models import random_model
from zoo.off_switch import off_switch


def _same(a: cid.Model, b: cid.Model, rtol: float = 0.0) -> None:
    d = a.diagram
    assert b.diagram == d
    assert b.domains == a.domains
    for n in (*d.chance_nodes, *(u for u in d.utilities if d.children(u))):
        np.testing.assert_allclose(b.cpd(n).table, a.cpd(n).table, rtol=rtol, atol=0)
    for u in d.utilities:
        np.testing.assert_allclose(b.utility(u).values, a.utility(u).values, rtol=rtol, atol=0)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 2))
def test_random_models_round_trip_exactly(seed: int, agents: int) -> None:
    m = random_model(seed, n=6, max_parents=2, decisions=2, utilities=2, agents=agents)
    back = cid.Model.from_json(m.to_json())
    _same(m, back, rtol=1e-15)  # rows are renormalised on reading: at most one ulp off
    again = cid.Model.from_json(back.to_json())
    _same(m, again, rtol=1e-15)  # the error does not grow
    if agents == 1:
        assert solve(back).meu == pytest.approx(solve(m).meu, rel=1e-12, abs=1e-12)


def test_functions_are_tabulated_and_files_round_trip(tmp_path: Path) -> None:
    m = off_switch()  # CPD from a dict, utility from a function, string domains
    path = cid.save(m, tmp_path / "sub" / "off.json")
    data = json.loads(path.read_text())
    assert data["format_version"] == 2
    assert data["model"]["domains"]["R1"] == ["act", "off", "propose"]
    assert data["model"]["cpds"]["Ua"] == [0.2, 0.3, 0.3, 0.2]
    assert data["model"]["utilities"]["U"][0][0] == [-2.0, -1.0, 1.0, 3.0]  # R1=act, R2=act
    back = cid.load_model(path)
    _same(m, back)
    assert solve(back).meu == pytest.approx(0.9)
    assert cid.load(path) == m.diagram  # the diagram reader reads a model file's diagram


def test_policies_are_written_and_read_back(tmp_path: Path) -> None:
    m = off_switch()
    rules = {"H": lambda R1, Ua: "press" if Ua < 0 else "allow"}
    path = save_model(m, tmp_path / "p.json", policy=rules)
    got = load_policy(path)
    assert set(got) == {"H"}
    assert [got["H"](R1="propose", Ua=u) for u in (-2, 3)] == ["press", "allow"]
    assert load_policy(cid.save(m, tmp_path / "none.json")) == {}


def test_old_diagram_files_are_still_read(tmp_path: Path) -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    path = cid.save(d, tmp_path / "d.json")
    assert json.loads(path.read_text())["format_version"] == 1
    assert cid.load(path) == d
    with pytest.raises(cid.SpecError, match="format_version.*2"):
        cid.load_model(path)


def _spec(**model: object) -> dict[str, object]:
    base = json.loads(off_switch().to_json())
    base["model"].update(model)
    return base


@pytest.mark.parametrize(("change", "match"), [
    ({"cpds": {"Ua": [0.5, 0.5]}}, r"Ua.*shape"),
    ({"domains": {"R1": ["act", "off", "propose"], "H": ["press", "allow"],
                  "R2": ["act", "off"], "Ua": [-2, -1, 1]}}, r"Ua"),
    ({"policy": {"X": [0.5, 0.5]}}, r"model\.policy\.X: X is unknown node"),
    ({"policy": {"Ua": [1, 0, 0, 0]}}, r"model\.policy\.Ua: Ua is a chance node"),
    ({"policy": {"R1": [[1, 0]]}}, r"model\.policy.*R1"),
    ({"cpds": {"Ua": "half"}}, r"model\.cpds\.Ua"),
    ({"utilities": {"Nope": 1.0}}, r"Nope is unknown node"),
])
def test_bad_model_files_give_one_clear_spec_error(change: dict[str, object], match: str
                                                   ) -> None:
    with pytest.raises(cid.SpecError, match=match) as info:
        cid.Model.from_dict(_spec(**change), source="game.json")
    assert "game.json" in str(info.value)


def test_unwritable_domains_and_unknown_decisions_in_policies() -> None:
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"])
    m = cid.Model(d, {"S": [0.5, 0.5], "U": lambda D: float(D[0])}, {"D": [(0,), (1,)]})
    with pytest.raises(cid.DiagramError, match=r"domain of D.*\(0,\)"):
        m.to_json()
    with pytest.raises(cid.NodeNotFoundError, match="rule is given for 'X'.*decisions are D"):
        make_policy(m, {"X": 0})
    with pytest.raises(cid.DiagramError, match="S is a chance node, not a decision"):
        make_policy(m, {"S": 0})
    with pytest.raises(cid.SpecError, match="invalid JSON"):
        cid.Model.from_json("{")


def test_the_schema_describes_model_files() -> None:
    schema = cid.json_schema()
    assert schema["properties"]["format_version"]["enum"] == [1, 2]
    section = schema["$defs"]["ModelSection"]
    assert set(section["properties"]) == {"domains", "cpds", "utilities", "policy"}
    data = off_switch().to_dict()
    assert set(data) <= set(schema["properties"])
    assert set(data["model"]) <= set(section["properties"])
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, schema)
