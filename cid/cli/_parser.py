"""The argument parser of the ``cid`` command: subcommands, options, help texts and examples.

Each subcommand sets ``handler``, the function of :mod:`cid.cli._commands` or
:mod:`cid.cli._zoo` that runs it.
"""

from __future__ import annotations

import argparse
import shutil
import textwrap

from cid.cli import _explore

__all__ = ["build_parser"]

HELP_WIDTH = 88
"""Help texts are wrapped to the terminal, but never wider than this."""

TARGETS = ("A TARGET is a JSON spec file, '-' for standard input, or zoo:NAME for a zoo entry, "
           "with parameters after a second colon: zoo:mdp:horizon=5.")
EXIT = ("Exit status: 0 ok, 1 invalid input, 2 usage error, 3 Graphviz missing, "
        "4 a difference named by compare --fail-on.")


class _Formatter(argparse.HelpFormatter):
    """Wraps paragraphs to the width; keeps the indented lines (the examples) as they are."""

    def __init__(self, prog: str) -> None:
        width = min(shutil.get_terminal_size().columns - 2, HELP_WIDTH)
        super().__init__(prog, width=width, max_help_position=26)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for paragraph in text.split("\n\n"):
            if paragraph.startswith("  ") or "\n  " in paragraph:  # examples: keep lines
                out.append(textwrap.indent(paragraph, indent))
            else:
                out.append(textwrap.fill(" ".join(paragraph.split()), width,
                                         initial_indent=indent, subsequent_indent=indent,
                                         break_on_hyphens=False))
        return "\n\n".join(out)


def _examples(*lines: str, after: str = "") -> str:
    text = "examples:\n" + "\n".join(f"  {line}" for line in lines)
    return text + (f"\n\n{after}" if after else "")


def _formats(value: str) -> tuple[str, ...]:
    allowed = ("svg", "png", "pdf", "dot")
    parts = (f.strip().lower().lstrip(".") for f in value.split(","))
    formats = tuple(dict.fromkeys(f for f in parts if f))
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or repr(value)}: choose from {', '.join(allowed)}")
    return formats


def _renames(value: str) -> list[tuple[str, str]]:
    pairs = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        old, sep, new = (s.strip() for s in item.partition("="))
        if not (sep and old and new):
            raise argparse.ArgumentTypeError(f"bad rename {item!r}: write OLD=NEW")
        pairs.append((old, new))
    return pairs


def _fail_on(value: str) -> list[str]:
    from cid.cli._compare import FAIL_ON

    parts = [part.strip().lower() for part in value.split(",") if part.strip()]
    bad = [part for part in parts if part not in FAIL_ON]
    if bad or not parts:
        raise argparse.ArgumentTypeError(
            f"unknown difference {', '.join(bad) or repr(value)}: choose from "
            f"{', '.join(FAIL_ON)}")
    return parts


def _version() -> str:
    from cid import __version__

    return f"cid {__version__}"


def _diagram_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cid.cli import _commands

    def add(name: str, **kwargs: str | list[str]) -> argparse.ArgumentParser:
        return sub.add_parser(name, formatter_class=_Formatter, **kwargs)  # type: ignore[arg-type]

    p = add("validate", help="check diagram spec files",
            description="Check each spec file (or zoo:NAME): one line per valid file on stdout, "
            "one per problem on stderr; exit status 1 if any is invalid.",
            epilog=_examples("cid validate diagram.json",
                             "cid validate specs/*.json zoo:mdp:horizon=4"))
    p.add_argument("targets", nargs="+", metavar="FILE", help="spec files (or zoo:NAME)")
    p.set_defaults(handler=_commands.validate)

    p = add("schema", help="print the JSON Schema of the spec format",
            description="Print (or write) the JSON Schema of the diagram spec format.",
            epilog=_examples("cid schema -o cid.schema.json"))
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="write the schema here (default: stdout)")
    p.set_defaults(handler=_commands.schema)

    p = add("analyze", aliases=["incentives"], help="list the incentives of a diagram",
            description="The incentive report: value of information, response incentives, "
            "value of control and instrumental control incentives of every decision (or one), "
            "each with the path that explains it and the guarantee that applies.",
            epilog=_examples("cid analyze diagram.json",
                             "cid analyze zoo:mdp --decision A2 --format markdown",
                             "cid analyze - --format json < diagram.json", after=TARGETS))
    p.add_argument("target", metavar="TARGET", help="a spec file, '-' or zoo:NAME")
    p.add_argument("--decision", "-d", metavar="D", help="only this decision")
    p.add_argument("--format", "-f", choices=("text", "table", "markdown", "json"), default="text",
                   help="text: every incentive with its witness path and guarantee (default); "
                   "table/markdown: one row per node, one column per kind; json: everything")
    p.add_argument("--witnesses", choices=("none", "one", "all"), default="one",
                   help="json: one witness per incentive in the compact form (default), every "
                   "path written out in full (all), or node names only (none); other formats "
                   "are not affected")
    p.set_defaults(handler=_commands.analyze)

    p = add("render", help="draw a diagram (SVG, PNG, PDF or DOT)",
            description="Draw a diagram in the papers' visual language. The format comes from "
            "the output's suffix; .dot (or '-o -', DOT on stdout) needs no Graphviz, the "
            "pictures do (exit status 3 without it).",
            epilog=_examples("cid render diagram.json -o diagram.svg",
                             "cid render zoo:wireheading --incentives --legend -o wire.png",
                             "cid render zoo:content_recommendation --decision P --witness I "
                             "-o why.svg",
                             "cid render zoo:mdp:horizon=2 -o -",
                             "cid render zoo:wireheading -i --legend=below --width 240 -o fig.pdf",
                             "cid render zoo:current_rf_optimization --like zoo:wireheading "
                             "-o after.tex", after=TARGETS))
    p.add_argument("target", metavar="TARGET", help="a spec file, '-' or zoo:NAME")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file (.svg, .png, .pdf, .dot/.gv) or '-' for DOT on stdout")
    p.add_argument("--incentives", "-i", action="store_true",
                   help="mark the incentives of the first decision, or of --decision (thick dashed "
                        "rings, as in the papers)")
    p.add_argument("--decision", "-d", metavar="D", help="mark the incentives of this decision")
    p.add_argument("--kinds", metavar="K,...",
                   help="only these incentive kinds (VoI,RI,VoC,ICI or full names)")
    p.add_argument("--witness", metavar="NODE",
                   help="draw the witness path of NODE's incentive (for --decision, which may "
                   "be left out when the diagram has one decision)")
    p.add_argument("--legend", nargs="?", const=True, default=False,
                   choices=(True, "inside", "below", "right", "none", "caption"),
                   metavar="WHERE", help="add a legend; --legend=inside|below|right: the "
                   "compact legend there; --legend=caption: print it as LaTeX caption text")
    p.add_argument("--layout", choices=("auto", "grid", "ranked"), default="auto",
                   help="grid: one column per time step; ranked: Graphviz's dot layout")
    p.add_argument("--width", type=float, metavar="PT",
                   help="paper mode: the figure's width in points (240 for one column)")
    p.add_argument("--dpi", type=float, metavar="N", help="resolution of PNG output")
    p.add_argument("--like", metavar="TARGET",
                   help="lay the diagram out like this one (shared nodes keep its positions)")
    p.add_argument("--theme", metavar="THEME",
                   help="a cid.Theme preset: circular (default) or rectangular")
    p.add_argument("--focus", action="store_true",
                   help="grey out everything that is neither marked, nor on the witness path, "
                   "nor the decision")
    p.add_argument("--trivial", action="store_true",
                   help="also mark the self-evident incentives (value of control on utility "
                   "nodes, the decision's instrumental control incentive on itself)")
    p.set_defaults(handler=_commands.render)

    p = add("compare", help="which incentives differ between two diagrams",
            description="Match nodes and decisions by name and list, per decision and "
            "incentive kind, every incentive on the nodes of both that is lost (-, only in A), "
            "gained (+, only in B) or explained differently (~, changed: same verdict, "
            "another witness path); incentives on nodes or decisions that only one diagram "
            "has are listed apart. With --fail-on the exit status says whether the named "
            "differences occur, for design checks in CI.",
            epilog=_examples("cid compare zoo:content_recommendation "
                             "zoo:content_recommendation_modified",
                             "cid compare zoo:wireheading zoo:current_rf_optimization "
                             "--rename S3=S3_cf",
                             "cid compare a.json b.json --format json",
                             "cid compare main.json branch.json --fail-on gained,changed",
                             after="Exit status: 0 ok (no difference --fail-on names), "
                             "1 invalid input, 2 usage error, 4 a difference --fail-on "
                             "names occurs."))
    p.add_argument("a", metavar="A", help="a TARGET")
    p.add_argument("b", metavar="B", help="another TARGET")
    p.add_argument("--rename", "-r", action="append", type=_renames, metavar="OLD=NEW",
                   help="node OLD of A is node NEW of B (repeat it, or OLD=NEW,OLD2=NEW2)")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.add_argument("--fail-on", action="append", type=_fail_on, metavar="WHAT",
                   help="exit with status 4 if incentives are gained, lost or changed "
                   "(repeat it, or gained,lost,changed)")
    p.add_argument("--render", metavar="OUT",
                   help="also draw A and B side by side, B aligned on A, the incentives lost "
                   "and gained marked (.svg, .png, .pdf, .dot)")
    p.set_defaults(handler=_commands.compare)

    from cid.cli import _solve

    p = add("solve", help="the optimal policy and MEU of a model file",
            description="Solve a model file (a spec with its numbers, format version 2): the "
            "maximum expected utility, whether it is exact, and each decision's rule. Rules in "
            "the file's 'policy' section are kept fixed.",
            epilog=_examples("cid solve game.json",
                             "cid solve game.json --agent robot --format json"))
    p.add_argument("target", metavar="FILE", help="a model file, or '-' for standard input")
    p.add_argument("--agent", "-a", metavar="A",
                   help="optimise this agent's decisions (the others need rules in the file); "
                   "default: every decision, as a team when the agents share their utilities")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=_solve.solve)


def _zoo_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cid.cli import _zoo

    zp = sub.add_parser("zoo", help="the AI-safety framework diagrams", formatter_class=_Formatter,
                        description="Browse and render the zoo of AI-safety framework diagrams.",
                        epilog=_examples("cid zoo list", "cid zoo show wireheading",
                                         "cid zoo render --out gallery --incentives"))
    zsub = zp.add_subparsers(dest="zoo_command", metavar="ZOO_COMMAND", required=True)

    p = zsub.add_parser("list", help="every entry: name, title, source", formatter_class=_Formatter,
                        description="Every entry's name, title and source, one line each, "
                        "shortened to fit the terminal.",
                        epilog=_examples("cid zoo list", "cid zoo list --wide",
                                         "cid zoo list --format json"))
    p.add_argument("--wide", "-w", action="store_true", help="full titles and sources")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=_zoo.list_entries)

    p = zsub.add_parser("show", help="an entry: summary, incentive table, claims and verdicts",
                        formatter_class=_Formatter,
                        description="An entry: its source, what it shows, its incentive table "
                        "and its paper's claims with the engine's verdicts (exit status 1 if "
                        "one fails). Parameters follow a colon, as in zoo:NAME targets; the "
                        "claims are checked on the paper's figure.",
                        epilog=_examples("cid zoo show wireheading", "cid zoo show mdp:horizon=5"))
    p.add_argument("name", metavar="NAME[:k=v,...]",
                   help="an entry (see cid zoo list), with its parameters")
    p.set_defaults(handler=_zoo.show)

    p = zsub.add_parser("render", help="render entries (all by default) into a folder",
                        formatter_class=_Formatter,
                        description="Render zoo entries into DIR: NAME.dot and one picture per "
                        "format; with --incentives also NAME-incentives.*. Without Graphviz "
                        "the .dot files are still written, a hint goes to stderr and the exit "
                        "status is 0.",
                        epilog=_examples("cid zoo render --out gallery --incentives --report",
                                         "cid zoo render mdp cirl --out pictures --format svg,pdf"))
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cid`` command (each subcommand sets ``handler``)."""
    parser = argparse.ArgumentParser(
        prog="cid", formatter_class=_Formatter,
        description="Causal influence diagrams: check, analyse, draw and compare them; browse "
        "the zoo of AI-safety frameworks. 'cid COMMAND --help' describes each command.",
        epilog=_examples("cid analyze zoo:wireheading",
                         "cid render diagram.json --incentives -o diagram.svg",
                         "cid compare zoo:wireheading zoo:current_rf_optimization",
                         after=f"{TARGETS} {EXIT}"),
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _diagram_commands(sub)
    _explore.add_parser(sub, _Formatter, _examples, TARGETS)
    _zoo_commands(sub)
    from cid.cli._robustness import add_commands

    add_commands(sub)
    from cid.cli import _games

    _games.add_parser(sub, _Formatter, _examples("cid equilibria zoo:taxi_competition --spe",
                                                 "cid equilibria zoo:matching_pennies",
                                                 "cid equilibria zoo:debate --spe --format json"))
    return parser
