"""The ``cid`` command: check, analyse, draw and compare causal influence diagrams; browse the zoo.

Subcommands (``cid COMMAND --help`` for each)::

    cid validate FILE...                       check spec files
    cid schema [-o FILE]                       the JSON Schema of the spec format
    cid analyze TARGET [--decision D] [--format table|json|markdown]
    cid render TARGET -o OUT.svg|.png|.pdf|.tex|.dot|- [--incentives] [--decision D]
               [--witness NODE] [--legend[=WHERE]] [--width PT] [--dpi N] [--like TARGET]
               [--theme T] [--focus] [--trivial]
    cid compare A B [--rename OLD=NEW] [--format text|json] [--fail-on gained,lost,changed]
                    [--render OUT]
                                               which incentives differ between two diagrams
    cid zoo list [--wide] | show NAME[:k=v] | render [NAMES...] --out DIR

A TARGET is a JSON spec file, ``-`` (standard input) or ``zoo:NAME`` (``zoo:mdp:horizon=5``).
Results go to stdout, diagnostics to stderr. Exit codes: 0 success, 1 invalid diagram or
input (one line per problem, no traceback), 2 usage error, 3 Graphviz ``dot`` missing for a
picture format (``.dot`` output always works), 4 ``cid compare --fail-on`` found a difference it
names.

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

from cid.cli._parser import build_parser
from cid.cli._targets import Failure, UsageError

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_NO_GRAPHVIZ = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cid`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        0 success, 1 invalid diagram or input, 2 usage error, 3 Graphviz missing, 4 a
        difference ``cid compare --fail-on`` names.
    """
    from cid.cli._streams import configure_streams, one_line_warnings
    from cid.errors import CIDError, GraphvizNotFoundError

    configure_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Handler = args.handler
    command = f"cid {args.command}" + (f" {args.zoo_command}" if args.command == "zoo" else "")
    try:
        with one_line_warnings(command):
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
