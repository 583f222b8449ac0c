"""``cid solve FILE``: the optimal policy, the MEU and per-decision tables of a model file.

The file is a model spec (format version 2, :mod:`cid.quant.spec`); ``-`` reads it from
standard input. Its ``policy`` section fixes rules (the other agents' decisions, with
``--agent``); the other decisions are optimised as :func:`cid.solve` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Hashable
from typing import Any

from cid.cli._targets import Failure, UsageError

__all__ = ["solution_dict", "solve"]


def _value(v: Hashable) -> Any:
    return v if isinstance(v, (bool, int, float, str)) or v is None else repr(v)


def solution_dict(solution: Any) -> dict[str, Any]:
    """The JSON form of a :class:`~cid.quant.Solution`: MEU, exactness, bound, every rule."""
    rules = {}
    for decision, rule in solution.policy.items():
        rows = []
        for observed, action in rule.as_dict().items():
            row: dict[str, Any] = {"observed": {p: _value(v) for p, v in
                                                zip(rule.parents, observed, strict=True)}}
            if isinstance(action, dict):
                row["distribution"] = [[_value(a), p] for a, p in action.items()]
            else:
                row["action"] = _value(action)
            rows.append(row)
        rules[decision] = {"reads": list(rule.parents), "ignores": list(rule.ignores),
                           "ties": solution.ties.get(decision, 0), "rule": rows}
    return {"meu": solution.meu, "exact": solution.exact, "upper_bound": solution.upper_bound,
            "method": solution.method, "agent": solution.agent, "note": solution.note,
            "policy": rules}


def solve(args: argparse.Namespace) -> int:
    """``cid solve FILE [--agent A] [--format text|json]``."""
    import cid
    from cid.quant.spec import read_model_file

    model, fixed = read_model_file(args.target)
    agents = model.diagram.agents
    if args.agent is not None and args.agent not in agents:
        raise UsageError(f"unknown agent {args.agent!r}; "
                         f"{'the agent is' if len(agents) == 1 else 'the agents are'} "
                         f"{', '.join(agents)}")
    if args.agent is not None:
        d = model.diagram
        own = set(d.decisions_of(args.agent))
        missing = [D for D in d.decisions if D not in own and D not in fixed]
        if missing:
            raise Failure([f"{args.target}: solving for agent {args.agent!r} needs rules for the "
                           f"other agents' decisions {', '.join(missing)} in the file's "
                           "model.policy section (a best response is computed against them)"])
    solution = cid.solve(model, args.agent, policy=fixed)
    if args.format == "json":
        out = {"model": model.name, **solution_dict(solution),
               "fixed": sorted(fixed)}
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return 0
    head = f"{model.name}: MEU {solution.meu:.6g}"
    if args.agent is not None:
        head += f" for agent {args.agent}"
    print(head)
    print(str(solution).split("\n", 1)[0].split(" — ", 1)[1])
    if fixed:
        print(f"fixed by the file: {', '.join(sorted(fixed))}")
    for decision, rule in solution.policy.items():
        tie = f" ({solution.ties[decision]} tied)" if solution.ties.get(decision) else ""
        print(f"\n{decision}{tie}:")
        print("\n".join("  " + line for line in str(rule).splitlines()))
    return 0
