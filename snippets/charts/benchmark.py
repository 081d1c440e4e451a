"""Measure the pipelines' wall time for growing n and keep it as data: `make measure`.

Times depend on the machine and its load, so the build never measures them: it
draws data/wall_times.json, which records when, where and how they were measured.
Each size runs REPEATS times; the median of the meters' step times is kept.

    python -m snippets.charts.benchmark [--out data/wall_times.json] [--sizes 10 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
from collections.abc import Sequence
from pathlib import Path

from snippets.growth import devops_run, measure, mlops_run

SIZES = (10, 30, 100, 300, 1000)
REPEATS = 5
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "wall_times.json"
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
    }


def median_seconds(pipeline: str, sizes: Sequence[int], repeats: int) -> list[float]:
    """Median over `repeats` runs of the time spent in the pipeline's steps, per size."""
    runs = [measure(RUNS[pipeline], sizes) for _ in range(repeats)]
    return [round(statistics.median(run[i].seconds for run in runs), 6) for i in range(len(sizes))]


def benchmark(sizes: Sequence[int] = SIZES, repeats: int = REPEATS) -> dict[str, object]:
    return {
        "measured_on": dt.date.today().isoformat(),
        "command": "make measure",
        "machine": machine(),
        "repeats": repeats,
        "statistic": "median of the meter's step seconds",
        "sizes": list(sizes),
        "seconds": {name: median_seconds(name, sizes, repeats) for name in RUNS},
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
    print(f"wrote {args.out}: {data['seconds']}")


if __name__ == "__main__":
    main()
