"""The ``cid zoo`` subcommands: list the entries, show one, render them into a folder."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import warnings
from typing import TYPE_CHECKING

from cid.cli._targets import Failure

if TYPE_CHECKING:
    from zoo.entry import Entry

__all__ = ["list_entries", "render", "show"]


def _entry(name: str) -> Entry:
    """The zoo entry ``name``; an unknown name fails with the zoo's close-match message."""
    import zoo
    from cid.errors import CIDError

    try:
        return zoo.entry(name)
    except CIDError as err:
        raise Failure([str(err)]) from None


def list_entries(args: argparse.Namespace) -> int:
    """``cid zoo list [--format text|json]``: name, title and source of every entry."""
    import zoo

    entries = [zoo.entry(n) for n in zoo.names()]
    if args.format == "json":
        rows = [{"name": e.name, "title": e.title, "source": e.reference.short,
                 "reference": str(e.reference)} for e in entries]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(e.name) for e in entries), default=0)
    title_width = max((len(e.title) for e in entries), default=0)
    for e in entries:
        print(f"{e.name:<{width}}  {e.title:<{title_width}}  {e.reference.short}".rstrip())
    return 0


def show(args: argparse.Namespace) -> int:
    """``cid zoo show NAME``: the summary, the incentive table and the claims with verdicts.

    Exit status 1 when the engine disagrees with one of the paper's claims.
    """
    import cid

    entry = _entry(args.name)
    diagram = entry.build()
    params = ", ".join(f"{k}={v!r}" for k, v in entry.params.items())
    out = [f"{entry.name}: {entry.title}", f"source: {entry.reference}",
           f"structure confidence: {entry.confidence}"]
    if params:
        key = next(iter(entry.params))
        out.append(f"parameters: {params} (set them as zoo:{entry.name}:{key}=VALUE)")
    out.append("")
    out += textwrap.wrap(" ".join(entry.summary.split()), width=88)
    report = cid.analyze(diagram)
    out += ["", f"incentives (`cid analyze zoo:{entry.name}` shows the path behind each):"]
    out += ["  " + line for line in report.table().splitlines()]
    verdicts = entry.verdicts(diagram)
    out += ["", f"claims ({sum(v.ok for v in verdicts)}/{len(verdicts)} confirmed by the engine):"]
    out += [f"  {v}" for v in verdicts] or ["  (none)"]
    print("\n".join(out))
    return 0 if all(v.ok for v in verdicts) else 1


def render(args: argparse.Namespace) -> int:
    """``cid zoo render [NAMES...] --out DIR --format svg,png [--incentives] [--report]``.

    Without Graphviz the ``.dot`` files are still written, a one-line hint goes to stderr and
    the exit status stays 0 (the report is still printed).
    """
    import zoo
    from cid.errors import CIDWarning
    from zoo.gallery import render_zoo
    from zoo.summary import summary_line

    names = list(dict.fromkeys(args.names)) or None
    for name in names or ():
        _entry(name)  # unknown names fail before anything is written
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CIDWarning)
        written = render_zoo(args.out, names=names, formats=args.formats,
                             incentives=args.incentives)
    for warning in caught:
        if issubclass(warning.category, CIDWarning):
            print(f"cid zoo render: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    if args.report:
        for name in names or zoo.names():
            print(summary_line(name))
    entries = len(names or zoo.names())
    print(f"cid zoo render: wrote {len(written)} files for {entries} "
          f"entr{'y' if entries == 1 else 'ies'} into {args.out}", file=sys.stderr)
    return 0
