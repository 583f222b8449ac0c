"""Running a sweep: batching, the three schedulers, streaming results, Parquet output."""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from cid.errors import CIDError, DiagramError, OptionalDependencyError
from cid.files import write_atomic

__all__ = ["SweepResult", "TaskFailure", "sweep"]

IN_PROCESS_LIMIT = 2000
"""With ``scheduler=None``, sweeps of at most this many inputs run in-process."""

Task = Callable[[Any], Mapping[str, Any] | Iterable[Mapping[str, Any]]]
Outcome = tuple[int, list[dict[str, Any]] | None, tuple[str, str, str] | None]


@dataclass(frozen=True)
class TaskFailure:
    """A task that raised: its position, its input and the error.

    Attributes
    ----------
    task : int
    input : object
    error : str
        The exception's type name.
    message, traceback : str
    """

    task: int
    input: Any
    error: str
    message: str
    traceback: str

    def __str__(self) -> str:
        return f"task {self.task} (input {self.input!r}) failed: {self.error}: {self.message}"


@dataclass(frozen=True)
class SweepResult:
    """The rows of a sweep and the tasks that failed.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per row a task returned, in input order: a ``task`` column (the input's
        position), the input's fields when it is a mapping, then the task's fields.
    failures : tuple of TaskFailure
    scheduler : str
        Where it ran: ``"in-process"``, ``"local cluster"`` or the scheduler's address.
    """

    table: Any
    failures: tuple[TaskFailure, ...]
    scheduler: str

    @property
    def ok(self) -> bool:
        """No task failed."""
        return not self.failures

    def to_parquet(self, path: str | Path) -> Path:
        """Write :attr:`table` to ``path`` atomically (a temporary file in the same folder,
        then a rename); the failures, if any, go to ``NAME.failures.parquet`` beside it."""
        path = Path(path)
        _atomic_parquet(self.table, path)
        if self.failures:
            pd = _pandas()
            frame = pd.DataFrame([{"task": f.task, "input": repr(f.input), "error": f.error,
                                   "message": f.message} for f in self.failures])
            _atomic_parquet(frame, path.with_name(path.stem + ".failures.parquet"))
        return path


def _pandas() -> Any:
    try:
        pd = import_module("pandas")
    except ImportError as err:
        raise OptionalDependencyError(
            "cid.sweep needs pandas, dask and distributed: pip install 'cid-incentives[scale]'"
        ) from err
    return pd


def _dask() -> Any:
    try:
        dask = import_module("dask")
        import_module("distributed")
    except ImportError as err:
        raise OptionalDependencyError(
            "cid.sweep needs dask and distributed: pip install 'cid-incentives[scale]'"
        ) from err
    return dask


def _atomic_parquet(frame: Any, path: Path) -> None:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    write_atomic(path, buffer.getvalue())


def run_batch(func: Task, batch: Sequence[tuple[int, Any]]) -> list[Outcome]:
    """Run ``func`` on each ``(position, input)``; an exception becomes a failure record."""
    out: list[Outcome] = []
    for i, item in batch:
        try:
            result = func(item)
            rows = [dict(result)] if isinstance(result, Mapping) else [dict(r) for r in result]
            out.append((i, rows, None))
        except Exception as err:  # noqa: BLE001 - reported with its input, never lost
            out.append((i, None, (type(err).__name__, str(err), traceback.format_exc())))
    return out


def _batches(items: list[tuple[int, Any]], size: int) -> list[list[tuple[int, Any]]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@contextmanager
def _client(scheduler: str, workers: int | None, timeout: float) -> Iterator[Any]:
    _dask()
    distributed: Any = import_module("distributed")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler == "local":
        n = workers or min(os.cpu_count() or 1, 8)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError) as err:
        raise CIDError(f"no Dask scheduler answers at {scheduler} within {timeout:g} s: {err}",
                       code="cid_scheduler_unreachable") from None
    try:
        yield client
    finally:
        client.close()


def _stream(func: Task, batches: list[list[tuple[int, Any]]], scheduler: str,
            workers: int | None, timeout: float) -> Iterator[list[Outcome]]:
    if scheduler == "in-process":
        dask = _dask()
        for batch in batches:
            yield dask.delayed(run_batch)(func, batch).compute(scheduler="synchronous")
        return
    as_completed = import_module("distributed").as_completed
    with _client(scheduler, workers, timeout) as client:
        futures = client.map(run_batch, [func] * len(batches), batches, pure=False)
        for future in as_completed(futures):
            yield future.result()


def _progress(total: int, enabled: bool | None) -> Any:
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return None
    try:
        from tqdm import tqdm
    except ImportError as err:
        if enabled:
            raise OptionalDependencyError("progress=True needs tqdm: pip install tqdm") from err
        return None
    return tqdm(total=total, desc="sweep", unit="task")


def sweep(func: Task, inputs: Iterable[Any], *, scheduler: str | None = None,
          progress: bool | None = None, output: str | Path | None = None,
          batch_size: int | None = None, workers: int | None = None,
          timeout: float = 10.0) -> SweepResult:
    """Run ``func`` on every input with Dask and collect the rows into a pandas table.

    Parameters
    ----------
    func : callable
        ``func(input)`` returns a row (a mapping) or several (an iterable of mappings). It
        must be picklable (a module-level function) for the cluster schedulers.
    inputs : iterable
        The inputs; a mapping's items also become columns of its rows.
    scheduler : str, optional
        ``"in-process"`` (Dask's synchronous scheduler), ``"local"`` (a
        ``distributed.LocalCluster`` of processes, started and stopped here), or the address
        of a running scheduler (``"tcp://host:8786"``). Default: in-process up to
        :data:`IN_PROCESS_LIMIT` inputs, a local cluster above.
    progress : bool, optional
        Show a progress bar (tqdm); default: when standard error is a terminal.
    output : str or pathlib.Path, optional
        Also write the table to this Parquet file (atomically; see
        :meth:`SweepResult.to_parquet`).
    batch_size : int, optional
        Inputs per Dask task (default: enough for about 16 tasks per worker).
    workers : int, optional
        Workers of the local cluster (default: the CPU count, at most 8).
    timeout : float, optional
        Seconds to wait for a scheduler address to answer.

    Returns
    -------
    SweepResult
        The same table for the same inputs on every scheduler.

    Raises
    ------
    OptionalDependencyError
        Dask, distributed or pandas is missing.
    CIDError
        The scheduler address does not answer within ``timeout`` (one error, naming it).
    DiagramError
        An unknown scheduler name or a bad batch size.
    """
    pd = _pandas()
    items = list(enumerate(inputs))
    if scheduler is None:
        scheduler = "in-process" if len(items) <= IN_PROCESS_LIMIT else "local"
    if scheduler not in ("in-process", "local") and "://" not in scheduler:
        raise DiagramError(f"unknown scheduler {scheduler!r}: use 'in-process', 'local' or "
                           "an address like tcp://host:8786", code="cid_bad_scheduler")
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise DiagramError(f"batch_size must be a positive integer, got {batch_size!r}")
    lanes = 1 if scheduler == "in-process" else (workers or min(os.cpu_count() or 1, 8))
    size = batch_size or max(1, len(items) // (16 * lanes))
    bar = _progress(len(items), progress)
    outcomes: list[Outcome] = []
    try:
        for done in _stream(func, _batches(items, size), scheduler, workers, timeout):
            outcomes.extend(done)
            if bar is not None:
                bar.update(len(done))
    finally:
        if bar is not None:
            bar.close()
    result = _collect(pd, items, outcomes, scheduler)
    if output is not None:
        result.to_parquet(output)
    return result


def _collect(pd: Any, items: list[tuple[int, Any]], outcomes: list[Outcome],
             scheduler: str) -> SweepResult:
    outcomes.sort(key=lambda o: o[0])
    rows: list[dict[str, Any]] = []
    failures = []
    for i, got, error in outcomes:
        item = items[i][1]
        if error is not None:
            failures.append(TaskFailure(i, item, *error))
            continue
        assert got is not None
        fields = dict(item) if isinstance(item, Mapping) else {}
        rows.extend({"task": i, **fields, **row} for row in got)
    table = pd.DataFrame(rows) if rows else pd.DataFrame({"task": pd.Series([], dtype="int64")})
    where = {"in-process": "in-process", "local": "local cluster"}.get(scheduler, scheduler)
    return SweepResult(table, tuple(failures), where)
