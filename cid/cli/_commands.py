"""The diagram subcommands of ``cid``: validate, schema, analyze, render, compare.

Each handler takes the parsed arguments and returns the exit code; failures are raised as
:class:`~cid.cli._targets.Failure` / :class:`~cid.CIDError` and reported by :func:`cid.cli.main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cid.cli._targets import (
    Failure,
    UsageError,
    check_stdin_once,
    load_target,
    output_folder,
    plural,
    write_text,
)

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["analyze", "compare", "render", "schema", "validate"]


def validate(args: argparse.Namespace) -> int:
    """``cid validate FILE...``: one ``FILE: ok (...)`` line per valid file on stdout, one line
    per problem on stderr; exit 1 when any file is invalid."""
    check_stdin_once(list(args.targets))
    status = 0
    for target in args.targets:
        try:
            d = load_target(target)
        except Failure as err:
            for line in err.lines:
                print(f"cid validate: {line}", file=sys.stderr)
            status = 1
            continue
        print(f"{target}: ok ({plural(len(d), 'node')}, {plural(len(d.decisions), 'decision')}, "
              f"{plural(len(d.utilities), 'utility', 'utilities')}, "
              f"{plural(len(d.agents), 'agent')})")
    return status


def schema_text() -> str:
    """The JSON Schema of the spec format as the text ``cid schema`` prints (and docs commit)."""
    from cid.io import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(args: argparse.Namespace) -> int:
    """``cid schema [-o FILE]``."""
    text = schema_text()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text(args.output, text)
    return 0


def _check_decision(diagram: Diagram, decision: str | None) -> None:
    """Fail with a message naming the decisions when ``decision`` is not one of them."""
    from cid.errors import DiagramError, NodeNotFoundError

    if decision is None or decision in diagram.decisions:
        return
    known = ", ".join(diagram.decisions) or "none"
    if decision not in diagram:
        raise NodeNotFoundError(f"unknown decision '{decision}' in '{diagram.name}' "
                                f"(decisions: {known})")
    raise DiagramError(f"'{decision}' is a {diagram.kind(decision)} node of '{diagram.name}', "
                       f"not a decision (decisions: {known})")


def analyze(args: argparse.Namespace) -> int:
    """``cid analyze TARGET [--decision D] [--format text|table|markdown|json]
    [--witnesses none|one|all]``."""
    import cid

    d = load_target(args.target)
    _check_decision(d, args.decision)
    report = cid.analyze(d, decisions=None if args.decision is None else [args.decision])
    if args.format == "json":  # a decision at a time: a large report is never held whole
        for part in report.iter_json(witnesses=args.witnesses):
            sys.stdout.write(part)
        sys.stdout.write("\n")
        return 0
    elif args.format in ("table", "markdown"):
        text = report.table(format="text" if args.format == "table" else "markdown")
    else:
        text = str(report)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _kinds(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(k.strip() for k in value.split(",") if k.strip())


def _witnesses(
    diagram: Diagram, decision: str, node: str, kinds: tuple[str, ...] | None
) -> list[Any]:
    """The witness paths of every incentive ``node`` has for ``decision`` (among ``kinds``)."""
    import cid
    from cid.errors import NodeNotFoundError

    if node not in diagram:
        raise NodeNotFoundError(f"--witness: unknown node '{node}' in '{diagram.name}'")
    parse = cid.IncentiveKind.parse
    wanted = list(cid.IncentiveKind) if kinds is None else [parse(k) for k in kinds]
    found = [w for w in (cid.explain(diagram, decision, node, k) for k in cid.IncentiveKind
                         if k in wanted) if w is not None]
    if not found:
        what = "/".join(k.label for k in wanted) if kinds else "incentive"
        raise Failure([f"--witness: {node} has no {what} for decision {decision} in "
                       f"'{diagram.name}', so there is no path to draw"])
    return found


def render(args: argparse.Namespace) -> int:
    """``cid render TARGET -o OUT [--incentives] [--decision D] [--witness NODE] [--legend]
    [--theme T] [--focus] [--trivial] [--layout L] [--width PT] [--dpi N] [--like TARGET]``."""
    from cid.drawing import render as draw
    from cid.drawing.rendering import FORMATS

    out = args.output
    suffix = "" if out == "-" else Path(out).suffix.lower().lstrip(".")
    if out != "-" and suffix not in FORMATS:
        suffixes = ", ".join("." + f for f in FORMATS)
        raise UsageError(f"cannot tell the format of '{out}': end it in {suffixes} "
                         "(or write '-o -' for DOT on stdout)")
    d = load_target(args.target)
    _check_decision(d, args.decision)
    decision = args.decision
    if args.witness is not None and decision is None:
        if len(d.decisions) != 1:
            raise UsageError(f"--witness needs --decision: '{d.name}' has "
                             f"{plural(len(d.decisions), 'decision')}"
                             + (f" ({', '.join(d.decisions)})" if d.decisions else ""))
        decision = d.decisions[0]
    kinds = _kinds(args.kinds)
    incentives = args.incentives or decision is not None or kinds is not None
    witness = None if args.witness is None else _witnesses(d, decision, args.witness, kinds)
    like = None if args.like is None else load_target(args.like)
    rendering = draw(d, incentives=True if incentives else None, decision=decision,
                     kinds=kinds, witness=witness, legend=args.legend, theme=args.theme,
                     focus=args.focus, trivial=args.trivial, layout=args.layout,
                     width=args.width, dpi=args.dpi, like=like)
    if args.legend == "caption":
        sys.stderr.write(rendering.caption + "\n")
    if out == "-":
        sys.stdout.write(rendering.dot)
    else:
        with output_folder(out):  # no empty folder left behind when Graphviz is missing
            rendering.save(out)
    return 0


def compare(args: argparse.Namespace) -> int:
    """``cid compare A B [--rename OLD=NEW]... [--format text|json] [--fail-on WHAT]...``.

    Exit status :data:`~cid.cli._compare.EXIT_FAILED_CHECK` when a difference that
    ``--fail-on`` names occurs (the report is printed all the same, and stderr says which).
    """
    import cid
    from cid.cli._compare import EXIT_FAILED_CHECK, comparison_lines, failures

    check_stdin_once([args.a, args.b])
    a, b = load_target(args.a), load_target(args.b)
    renames = dict(pair for group in args.rename or () for pair in group)
    result = cid.compare(a, b, labels=(args.a, args.b), rename=renames)
    print(result.to_json() if args.format == "json" else "\n".join(comparison_lines(result)))
    if args.render is not None:
        from cid.drawing import render_comparison

        with output_folder(args.render):
            render_comparison(a, b).save(args.render)
    fail_on = list(dict.fromkeys(what for group in args.fail_on or () for what in group))
    found = failures(result, fail_on)
    if found:
        counts = ", ".join(f"{getattr(result, what)} {what}" for what in found)
        print(f"cid compare: incentives {counts} (--fail-on {','.join(fail_on)})",
              file=sys.stderr)
        return EXIT_FAILED_CHECK
    return 0
