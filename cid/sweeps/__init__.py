"""Map an analysis over many inputs with Dask, into a tidy pandas table.

:func:`sweep` runs a function over inputs (random diagrams, zoo entries, a grid of numeric
parameters) in-process for small jobs, on a local process cluster for large ones, or on an
existing Dask cluster (``scheduler="tcp://..."``). The rows come back as a
:class:`pandas.DataFrame` in input order, whatever order the tasks finished in; a task that
raises is reported with its input in :attr:`SweepResult.failures`, and the others complete.
The ready-made tasks in :mod:`cid.sweeps.tasks` survey incentives on random diagrams and
the robustness of diagrams.

Needs the optional extra ``scale`` (``pip install 'cid-incentives[scale]'``: dask,
distributed, pandas, pyarrow, tqdm).

>>> import cid
>>> from cid.sweeps import grid, survey_inputs, tasks
>>> result = cid.sweep(tasks.incentive_survey, survey_inputs(3, n=6, seed=1))
>>> result.table[["task", "n", "decision"]].to_dict("list")
{'task': [0, 1, 2], 'n': [6, 6, 6], 'decision': ['D0', 'D0', 'D3']}
>>> grid(p=[0.1, 0.9], q=[1, 2])[:2]
[{'p': 0.1, 'q': 1}, {'p': 0.1, 'q': 2}]
"""

from __future__ import annotations

from cid.sweeps._run import SweepResult, TaskFailure, sweep
from cid.sweeps.tasks import grid, survey_inputs

__all__ = ["SweepResult", "TaskFailure", "grid", "survey_inputs", "sweep"]
