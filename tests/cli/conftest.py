"""Fixtures of the CLI tests: spec files (good and broken) and a PATH without Graphviz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cid


@pytest.fixture
def specs(tmp_path: Path) -> dict[str, Path]:
    """Spec files: a good one and one per kind of breakage."""
    good = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"],
                                  name="good")
    paths = {"good": cid.save(good, tmp_path / "good.json")}
    bad = {
        "invalid_json": '{"nodes": [{"kind": "chance", "name": "X"},]}',
        "cycle": json.dumps({"nodes": [{"kind": "chance", "name": "X"},
                                       {"kind": "chance", "name": "Y"}],
                             "edges": ["X -> Y -> X"]}),
        "unknown_node": json.dumps({"nodes": [{"kind": "chance", "name": "X"}],
                                    "edges": [["X", "Y"]]}),
        "not_an_object": "[1, 2]",
    }
    for name, text in bad.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH on which Graphviz's ``dot`` cannot be found."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
