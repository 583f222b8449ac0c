"""One headless Chromium per test session for the explorer's browser tests (skipped, with the
reason, where Playwright, Debian's chromium or Graphviz is missing)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.explorer.helpers import LAUNCH_ARGS, chromium_path

LAUNCH_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the browser tests need playwright (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("the browser tests need Chromium (apt-get install chromium, or "
                    "python3 dev.py setup)")
    if shutil.which("dot") is None:
        pytest.skip("the browser tests need the Graphviz 'dot' executable")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS,
                                  timeout=LAUNCH_TIMEOUT_MS)
        except Exception as err:  # noqa: BLE001 - a browser that cannot start is a skip
            pytest.skip(f"Chromium at {executable} did not start: {str(err)[:200]}")
        try:
            yield b
        finally:
            b.close()
