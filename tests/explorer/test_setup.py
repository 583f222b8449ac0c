"""``dev.py``'s Chromium set-up: nothing to do when a browser is there, apt-get otherwise, and a
one-line hint when neither works."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("present, installable, calls, hint", [
    (True, True, [], False),
    (False, True, [("chromium",)], False),
    (False, False, [("chromium",)], True),
])
def test_ensure_chromium(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                         present: bool, installable: bool, calls: list[tuple[str, ...]],
                         hint: bool) -> None:
    script = dev()
    installed = {"done": present}
    made: list[tuple[str, ...]] = []

    def apt_install(*packages: str) -> bool:
        made.append(packages)
        installed["done"] = installable
        return installable

    monkeypatch.setattr(script, "apt_install", apt_install)
    monkeypatch.setattr(script.shutil, "which",
                        lambda name: f"/usr/bin/{name}" if installed["done"] else None)
    script.ensure_chromium()
    assert made == calls
    out = capsys.readouterr().out
    assert ("browser tests are skipped" in out) == hint
    assert out.count("\n") == (1 if hint else 0)
