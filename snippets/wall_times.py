"""The seconds `make measure` recorded, and what they say: the one reader of data/wall_times.json.

Seconds depend on the machine and on what else it runs, so the build never measures
them: `python -m snippets.benchmark` records every repeat of every measurement, with
the date, the machine (its caches too) and its load, and the tables, charts and cost
model read them here. Every figure a page draws from them is the fastest of the
repeats (the others measure the other programs sharing the machine), and every
trend comes with its spread: the same fit made on each repeat on its own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import fit_exponent
from snippets.mlops_pipeline import ROWS

RECORDED = Path(__file__).resolve().parents[1] / "data" / "wall_times.json"
SIDES = ("DevOps", "MLOps")
# What one item's size is on each side, its default, and what one item is called.
ITEM = {
    "DevOps": ("lines", LINES_PER_SERVICE, "service"),
    "MLOps": ("rows", ROWS, "dataset"),
}
# The step that writes a file (the deployment, on both sides), and the other steps, the
# side's own work, in words.
FILE_WRITE = {"DevOps": "deploy", "MLOps": "deploy_model"}
OWN_STEPS = {"DevOps": "building and testing", "MLOps": "preprocessing, training and evaluating"}
# `make measure` wants an idle machine: besides the measuring process itself, other
# programs may keep at most this load average per core before they compete with it.
BUSY_PER_CORE = 0.25
# Two figures less than this factor apart are not ordered: at the default sizes the ratio
# of the sides' steps before the deploy moved by more than 1.5 times between sizes and
# re-runs on a busy machine (2026-12-07), and by more than 1.3 times on an idle one
# (2026-12-08).
TOO_CLOSE = 2.0


def load(path: Path | None = None) -> dict:
    """The recorded data, or that of another file in its shape (each read once)."""
    return _read(path or RECORDED)


@cache
def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Point:
    """One measured run of a pipeline: `items` items of `size` (lines or rows) each, and
    each step's seconds in every repeat."""

    items: int
    size: int
    seconds: Mapping[str, tuple[float, ...]]

    def own(self, pipeline: str) -> tuple[float, ...]:
        """The side's own steps (all but the file write), added up within each repeat."""
        steps = [s for name, s in self.seconds.items() if name != FILE_WRITE[pipeline]]
        return tuple(map(sum, zip(*steps, strict=True)))

    def write(self, pipeline: str) -> tuple[float, ...]:
        return self.seconds[FILE_WRITE[pipeline]]


def points(data: dict, pipeline: str) -> list[Point]:
    key = ITEM[pipeline][0]
    return [
        Point(run["items"], run[key], {s: tuple(v) for s, v in run["seconds"].items()})
        for run in data["pipelines"][pipeline]
    ]


def along_items(data: dict, pipeline: str) -> list[Point]:
    """The runs over growing numbers of items of the default size."""
    default = ITEM[pipeline][1]
    return sorted((p for p in points(data, pipeline) if p.size == default), key=lambda p: p.items)


def along_size(data: dict, pipeline: str) -> list[Point]:
    """The runs over `per_item_at` items, one item growing."""
    at = data["per_item_at"]
    return sorted((p for p in points(data, pipeline) if p.items == at), key=lambda p: p.size)


def per_item_seconds(data: dict, pipeline: str) -> dict[int, dict[str, float]]:
    """{item size: {step: seconds per item}}, the fastest repeat of each step, from the
    runs over `per_item_at` items (what the cost model scales)."""
    return {
        p.size: {step: min(s) / p.items for step, s in p.seconds.items()}
        for p in along_size(data, pipeline)
    }


# --8<-- [start:slope]
@dataclass(frozen=True)
class Slope:
    """The k in seconds ~ size^k. `k` is fitted to the fastest repeat at each size over
    the whole range; `low` and `high` are the least and greatest k fitted to one repeat's
    runs alone (the spread); `first` and `last` are the slopes between the two smallest
    and the two largest sizes (fastest repeats)."""

    k: float
    low: float
    high: float
    first: float
    last: float


def slope(sizes: Sequence[int], repeats: Sequence[Sequence[float]]) -> Slope:
    """`repeats[i]` holds every repeat's seconds at `sizes[i]`."""
    fastest = [min(r) for r in repeats]
    each = [fit_exponent(sizes, one) for one in zip(*repeats, strict=True)]
    steps = [
        math.log(b / a) / math.log(m / n)
        for (n, a), (m, b) in pairwise(zip(sizes, fastest, strict=True))
    ]
    return Slope(fit_exponent(sizes, fastest), min(each), max(each), steps[0], steps[-1])


# --8<-- [end:slope]


def step_slopes(runs: Sequence[Point], pipeline: str, along: str) -> dict[str, Slope]:
    """Each step's Slope, and the side's own steps' ("own"), against the items
    (`along="items"`) or one item's size (`along="size"`)."""
    sizes = [p.items if along == "items" else p.size for p in runs]
    series = {step: [p.seconds[step] for p in runs] for step in runs[0].seconds}
    series["own"] = [p.own(pipeline) for p in runs]
    return {name: slope(sizes, repeats) for name, repeats in series.items()}


@dataclass(frozen=True)
class Ratio:
    """DevOps's own seconds per item over MLOps's, at the default sizes: `low` and `high`
    over every count of items, from the fastest repeat of each side at that count; the
    spread `least` and `most` over every pair of repeats that ran back to back."""

    low: float
    high: float
    least: float
    most: float

    @property
    def verdict(self) -> str:
        """The side whose own steps took at least TOO_CLOSE times the other's at every
        count of items, or "neither"."""
        if self.low >= TOO_CLOSE:
            return "DevOps"
        if self.high <= 1 / TOO_CLOSE:
            return "MLOps"
        return "neither"


def sides_ratio(data: dict) -> Ratio:
    devops, mlops = (along_items(data, side) for side in SIDES)
    pairs = list(zip(devops, mlops, strict=True))
    fastest = [min(d.own("DevOps")) / min(m.own("MLOps")) for d, m in pairs]
    each = [a / b for d, m in pairs for a, b in zip(d.own("DevOps"), m.own("MLOps"), strict=True)]
    return Ratio(min(fastest), max(fastest), min(each), max(each))


def ordering(values: dict[str, float], unit: str = "as long") -> str:
    """Which of two figures is larger ("MLOps, 2.0 x as long"; `unit` "the work" gives
    "MLOps, 2.0 x the work"), or that the two are too close to order."""
    ratio = max(values.values()) / min(values.values())
    if ratio < TOO_CLOSE:
        return f"too close to order ({ratio:.2f} x apart)"
    return f"{max(values, key=values.__getitem__)}, {ratio:.1f} x {unit}"


@dataclass(frozen=True)
class CompileProfile:
    """The DevOps test step taken apart for one service of `lines` lines: compiling it as
    one module, as one module with all its functions before its checks, and as one
    module per default-size service; running its checks (seconds in every repeat); and
    the compiler's peak memory in bytes."""

    lines: int
    one_module: tuple[float, ...]
    functions_first: tuple[float, ...]
    pieces: tuple[float, ...]
    run_checks: tuple[float, ...]
    peak_bytes: int


def compile_profile(data: dict) -> list[CompileProfile]:
    return [
        CompileProfile(
            run["lines"],
            tuple(run["compile_one_module"]),
            tuple(run["compile_functions_first"]),
            tuple(run["compile_pieces"]),
            tuple(run["run_checks"]),
            run["compile_peak_bytes"],
        )
        for run in data["test_step"]
    ]


@dataclass(frozen=True)
class FileWrites:
    """`files` files written in a row into one new folder: seconds in every repeat, on
    the disk the pipelines deploy to, and in memory (empty where none was measured)."""

    files: int
    disk: tuple[float, ...]
    memory: tuple[float, ...]


def file_writes(data: dict) -> list[FileWrites]:
    return [
        FileWrites(run["files"], tuple(run["disk"]), tuple(run.get("memory", ())))
        for run in data["file_writes"]
    ]


def learner_fits(data: dict) -> dict[str, tuple[list[int], list[tuple[float, ...]]]]:
    """{learner: (rows, every repeat's seconds at each number of rows)}."""
    return {
        name: (fit["rows"], [tuple(s) for s in fit["seconds"]])
        for name, fit in data["learners"]["fits"].items()
    }


def learner_slopes(data: dict) -> dict[str, Slope]:
    """The Slope of seconds against rows for each learner."""
    return {name: slope(rows, s) for name, (rows, s) in learner_fits(data).items()}


def mebibytes(size: int) -> str:
    """'1 MiB', '32 MiB', '48 KiB': a cache or memory size as a reader reads it."""
    if size >= 2**20:
        return f"{size / 2**20:,.3g} MiB"
    return f"{size / 2**10:,.3g} KiB"


def load_limit(cores: int | None, load_average: Mapping) -> dict[str, object]:
    """How busy the machine was against the project's limit, as `make measure` stores it:
    the limit per core and on this machine, the highest load average of the other
    programs (every reading but the first counts the measuring process itself, about 1),
    and whether it stayed within the limit (None where the system gives no load)."""
    limit = BUSY_PER_CORE * (cores or 1)
    during = [v - 1 for v in load_average.get("during", [])[1:] if v is not None]
    after = [] if load_average.get("after") is None else [load_average["after"] - 1]
    others = [v for v in (load_average.get("before"), *during, *after) if v is not None]
    highest = round(max(others), 2) if others else None
    return {
        "per_core": BUSY_PER_CORE,
        "limit": limit,
        "others_at_most": highest,
        "within": None if highest is None else highest <= limit,
    }


def load_words(data: dict) -> str:
    """What the stored load check says, in a sentence."""
    check, cores = data["load_limit"], data["machine"]["cores"]
    rule = (
        f"the limit this project sets for measuring, a load of {check['per_core']} per core "
        f"({check['limit']:g} on {cores} cores)"
    )
    if check["within"] is None:
        return f"No load average was recorded: whether others kept within {rule} is unknown."
    if check["within"]:
        return f"Other programs kept within {rule}."
    times = check["others_at_most"] / check["limit"]
    return (
        f"Taken on a busy machine: the other programs' load reached {check['others_at_most']}, "
        f"{times:.3g} times {rule}, so even the fastest repeats may carry some of their load."
    )


def provenance(data: dict) -> str:
    """When, where and how the seconds were measured, and under what load."""
    m, load_average, order = data["machine"], data["load_average"], data["order"]
    caches = ", ".join(f"{name} {mebibytes(size)}" for name, size in m["caches"].items())
    return (
        f"Measured on {data['measured_on']} by '{data['command']}' on {m['cores']} cores "
        f"({m['cpu']}; caches per core or shared: {caches}; {m['system']}; Python "
        f"{m['python']}), load average {load_average['before']} before and "
        f"{load_average['after']} after (the measurement itself counts for about 1). "
        f"{load_words(data)} "
        f"{data['repeats']} repeats of everything; each figure is the fastest repeat, and "
        f"each spread the same fit made on each repeat alone. {order[:1].upper()}{order[1:]}."
    )
