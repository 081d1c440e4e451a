"""Measure wall times and keep them as data: `make measure`.

Times depend on the machine and its load, so the build never measures them: it
draws data/wall_times.json, which records when, where and how they were measured,
with the load average before and after. Each figure is the fastest of REPEATS runs
(slower runs measure the other programs sharing the machine, as Python's timeit
documentation advises), and one measurement feeds every page:

- pipelines: each pipeline's seconds in each step, for growing numbers of items of
  the default size (the wall-time chart), and, at PER_ITEM_AT items, for bigger items
  (more lines per service, more rows per dataset). The runs at PER_ITEM_AT items
  give the seconds per item that the per-item table, the step charts and the cost
  model read, so the chart and the cost model agree at that size. Every repeat runs
  every size of both pipelines, the two back to back, so whatever the machine and its
  disk do while the command runs falls on both sides and on every size alike;
- learners: scikit-learn fits over growing numbers of rows (snippets/learners.py).

    python -m snippets.charts.benchmark [--out data/wall_times.json] [--sizes 10 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

from snippets import learners
from snippets.cost_model import PER_ITEM_AT, RECORDED
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import sized_run
from snippets.meter import Meter
from snippets.mlops_pipeline import ROWS

SIZES = (10, 30, PER_ITEM_AT, 300, 1000)
REPEATS = 5
# One item growing: the pipelines' defaults (which the cost model reads), then sizes far
# enough apart that each one's seconds come out clearly above the last one's. A small
# item's seconds are mostly each step's fixed cost, which does not grow with the item:
# datasets of 8 and 32 features at 200 rows came out in either order, and training took
# as long at 2,000 rows as at 200. From 5,000 rows on, training and preprocessing, which
# grow with the rows, take most of a dataset's seconds. A dataset grows in rows: with more
# features than training rows, the linear model fails the gate.
SERVICE_LINES = (LINES_PER_SERVICE, 10 * LINES_PER_SERVICE, 100 * LINES_PER_SERVICE)
DATASET_ROWS = (ROWS, 25 * ROWS, 100 * ROWS)
# What an item's size is on each side, and the sizes measured.
ITEM_SIZES = {"DevOps": ("lines", SERVICE_LINES), "MLOps": ("rows", DATASET_ROWS)}
# Above this load average per core, other programs compete for the machine.
BUSY_PER_CORE = 0.25


def cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo), else what platform reports."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def load_average() -> float | None:
    """Runnable processes over the last minute (None where the system does not say)."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def machine() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
    }


def fastest(meters: Sequence[Meter]) -> dict[str, float]:
    """Each step's seconds in the fastest of the runs the meters saw (the steps of one
    run, so they add up to a run that happened)."""
    best = min(meters, key=lambda m: m.total_seconds)
    return {step: round(seconds, 7) for step, seconds in best.seconds.items()}


def plan(sizes: Sequence[int]) -> list[tuple[int, int]]:
    """(items, index into each side's item sizes): the default-size item over `sizes`,
    then each bigger item at PER_ITEM_AT items."""
    counts = {len(item_sizes) for _, item_sizes in ITEM_SIZES.values()}
    if len(counts) != 1:
        raise ValueError("the sides take turns, so each needs as many item sizes as the other")
    return [(n, 0) for n in sizes] + [(PER_ITEM_AT, i) for i in range(1, counts.pop())]


def pipeline_records(sizes: Sequence[int], repeats: int) -> dict[str, list[dict]]:
    """Both pipelines at every point of the plan. Every repeat runs every point, the two
    sides back to back, and every other repeat runs them in reverse order: a slow spell
    of the machine or its disk lands on both sides and on every size alike, not on
    whichever was being measured at the time."""
    turns = [(name, n, index) for n, index in plan(sizes) for name in ITEM_SIZES]
    meters: dict[tuple[str, int, int], list[Meter]] = {turn: [] for turn in turns}
    for repeat in range(repeats):
        for name, n, index in turns[:: 1 if repeat % 2 == 0 else -1]:
            key, item_sizes = ITEM_SIZES[name]
            meters[name, n, index].append(meter := Meter())
            sized_run(name, **{key: item_sizes[index]})(n, meter)
    return {
        name: [
            {"items": n, key: item_sizes[index], "seconds": fastest(meters[name, n, index])}
            for n, index in plan(sizes)
        ]
        for name, (key, item_sizes) in ITEM_SIZES.items()
    }


def benchmark(sizes: Sequence[int] = SIZES, repeats: int = REPEATS) -> dict[str, object]:
    if PER_ITEM_AT not in sizes:
        raise ValueError(f"the sizes must include {PER_ITEM_AT}, where the cost model reads")
    load_before = load_average()
    measured = {
        "pipelines": pipeline_records(sizes, repeats),
        "learners": {
            "features": learners.FEATURES,
            "fits": learners.time_learners(learners.ROWS, repeats),
        },
    }
    return {
        # The clock's date in UTC, the same wherever the command runs.
        "measured_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "command": "make measure",
        "machine": machine(),
        "load_average": {"before": load_before, "after": load_average()},
        "repeats": repeats,
        "statistic": "fastest of the repeats",
        "order": "every repeat ran every size of both pipelines, the two back to back",
        "per_item_at": PER_ITEM_AT,
        **measured,
    }


def busy_warning(data: dict) -> str | None:
    """A warning when other programs were competing for the machine, else None."""
    cores = data["machine"]["cores"] or 1
    load = data["load_average"]
    # The load after counts the measuring process itself, about one runnable process.
    others = [v for v in (load["before"], load["after"] and load["after"] - 1) if v is not None]
    if others and max(others) > BUSY_PER_CORE * cores:
        return (
            f"warning: load average {load['before']} before and {load['after']} after "
            f"(this command counts for about 1) on {cores} cores: other programs "
            f"shared the machine; run 'make measure' again when it is idle"
        )
    return None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RECORDED)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    data = benchmark(args.sizes, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: measured on {data['measured_on']}")
    if warning := busy_warning(data):
        print(warning, file=sys.stderr)


if __name__ == "__main__":
    main()
