"""Reading the documentation pages as tests: their Python examples, shell commands and files.

Conventions the pages follow, so that everything they show is executed:

* ``$ cid ...`` lines in a ```` ```console ```` block are run (in-process, through
  :func:`cid.cli.main`); the lines after one, up to the next ``$``, are its output (standard
  output then standard error; ``...`` matches anything). A command exits 0 unless the page says
  otherwise with ``$ echo $?`` and the status on the next line. Any other ``$`` line is an
  error: nothing is shown that is not run.
* The files those commands read are made by the page: either shown whole, as a fenced block
  right after an HTML comment ``<!-- file: NAME -->`` (on any page; two pages that show the
  same file must show the same text), or written by the page's Python examples into the
  folder they call ``folder``.
* The Python examples are run as ``conftest.py`` runs them (Sybil: code blocks and doctests,
  one namespace per page, ``<!-- skip: ... -->`` honoured).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from functools import cache
from pathlib import Path
from typing import Any
from unittest import SkipTest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
FILE = re.compile(r"^<!-- file: (\S+) -->\n```[\w-]*\n(.*?)^```", re.S | re.M)
STATUS = "echo $?"


def pages() -> list[Path]:
    """README.md and every page of docs/ (generated gallery pages included)."""
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def page_name(path: Path) -> str:
    """``README.md`` or ``docs/NAME.md``."""
    return path.relative_to(ROOT).as_posix()


@dataclass(frozen=True)
class Shown:
    """One ``$ cid ...`` line of a page, what the page shows it prints, and its exit status."""

    page: str
    line: int
    command: str
    output: str
    status: int

    @property
    def argv(self) -> list[str]:
        """The arguments after ``cid``."""
        return shlex.split(self.command)[1:]

    @property
    def id(self) -> str:
        """A test id: ``docs/cli.md:42: cid zoo list``."""
        return f"{self.page}:{self.line}: {self.command}"


def shown_commands(path: Path) -> list[Shown]:
    """Every ``$ cid ...`` line of the console blocks of ``path``.

    Raises
    ------
    ValueError
        For a ``$`` line that is neither ``cid ...`` nor ``echo $?`` after a command, or an
        ``echo $?`` whose next line is not a number.
    """
    text = path.read_text(encoding="utf-8")
    found: list[Shown] = []
    for block in CONSOLE.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        last: Shown | None = None  # the command an `echo $?` reports on
        for n, i in enumerate(starts):
            command = lines[i][2:].strip()
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            where = f"{page_name(path)}:{first_line + i}"
            if command == STATUS:
                status = lines[i + 1].strip() if end == i + 2 else ""
                if last is None or not status.isdigit():
                    raise ValueError(f"{where}: '$ echo $?' must follow a command and show "
                                     "its status alone on the next line")
                found[-1] = Shown(last.page, last.line, last.command, last.output, int(status))
                last = None
                continue
            if not command.startswith("cid "):
                raise ValueError(f"{where}: '{command}' is shown but not run (only `cid ...` "
                                 "and `echo $?` lines are)")
            last = Shown(page_name(path), first_line + i, command,
                         "\n".join(lines[i + 1:end]), 0)
            found.append(last)
    return found


@cache
def shown_files() -> dict[str, str]:
    """The files the pages show whole (``<!-- file: NAME -->``), by name.

    Raises
    ------
    ValueError
        If two pages show different text for the same file.
    """
    files: dict[str, str] = {}
    for path in pages():
        for match in FILE.finditer(path.read_text(encoding="utf-8")):
            name, text = match.group(1), match.group(2)
            if files.setdefault(name, text) != text:
                raise ValueError(f"{page_name(path)} shows {name} differently from another page")
    return files


def run_page(path: Path) -> dict[str, Any]:
    """Run the Python examples of ``path`` in order, as ``conftest.py`` does; return the page's
    namespace (skipped examples are left out, a failing one raises)."""
    from sybil import Sybil
    from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

    sybil = Sybil(parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ])
    document = sybil.parse(path)
    for example in document:
        try:
            example.evaluate()
        except SkipTest:
            pass
    return document.namespace
