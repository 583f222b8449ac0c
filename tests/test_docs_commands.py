"""Every ``$ cid ...`` command the documentation shows is run, and prints what the page shows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cid
from tests.cli.helpers import run

ROOT = Path(__file__).resolve().parents[1]

DOC_PAGES = ("cli.md", "format.md", "quickstart.md")
PICTURE_SUFFIXES = (".svg", ".png", ".pdf")

# The files the shown commands read, as the pages describe them.
DOC_FILES = {
    "mdp.json": {
        "format_version": 1, "name": "mdp",
        "description": "two steps of a Markov decision process",
        "nodes": [{"kind": "chance", "name": "S1", "label": "S_1", "step": 1},
                  {"kind": "decision", "name": "A1", "label": "A_1", "step": 1},
                  {"kind": "chance", "name": "S2", "label": "S_2", "step": 2, "domain": [0, 1]},
                  {"kind": "utility", "name": "R2", "label": "R_2", "step": 2}],
        "edges": [["S1", "A1"], "S1, A1 -> S2 -> R2"],
    },
    "broken.json": {"nodes": [{"kind": "chance", "name": "X"}, {"kind": "chance", "name": "Y"}],
                    "edges": ["X -> Y -> X"]},
    # docs/quickstart.md
    "tampering.json": cid.Diagram.from_edges(
        ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "A1 -> ThetaR2 -> R2", "ThetaR1 -> ThetaR2"],
        decisions=["A1"], utilities=["R2"], name="tampering",
        labels={"ThetaR1": "Θ^R_1", "ThetaR2": "Θ^R_2"}).to_dict(),
    "fixed.json": cid.Diagram.from_edges(
        ["S1 -> A1 -> S2 -> R2", "S1 -> S2", "A1 -> ThetaR2", "ThetaR1 -> ThetaR2",
         "ThetaR1 -> A1", "ThetaR1 -> R2"],
        decisions=["A1"], utilities=["R2"], name="current_rf").to_dict(),
}


def shown_commands() -> list[tuple[str, str, str]]:
    """``(page, command, expected output)`` for every ``$ cid ...`` line of a console block."""
    import re

    found = []
    for page in DOC_PAGES:
        path = ROOT / "docs" / page
        if not path.exists():
            continue
        for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            command: str | None = None
            output: list[str] = []
            for line in [*block.splitlines(), "$ end"]:
                if line.startswith("$ "):
                    if command is not None:
                        found.append((page, command, "\n".join(output)))
                    command = line[2:] if line.startswith("$ cid ") else None
                    output = []
                else:
                    output.append(line)
    return found


def _needs_dot(argv: list[str]) -> bool:
    if argv[:2] == ["zoo", "render"]:
        formats = argv[argv.index("--format") + 1] if "--format" in argv else "svg,png"
        return formats.split(",") != ["dot"]
    return any(a.endswith(PICTURE_SUFFIXES) for a in argv)


@pytest.mark.parametrize(("page", "command", "expected"), shown_commands(),
                         ids=[f"{p}: {c}" for p, c, _ in shown_commands()])
def test_shown_command_gives_the_shown_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    page: str, command: str, expected: str,
) -> None:
    import doctest
    import shlex

    argv = shlex.split(command)[1:]
    if _needs_dot(argv) and shutil.which("dot") is None:
        pytest.skip("needs the Graphviz 'dot' executable")
    for name, data in DOC_FILES.items():
        (tmp_path / name).write_text(json.dumps(data, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert "Traceback" not in err
    got = "\n".join(line.rstrip() for line in (out + err).splitlines())
    want = "\n".join(line.rstrip() for line in expected.strip("\n").splitlines())
    checker = doctest.OutputChecker()
    assert checker.check_output(want + "\n", got + "\n", doctest.ELLIPSIS), (
        f"{page}: `{command}` (exit {code}) printed\n{got}\n--- but the page shows ---\n{want}")
