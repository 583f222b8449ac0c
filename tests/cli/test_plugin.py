"""The zoo is a plugin: ``cid`` finds it through the ``cid.zoo`` entry point and never
imports it otherwise."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import cid
from cid.cli import _plugin
from tests.support.cli import assert_clean_error, run


@pytest.fixture
def fresh_plugin() -> Iterator[None]:
    _plugin.load_zoo.cache_clear()
    yield
    _plugin.load_zoo.cache_clear()


def test_the_entry_point_names_the_zoo(fresh_plugin: None) -> None:
    import zoo
    from zoo.plugin import PLUGIN

    assert _plugin.load_zoo() is PLUGIN
    assert PLUGIN.names() == zoo.names()


@pytest.mark.parametrize("argv", [("zoo", "list"), ("analyze", "zoo:mdp"),
                                  ("zoo", "show", "mdp")])
def test_without_a_zoo_the_commands_say_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fresh_plugin: None,
    argv: tuple[str, ...],
) -> None:
    monkeypatch.setattr(_plugin, "entry_points", lambda group: [])
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert_clean_error(err, "no zoo is installed", "cid.zoo")


def test_a_broken_plugin_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fresh_plugin: None,
) -> None:
    broken = EntryPoint(name="zoo", value="no_such_module_cid:PLUGIN", group=_plugin.GROUP)
    monkeypatch.setattr(_plugin, "entry_points", lambda group: [broken])
    code, _, err = run(capsys, "zoo", "list")
    assert code == 1
    assert_clean_error(err, "no_such_module_cid:PLUGIN", "cannot be loaded")


def test_cid_does_not_import_the_zoo(tmp_path: Path) -> None:
    """Everything but the zoo commands runs with the zoo never imported."""
    d = cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"])
    path = cid.save(d, tmp_path / "d.json")
    code = (
        "import sys, cid, cid.cli, cid.incentives, cid.graph\n"
        "from cid.cli import main\n"
        f"assert main(['analyze', {str(path)!r}]) == 0\n"
        f"assert main(['compare', {str(path)!r}, {str(path)!r}]) == 0\n"
        f"assert main(['render', {str(path)!r}, '-o', '-']) == 0\n"
        "assert not [m for m in sys.modules if m == 'zoo' or m.startswith('zoo.')]\n"
        "assert main(['zoo', 'list']) == 0\n"
        "assert 'zoo.plugin' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
