"""Measure wall times and keep them as data: `make measure` (python -m snippets.benchmark).

Times depend on the machine and on what else it runs, so the build never measures
them: it draws data/wall_times.json (read by snippets/wall_times.py), which records
every repeat of every measurement, when and where it ran (the CPU's caches too),
the load average before, during and after, and whether other programs kept within
the project's limit (wall_times.BUSY_PER_CORE): if not, the command says so loudly and
every chart's note tells the reader. What is measured:

- pipelines: each pipeline's seconds in each step, over growing numbers of items of
  the default size, and over PER_ITEM_AT items as one item grows (more lines per
  service, more rows per dataset), five sizes on each axis, so that a growth exponent
  is fitted over a range and not read off two points;
- the DevOps test step taken apart, one service at a time, up to 10,000 lines:
  compiling it as one module, as one module with its functions first, and as one
  module per default-size service, running its checks, and the compiler's peak memory;
- file writes: a default service's package written 10, 100 and 1,000 times in a row
  into one new folder, on the disk the pipelines deploy to and, where Linux offers
  one, in a file system held in memory (/dev/shm), to tell the disk's part from the
  code's;
- learners: scikit-learn fits over growing numbers of rows (snippets/learners.py).

Every repeat runs every measurement once, in one order and then in the reverse order,
the two pipelines back to back, so that a slow spell of the machine falls on every
size and both sides alike, not on whatever was being measured at the time.

    python -m snippets.benchmark [--out data/wall_times.json] [--repeats 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path

from snippets import learners
from snippets.devops_pipeline import LINES_PER_SERVICE, build, make_services
from snippets.growth import sized_run
from snippets.meter import Meter
from snippets.mlops_pipeline import ROWS
from snippets.wall_times import RECORDED, load_limit

ITEMS = (10, 30, 100, 300, 1000)
PER_ITEM_AT = 100  # items per run while one item grows; the cost model reads these runs
# One item growing, from the default size by about 2.5 and 4 times in turn: five sizes
# over a hundredfold range. A small item's seconds are mostly each step's fixed cost per
# call, which does not grow with the item, so only a range this wide shows the growth.
SERVICE_LINES = (LINES_PER_SERVICE, 50, 200, 500, 100 * LINES_PER_SERVICE)
DATASET_ROWS = (ROWS, 500, 2000, 5000, 100 * ROWS)
ITEM_SIZES = {"DevOps": ("lines", SERVICE_LINES), "MLOps": ("rows", DATASET_ROWS)}
# The test step taken apart, one service at a time: up to modules far longer than the
# pipeline's, where what grows faster than the lines stands well clear of the noise.
COMPILE_LINES = (LINES_PER_SERVICE, 200, 2000, 5000, 10000)
FILE_COUNTS = (10, 100, 1000)
# A file system held in memory, where Linux has one: writes there never wait for a disk.
MEMORY = Path("/dev/shm")
REPEATS = 7
ORDER = (
    "every repeat ran every measurement once, in one order and then the reverse, "
    "the two pipelines back to back"
)

Task = Callable[[], dict[str, float]]


def cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo), else what platform reports."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def cpu_caches(root: Path = Path("/sys/devices/system/cpu/cpu0/cache")) -> dict[str, int]:
    """The data caches one core uses, in bytes ({"L1d": ..., "L2": ..., "L3": ...}), as
    Linux reports them; empty where the system does not say."""
    caches = {}
    for index in sorted(root.glob("index*")):
        kind = (index / "type").read_text().strip()
        if kind == "Instruction":
            continue
        size = (index / "size").read_text().strip()  # "48K", "1024K", "32M"
        scale = {"K": 2**10, "M": 2**20}.get(size[-1], 1)
        name = f"L{(index / 'level').read_text().strip()}" + ("d" if kind == "Data" else "")
        caches[name] = int(size.rstrip("KM")) * scale
    return caches


def load_average() -> float | None:
    """Runnable processes over the last minute (None where the system does not say)."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def machine() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "caches": cpu_caches(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
    }


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def pipeline_task(name: str, items: int, **size: int) -> Task:
    """One run of a pipeline: each step's seconds."""

    def run() -> dict[str, float]:
        meter = Meter()
        sized_run(name, **size)(items, meter)
        return dict(meter.seconds)

    return run


# --8<-- [start:compile]
def compile_task(lines: int) -> Task:
    """The test step of one service of `lines` lines, taken apart: compile it as one
    module; the same module with all its functions first and all its checks after them
    (each function's end then finds a short module behind it); the same lines as modules
    of LINES_PER_SERVICE lines; and run its checks."""
    source = make_services(1, lines=lines)[0].source
    rows = source.splitlines(keepends=True)
    functions_first = "".join(rows[0::2] + rows[1::2])
    pieces = [
        "".join(rows[i : i + LINES_PER_SERVICE]) for i in range(0, len(rows), LINES_PER_SERVICE)
    ]
    code = compile(source, "service", "exec")
    return lambda: {
        "compile_one_module": timed(lambda: compile(source, "service", "exec")),
        "compile_functions_first": timed(lambda: compile(functions_first, "service", "exec")),
        "compile_pieces": timed(lambda: [compile(piece, "service", "exec") for piece in pieces]),
        "run_checks": timed(lambda: exec(code, {})),
    }


# --8<-- [end:compile]


def compile_peak_bytes(lines: int) -> int:
    """The most memory Python's allocator held at once while compiling one service."""
    source = make_services(1, lines=lines)[0].source
    tracemalloc.start()
    try:
        compile(source, "service", "exec")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --8<-- [start:file-writes]
def write_files(count: int, parent: Path | None) -> float:
    """Seconds to write a default service's package `count` times into a new folder
    under `parent` (None: the system's temporary folder, where the pipelines deploy)."""
    package = build(make_services(1)[0], Meter()).package
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        start = time.perf_counter()
        for i in range(count):
            (Path(folder) / f"service-{i:04d}.zip").write_bytes(package)
        return time.perf_counter() - start


def file_task(count: int) -> Task:
    """`count` files in a row, on the disk and, where there is one, in memory."""
    places = {"disk": None, **({"memory": MEMORY} if MEMORY.is_dir() else {})}
    return lambda: {place: write_files(count, parent) for place, parent in places.items()}


# --8<-- [end:file-writes]


def learner_task(name: str, rows: int) -> Task:
    x, y = learners.problem(rows)
    return lambda: {"fit": learners.fit_once(learners.LEARNERS[name], x, y)}


# --8<-- [start:rounds]
def rounds(
    tasks: Mapping[Hashable, Task], repeats: int, loads: list | None = None
) -> dict[Hashable, dict[str, list[float]]]:
    """Every task once per repeat, in order on even repeats and in reverse on odd ones:
    {task: {figure: [one value per repeat]}}. The load average at the start of each
    repeat is appended to `loads`."""
    keys = list(tasks)
    results: dict[Hashable, dict[str, list[float]]] = {key: {} for key in keys}
    for repeat in range(repeats):
        if loads is not None:
            loads.append(load_average())
        for key in keys if repeat % 2 == 0 else keys[::-1]:
            for figure, seconds in tasks[key]().items():
                results[key].setdefault(figure, []).append(round(seconds, 7))
    return results


# --8<-- [end:rounds]


def plan() -> list[tuple[str, int, int]]:
    """(side, items, item size): the default size over ITEMS, then each bigger size over
    PER_ITEM_AT items, the two sides in turn."""
    counts = {len(sizes) for _, sizes in ITEM_SIZES.values()}
    if len(counts) != 1:
        raise ValueError("the sides take turns, so each needs as many item sizes as the other")
    if PER_ITEM_AT not in ITEMS:
        raise ValueError(f"ITEMS must include {PER_ITEM_AT}: both axes meet at the default size")
    points = [(n, 0) for n in ITEMS] + [(PER_ITEM_AT, i) for i in range(1, counts.pop())]
    return [(side, n, ITEM_SIZES[side][1][index]) for n, index in points for side in ITEM_SIZES]


def benchmark(repeats: int = REPEATS) -> dict[str, object]:
    load_before = load_average()
    tasks: dict[Hashable, Task] = {
        ("pipeline", side, n, size): pipeline_task(side, n, **{ITEM_SIZES[side][0]: size})
        for side, n, size in plan()
    }
    tasks |= {("compile", lines): compile_task(lines) for lines in COMPILE_LINES}
    tasks |= {("files", count): file_task(count) for count in FILE_COUNTS}
    tasks |= {
        ("learner", name, rows): learner_task(name, rows)
        for name, sizes in learners.ROWS.items()
        for rows in sizes
    }
    during: list[float | None] = []
    with learners.one_thread():
        measured = rounds(tasks, repeats, during)
    load = {"before": load_before, "during": during, "after": load_average()}
    pipelines: dict[str, list[dict]] = {side: [] for side in ITEM_SIZES}
    for side, n, size in plan():
        seconds = measured["pipeline", side, n, size]
        pipelines[side].append({"items": n, ITEM_SIZES[side][0]: size, "seconds": seconds})
    return {
        # The clock's date in UTC, the same wherever the command runs.
        "measured_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "command": "make measure",
        "machine": machine(),
        "load_average": load,
        "load_limit": load_limit(os.cpu_count(), load),
        "repeats": repeats,
        "order": ORDER,
        "per_item_at": PER_ITEM_AT,
        "pipelines": pipelines,
        "test_step": [
            {
                "lines": lines,
                **measured["compile", lines],
                "compile_peak_bytes": compile_peak_bytes(lines),
            }
            for lines in COMPILE_LINES
        ],
        "file_writes": [{"files": count, **measured["files", count]} for count in FILE_COUNTS],
        "learners": {
            "features": learners.FEATURES,
            "fits": {
                name: {
                    "rows": list(sizes),
                    "seconds": [measured["learner", name, rows]["fit"] for rows in sizes],
                }
                for name, sizes in learners.ROWS.items()
            },
        },
    }


def busy_warning(data: dict) -> str | None:
    """A warning, to print loudly, when other programs kept the machine busier than the
    project's limit while it measured (the data file records the same check)."""
    check = data["load_limit"]
    if check["within"] is not False:
        return None
    times = check["others_at_most"] / check["limit"]
    return (
        f"WARNING: the machine was busy while it measured. Other programs' load average "
        f"reached {check['others_at_most']}, {times:.3g} times the limit of {check['limit']:g} "
        f"({check['per_core']} per core on {data['machine']['cores']} cores).\n"
        f"WARNING: the data file records this, and every chart drawn from it says so in "
        f"its notes. Run 'make measure' again when the machine is idle."
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RECORDED)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    if load_limit(os.cpu_count(), {"before": load_average()})["within"] is False:
        print(
            "WARNING: other programs are using the machine now; the measurement will be "
            "marked as taken on a busy machine.",
            file=sys.stderr,
        )
    data = benchmark(args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: measured on {data['measured_on']}")
    if warning := busy_warning(data):
        print(warning, file=sys.stderr)


if __name__ == "__main__":
    main()
