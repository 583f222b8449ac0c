"""The ``cid zoo`` subcommands: list the entries, show one, render them into a folder."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from cid.cli._targets import Failure

__all__ = ["list_entries", "render", "show"]


def _entry(name: str):  # type: ignore[no-untyped-def]
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
    """``cid zoo show NAME``: the summary, the incentive table and the claims with verdicts."""
    import cid

    entry = _entry(args.name)
    diagram = entry.build()
    out = [f"{entry.name}: {entry.title}", f"source: {entry.reference}", ""]
    out += textwrap.wrap(" ".join(entry.summary.split()), width=88)
    out += ["", "incentives:"]
    out += ["  " + line if line else "" for line in str(cid.analyze(diagram)).splitlines()]
    verdicts = entry.verdicts(diagram)
    out += ["", f"claims ({sum(v.ok for v in verdicts)}/{len(verdicts)} confirmed):"]
    out += [f"  {v}" for v in verdicts] or ["  (none)"]
    print("\n".join(out))
    return 0 if all(v.ok for v in verdicts) else 1


def render(args: argparse.Namespace) -> int:
    """``cid zoo render [NAMES...] --out DIR --format svg,png [--incentives] [--report]``."""
    import zoo
    from zoo.gallery import render_zoo

    names = list(args.names) or None
    if names:
        for name in names:
            _entry(name)  # unknown names fail before anything is written
    result = render_zoo(args.out, names=names, formats=args.formats, incentives=args.incentives)
    if args.report:
        for name in names or zoo.names():
            print(zoo.summary_line(name))
    del result
    print(f"wrote the zoo into {args.out}", file=sys.stderr)
    return 0
