"""The ``cid zoo`` subcommands: list the entries, show one, render them into a folder.

The zoo is a plugin found through an entry point (:func:`cid.cli._plugin.load_zoo`).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cid.cli._plugin import load_zoo
from cid.cli._targets import ZOO_PREFIX, Failure, UsageError, parse_zoo_target, plural

if TYPE_CHECKING:
    from cid.cli._plugin import ZooEntry

__all__ = ["list_entries", "render", "show"]


def _entry(name: str) -> ZooEntry:
    """The zoo entry ``name``; an unknown name fails with the zoo's close-match message."""
    from cid.errors import CIDError

    try:
        return load_zoo().entry(name)
    except CIDError as err:
        raise Failure([str(err)]) from None


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= width else text[:max(width - 1, 0)].rstrip() + "…"


def list_entries(args: argparse.Namespace) -> int:
    """``cid zoo list [--wide] [--format text|json]``: name, title and source of every entry.

    On a terminal, text lines fit its width (titles, then sources, are shortened with an
    ellipsis); piped or redirected, and with ``--wide`` or ``--format json``, they give the
    full text.
    """
    import shutil

    provider = load_zoo()
    entries = [provider.entry(n) for n in provider.names()]
    if args.format == "json":
        rows = [{"name": e.name, "title": e.title, "source": e.reference.short,
                 "reference": str(e.reference)} for e in entries]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    name_w = max((len(e.name) for e in entries), default=0)
    title_w = max((len(e.title) for e in entries), default=0)
    source_w = max((len(e.reference.short) for e in entries), default=0)
    wide = args.wide or not sys.stdout.isatty()
    if not wide:
        room = shutil.get_terminal_size().columns - 1 - name_w - 4  # two 2-space gaps
        if title_w + source_w > room:  # titles say more than sources: cut sources first
            source_w = min(source_w, max(room // 3, 12))
            title_w = min(title_w, max(room - source_w, 16))
    for e in entries:
        title = e.title if wide else _fit(e.title, title_w)
        source = e.reference.short if wide else _fit(e.reference.short, source_w)
        print(f"{e.name:<{name_w}}  {title:<{title_w}}  {source}".rstrip())
    return 0


def _show_target(target: str) -> tuple[str, dict[str, Any]]:
    """``NAME``, ``NAME:k=v,...`` or ``zoo:NAME:k=v,...`` as (name, parameters)."""
    parsed = parse_zoo_target(target if target.startswith(ZOO_PREFIX) else ZOO_PREFIX + target)
    assert parsed is not None
    return parsed


def show(args: argparse.Namespace) -> int:
    """``cid zoo show NAME[:k=v,...]``: the summary, the incentive table and the claims with
    their verdicts.

    Exit status 1 when the engine disagrees with one of the paper's claims. The claims are
    about the paper's figure, so they are checked on the entry built with its default
    parameters; the incentive table is that of the diagram asked for.
    """
    import cid
    from cid.errors import CIDError

    name, params = _show_target(args.name)
    entry = _entry(name)
    try:
        diagram = entry.build(**params)
    except CIDError as err:
        raise Failure([f"{args.name}: {err}"]) from None
    defaults = ", ".join(f"{k}={v!r}" for k, v in entry.params.items())
    out = [f"{entry.name}: {entry.title}", f"source: {entry.reference}",
           f"structure confidence: {entry.confidence}"]
    if params:
        asked = ", ".join(f"{k}={v!r}" for k, v in params.items())
        out.append(f"parameters: {asked} (the paper's figure: {defaults})")
    elif defaults:
        key = next(iter(entry.params))
        out.append(f"parameters: {defaults} (set them as {entry.name}:{key}=VALUE)")
    out.append("")
    out += textwrap.wrap(" ".join(entry.summary.split()), width=88)
    report = cid.analyze(diagram)
    target = ZOO_PREFIX + args.name.removeprefix(ZOO_PREFIX)
    out += ["", f"incentives (`cid analyze {target}` shows the path behind each):"]
    out += ["  " + line for line in report.table().splitlines()]
    verdicts = entry.verdicts()
    where = f"; checked on the paper's figure, {defaults}" if params else ""
    out += ["", f"claims ({sum(v.ok for v in verdicts)}/{len(verdicts)} confirmed by the "
            f"engine{where}):"]
    out += [f"  {v}" for v in verdicts] or ["  (none)"]
    print("\n".join(out))
    return 0 if all(v.ok for v in verdicts) else 1


def render(args: argparse.Namespace) -> int:
    """``cid zoo render [NAMES...] --out DIR --format svg,png [--incentives] [--report]``.

    Without Graphviz the ``.dot`` files are still written, a one-line hint goes to stderr and
    the exit status stays 0 (the report is still printed).
    """
    from cid.errors import CIDWarning

    provider = load_zoo()
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a directory; {args.out} is a file")
    names = list(dict.fromkeys(args.names)) or None
    for name in names or ():
        _entry(name)  # unknown names fail before anything is written
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CIDWarning)
        written = provider.render(args.out, names=names, formats=args.formats,
                                  incentives=args.incentives)
    for warning in caught:
        if issubclass(warning.category, CIDWarning):
            print(f"cid zoo render: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    if args.report:
        for name in names or provider.names():
            print(provider.summary_line(name))
    entries = len(names or provider.names())
    print(f"cid zoo render: wrote {plural(len(written), 'file')} for "
          f"{plural(entries, 'entry', 'entries')} into {args.out}", file=sys.stderr)
    return 0
