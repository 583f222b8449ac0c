"""Benchmark: cid against pycid, the older library, on the same single-decision diagrams.

    python benchmarks/pycid_compare.py --pycid-python /path/to/venv/bin/python

pycid pins old releases (pgmpy 0.1.17, pygambit 16, which no longer builds), so it lives in a
virtual environment of its own and runs in a subprocess; this script never imports it. One
way to make that environment (pycid's incentive functions never use pygambit)::

    python3 -m venv /tmp/pycid && /tmp/pycid/bin/pip install --no-deps pycid pgmpy==0.1.17
    /tmp/pycid/bin/pip install networkx numpy scipy pandas pyparsing tqdm joblib matplotlib \\
        scikit-learn statsmodels
    mkdir "$(/tmp/pycid/bin/python -c 'import site; print(site.getsitepackages()[0])')/pygambit"
    touch ".../pygambit/__init__.py"     # an empty stand-in, so that ``import pycid`` works

For each size, the layered random diagram of ``benchmarks/incentives.py`` with one decision
(single agent: the other agent's utilities become chance nodes) is analysed by both: value of
information, response incentives, value of control and instrumental control incentives of
every node. The four sets must agree (the single-decision criteria are sound and complete, so
the two libraries answer the same question); a disagreement exits with status 1. pycid's time
per size is capped (``--limit`` seconds); larger sizes are skipped once it is exceeded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incentives import layered_diagram  # noqa: E402

import cid  # noqa: E402

PYCID_WORKER = r"""
import json, sys, time
import pycid
from pycid.analyze.value_of_information import admits_voi_list
from pycid.analyze.response_incentive import admits_ri_list
from pycid.analyze.value_of_control import admits_voc_list
from pycid.analyze.instrumental_control_incentive import admits_ici_list

spec = json.load(sys.stdin)
model = pycid.CID([tuple(e) for e in spec["edges"]], decisions=spec["decisions"],
                  utilities=spec["utilities"])
(decision,) = spec["decisions"]
start = time.perf_counter()
sets = {"voi": admits_voi_list(model, decision), "ri": admits_ri_list(model, decision),
        "voc": admits_voc_list(model), "ici": admits_ici_list(model, decision)}
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "sets": {k: sorted(v) for k, v in sets.items()}}))
"""


def single_decision(n: int, seed: int) -> cid.Diagram:
    """The layered diagram with one decision, as a single-agent diagram."""
    layered = layered_diagram(n, decisions=1, seed=seed)
    (decision,) = layered.decisions
    agent = layered.agent_of(decision)
    edges = [(u, v) for v in layered.nodes for u in layered.parents(v)]
    return cid.Diagram.from_edges(edges, decisions=[decision],
                                  utilities=list(layered.utilities_of(agent)),
                                  name=f"single_{n}")


def cid_sets(d: cid.Diagram) -> tuple[float, dict[str, list[str]]]:
    (decision,) = d.decisions
    start = time.perf_counter()
    sets = {"voi": cid.value_of_information(d, decision),
            "ri": cid.response_incentives(d, decision),
            "voc": cid.value_of_control(d, decision),
            "ici": cid.instrumental_control_incentives(d, decision)}
    return time.perf_counter() - start, {k: sorted(v) for k, v in sets.items()}


def pycid_sets(python: str, d: cid.Diagram, limit: float) -> dict[str, object] | None:
    spec = {"edges": [[u, v] for v in d.nodes for u in d.parents(v)],
            "decisions": list(d.decisions), "utilities": list(d.utilities)}
    try:
        out = subprocess.run([python, "-c", PYCID_WORKER], input=json.dumps(spec),
                             capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        sys.exit(f"pycid failed:\n{err.stderr}")
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pycid-python", required=True, metavar="PYTHON",
                        help="a Python interpreter that can import pycid")
    parser.add_argument("--sizes", default="30,100,300,1000,3000", help="node counts")
    parser.add_argument("--limit", type=float, default=300.0,
                        help="seconds pycid may take for one size (default 300)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    print(f"cid {cid.__version__}; pycid run by {args.pycid_python}")
    print(f"{'nodes':>7} {'edges':>7} {'cid s':>9} {'pycid s':>9} {'pycid/cid':>10}  sets")
    disagreements = 0
    for n in (int(s) for s in args.sizes.split(",")):
        d = single_decision(n, args.seed)
        edges = sum(len(d.parents(v)) for v in d.nodes)
        cid_seconds, ours = min((cid_sets(d) for _ in range(3)), key=lambda r: r[0])
        theirs = pycid_sets(args.pycid_python, d, args.limit)
        if theirs is None:
            print(f"{len(d.nodes):>7} {edges:>7} {cid_seconds:>9.4f} {'>' + str(args.limit):>9}"
                  f" {'':>10}  (pycid stopped; larger sizes skipped)")
            break
        seconds = float(theirs["seconds"])  # type: ignore[arg-type]
        same = theirs["sets"] == ours
        disagreements += not same
        verdict = "agree" if same else f"DIFFER: cid {ours} pycid {theirs['sets']}"
        print(f"{len(d.nodes):>7} {edges:>7} {cid_seconds:>9.4f} {seconds:>9.2f} "
              f"{seconds / cid_seconds:>9.0f}x  {verdict}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
