"""benchmarks/output_size.py runs (smoke): the compact JSON expands to the full paths, and it
grows at most about quadratically with the MDP's horizon (the full paths grow cubically)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

import cid

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("output_size",
                                                  ROOT / "benchmarks" / "output_size.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_smoke_compact_output_expands_and_grows_quadratically(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    assert bench.main(["--smoke", "--keep", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    horizons = bench.SMOKE_HORIZONS
    for h in horizons:
        assert re.search(rf"^ *{h} +{3 * h - 1} +one ", table, re.MULTILINE)
        one = json.loads((tmp_path / f"mdp-{h}-one.json").read_text("utf-8"))
        full = json.loads((tmp_path / f"mdp-{h}-all.json").read_text("utf-8"))
        bare = json.loads((tmp_path / f"mdp-{h}-none.json").read_text("utf-8"))
        assert (one["witnesses"], full["witnesses"], bare["witnesses"]) == ("one", "all", "none")
        assert cid.expand_witnesses(one) == full
        before = (tmp_path / f"mdp-{h}-before.json").read_text("utf-8")
        assert json.loads(before) == full  # the whole-string path writes the same report
        assert cid.expand_witnesses(bare) == bare
    size = {h: (tmp_path / f"mdp-{h}-one.json").stat().st_size for h in horizons}
    full_size = {h: (tmp_path / f"mdp-{h}-all.json").stat().st_size for h in horizons}
    for h in horizons:
        if 2 * h in horizons:
            assert size[2 * h] / size[h] < 5  # quadratic is 4, the full paths' cubic 8
    biggest = horizons[-1]
    assert full_size[biggest] > 5 * size[biggest]
