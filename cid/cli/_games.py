"""The ``cid equilibria`` subcommand: the equilibria of a game with numbers.

A game target is ``zoo:NAME`` for a numeric zoo game (``zoo.games``); every target is read
by :func:`load_model`, the one place that turns a target into a :class:`~cid.Model`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from cid.cli._targets import ZOO_PREFIX, Failure, plural

if TYPE_CHECKING:
    from cid.games import Equilibrium
    from cid.quant.model import Model

__all__ = ["equilibria", "load_model"]


def load_model(target: str) -> Model:
    """The model a game target names: a model file (format version 2), ``-`` for one on
    standard input, or ``zoo:NAME`` for a numeric zoo game.

    Raises
    ------
    Failure
        Not a numeric game (the message lists the games), or a file that is not a model.
    """
    if not target.startswith(ZOO_PREFIX):
        from cid.quant.spec import load_model as read_model

        return read_model(target)
    from cid.cli._plugin import load_zoo

    plugin = load_zoo()
    names = ", ".join(plugin.game_names())
    name = target[len(ZOO_PREFIX):]
    if name not in plugin.game_names():
        raise Failure([f"{name!r} is not a numeric zoo game; the games are "
                       f"{names}"])
    return plugin.game(name)


def _solve(model: Model, args: argparse.Namespace) -> tuple[str, list[Equilibrium]]:
    from cid import games

    if args.spe:
        return "pure subgame-perfect", games.subgame_perfect_equilibria(model)
    if args.pure:
        return "pure Nash", games.pure_nash_equilibria(model)
    return "Nash", games.nash_equilibria(model, solver=args.solver)


def equilibria(args: argparse.Namespace) -> int:
    """``cid equilibria TARGET [--pure | --spe | --solver S] [--format text|json]``."""
    model = load_model(args.target)
    what, found = _solve(model, args)
    if args.format == "json":
        text = json.dumps({"game": model.name, "solution": what,
                           "equilibria": [eq.to_dict() for eq in found]}, indent=2)
    else:
        head = f"{plural(len(found), what + ' equilibrium', what + ' equilibria')} of " \
               f"{model.name!r}"
        text = "\n".join([head, *(str(eq) for eq in found)])
    sys.stdout.write(text + "\n")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               formatter: type[argparse.HelpFormatter], examples: str) -> None:
    """Add ``equilibria`` to the subcommands."""
    p = sub.add_parser("equilibria", help="the equilibria of a game with numbers",
                       formatter_class=formatter,
                       description="The Nash equilibria of a multi-agent influence diagram with "
                       "numbers: mixed ones through Gambit (the [games] extra), every pure one "
                       "(--pure) or every pure subgame-perfect one (--spe).",
                       epilog=examples)
    p.add_argument("target", metavar="TARGET", help="zoo:NAME, a numeric zoo game")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--pure", action="store_true", help="every pure Nash equilibrium")
    how.add_argument("--spe", action="store_true",
                     help="every pure subgame-perfect equilibrium (backward induction)")
    how.add_argument("--solver", default="auto", choices=("auto", "lcp", "enummixed", "logit"),
                     help="Gambit's solver for mixed equilibria (default: auto)")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=equilibria)
