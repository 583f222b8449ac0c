"""The robustness subcommands of ``cid``: robustness, fixes and sweep.

Each handler takes the parsed arguments and returns the exit code (see :mod:`cid.cli`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cid.cli._targets import UsageError, load_target, plural

__all__ = ["add_commands", "fixes", "robustness", "sweep_survey", "sweep_zoo"]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``cid robustness``, ``cid fixes`` and ``cid sweep`` on ``sub``."""
    from cid.cli._parser import TARGETS, _examples, _Formatter

    p = sub.add_parser(
        "robustness", help="which single edits flip each verdict",
        formatter_class=_Formatter,
        description="For every incentive verdict (present or absent) of every decision, or "
        "of --decision, the single edits (edge and information-link removals and additions, "
        "changes of kind) that flip it, each with the witness path that appears or "
        "disappears. Additions that would make a cycle are skipped and counted.",
        epilog=_examples("cid robustness zoo:wireheading",
                         "cid robustness zoo:mdp --decision A1 --edits remove,remove_link",
                         "cid robustness diagram.json --format json", after=TARGETS))
    p.add_argument("target", metavar="TARGET", help="a spec file, '-' or zoo:NAME")
    p.add_argument("--decision", "-d", metavar="D", help="only this decision's verdicts")
    p.add_argument("--edits", "-e", metavar="CLASS,...",
                   help="edit classes: remove, add, remove_link, add_link, kind (default: all)")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=robustness)

    p = sub.add_parser(
        "fixes", help="the smallest edit sets that remove an incentive",
        formatter_class=_Formatter,
        description="Every inclusion-minimal set of at most --budget edits that removes the "
        "incentive (or, with --create, creates it), smallest first, each checked by "
        "re-analysis. Pinned edges are never edited.",
        epilog=_examples("cid fixes zoo:wireheading --decision A1 --node ThetaR2 --kind ICI",
                         "cid fixes zoo:mdp --decision A1 --node S2 --kind ICI --pin 'S1 -> S2'",
                         after=TARGETS))
    p.add_argument("target", metavar="TARGET", help="a spec file, '-' or zoo:NAME")
    p.add_argument("--decision", "-d", metavar="D", required=True)
    p.add_argument("--node", "-n", metavar="X", required=True)
    p.add_argument("--kind", "-k", metavar="K", required=True, help="VoI, RI, VoC or ICI")
    p.add_argument("--budget", "-b", type=int, default=2, metavar="N",
                   help="the most edits in a fix (default 2)")
    p.add_argument("--pin", action="append", default=[], metavar="'A -> B'",
                   help="an edge never to remove or add (repeat it)")
    p.add_argument("--create", action="store_true", help="create the incentive instead")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=fixes)
    _sweep_commands(sub, _Formatter, _examples)


def _sweep_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    formatter: type[argparse.HelpFormatter], examples: Any) -> None:
    sp = sub.add_parser(
        "sweep", help="many analyses at once, on Dask",
        formatter_class=formatter,
        description="Run many analyses with Dask (in-process, a local process cluster, or "
        "--scheduler tcp://HOST:PORT) into a table: CSV on stdout, or Parquet with -o. Failed "
        "tasks go to stderr with their input (exit status 1). Needs the [scale] extra.",
        epilog=examples("cid sweep survey --count 1000 --size 12 --seed 1 -o survey.parquet",
                        "cid sweep zoo --scheduler tcp://127.0.0.1:8786"))
    ssub = sp.add_subparsers(dest="sweep_command", metavar="SWEEP_COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--scheduler", metavar="S",
                       help="in-process, local, or a scheduler address (default: by size)")
        p.add_argument("--workers", type=int, metavar="N", help="local cluster workers")
        p.add_argument("--output", "-o", metavar="FILE.parquet", help="write Parquet here")
        p.add_argument("--progress", action="store_true", help="show a progress bar")
        p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                       help="how long a scheduler address may take to answer (default 10)")

    p = ssub.add_parser("survey", help="count the incentives of random diagrams",
                        formatter_class=formatter,
                        description="Draw --count random diagrams (cid.random_diagram) and "
                        "count each decision's incentives; the same --seed gives the same table.")
    p.add_argument("--count", "-c", type=int, default=100, metavar="N")
    p.add_argument("--size", "-n", type=int, default=10, metavar="NODES")
    p.add_argument("--decisions", type=int, default=1, metavar="K")
    p.add_argument("--utilities", type=int, default=1, metavar="K")
    p.add_argument("--agents", type=int, default=1, metavar="K")
    p.add_argument("--shape", choices=("dag", "layered", "time"), default="dag")
    p.add_argument("--density", type=float, default=0.3, metavar="P")
    p.add_argument("--sufficient-recall", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    common(p)
    p.set_defaults(handler=sweep_survey)

    p = ssub.add_parser("zoo", help="single-edit robustness of zoo entries",
                        formatter_class=formatter,
                        description="The sensitivity of every verdict of the zoo entries (all "
                        "by default), one row per verdict that is present or fragile.")
    p.add_argument("names", nargs="*", metavar="NAME", help="entries (default: all)")
    common(p)
    p.set_defaults(handler=sweep_zoo)


def robustness(args: argparse.Namespace) -> int:
    """``cid robustness TARGET [--decision D] [--edits ...] [--format text|json]``."""
    from cid.robustness import sensitivity

    d = load_target(args.target)
    report = sensitivity(d, args.decision, edits=args.edits)
    print(report.to_json() if args.format == "json" else str(report))
    return 0


def fixes(args: argparse.Namespace) -> int:
    """``cid fixes TARGET --decision D --node X --kind K [--budget N] [--pin E] [--create]``."""
    from cid.robustness import fixes as find

    d = load_target(args.target)
    found = find(d, args.decision, args.node, args.kind, budget=args.budget, pinned=args.pin,
                 create=args.create)
    if args.format == "json":
        print(json.dumps([f.to_dict() for f in found], indent=2, ensure_ascii=False))
        return 0
    verb = "create" if args.create else "remove"
    if not found:
        print(f"no set of at most {plural(args.budget, 'edit')} can {verb} it")
    for f in found:
        print(f"{f.size}: {f}")
    return 0


def _run(func: Any, inputs: list[Any], args: argparse.Namespace) -> int:
    import cid

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    result = cid.sweep(func, inputs, scheduler=args.scheduler, workers=args.workers,
                       output=args.output, progress=True if args.progress else None,
                       timeout=args.timeout)
    for failure in result.failures:
        print(f"cid sweep: {failure}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(result.table.to_csv(index=False))
    else:
        print(f"{args.output}: {plural(len(result.table), 'row')} from "
              f"{plural(len(inputs), 'task')} ({result.scheduler})")
    return 0 if result.ok else 1


def sweep_survey(args: argparse.Namespace) -> int:
    """``cid sweep survey --count N --size NODES [...]``."""
    from cid.sweeps import survey_inputs
    from cid.sweeps.tasks import incentive_survey

    if args.count < 0:
        raise UsageError("--count must not be negative")
    inputs = survey_inputs(args.count, seed=args.seed, n=args.size, decisions=args.decisions,
                           utilities=args.utilities, agents=args.agents, shape=args.shape,
                           density=args.density, sufficient_recall=args.sufficient_recall)
    return _run(incentive_survey, inputs, args)


def sweep_zoo(args: argparse.Namespace) -> int:
    """``cid sweep zoo [NAMES...]``."""
    from cid.cli._plugin import load_zoo
    from cid.sweeps.tasks import robustness_rows

    names = args.names or load_zoo().names()
    return _run(robustness_rows, [load_target(f"zoo:{n}") for n in names], args)
