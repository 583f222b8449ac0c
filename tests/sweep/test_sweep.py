"""cid.sweep: the same table in-process, on a local cluster and on a cluster the test starts;
failures reported with their input; an unreachable scheduler is one clear error."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cid
from tests.sweep.tasks import square_or_fail

pd = pytest.importorskip("pandas", reason="the [scale] extra is not installed")
pytest.importorskip("distributed", reason="the [scale] extra is not installed")

from cid.sweeps import grid, survey_inputs  # noqa: E402
from cid.sweeps.tasks import incentive_survey, robustness_rows  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-worker process cluster, started and stopped here (bounded in time)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", timeout=60) as started:
        yield started.scheduler_address


def test_the_table_is_the_same_in_process_on_a_local_cluster_and_on_a_given_cluster(
        cluster: str) -> None:
    inputs = survey_inputs(24, n=7, decisions=2, utilities=2, seed=5)
    here = cid.sweep(incentive_survey, inputs, scheduler="in-process")
    local = cid.sweep(incentive_survey, inputs, scheduler="local", workers=2, batch_size=3)
    given = cid.sweep(incentive_survey, inputs, scheduler=cluster, batch_size=2, timeout=30)
    assert here.ok and local.ok and given.ok
    assert len(here.table) >= 24 and set(here.table["task"]) == set(range(24))
    pd.testing.assert_frame_equal(here.table, local.table)
    pd.testing.assert_frame_equal(here.table, given.table)
    assert (here.scheduler, local.scheduler) == ("in-process", "local cluster")
    again = cid.sweep(incentive_survey, survey_inputs(24, n=7, decisions=2, utilities=2, seed=5))
    pd.testing.assert_frame_equal(here.table, again.table)


def test_a_failed_task_is_reported_with_its_input_and_the_rest_complete(cluster: str) -> None:
    result = cid.sweep(square_or_fail, range(6), scheduler=cluster, batch_size=1)
    assert not result.ok
    (failure,) = result.failures
    assert (failure.task, failure.input, failure.error) == (3, 3, "ValueError")
    assert "bad luck" in str(failure) and "square_or_fail" in failure.traceback
    assert list(result.table["task"]) == [0, 1, 2, 4, 5]
    assert list(result.table["square"]) == [0, 1, 4, 16, 25]


def test_an_address_that_does_not_answer_is_one_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    with pytest.raises(cid.CIDError, match=f"no Dask scheduler answers at tcp://127.0.0.1:{port}"):
        cid.sweep(square_or_fail, [1], scheduler=f"tcp://127.0.0.1:{port}", timeout=1)
    with pytest.raises(cid.DiagramError, match="unknown scheduler"):
        cid.sweep(square_or_fail, [1], scheduler="threads")


def test_parquet_is_written_atomically_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "runs" / "squares.parquet"
    result = cid.sweep(square_or_fail, range(5), output=out)
    assert pd.read_parquet(out).equals(result.table)
    failures = pd.read_parquet(out.with_name("squares.failures.parquet"))
    assert list(failures["task"]) == [3]
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "squares.failures.parquet", "squares.parquet"]


def test_small_sweeps_run_in_process_with_a_progress_bar(
        capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm", reason="the progress bar needs tqdm")
    result = cid.sweep(square_or_fail, [1, 2], progress=True)
    assert result.scheduler == "in-process" and list(result.table["square"]) == [1, 4]
    assert "sweep" in capsys.readouterr().err


def test_grids_and_diagram_inputs() -> None:
    rows = cid.sweep(square_or_fail, [p["x"] for p in grid(x=[1, 2])]).table
    assert list(rows["square"]) == [1, 4]
    d = cid.Diagram.from_edges(["S -> D -> U"], decisions=["D"], utilities=["U"], name="tiny")
    table = cid.sweep(robustness_rows, [d]).table
    assert set(table["diagram"]) == {"tiny"} and "hinges" in table


def test_missing_dask_is_an_optional_dependency_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(cid.OptionalDependencyError, match=r"\[scale\]"):
        cid.sweep(square_or_fail, [1], scheduler="in-process")
