"""Ready-made sweep tasks and inputs: incentive surveys of random diagrams, robustness.

Every task is a module-level function of one input, so it pickles to Dask workers.

>>> from cid.sweeps.tasks import incentive_survey
>>> [(r["decision"], r["ICI"]) for r in incentive_survey({"n": 5, "seed": 2})]
[('D0', 3)]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cid.model import Diagram

__all__ = ["grid", "incentive_survey", "robustness_rows", "survey_inputs"]


def task_seed(seed: int, i: int) -> int:
    """The seed of task ``i`` of a sweep seeded with ``seed`` (numpy's ``SeedSequence``, the
    same on every machine).

    >>> task_seed(0, 1) == task_seed(0, 1) != task_seed(0, 2)
    True
    """
    import numpy as np

    return int(np.random.SeedSequence([seed, i]).generate_state(1, dtype=np.uint32)[0])


def survey_inputs(count: int, *, seed: int = 0, **params: Any) -> list[dict[str, Any]]:
    """``count`` inputs for :func:`incentive_survey`: ``params`` plus a per-task seed.

    >>> survey_inputs(2, n=6, seed=3) == survey_inputs(2, n=6, seed=3)
    True
    """
    return [{**params, "seed": task_seed(seed, i)} for i in range(count)]


def grid(**axes: Sequence[Any]) -> list[dict[str, Any]]:
    """Every combination of the values of the axes (a Cartesian product), as dicts.

    >>> grid(a=[1, 2], b=["x"])
    [{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'x'}]
    """
    names = list(axes)
    return [dict(zip(names, values, strict=True))
            for values in itertools.product(*(axes[n] for n in names))]


def incentive_survey(params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Draw ``cid.random_diagram(**params)`` and count each decision's incentives.

    Returns one row per decision: the diagram's size, the decision, and the number of nodes
    admitting each kind (columns ``VoI``, ``RI``, ``VoC``, ``ICI``).
    """
    from cid.generate import random_diagram
    from cid.incentives import IncentiveKind, analyze

    n = params["n"]
    d = random_diagram(n, **{k: v for k, v in params.items() if k != "n"})
    rows = []
    for r in analyze(d):
        row: dict[str, Any] = {"edges": len(d.edge_list), "decision": r.decision,
                               "agent": r.agent}
        row.update({k.label: len(r.nodes(k)) for k in IncentiveKind})
        rows.append(row)
    return rows


def robustness_rows(d: Diagram) -> list[dict[str, Any]]:
    """The single-edit sensitivity of ``d``: one row per verdict that is present or that
    some edit flips (name, decision, kind, node, present, robust, flips, hinges)."""
    from cid.robustness import sensitivity

    report = sensitivity(d)
    return [{"diagram": d.name, "decision": v.decision, "kind": v.kind.label, "node": v.node,
             "present": v.present, "robust": v.robust, "flips": len(v.flips),
             "hinges": "; ".join(f"{a} -> {b}" for a, b in v.hinges)}
            for v in report.verdicts if v.present or not v.robust]
