"""Reading the diagrams the ``cid`` command is pointed at, and writing its outputs.

A *target* is a JSON spec file (see :mod:`cid.io`), ``-`` for a spec on standard input, or
``zoo:NAME`` for a zoo entry (the zoo is a plugin: :mod:`cid.cli._plugin`); parameters of the
entry follow a second colon, comma-separated: ``zoo:mdp:horizon=5``.

Examples
--------
>>> parse_zoo_target("zoo:mdp:horizon=5,name=short")
('mdp', {'horizon': 5, 'name': 'short'})
>>> parse_zoo_target("diagram.json") is None
True
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cid.errors import CIDError, SpecError

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["Failure", "UsageError", "check_stdin_once", "load_target", "output_folder",
           "parse_zoo_target", "plural", "read_stdin", "write_text"]

ZOO_PREFIX = "zoo:"
BOM = "\ufeff"


def plural(n: int, word: str, plural: str | None = None) -> str:
    """``"1 file"``, ``"2 files"``; ``plural`` for irregular words (``"entries"``)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


class Failure(Exception):
    """A command failed in a way the user must hear about: its lines go to stderr.

    Parameters
    ----------
    lines : list of str
        The message, one line per problem.
    exit_code : int
        1 for bad input, 3 for a missing Graphviz.
    """

    def __init__(self, lines: list[str], exit_code: int = 1) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.exit_code = exit_code


class UsageError(Exception):
    """The command line is well-formed for argparse but asks for something impossible."""


def parse_zoo_target(target: str) -> tuple[str, dict[str, Any]] | None:
    """Split ``zoo:NAME[:k=v,...]`` into the entry name and its parameters (``None`` if the
    target is not a zoo target). Values are read as JSON where they parse, else as text."""
    if not target.startswith(ZOO_PREFIX):
        return None
    name, _, rest = target[len(ZOO_PREFIX):].partition(":")
    params: dict[str, Any] = {}
    for item in filter(None, rest.split(",")):
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"bad zoo parameter {item!r} in {target!r}: write key=value")
        try:
            value: Any = json.loads(raw)
        except (json.JSONDecodeError, ValueError):  # ValueError: a number too long to read
            value = raw
        if key.strip() in params:
            raise UsageError(f"zoo parameter {key.strip()!r} is given twice in {target!r}")
        params[key.strip()] = value
    return name, params


MAX_PROBLEM_LINES = 100
"""At most this many problems of one input are printed; a last line counts the rest."""


def _spec_failure(err: SpecError, source: str) -> Failure:
    lines = []
    for loc, msg, code in err.problems[:MAX_PROBLEM_LINES]:
        where = [source] if source not in msg else []  # "cannot read FILE: ..." names it
        lines.append(": ".join([*where, *([loc] if loc else []), f"{msg} [{code}]"]))
    rest = len(err.problems) - MAX_PROBLEM_LINES
    if rest > 0:
        lines.append(f"{source}: ... and {rest:,} more {'problem' if rest == 1 else 'problems'}"
                     " (fix these first)")
    return Failure(lines or [f"{source}: {err}"])


def load_target(target: str) -> Diagram:
    """Read a diagram from a JSON spec file, ``-`` (standard input) or ``zoo:NAME``.

    Raises
    ------
    Failure
        The spec cannot be read or is invalid (one line per problem, naming the file), or
        the zoo entry is unknown.
    """
    from cid.io import from_json, load

    zoo_target = parse_zoo_target(target)
    try:
        if zoo_target is not None:
            from cid.cli._plugin import load_zoo

            name, params = zoo_target
            return load_zoo().build(name, **params)
        if target == "-":
            return from_json(read_stdin(), source="<stdin>")
        return load(target)
    except SpecError as err:
        raise _spec_failure(err, "<stdin>" if target == "-" else target) from None
    except CIDError as err:
        raise Failure([f"{target}: {err}"]) from None


def check_stdin_once(targets: list[str]) -> None:
    """Refuse a command line that names standard input (``-``) more than once: it can be read
    only once, so the second ``-`` would silently be empty or a copy of the first.

    Raises
    ------
    UsageError
        ``-`` appears more than once in ``targets``.
    """
    if targets.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once: give it at most once")


def read_stdin() -> str:
    """Standard input as UTF-8 text, whatever the locale (a byte-order mark is dropped), never
    read beyond the input limit.

    Raises
    ------
    SpecError
        The input is larger than the limit or is not UTF-8 text.
    """
    from cid.files import read_stream_limited

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (e.g. replaced in a test)
        return sys.stdin.read().removeprefix(BOM)
    data = read_stream_limited(stream, source="<stdin>")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SpecError([("", f"cannot read standard input: not UTF-8 text ({err.reason} "
                          f"at byte {err.start})", "cid_io")], source="<stdin>") from None


@contextmanager
def output_folder(path: str | Path) -> Iterator[Path]:
    """Create the folder of the output file ``path`` for the ``with`` body to write into; if the
    body fails, remove again the folders this created (so a failed command leaves nothing)."""
    path = Path(path)
    created = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield path
    except BaseException:
        for folder in created:  # deepest first
            try:
                folder.rmdir()
            except OSError:  # not empty (something else wrote there) or already gone
                break
        raise


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path``, creating its folder; return the path."""
    from cid.files import write_atomic

    with output_folder(path) as out:
        write_atomic(out, text)
    return out
