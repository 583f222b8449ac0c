"""``python -m cid``: the ``cid`` command (see :mod:`cid.cli`)."""

from __future__ import annotations

import sys

from cid.cli import main

if __name__ == "__main__":
    sys.exit(main())
