"""Benchmark: pure Nash and subgame-perfect equilibria, cid against pycid and pygambit.

    python benchmarks/games.py [--pycid-python /path/to/venv/bin/python] [--smoke]

For each game (the numeric zoo games, then random MAIDs with a growing number of agents,
one decision each), cid finds every pure Nash equilibrium (NE) and every pure subgame-perfect
equilibrium (SPE). The same game is given

* to **pycid 0.8.2**, the older library, in its own environment by subprocess (it pins old
  pgmpy and pygambit releases; ``/work/shared/tools/make-pycid-venv`` builds one):
  ``get_ne(solver="enumpure")`` and ``get_spe(solver="enumpure")``, which go through
  Gambit's reduced strategic form (rules that differ only where play never goes are
  merged, so the counts differ): the sets of payoff vectors must be the same;
* to **pygambit** (when installed, the ``[games]`` extra) as cid's extensive-form
  translation, solved by ``enumpure_solve`` on its reduced strategic form: the set of
  payoff vectors of the pure equilibria must be the same (reduced strategies merge rules
  that differ only where play never goes, so the counts differ, the payoffs cannot).

Times are the best of three runs (pycid: one run, capped by ``--limit`` seconds per game);
the table shows the ratios to cid's time. Any disagreement exits with status 1.
``--smoke`` runs two small games and one random one, pycid only when asked.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cid  # noqa: E402
from cid import games  # noqa: E402
from zoo import games as zoo_games  # noqa: E402

PYCID_WORKER = r"""
import itertools, json, sys, time
import numpy as np
import pycid

spec = json.load(sys.stdin)
doms = spec["domains"]
parents = spec["parents"]

def table_function(node):
    pa = parents[node]
    table = np.array(spec["tables"][node])
    def lookup(*values):
        idx = tuple(doms[p].index(v) for p, v in zip(pa, values))
        return table[idx]
    return pa, lookup

cpds = {}
for node in spec["order"]:
    kind = spec["kinds"][node]
    if kind == "decision":
        cpds[node] = list(doms[node])
        continue
    pa, lookup = table_function(node)
    args = ", ".join(pa)
    if kind == "chance":
        body = f"lambda {args}: dict(zip(DOM, [float(p) for p in LOOK({args})]))"
        cpds[node] = eval(body, {"DOM": doms[node], "LOOK": lookup})
    else:
        cpds[node] = eval(f"lambda {args}: float(LOOK({args}))", {"LOOK": lookup})
macid = pycid.MACID([tuple(e) for e in spec["edges"]], agent_decisions=spec["agent_decisions"],
                    agent_utilities=spec["agent_utilities"])
macid.add_cpds(**cpds)

def payoffs(profile):
    game = macid.copy()
    game.add_cpds(*profile)
    return [round(float(game.expected_utility({}, agent=a)), 6) for a in spec["agents"]]

result = {}
for what, method in (("ne", macid.get_ne), ("spe", macid.get_spe)):
    if what not in spec["solutions"]:
        continue
    start = time.perf_counter()
    found = method(solver="enumpure")
    seconds = time.perf_counter() - start
    result[what] = {"seconds": seconds, "count": len(found),
                    "payoffs": sorted({json.dumps(payoffs(p)) for p in found})}
print(json.dumps(result))
"""


# ---------------------------------------------------------------------------- games
def random_maid(n_agents: int, seed: int) -> cid.Model:
    """``n_agents`` agents with one decision each (so every agent has perfect recall, and
    Gambit and pycid can take the game), each seeing one chance node, each paid by its own
    decision, one or two others and a chance node; binary domains, integer payoffs."""
    rng = np.random.default_rng(seed)
    edges: list[tuple[str, str]] = []
    chance = [f"X{i}" for i in range(n_agents)]
    decisions = [f"D{i}" for i in range(n_agents)]
    for i in range(1, n_agents):
        if rng.random() < 0.5:
            edges.append((chance[int(rng.integers(i))], chance[i]))
    for i, D in enumerate(decisions):
        edges.append((chance[i], D))
        others = [E for E in decisions if E != D]
        picks = rng.choice(others, size=min(len(others), int(rng.integers(1, 3))), replace=False)
        edges += [(D, f"U{i}"), (chance[int(rng.integers(n_agents))], f"U{i}")]
        edges += [(str(E), f"U{i}") for E in picks]
    d = cid.Diagram.from_edges(edges, decisions={f"p{i}": [D] for i, D in enumerate(decisions)},
                               utilities={f"p{i}": [f"U{i}"] for i in range(n_agents)},
                               nodes=[*chance, *decisions], name=f"random_{n_agents}")
    cpds: dict[str, object] = {}
    for n in d.chance_nodes:
        cpds[n] = rng.dirichlet([1.0, 1.0], size=[2] * len(d.parents(n)))
    for u in d.utilities:
        cpds[u] = rng.integers(0, 4, size=[2] * len(d.parents(u))).astype(float)
    return cid.Model(d, cpds=cpds, domains={D: [0, 1] for D in d.decisions})


def spec_of(model: cid.Model, solutions: list[str]) -> dict[str, Any]:
    """The model as JSON for the pycid worker (every value by its position, as an int)."""
    d = model.diagram
    doms = {n: list(range(len(model.domain(n)))) for n in d.nodes if d.kind(n) != "utility"}
    tables = {}
    for n in d.nodes:
        if d.kind(n) == "chance":
            tables[n] = np.asarray(model.cpd(n).table).tolist()
        elif d.kind(n) == "utility":
            tables[n] = np.asarray(model.utility(n).values).tolist()
    return {"edges": [list(e) for e in d.edge_list], "order": list(d.topological_order),
            "kinds": {n: d.kind(n) for n in d.nodes}, "parents": {n: list(d.parents(n))
                                                                   for n in d.nodes},
            "domains": doms, "tables": tables, "decisions": list(d.decisions),
            "agent_decisions": {a: list(d.decisions_of(a)) for a in d.agents},
            "agent_utilities": {a: list(d.utilities_of(a)) for a in d.agents},
            "agents": list(d.agents),
            "solutions": solutions}


def payoff_keys(model: cid.Model, found: list[games.Equilibrium]) -> list[str]:
    """The distinct payoff vectors (agents in name order) as pycid's worker writes them."""
    agents = model.diagram.agents
    return sorted({json.dumps([round(eq.expected_utility[a], 6) for a in agents])
                   for eq in found})


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run_pycid(python: str, model: cid.Model, solutions: list[str], limit: float
              ) -> dict[str, Any] | None:
    try:
        out = subprocess.run([python, "-c", PYCID_WORKER],
                             input=json.dumps(spec_of(model, solutions)),
                             capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:  # pycid's own bug: say so, go on
        lines = err.stderr.strip().splitlines() or ["no message"]
        return {"error": lines[-1]}
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def gambit_payoffs(model: cid.Model) -> tuple[float, set[tuple[float, ...]]] | str | None:
    """pygambit's enumpure on cid's tree: (seconds, payoff vectors); None without pygambit;
    a reason when Gambit refuses the game (imperfect recall)."""
    try:
        import pygambit
    except ImportError:
        return None
    tree = games.to_gambit_game(model)
    try:
        seconds, result = best_of(3, lambda: pygambit.nash.enumpure_solve(tree))
    except RuntimeError as err:
        return str(err)
    players = list(tree.players)
    vectors = {tuple(round(float(p.payoff(pl)), 6) for pl in players)
               for p in result.equilibria}
    return seconds, vectors


# ---------------------------------------------------------------------------- table
def row(model: cid.Model, args: argparse.Namespace, errors: list[str], *, pure: bool) -> bool:
    """Print one row; return whether every comparison agreed."""
    ok = True
    t_ne, ne = best_of(3, lambda: games.pure_nash_equilibria(model)) if pure else (None, None)
    t_spe, spe = best_of(3, lambda: games.subgame_perfect_equilibria(model))
    cells = [f"{model.name:<28}",
             f"{len(ne) if ne is not None else '-':>5}", f"{len(spe):>5}",
             f"{t_ne * 1e3 if t_ne is not None else float('nan'):>9.2f}", f"{t_spe * 1e3:>9.2f}"]
    if args.pycid_python:
        wanted = ["spe"] + (["ne"] if pure else [])
        theirs = run_pycid(args.pycid_python, model, wanted, args.limit)
        if theirs is None or "error" in theirs:
            shown = f"{'>' + str(int(args.limit)) + 's':>10}" if theirs is None else "     error"
            cells += [shown, f"{'':>10}"]
            if theirs is not None:
                errors.append(f"{model.name}: pycid raised {theirs['error']}")
        else:
            for what, ours, t in (("ne", ne, t_ne), ("spe", spe, t_spe)):
                if what not in theirs or ours is None or t is None:
                    cells.append(f"{'-':>10}")
                    continue
                same = payoff_keys(model, ours) == theirs[what]["payoffs"]
                ok &= same
                ratio = theirs[what]["seconds"] / t
                cells.append(f"{ratio:>9.1f}x" if same else f"{'DIFFER':>10}")
    g = gambit_payoffs(model) if pure else None
    if isinstance(g, str):
        cells.append(f"{'refused':>10}")
        errors.append(f"{model.name}: gambit: {g}")
    elif g is not None and ne is not None and t_ne is not None:
        seconds, vectors = g
        agents = list(model.diagram.agents)
        ours_v = {tuple(round(eq.expected_utility[a], 6) for a in agents
                        if model.diagram.decisions_of(a)) for eq in ne}
        same = ours_v == vectors
        ok &= same
        cells.append(f"{seconds / t_ne:>9.2f}x" if same else f"{'DIFFER':>10}")
    print("  ".join(cells), flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pycid-python", metavar="PYTHON",
                        help="a Python interpreter that can import pycid (else no pycid column)")
    parser.add_argument("--sizes", default="2,3,4,5,6", help="agents of the random MAIDs")
    parser.add_argument("--limit", type=float, default=120.0,
                        help="seconds pycid may take for one game (default 120)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smoke", action="store_true", help="a few small games, quickly")
    args = parser.parse_args(argv)
    names = ["prisoners_dilemma", "taxi_competition"] if args.smoke else zoo_games.names()
    sizes = [2] if args.smoke else [int(s) for s in args.sizes.split(",")]
    print(f"cid {cid.__version__}; pycid: {args.pycid_python or 'not run'}; ratios are the "
          "other's time over cid's (higher: cid faster)")
    print("  ".join([f"{'game':<28}", f"{'NE':>5}", f"{'SPE':>5}", f"{'NE ms':>9}",
                     f"{'SPE ms':>9}"] + ([f"{'pycid NE':>10}", f"{'pycid SPE':>10}"]
                                          if args.pycid_python else [])
                    + [f"{'gambit NE':>10}"]))
    ok = True
    errors: list[str] = []
    for name in names:
        ok &= row(zoo_games.model(name), args, errors, pure=name != "debate")
    for n in sizes:
        ok &= row(random_maid(n, args.seed + n), args, errors, pure=True)
    for line in errors:
        print(line)
    if not ok:
        print("DISAGREEMENT: see the rows marked DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
