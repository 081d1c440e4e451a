"""The counting model against the clock.

The growth pages derive Big-O from counts that the pipelines' code writes itself: a
`Meter` counts one operation per line hashed, check run or file written (DevOps) and
per number touched or weight written (MLOps). Taking those counts for the work is the
counting model, and its assumption is that each counted operation always costs the
same time. Here the count's exponent, fitted to the counted operations, meets the
exponent fitted to the seconds `make measure` recorded for the same runs: per step and
per side, along the items and along one item's size, over the whole measured range.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from snippets.growth import fit_exponent, sized_run
from snippets.meter import Meter
from snippets.wall_times import FILE_WRITE, ITEM, Slope, along_items, along_size
from snippets.wall_times import step_slopes as measured_slopes

# A measured exponent within this of the count's follows the count: between repeats on
# a busy machine the same step's fitted k moved by up to this much.
CLOSE = 0.2


def follows(measured: float, counted: float = 1.0) -> bool:
    return abs(measured - counted) <= CLOSE


# Each step in words a reader knows, by side; "own" is the side's own steps together.
STEP_WORDS = {
    "DevOps": {
        "build": "build (hash, zip)",
        "test": "test (compile, check)",
        "deploy": "deploy (write a file)",
        "own": "DevOps, own steps",
    },
    "MLOps": {
        "preprocess": "preprocess (scale)",
        "train_model": "train (20 passes)",
        "evaluate_model": "evaluate",
        "deploy_model": "deploy (write a file)",
        "own": "MLOps, own steps",
    },
}


# --8<-- [start:check]
@cache
def counts(pipeline: str, items: int, size: int) -> dict[str, int]:
    """The operations each step counts in one run over `items` items of `size` (lines or
    rows): the count's measure of the work, exact and the same on every machine."""
    meter = Meter()
    sized_run(pipeline, **{ITEM[pipeline][0]: size})(items, meter)
    return dict(meter.operations)


def count_slopes(pipeline: str, along: str, at: list[tuple[int, int]]) -> dict[str, float]:
    """The count's k for each step and for the side's own steps, fitted to the counted
    operations at the (items, size) points `at`, against the items or against one item's
    size. Counts grow in proportion to the items, so along one item's size one item is
    counted at each size."""
    if along == "size":
        at = [(1, size) for _, size in at]
    x = [items if along == "items" else size for items, size in at]
    per_point = [counts(pipeline, items, size) for items, size in at]
    write = FILE_WRITE[pipeline]
    series = {step: [c[step] for c in per_point] for step in per_point[0]}
    series["own"] = [sum(n for s, n in c.items() if s != write) for c in per_point]
    return {step: fit_exponent(x, values) for step, values in series.items()}


@dataclass(frozen=True)
class Check:
    """One step's counted exponent beside the measured one."""

    pipeline: str
    step: str
    counted: float
    measured: Slope

    @property
    def words(self) -> str:
        return STEP_WORDS[self.pipeline][self.step]


def checks(data: dict, pipeline: str, along: str) -> list[Check]:
    """The count against the clock for one side along one axis: its own steps first, then
    each step in pipeline order."""
    runs = along_items(data, pipeline) if along == "items" else along_size(data, pipeline)
    measured = measured_slopes(runs, pipeline, along)
    counted = count_slopes(pipeline, along, [(p.items, p.size) for p in runs])
    order = ["own", *(step for step in measured if step != "own")]
    return [Check(pipeline, step, counted[step], measured[step]) for step in order]


# --8<-- [end:check]
