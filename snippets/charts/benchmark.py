"""Measure wall times and keep them as data: `make measure`.

Times depend on the machine and its load, so the build never measures them: it
draws data/wall_times.json, which records when, where and how they were measured.
Three measurements, each the fastest of REPEATS runs (slower runs measure the other
programs sharing the machine, as Python's timeit documentation advises):

- pipelines: both pipelines' seconds in their steps, for growing numbers of items;
- stages: seconds per item of each step, as one item grows (lines of code per
  service, features per dataset), read by the cost model and its charts;
- learners: scikit-learn fits over growing numbers of rows (snippets/learners.py).

    python -m snippets.charts.benchmark [--out data/wall_times.json] [--sizes 10 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from snippets import learners
from snippets.cost_model import RECORDED
from snippets.devops_pipeline import LINES_PER_SERVICE, make_services, run_devops_pipeline
from snippets.growth import devops_run, measure, mlops_run
from snippets.meter import Meter
from snippets.mlops_pipeline import FEATURES, make_datasets, run_mlops_pipeline

SIZES = (10, 30, 100, 300, 1000)
REPEATS = 5
STAGE_ITEMS = 20
# One item growing: the pipelines' defaults (which the cost model reads), then bigger.
SERVICE_LINES = (LINES_PER_SERVICE, 10 * LINES_PER_SERVICE, 100 * LINES_PER_SERVICE)
DATASET_FEATURES = (FEATURES, 4 * FEATURES, 16 * FEATURES)
DEFAULT_OUT = RECORDED
RUNS = {"DevOps": devops_run, "MLOps": mlops_run}


def cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo), else what platform reports."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
        # Other programs' demand when the measurement started (runnable processes).
        "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def fastest_seconds(pipeline: str, sizes: Sequence[int], repeats: int) -> list[float]:
    """The fastest of `repeats` runs of the pipeline's steps, per size."""
    runs = [measure(RUNS[pipeline], sizes) for _ in range(repeats)]
    return [round(min(run[i].seconds for run in runs), 6) for i in range(len(sizes))]


def seconds_per_item(run: Callable[[int, Meter], None], items: int, repeats: int) -> dict:
    """Seconds per item of each step, the fastest of `repeats` runs over `items` items."""
    meters = []
    for _ in range(repeats):
        meters.append(meter := Meter())
        run(items, meter)
    return {
        step: round(min(m.seconds[step] for m in meters) / items, 7) for step in meters[0].seconds
    }


def services_of(lines: int) -> Callable[[int, Meter], None]:
    def run(n: int, meter: Meter) -> None:
        with tempfile.TemporaryDirectory() as target:
            run_devops_pipeline(make_services(n, lines=lines), Path(target), meter)

    return run


def datasets_of(features: int) -> Callable[[int, Meter], None]:
    def run(n: int, meter: Meter) -> None:
        with tempfile.TemporaryDirectory() as target:
            run_mlops_pipeline(make_datasets(n, features=features), Path(target), meter)

    return run


def benchmark(
    sizes: Sequence[int] = SIZES, repeats: int = REPEATS, stage_items: int = STAGE_ITEMS
) -> dict[str, object]:
    started = machine()
    return {
        "measured_on": dt.date.today().isoformat(),
        "command": "make measure",
        "machine": started,
        "repeats": repeats,
        "statistic": "fastest of the repeats",
        "pipelines": {
            "sizes": list(sizes),
            "seconds": {name: fastest_seconds(name, sizes, repeats) for name in RUNS},
        },
        "stages": {
            "items": stage_items,
            "DevOps": [
                {"lines": n, "seconds": seconds_per_item(services_of(n), stage_items, repeats)}
                for n in SERVICE_LINES
            ],
            "MLOps": [
                {"features": n, "seconds": seconds_per_item(datasets_of(n), stage_items, repeats)}
                for n in DATASET_FEATURES
            ],
        },
        "learners": {
            "features": learners.FEATURES,
            "fits": learners.time_learners(learners.ROWS, repeats),
        },
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    data = benchmark(args.sizes, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: measured on {data['measured_on']}")


if __name__ == "__main__":
    main()
