"""Shared test configuration: the ``needs_dot`` marker and hypothesis profiles."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

HAS_DOT = shutil.which("dot") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAS_DOT:
        return
    skip = pytest.mark.skip(reason="needs the Graphviz 'dot' executable (apt-get install graphviz)")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)
