"""How long ``import cid`` takes, against baselines measured in the same run.

Each row is the median over fresh interpreter processes of the time to run the statement,
minus the time of an empty interpreter; the ratio column compares with ``import networkx``
(cid's heaviest core dependency). Target: ``import cid`` under 0.3 s, ``cid.Diagram`` at
about the cost of networkx itself.

    python benchmarks/import_time.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

STATEMENTS = {
    "python (empty)": "pass",
    "import networkx": "import networkx",
    "import cid": "import cid",
    "import cid; cid.Diagram": "import cid; cid.Diagram",
    "build + JSON round-trip": (
        "import cid; d = cid.Diagram.from_edges(['S -> D -> U'], decisions=['D'], "
        "utilities=['U']); cid.Diagram.from_json(d.to_json())"
    ),
}


def measure(statement: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results = {name: measure(stmt, args.runs) for name, stmt in STATEMENTS.items()}
    empty = results["python (empty)"]
    base = results["import networkx"] - empty
    print(f"{'statement':28} {'seconds':>8} {'vs networkx':>12}")
    for name, seconds in results.items():
        net = seconds - empty
        ratio = "" if name == "python (empty)" else f"{net / base:11.2f}x"
        print(f"{name:28} {net:8.3f} {ratio:>12}")


if __name__ == "__main__":
    main()
