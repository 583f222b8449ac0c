"""Running the ``cid`` command in a child process, optionally under a memory limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cid(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
            memory_mib: int | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """``python -m cid ARGS`` in a child process; ``memory_mib`` caps its address space."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    child_env["PYTHONPATH"] = str(ROOT)
    child_env.update(env or {})

    def limit() -> None:
        if memory_mib is not None:
            import resource

            size = memory_mib * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return subprocess.run([sys.executable, "-m", "cid", *args], input=stdin, capture_output=True,
                          env=child_env, cwd=ROOT, timeout=timeout, preexec_fn=limit)
