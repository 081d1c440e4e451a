"""Measure how a pipeline's work grows with its input, and fit the growth exponent.

If work = c * n**k, then log(work) = log(c) + k * log(n): the slope of the log-log
line is the exponent k. k = 1 means doubling n doubles the work; k = 2 quadruples it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from snippets.devops_pipeline import make_services, run_devops_pipeline
from snippets.meter import Meter
from snippets.mlops_pipeline import make_datasets, run_mlops_pipeline


@dataclass(frozen=True)
class Measurement:
    n: int
    calls: int
    operations: int
    seconds: float


# --8<-- [start:measure]
def measure(run: Callable[[int, Meter], None], sizes: Iterable[int]) -> list[Measurement]:
    """Run `run(n, meter)` for each size n and record what the meter saw."""
    results = []
    for n in sizes:
        meter = Meter()
        run(n, meter)
        results.append(
            Measurement(n, meter.total_calls, meter.total_operations, meter.total_seconds)
        )
    return results


def fit_exponent(sizes: Iterable[float], work: Iterable[float]) -> float:
    """Slope of log(work) against log(size): the k in work ~ size**k."""
    slope, _intercept = np.polyfit(np.log(list(sizes)), np.log(list(work)), 1)
    return float(slope)


# --8<-- [end:measure]


def devops_run(n: int, meter: Meter) -> None:
    """The DevOps pipeline over n generated services, deployed to a temporary folder."""
    with tempfile.TemporaryDirectory() as target:
        run_devops_pipeline(make_services(n), Path(target), meter)


def mlops_run(n: int, meter: Meter) -> None:
    """The MLOps pipeline over n generated datasets, deployed to a temporary folder."""
    with tempfile.TemporaryDirectory() as target:
        run_mlops_pipeline(make_datasets(n), Path(target), meter)
