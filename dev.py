#!/usr/bin/env python3
"""Set up and run cid's jobs on a fresh machine that has only python3 (and git).

    python3 dev.py zoo      # set up, render the zoo and print its incentive report
    python3 dev.py test     # set up, run the whole test suite
    python3 dev.py setup    # set up only
    python3 dev.py docs     # set up, build the documentation site into docs/_build

Set-up is idempotent and quick when nothing changed: a virtual environment in .venv, the
package installed in editable mode with its test extras, the Graphviz ``dot`` executable
and Debian's ``chromium`` browser for the explorer's browser tests (both installed with
apt-get when run as root or with password-less sudo; otherwise a one-line hint is printed:
everything except picture output still works, and the browser tests are skipped).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".setup-stamp"
EXTRAS = "test,docs"


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[str], **kw: object) -> int:
    return subprocess.call(cmd, **kw)  # type: ignore[call-overload, no-any-return]


def _privileged_prefix() -> list[str] | None:
    """``[]`` when root, ``["sudo", "-n"]`` when password-less sudo works, else ``None``."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") and run(["sudo", "-n", "true"], stderr=subprocess.DEVNULL) == 0:
        return ["sudo", "-n"]
    return None


def apt_install(*packages: str) -> bool:
    prefix = _privileged_prefix()
    if prefix is None or not shutil.which("apt-get"):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    say(f"installing {' '.join(packages)} with apt-get")
    quiet = {"stdout": subprocess.DEVNULL}
    if run([*prefix, "apt-get", "update", "-qq"], env=env, **quiet) != 0:
        return False
    return run([*prefix, "apt-get", "install", "-y", "-qq", *packages], env=env, **quiet) == 0


def ensure_venv() -> None:
    if PY.exists():
        return
    say("creating the virtual environment .venv")
    if run([sys.executable, "-m", "venv", str(VENV)]) != 0:
        shutil.rmtree(VENV, ignore_errors=True)
        # Debian's python3 ships without ensurepip; the venv module lives in python3-venv.
        ver = f"{sys.version_info.major}.{sys.version_info.minor}"
        if not (apt_install(f"python{ver}-venv") or apt_install("python3-venv")):
            sys.exit("[dev] cannot create a virtual environment: install python3-venv "
                     "(sudo apt-get install python3-venv) and run this again")
        if run([sys.executable, "-m", "venv", str(VENV)]) != 0:
            sys.exit("[dev] python3 -m venv failed")


def ensure_install() -> None:
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode() + sys.version.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say(f"installing cid and its [{EXTRAS}] extras into .venv (first run takes a minute)")
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run([*pip, "-e", f"{ROOT}[{EXTRAS}]"]) != 0:
        sys.exit("[dev] pip install failed (see above)")
    STAMP.write_text(wanted)


def ensure_graphviz() -> None:
    if shutil.which("dot"):
        return
    if apt_install("graphviz") and shutil.which("dot"):
        return
    say("Graphviz 'dot' not found and not installable here: pictures are skipped "
        "(install it: sudo apt-get install graphviz | brew install graphviz "
        "| conda install graphviz)")


CHROMIUM = ("chromium", "chromium-browser")
"""Executables of Debian's (and Ubuntu's) Chromium; Playwright drives the first one found."""


def ensure_chromium() -> None:
    if any(shutil.which(name) for name in CHROMIUM):
        return
    if apt_install("chromium") and any(shutil.which(name) for name in CHROMIUM):
        return
    say("Chromium not found and not installable here: the explorer's browser tests are "
        "skipped (install it: sudo apt-get install chromium | brew install --cask chromium)")


def setup() -> None:
    ensure_venv()
    ensure_install()
    ensure_graphviz()
    ensure_chromium()


def main(argv: list[str]) -> int:
    job = argv[0] if argv else "help"
    rest = argv[1:]
    if job not in {"zoo", "test", "setup", "docs"}:
        print(__doc__)
        return 0 if job in {"help", "-h", "--help"} else 2
    setup()
    if job == "setup":
        say("ready: .venv/bin/cid --help")
        return 0
    if job == "zoo":
        return run([str(PY), "-m", "cid", "zoo", "render", "--out", "out/zoo", "--incentives",
                    "--report", *rest], cwd=ROOT)
    if job == "docs":
        return run([str(PY), "-m", "sphinx", "-W", "-q", "-b", "html", "docs", "docs/_build/html",
                    *rest], cwd=ROOT)
    workers = ["-n", "2"] if (os.cpu_count() or 1) > 1 else []
    return run([str(PY), "-m", "pytest", "-q", *workers, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
