"""The one size guard for the tables of a model, checked before anything is allocated.

Every table the quantitative layer builds from a user's specification (a CPD, a utility table,
a function tabulated over its parents) has one entry per configuration of its parents (times
the node's own values for a CPD). :func:`check_table_size` computes that count with Python
integers, before numpy sees it, and refuses a table above :func:`max_table_entries` with the
estimate and the way to raise the limit, instead of a ``MemoryError`` (or numpy's
32/64-dimension error) after minutes of work. Functions tabulated over many configurations
show a progress bar (:func:`tabulation_progress`) where one can be shown.

Examples
--------
>>> check_table_size("U", ["A", "B"], [(0, 1), (0, 1, 2)])
6
>>> from cid.errors import SolveLimitError
>>> try:
...     check_table_size("U", [f"X{i}" for i in range(40)], [(0, 1)] * 40)
... except SolveLimitError as err:
...     print(str(err)[:70])
U: a table over its 40 parents has 1,099,511,627,776 entries (8 TiB as
"""

from __future__ import annotations

import math
import sys
from collections.abc import Hashable, Iterable, Iterator, Sequence, Sized

from cid._env import positive_int
from cid.errors import SolveLimitError

__all__ = ["DEFAULT_MAX_TABLE_ENTRIES", "PROGRESS_FROM", "check_table_size",
           "max_table_entries", "tabulation_progress"]

DEFAULT_MAX_TABLE_ENTRIES = 2**26
"""Tables above this many entries (512 MiB of float64) are refused unless
``CID_MAX_TABLE_ENTRIES`` says otherwise."""

PROGRESS_FROM = 2**16
"""A function evaluated on at least this many parent configurations shows a progress bar
(tqdm installed and standard error a terminal)."""

_ENV = "CID_MAX_TABLE_ENTRIES"


def max_table_entries() -> int:
    """The table size limit: ``CID_MAX_TABLE_ENTRIES`` from the environment, else
    :data:`DEFAULT_MAX_TABLE_ENTRIES`.

    Raises
    ------
    SolveLimitError
        The environment variable is not a positive integer.
    """
    try:
        return positive_int(_ENV, DEFAULT_MAX_TABLE_ENTRIES)
    except ValueError as err:
        raise SolveLimitError(f"{err} (a number of table entries)") from None


def _bytes(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if size < 1024 or unit == "PiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.3g} {unit}"
        size /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def check_table_size(node: str, parents: Sequence[str],
                     parent_domains: Sequence[Sized], own: int = 1) -> int:
    """The number of entries of ``node``'s table (``own`` values per parent configuration);
    raise before any allocation when it is above :func:`max_table_entries`.

    Raises
    ------
    SolveLimitError
        The table would be too large; the message gives its size and how to raise the limit.
    """
    entries = math.prod(len(d) for d in parent_domains) * max(own, 1)
    limit = max_table_entries()
    if entries > limit:
        over = f"its {len(parents)} parents" if parents else "no parents"
        raise SolveLimitError(
            f"{node}: a table over {over} has {entries:,} entries ({_bytes(entries * 8)} as "
            f"float64), above the limit of {limit:,} entries; raise it with {_ENV}=N if the "
            "machine has the memory")
    return entries


def tabulation_progress(node: str, configurations: Iterable[tuple[Hashable, ...]],
                        count: int) -> Iterator[tuple[Hashable, ...]]:
    """``configurations`` with a progress bar on standard error when there are at least
    :data:`PROGRESS_FROM` of them, tqdm is installed and standard error is a terminal."""
    shown = count >= PROGRESS_FROM and getattr(sys.stderr, "isatty", lambda: False)()
    if shown:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            shown = False
    if not shown:
        yield from configurations
        return
    yield from tqdm(configurations, total=count, desc=f"tabulating {node}", unit="call",
                    leave=False)
