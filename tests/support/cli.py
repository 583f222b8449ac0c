"""Helpers of the CLI tests: run ``cid`` in-process and check what it says."""

from __future__ import annotations

import pytest

import cid
from cid.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``cid ARGV...`` through :func:`cid.cli.main`: ``(exit status, stdout, stderr)``."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_error(err: str, *fragments: str) -> None:
    """One line per problem, naming what is wrong, and never a traceback."""
    assert "Traceback" not in err
    assert err.strip(), "an error must say something on stderr"
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def renamed_copy(diagram: cid.Diagram, renames: dict[str, str]) -> cid.Diagram:
    """``diagram`` with its nodes renamed through its spec dict (a reference for ``rename``)."""
    data = diagram.to_dict()
    for node in data["nodes"]:
        node["name"] = renames.get(node["name"], node["name"])
    data["edges"] = [[renames.get(n, n) for n in e] for e in diagram.edge_list]
    return cid.Diagram.from_dict(data)
