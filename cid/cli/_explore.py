"""``cid explore TARGET [-o OUT.html]``: write a diagram's interactive incentive explorer."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any

from cid.cli._targets import UsageError, load_target, output_folder

__all__ = ["add_parser", "explore"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               formatter: type[argparse.HelpFormatter],
               examples: Callable[..., str], targets: str) -> None:
    """Register ``cid explore`` on the subcommand parser ``sub``."""
    p = sub.add_parser(
        "explore", help="write an interactive incentive explorer (one HTML file)",
        formatter_class=formatter,
        description="Write one self-contained HTML page (no network; it works from file://): "
        "the drawing, and the incentives of every decision. Click a node to list its "
        "incentives with the witness path highlighted; switch agent and decision; toggle "
        "incentive kinds. Needs Graphviz (exit status 3 without it).",
        epilog=examples("cid explore zoo:wireheading", "cid explore diagram.json -o why.html",
                        "cid explore zoo:cirl --decision H1 --kinds VoI,RI -o cirl.html",
                        after=targets))
    p.add_argument("target", metavar="TARGET", help="a spec file, '-' or zoo:NAME")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="the page to write (.html), or '-' for stdout (default: NAME.html, "
                        "from the diagram's name)")
    p.add_argument("--decision", "-d", metavar="D", help="the decision shown first")
    p.add_argument("--kinds", metavar="K,...",
                   help="the incentive kinds shown first (VoI,RI,VoC,ICI or full names)")
    p.set_defaults(handler=explore)


def _default_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "diagram"
    return f"{stem}.html"


def explore(args: argparse.Namespace) -> int:
    """``cid explore TARGET [-o OUT] [--decision D] [--kinds K,...]``."""
    from cid.explorer import explore as make

    out = args.output
    if out not in (None, "-") and not out.lower().endswith((".html", ".htm")):
        raise UsageError(f"cannot write an explorer to '{out}': end it in .html (or write "
                         "'-o -' for stdout)")
    d = load_target(args.target)
    options: dict[str, Any] = {"decision": args.decision}
    if args.kinds is not None:
        options["kinds"] = [k.strip() for k in args.kinds.split(",") if k.strip()]
    explorer = make(d, **options)
    if out == "-":
        sys.stdout.write(explorer.html())
        return 0
    target = out if out is not None else _default_name(d.name)
    with output_folder(target) as path:
        explorer.save(path)
    print(f"wrote {path}")
    return 0
