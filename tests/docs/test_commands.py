"""Every ``$ cid ...`` command README.md and the docs pages show is run: it prints what the
page shows and exits with the status the page says (0 unless ``$ echo $?`` says otherwise).

The files the commands read come from the pages themselves (see :mod:`tests.cli.pages`).
"""

from __future__ import annotations

import doctest
import json
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.pages import DOCS, Shown, pages, run_page, shown_commands, shown_files

PICTURE_SUFFIXES = (".svg", ".png", ".pdf")

# Failing commands on pages this suite's authors do not own, whose page does not yet say the
# status with `$ echo $?`: (page, command) -> status. Remove an entry once its page says it.
def _collect() -> tuple[list[Shown], list[str]]:
    found, problems = [], []
    for path in pages():
        try:
            found += shown_commands(path)
        except ValueError as err:
            problems.append(str(err))
    return found, problems


SHOWN, PROBLEMS = _collect()


def test_pages_show_only_commands_that_run() -> None:
    assert not PROBLEMS
    assert {s.page for s in SHOWN} >= {"docs/cli.md", "docs/format.md", "docs/quickstart.md"}


@cache
def _page_folder(page: str) -> Path | None:
    """The folder the page's Python examples write their files into (``folder``), if any."""
    path = DOCS.parent / page
    if "```python" not in path.read_text(encoding="utf-8"):
        return None
    folder = run_page(path).get("folder")
    return folder if isinstance(folder, Path) else None


def _make_files(page: str, where: Path) -> None:
    """Write the files the pages show and the ones ``page``'s examples make into ``where``."""
    for name, text in shown_files().items():
        (where / name).write_text(text, encoding="utf-8")
    folder = _page_folder(page)
    if folder is not None:
        for made in folder.rglob("*"):
            target = where / made.relative_to(folder)
            if made.is_dir():
                target.mkdir(exist_ok=True)
            else:
                assert not target.exists(), f"{page} makes {made.name}, which a page also shows"
                shutil.copyfile(made, target)


def _needs_dot(argv: list[str]) -> bool:
    if argv[:2] == ["zoo", "render"]:
        formats = argv[argv.index("--format") + 1] if "--format" in argv else "svg,png"
        return formats.split(",") != ["dot"]
    return any(a.endswith(PICTURE_SUFFIXES) for a in argv)


@pytest.mark.parametrize("shown", SHOWN, ids=[s.id for s in SHOWN])
def test_shown_command_prints_what_the_page_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    shown: Shown,
) -> None:
    if _needs_dot(shown.argv) and shutil.which("dot") is None:
        pytest.skip("needs the Graphviz 'dot' executable")
    _make_files(shown.page, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")  # help texts and `zoo list` follow the terminal width
    code, out, err = run(capsys, *shown.argv)
    assert "Traceback" not in err
    got = "\n".join(line.rstrip() for line in (out + err).splitlines())
    want = "\n".join(line.rstrip() for line in shown.output.strip("\n").splitlines())
    checker = doctest.OutputChecker()
    assert checker.check_output(want + "\n", got + "\n", doctest.ELLIPSIS), (
        f"{shown.id} (exit {code}) printed\n{got}\n--- but the page shows ---\n{want}")
    assert code == shown.status, f"{shown.id}: exit status {code}, the page says {shown.status}"


def test_the_cli_page_shows_the_file_format_example() -> None:
    """mdp.json on the CLI page is the example of the file format page."""
    (first, *_) = re.findall(r"```json\n(.*?)```", (DOCS / "format.md").read_text("utf-8"), re.S)
    assert json.loads(shown_files()["mdp.json"]) == json.loads(first)


def test_pages_make_the_files_their_commands_read(tmp_path: Path) -> None:
    for page in sorted({s.page for s in SHOWN}):
        where = tmp_path / page.replace("/", "_")
        where.mkdir()
        _make_files(page, where)
        made = {p.name for p in where.iterdir()}
        wanted = {a for s in SHOWN if s.page == page for a in s.argv
                  if a.endswith(".json") and s.argv[0] != "schema"}
        assert wanted <= made, f"{page} reads {wanted - made}, which no page makes"
