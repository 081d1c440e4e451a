"""Parallel workers: the same total work, less wall-clock time.

`run_parallel` really runs the MLOps pipeline on a pool of workers, one dataset per
task, each with its own `Meter` (merged at the end), so the total work can be
checked. `makespan` computes, deterministically, when the last worker finishes if
each item goes to the first free worker: that is the wall-clock work.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from snippets.meter import Meter
from snippets.mlops_pipeline import Dataset, run_mlops_pipeline


# --8<-- [start:makespan]
def makespan(costs: Iterable[int], workers: int) -> int:
    """Finish time of the busiest worker when each item goes to the first free worker."""
    if workers < 1:
        raise ValueError("need at least one worker")
    finish_times = [0] * workers  # a heap: the first free worker is on top
    for cost in costs:
        heapq.heapreplace(finish_times, finish_times[0] + cost)
    return max(finish_times)


# --8<-- [end:makespan]


# --8<-- [start:run]
def run_parallel(datasets: list[Dataset], target: Path, workers: int) -> tuple[Meter, list[int]]:
    """Run the pipeline with `workers` threads; return the merged meter and each item's work."""

    def one(dataset: Dataset) -> Meter:
        meter = Meter()  # one meter per task: no two threads write to the same counter
        run_mlops_pipeline([dataset], target, meter)
        return meter

    with ThreadPoolExecutor(max_workers=workers) as pool:
        meters = list(pool.map(one, datasets))
    total = Meter()
    for meter in meters:
        total.calls.update(meter.calls)
        total.operations.update(meter.operations)
        total.seconds.update(meter.seconds)
    return total, [meter.total_operations for meter in meters]


# --8<-- [end:run]
