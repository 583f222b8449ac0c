"""The ``cid`` command: check, analyse, draw and compare causal influence diagrams; browse the zoo.

Subcommands (``cid COMMAND --help`` for each)::

    cid validate FILE...                       check spec files
    cid schema [-o FILE]                       the JSON Schema of the spec format
    cid analyze TARGET [--decision D] [--format table|json|markdown]
    cid render TARGET -o OUT.svg|.png|.pdf|.dot|- [--incentives] [--decision D] [--witness NODE]
    cid compare A B [--format text|json]      which incentives differ between two diagrams
    cid zoo list | show NAME | render [NAMES...] --out DIR

A TARGET is a JSON spec file, ``-`` (standard input) or ``zoo:NAME`` (``zoo:mdp:horizon=5``).
Results go to stdout, diagnostics to stderr. Exit codes: 0 success, 1 invalid diagram or
input (one line per problem, no traceback), 2 usage error, 3 Graphviz ``dot`` missing for a
picture format (``.dot`` output always works).

Examples
--------
>>> from cid.cli import main
>>> main(["--version"])  # doctest: +ELLIPSIS
cid ...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from cid.cli._targets import Failure, UsageError

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_NO_GRAPHVIZ = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def _version() -> str:
    from cid import __version__

    return f"cid {__version__}"


def _formats(value: str) -> tuple[str, ...]:
    allowed = ("svg", "png", "pdf", "dot")
    parts = (f.strip().lower().lstrip(".") for f in value.split(","))
    formats = tuple(dict.fromkeys(f for f in parts if f))
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or repr(value)}: choose from {', '.join(allowed)}")
    return formats


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cid`` command (each subcommand sets ``handler``)."""
    from cid.cli import _commands, _zoo

    parser = argparse.ArgumentParser(
        prog="cid",
        description="Causal influence diagrams: check, analyse, draw and compare them; browse the "
        "zoo of AI-safety frameworks.",
        epilog="A TARGET is a JSON spec file, '-' for standard input, or zoo:NAME "
        "(zoo:mdp:horizon=5). Exit codes: 0 ok, 1 invalid input, 2 usage, 3 Graphviz missing.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check diagram spec files",
                       description="Check each spec file (or zoo:NAME); print one line per "
                       "valid file, one per problem; exit 1 if any is invalid.")
    p.add_argument("targets", nargs="+", metavar="FILE")
    p.set_defaults(handler=_commands.validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the spec format",
                       description="Print (or write) the JSON Schema of the diagram spec format.")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="write the schema here (default: stdout)")
    p.set_defaults(handler=_commands.schema)

    p = sub.add_parser("analyze", aliases=["incentives"], help="list the incentives of a diagram",
                       description="The incentive report: value of information, response "
                       "incentives, value of control and instrumental control incentives of every "
                       "decision (or one), with the guarantee that applies.")
    p.add_argument("target", metavar="TARGET")
    p.add_argument("--decision", "-d", metavar="D", help="only this decision")
    p.add_argument("--format", "-f", choices=("text", "table", "markdown", "json"), default="text",
                   help="text: every incentive with its witness path and guarantee (default); "
                   "table/markdown: one row per node, one column per kind; json: everything")
    p.set_defaults(handler=_commands.analyze)

    p = sub.add_parser("render", help="draw a diagram (SVG, PNG, PDF or DOT)",
                       description="Draw a diagram in the papers' visual language. The format "
                       "comes from the output suffix; .dot (or '-o -', DOT to stdout) needs no "
                       "Graphviz.")
    p.add_argument("target", metavar="TARGET")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file (.svg, .png, .pdf, .dot/.gv) or '-' for DOT on stdout")
    p.add_argument("--incentives", "-i", action="store_true",
                   help="mark the incentives (thick dashed rings, as in the papers)")
    p.add_argument("--decision", "-d", metavar="D", help="mark the incentives of this decision")
    p.add_argument("--kinds", metavar="K,...",
                   help="only these incentive kinds (e.g. value_of_information,response_incentive)")
    p.add_argument("--witness", metavar="NODE",
                   help="draw the witness path of NODE's incentive (needs --decision)")
    p.add_argument("--legend", action="store_true", help="add a legend")
    p.set_defaults(handler=_commands.render)

    p = sub.add_parser("compare", help="which incentives differ between two diagrams",
                       description="Match nodes and decisions by name and list, per decision "
                       "and incentive kind, every incentive lost (-, in A only) or gained (+, in "
                       "B only).")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=_commands.compare)

    zp = sub.add_parser("zoo", help="the AI-safety framework diagrams",
                        description="Browse and render the zoo of AI-safety framework diagrams.")
    zsub = zp.add_subparsers(dest="zoo_command", metavar="ZOO_COMMAND", required=True)
    p = zsub.add_parser("list", help="every entry: name, title, source")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=_zoo.list_entries)
    p = zsub.add_parser("show", help="an entry: summary, incentive table, claims and verdicts")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=_zoo.show)
    p = zsub.add_parser("render", help="render entries (all by default) into a folder",
                        description="Render zoo entries into DIR. With --incentives every entry "
                        "is drawn with and without its incentive overlay. Without Graphviz the "
                        ".dot files are still written (exit 0).")
    p.add_argument("names", nargs="*", metavar="NAME", help="entries (default: all)")
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="the folder to write into (created if needed)")
    p.add_argument("--format", "-f", dest="formats", type=_formats, default=("svg", "png"),
                   metavar="FMT,...", help="svg,png,pdf,dot (default: svg,png)")
    p.add_argument("--incentives", "-i", action="store_true",
                   help="also draw each entry with its incentive overlay")
    p.add_argument("--report", action="store_true",
                   help="print one incentive summary line per entry")
    p.set_defaults(handler=_zoo.render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cid`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        0 success, 1 invalid diagram or input, 2 usage error, 3 Graphviz missing.
    """
    from cid.errors import CIDError, GraphvizNotFoundError

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Handler = args.handler
    command = f"cid {args.command}" + (f" {args.zoo_command}" if args.command == "zoo" else "")
    try:
        return handler(args)
    except UsageError as err:
        print(f"{command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except Failure as err:
        for line in err.lines:
            print(f"{command}: {line}", file=sys.stderr)
        return err.exit_code
    except GraphvizNotFoundError as err:
        print(f"{command}: {err}", file=sys.stderr)
        return EXIT_NO_GRAPHVIZ
    except CIDError as err:
        print(f"{command}: {err}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `cid ... | head`: the reader left; stop quietly
        _silence_stdout()
        return EXIT_INVALID
    except OSError as err:  # e.g. an output path that cannot be written
        where = f"{err.filename}: " if err.filename else ""
        print(f"{command}: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_INVALID


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (e.g. captured)
        pass
