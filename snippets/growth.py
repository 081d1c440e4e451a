"""Measure how a pipeline's work grows with its input, and fit the growth exponent.

If work = c * n**k, then log(work) = log(c) + k * log(n): the slope of the log-log
line is the exponent k. k = 1 means doubling n doubles the work; k = 2 quadruples it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from snippets.devops_pipeline import LINES_PER_SERVICE, make_services, run_devops_pipeline
from snippets.meter import Meter
from snippets.mlops_pipeline import FEATURES, make_datasets, run_mlops_pipeline


@dataclass(frozen=True)
class Measurement:
    n: int
    calls: int
    operations: int
    seconds: float
    repeats: tuple[float, ...] = ()
    """Every repeat's seconds, where several were measured (`seconds` is the least)."""
    steps: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    """Each step's seconds in every repeat, where several were measured."""


# --8<-- [start:measure]
def measure(
    run: Callable[[int, Meter], None], sizes: Iterable[int], repeats: int = 1
) -> list[Measurement]:
    """Run `run(n, meter)` for each size n and record what the meter saw. With repeats,
    keep the fastest run: its counts are those of every run, and slower runs' extra
    seconds measure the other programs sharing the machine."""
    results = []
    for n in sizes:
        meters = [Meter() for _ in range(repeats)]
        for meter in meters:
            run(n, meter)
        fastest = min(meters, key=lambda meter: meter.total_seconds)
        results.append(
            Measurement(n, fastest.total_calls, fastest.total_operations, fastest.total_seconds)
        )
    return results


def fit_exponent(sizes: Iterable[float], work: Iterable[float]) -> float:
    """Slope of log(work) against log(size): the k in work ~ size**k."""
    slope, _intercept = np.polyfit(np.log(list(sizes)), np.log(list(work)), 1)
    return float(slope)


# --8<-- [end:measure]


def measure_together(
    runs: dict[str, Callable[[int, Meter], None]], sizes: list[int], repeats: int
) -> dict[str, list[Measurement]]:
    """Each run at each size, `repeats` times: every repeat runs every size of every run
    once, in one order and then in the reverse, so a slow spell of the machine falls on
    all of them alike. Each Measurement keeps the fastest repeat and every repeat."""
    turns = [(name, n) for n in sizes for name in runs]
    meters: dict[tuple[str, int], list[Meter]] = {turn: [] for turn in turns}
    for repeat in range(repeats):
        for name, n in turns if repeat % 2 == 0 else turns[::-1]:
            meters[name, n].append(meter := Meter())
            runs[name](n, meter)
    return {
        name: [
            Measurement(
                n,
                (fastest := min(meters[name, n], key=lambda m: m.total_seconds)).total_calls,
                fastest.total_operations,
                fastest.total_seconds,
                tuple(m.total_seconds for m in meters[name, n]),
                {step: tuple(m.seconds[step] for m in meters[name, n]) for step in fastest.seconds},
            )
            for n in sizes
        ]
        for name in runs
    }


def sized_run(pipeline: str, **size: int) -> Callable[[int, Meter], None]:
    """`run(n, meter)`: the pipeline over n items of the given size, `lines=` for a DevOps
    service, `rows=` or `features=` for an MLOps dataset (the defaults otherwise),
    deployed to a temporary folder."""

    def run(n: int, meter: Meter) -> None:
        with tempfile.TemporaryDirectory() as target:
            if pipeline == "DevOps":
                run_devops_pipeline(make_services(n, **size), Path(target), meter)
            else:
                run_mlops_pipeline(make_datasets(n, **size), Path(target), meter)

    return run


def grown(
    pipeline: str, items: Callable[[int], int], **size: Callable[[int], int]
) -> Callable[[int, Meter], None]:
    """`run(n, meter)` over `items(n)` items whose size grows as asked (`lines=`,
    `rows=` or `features=` a function of n): grow the items, the size of each, or both."""
    return lambda n, meter: sized_run(pipeline, **{k: f(n) for k, f in size.items()})(
        items(n), meter
    )


def devops_run(n: int, meter: Meter) -> None:
    """The DevOps pipeline over n generated services of the default size."""
    sized_run("DevOps", lines=LINES_PER_SERVICE)(n, meter)


def mlops_run(n: int, meter: Meter) -> None:
    """The MLOps pipeline over n generated datasets of the default size."""
    sized_run("MLOps", features=FEATURES)(n, meter)
