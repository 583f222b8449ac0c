"""Fuzzing the spec reader and the command: random bytes and random JSON give a diagram or a
CIDError (documented exit codes, no traceback), never anything else, and never a partial file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cid
from cid.cli import main

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
_NAMES = st.sampled_from(["S", "D", "U", "X", "1bad", "", "S"])
_SPECISH = st.fixed_dictionaries(
    {"nodes": st.lists(st.fixed_dictionaries({
        "kind": st.sampled_from(["chance", "decision", "utility", "other", 3]),
        "name": _NAMES}, optional={"agent": st.one_of(st.text(max_size=3), st.lists(
            st.text(max_size=3), max_size=2)), "label": st.text(max_size=5),
            "domain": st.lists(_JSON, max_size=3)}), max_size=5),
     "edges": st.lists(st.one_of(st.lists(_NAMES, max_size=3), st.text(max_size=10)),
                       max_size=5)},
    optional={"format_version": st.sampled_from([1, 2, 3, "1"]), "name": st.text(max_size=5)})

_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_give_a_diagram_or_a_cid_error(data: bytes) -> None:
    try:
        d = cid.Diagram.from_json(data)
    except cid.CIDError:
        return
    assert isinstance(d, cid.Diagram)


@_SETTINGS
@given(st.one_of(_JSON, _SPECISH))
def test_random_json_gives_a_diagram_or_a_cid_error(data: object) -> None:
    try:
        d = cid.Diagram.from_dict(data)  # type: ignore[arg-type]
    except cid.CIDError:
        return
    assert cid.Diagram.from_json(d.to_json()) == d  # what is read writes back


@_SETTINGS
@given(st.one_of(st.binary(max_size=200), _SPECISH.map(lambda s: json.dumps(s).encode())))
def test_the_command_never_shows_a_traceback_nor_leaves_a_partial_file(
        tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
        data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    spec = folder / "in.json"
    spec.write_bytes(data)
    out = folder / "out.dot"
    assert main(["validate", str(spec)]) in (0, 1)
    code = main(["render", str(spec), "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 1)
    if code == 0:
        assert out.read_text(encoding="utf-8").startswith("digraph")
    else:
        assert not out.exists() and err.strip()
    assert sorted(p.name for p in folder.iterdir()) == (["in.json", "out.dot"] if code == 0
                                                         else ["in.json"])


def test_the_fuzzers_reach_valid_diagrams_too(tmp_path: Path) -> None:
    """The strategies are not all rejects: a valid spec shaped like theirs is read."""
    spec = {"nodes": [{"kind": "chance", "name": "S"}, {"kind": "decision", "name": "D"},
                      {"kind": "utility", "name": "U"}], "edges": [["S", "D"], "D -> U"]}
    assert cid.Diagram.from_dict(spec).decisions == ("D",)
