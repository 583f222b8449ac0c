"""The diagram subcommands of ``cid``: validate, schema, analyze, render, compare.

Each handler takes the parsed arguments and returns the exit code; failures are raised as
:class:`~cid.cli._targets.Failure` / :class:`~cid.CIDError` and reported by :func:`cid.cli.main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cid.cli._targets import Failure, UsageError, load_target, write_text

__all__ = ["analyze", "compare", "render", "schema", "validate"]

PICTURE_SUFFIXES = (".svg", ".png", ".pdf")
DOT_SUFFIXES = (".dot", ".gv")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def validate(args: argparse.Namespace) -> int:
    """``cid validate FILE...``: one ``FILE: ok (...)`` line per valid file on stdout, one line
    per problem on stderr; exit 1 when any file is invalid."""
    status = 0
    for target in args.targets:
        try:
            d = load_target(target)
        except Failure as err:
            for line in err.lines:
                print(f"cid validate: {line}", file=sys.stderr)
            status = 1
            continue
        print(f"{target}: ok ({_plural(len(d), 'node')}, {_plural(len(d.decisions), 'decision')}, "
              f"{_plural(len(d.utilities), 'utility', 'utilities')}, "
              f"{_plural(len(d.agents), 'agent')})")
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


def _check_decision(diagram: object, decision: str | None) -> None:
    from cid.errors import DiagramError, NodeNotFoundError
    from cid.model import Diagram

    assert isinstance(diagram, Diagram)
    if decision is None or decision in diagram.decisions:
        return
    if decision not in diagram:
        raise NodeNotFoundError(f"unknown decision '{decision}' in '{diagram.name}' (decisions: "
                                f"{', '.join(diagram.decisions) or 'none'})")
    raise DiagramError(f"'{decision}' is a {diagram.kind(decision)} node, not a decision "
                       f"(decisions: {', '.join(diagram.decisions) or 'none'})")


def analyze(args: argparse.Namespace) -> int:
    """``cid analyze TARGET [--decision D] [--format table|json|markdown]``."""
    import cid

    d = load_target(args.target)
    _check_decision(d, args.decision)
    report = cid.analyze(d)
    if args.decision is not None:
        report = report.for_decision(args.decision)
    if args.format == "json":
        text = report.to_json()
    elif args.format == "markdown":
        text = report.table(format="markdown")
    else:
        text = str(report)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _kinds(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(k.strip() for k in value.split(",") if k.strip())


def render(args: argparse.Namespace) -> int:
    """``cid render TARGET -o OUT [--incentives] [--decision D] [--witness NODE] [--legend]``."""
    import cid

    out = args.output
    suffix = "" if out == "-" else Path(out).suffix.lower()
    if out != "-" and suffix not in PICTURE_SUFFIXES + DOT_SUFFIXES:
        raise UsageError(f"cannot tell the format of '{out}': end it in .svg, .png, .pdf or .dot "
                         "(or write '-o -' for DOT on stdout)")
    if args.witness is not None and args.decision is None:
        raise UsageError("--witness needs --decision")
    d = load_target(args.target)
    _check_decision(d, args.decision)
    incentives = args.incentives or args.decision is not None or args.kinds is not None
    rendering = cid.render(
        d,
        incentives=True if incentives else None,
        decision=args.decision,
        kinds=_kinds(args.kinds),
        witness=args.witness,
        legend=args.legend,
    )
    if out == "-":
        sys.stdout.write(rendering.dot)
    elif suffix in DOT_SUFFIXES:
        write_text(out, rendering.dot)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        rendering.save(out)
    return 0


def compare(args: argparse.Namespace) -> int:
    """``cid compare A B [--format text|json]``."""
    from cid.cli._compare import compare as compare_diagrams

    a, b = load_target(args.a), load_target(args.b)
    result = compare_diagrams(a, b, labels=(args.a, args.b))
    print(result.to_json() if args.format == "json" else str(result))
    return 0
