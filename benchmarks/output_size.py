"""Benchmark: ``cid analyze --format json`` on long MDPs, compact witnesses against full paths.

    python benchmarks/output_size.py            # horizons 100, 200, 500, 1000
    python benchmarks/output_size.py --smoke    # horizons 10, 20, 40 (the test suite runs this)

For each horizon of ``zoo:mdp:horizon=H`` (``3 H - 1`` nodes, ``H`` decisions) and each
``--witnesses`` mode, ``cid analyze --format json`` runs in a child process of its own,
writing to a file: the table gives its wall time, the output's size and the child's peak
memory (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``, read in a fresh wrapper process per
run, so that each run's peak is its own), and the ratios of ``all`` (every path written out:
the old output, now written one decision at a time) and of ``before`` (the previous
``cid analyze --format json``, measured in the same run: every path, the whole report built
as one string) to ``one`` (the new default: one compact witness per incentive). Full paths
grow with the cube of the horizon (715 MB and 4 GB of memory at ``H = 200``; ``H = 300``
needs 13 GB), so ``all`` and ``before`` run only up to ``--all-up-to`` (200 by default).
``none`` (node names only) is the floor any report must pay.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HORIZONS = (100, 200, 500, 1000)
SMOKE_HORIZONS = (10, 20, 40)
MODES = ("none", "one", "all", "before")
FULL = ("all", "before")  # cubic: capped by --all-up-to
# The previous `cid analyze --format json`: the whole report with every path, as one string.
BEFORE = ("import json, sys, cid, zoo\n"
          "h = int(sys.argv[1])\n"
          "report = cid.analyze(zoo.build('mdp', horizon=h))\n"
          "sys.stdout.write(json.dumps(report.to_dict(witnesses='all'), indent=2, "
          "ensure_ascii=False) + '\\n')\n")


def _child(target: str, mode: str, out: str) -> None:
    """Run the CLI once as a child, then print its time and peak memory as JSON."""
    if mode == "before":
        cmd = [sys.executable, "-c", BEFORE, target.rsplit("=", 1)[1]]
    else:
        cmd = [sys.executable, "-m", "cid", "analyze", target, "--format", "json",
               "--witnesses", mode]
    start = time.perf_counter()
    with open(out, "wb") as f:
        done = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "code": done.returncode,
                      "stderr": done.stderr.decode("utf-8", "replace")[-500:]}))


def measure(horizon: int, mode: str, out: Path) -> dict[str, Any]:
    """Time, output bytes and peak memory of one ``cid analyze`` run (in a fresh wrapper)."""
    target = f"zoo:mdp:horizon={horizon}"
    wrapper = subprocess.run([sys.executable, __file__, "--child", target, mode, str(out)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(wrapper.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"cid analyze {target} --witnesses {mode} failed: "
                           f"{result['stderr']}")
    result["bytes"] = out.stat().st_size
    return result


def run(horizons: tuple[int, ...], all_up_to: int, folder: Path,
        keep: bool = False) -> dict[tuple[int, str], dict[str, Any]]:
    """Every measurement; the outputs stay in ``folder`` when ``keep``."""
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for h in horizons:
        for mode in MODES:
            if mode in FULL and h > all_up_to:
                continue
            out = folder / f"mdp-{h}-{mode}.json"
            results[h, mode] = measure(h, mode, out)
            if not keep:
                out.unlink()
    return results


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def table(results: dict[tuple[int, str], dict[str, Any]], horizons: tuple[int, ...],
          all_up_to: int) -> str:
    """The table: per horizon and mode, time, MB written, peak MB; then all / one."""
    head = (f"{'horizon':>7} {'nodes':>6} {'mode':>6} {'time s':>8} {'output MB':>10} "
            f"{'peak MB':>8}   {'ratio to one: time':>18} {'bytes':>8} {'peak':>6}")
    lines = [head, "-" * len(head)]
    for h in horizons:
        for mode in MODES:
            r = results.get((h, mode))
            if r is None:
                lines.append(f"{h:>7} {3 * h - 1:>6} {mode:>6}   (not run: above --all-up-to "
                             f"{all_up_to}; full paths grow with the cube of the horizon)")
                continue
            ratio = ""
            if mode in FULL:
                one = results[h, "one"]
                ratio = (f"   {r['seconds'] / one['seconds']:>17.1f}x "
                         f"{r['bytes'] / one['bytes']:>7.1f}x "
                         f"{r['peak_mb'] / one['peak_mb']:>5.1f}x")
            lines.append(f"{h:>7} {3 * h - 1:>6} {mode:>6} {r['seconds']:>8.2f} "
                         f"{_mb(r['bytes']):>10} {r['peak_mb']:>8.0f}{ratio}")
    lines.append("")
    lines.append("growth of the default (one) when the horizon doubles: bytes(2h)/bytes(h)")
    for h in horizons:
        if 2 * h in horizons:
            b = results[2 * h, "one"]["bytes"] / results[h, "one"]["bytes"]
            lines.append(f"  {h:>5} -> {2 * h:<5} {b:.2f}  (quadratic: 4, cubic: 8)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--smoke", action="store_true", help="small horizons (a few seconds)")
    p.add_argument("--all-up-to", type=int, default=200,
                   help="run --witnesses all only up to this horizon (default 200)")
    p.add_argument("--keep", metavar="DIR", help="keep the JSON outputs in DIR")
    p.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    horizons = SMOKE_HORIZONS if args.smoke else HORIZONS
    all_up_to = max(horizons) if args.smoke else args.all_up_to
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
        results = run(horizons, all_up_to, folder, keep=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            results = run(horizons, all_up_to, Path(tmp))
    print(table(results, horizons, all_up_to))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
