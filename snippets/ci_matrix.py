"""A CI test matrix: one job per combination of its axes, as GitHub Actions expands one.

GitHub Actions runs one job "for each possible combination of the variables" of a
job's `strategy.matrix`, drops the combinations an `exclude` entry matches (a
partial match is enough), and generates at most 256 jobs per workflow run (GitHub
Docs, "Running variations of jobs in a workflow" and "Actions limits", read
2026-11-29). So jobs multiply like the candidates of a grid search: every axis
added multiplies them by its number of values.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

MAX_JOBS = 256  # GitHub Actions' limit on the jobs one matrix generates per workflow run


# --8<-- [start:matrix]
def matrix_jobs(
    axes: Mapping[str, Sequence[object]], exclude: Sequence[Mapping[str, object]] = ()
) -> list[dict[str, object]]:
    """Every combination of the axes' values, the last axis varying fastest, except
    those that agree with an `exclude` entry on all of that entry's keys."""
    names = list(axes)
    jobs = [dict(zip(names, values, strict=True)) for values in itertools.product(*axes.values())]
    kept = [
        job
        for job in jobs
        if not any(all(job.get(key) == value for key, value in rule.items()) for rule in exclude)
    ]
    if len(kept) > MAX_JOBS:
        raise ValueError(f"{len(kept)} jobs: a matrix generates at most {MAX_JOBS} per run")
    return kept


# --8<-- [end:matrix]
