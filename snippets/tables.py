"""Tables that pages show, computed at build time (the content_markers extension renders
`<!-- md:table NAME -->` with `TABLES[NAME]`).

Each function returns a Markdown table; mkdocs.yml names TABLES as the extension's
`tables`, and a marker naming no table fails the build with the page's file and line.
Every number is an exact count, or seconds that `make measure` recorded
(snippets/wall_times.py), so two builds render the same tables; nothing here times
anything. The two sides are compared only in seconds or in counts of the same kind. A
new table is a function (here or in a module of its own) and one line in TABLES.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from snippets.ci_matrix import matrix_jobs
from snippets.core_tables import CORE_TABLES
from snippets.cost_model import fits_per_dataset, pipeline_costs
from snippets.count_check import checks
from snippets.devops_pipeline import LINES_PER_SERVICE, make_services
from snippets.flaky_reruns import (
    GOOGLE_FLAKY_SHARE,
    GOOGLE_FLAKY_TESTS,
    mixed_failed,
    mixed_suite,
    mixture,
    powers_of_ten,
    rerun_failed,
    rerun_suite,
)
from snippets.gate_statistics import GATE_TABLES
from snippets.growth import devops_run, fit_exponent, grown, measure, mlops_run, sized_run
from snippets.hyperparameter_search import FOLDS, grid_search
from snippets.incremental import HASH, RunCache, run_devops_incremental, run_mlops_incremental
from snippets.learners import COST, tree_depth
from snippets.meter import Meter
from snippets.mlops_pipeline import (
    FEATURES,
    make_datasets,
    preprocess,
    train_model,
    training_rows,
)
from snippets.nested_training import ROWS, nested_run
from snippets.parallel import makespan, run_parallel
from snippets.serving_tables import SERVING_TABLES
from snippets.suite_growth import checks_per_change
from snippets.team_cost_tables import TEAM_COST_TABLES, number
from snippets.team_costs import CI_RUNNER, DEVOPS, SCENARIOS, month, per_job
from snippets.training_tables import TRAINING_TABLES
from snippets.wall_times import (
    FILE_WRITE,
    ITEM,
    SIDES,
    compile_profile,
    file_writes,
    learner_fits,
    learner_slopes,
    load,
    mebibytes,
    ordering,
    per_item_seconds,
)

GROWTH_SIZES = (10, 100, 1000)
FIT_SIZES = (5, 10, 20, 40)
SUITE_CHANGES = (4, 8, 16)


def _table(header: list[str], rows: Sequence[Sequence[object]], text_columns: int = 1) -> str:
    """A Markdown table: the first `text_columns` columns left-aligned (labels), the
    others right-aligned (numbers)."""
    align = "|".join([":---"] * text_columns + ["---:"] * (len(header) - text_columns)) + "|"
    lines = ["| " + " | ".join(header) + " |", f"|{align}"]
    for row in rows:
        cells = [f"{cell:,}" if isinstance(cell, int) else str(cell) for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --8<-- [start:growth]
def growth_table() -> str:
    """The growth table, with the counts the two pipelines really make."""
    devops = measure(devops_run, GROWTH_SIZES)
    mlops = measure(mlops_run, GROWTH_SIZES)
    rows = [
        [d.n, d.calls, m.calls, d.operations, m.operations]
        for d, m in zip(devops, mlops, strict=True)
    ]
    header = ["Items (n)", "DevOps steps run", "MLOps steps run"]
    units = ["DevOps operations (lines, checks, files)", "MLOps operations (numbers touched)"]
    return _table([*header, *units], rows)


# --8<-- [end:growth]


# Each side grown along its items, along one item's size, and along both at once, the
# size made to follow the items (nothing in a pipeline ties them): lines per service
# (even: a function, then its check) and features per dataset.
TEN = 10
ITEM_SIZE = {"DevOps": "lines", "MLOps": "features"}
EXPONENT_CASES = (
    ("DevOps: more services (lines fixed)", "DevOps", lambda n: n, lambda n: LINES_PER_SERVICE),
    (f"DevOps: longer services ({TEN} services)", "DevOps", lambda n: TEN, lambda n: 4 * n),
    ("DevOps: if lines grew with services (4n lines)", "DevOps", lambda n: n, lambda n: 4 * n),
    ("MLOps: more datasets (features fixed)", "MLOps", lambda n: n, lambda n: FEATURES),
    (f"MLOps: wider datasets ({TEN} datasets)", "MLOps", lambda n: TEN, lambda n: 2 * n),
    ("MLOps: if features grew with datasets (2n features)", "MLOps", lambda n: n, lambda n: 2 * n),
)


def exponents_table() -> str:
    """Fitted k in work ~ size**k, on exact operation counts, for each side grown along
    its items, one item's size, and both."""
    rows = []
    for label, pipeline, items, size in EXPONENT_CASES:
        runs = measure(grown(pipeline, items, **{ITEM_SIZE[pipeline]: size}), FIT_SIZES)
        rows.append([label, _exponent(FIT_SIZES, [r.operations for r in runs])])
    return _table(["What grows (n)", "Fitted exponent k", "Doubling n multiplies work by"], rows)


def _exponent(sizes: tuple[int, ...], work: list[int]) -> str:
    k = fit_exponent(sizes, work)
    return f"{k:.2f} | {2**k:.1f}"


def nested_table() -> str:
    """Inner iterations of nested training: n datasets x ROWS rows x m features."""
    features = (5, 10, 20)
    rows = []
    for n in (10, 20, 40):
        counts = [measure(partial(nested_run, features=m), [n])[0].operations for m in features]
        rows.append([n, *counts])
    header = [f"Datasets (n) \\ features (m), {ROWS} rows each"] + [f"m = {m}" for m in features]
    return _table(header, rows)


def _operations_per_step(pipeline: str, key: str, size: int) -> dict[str, int]:
    """Operations of each step for one item of the given size, as the meter counts them."""
    meter = Meter()
    sized_run(pipeline, **{key: size})(1, meter)
    return dict(meter.operations)


def per_item_table() -> str:
    """Seconds per item as one item grows, from the recorded runs: the item's own steps,
    the file write apart, and the write's share of the seconds beside its share of the
    counted operations."""
    data = load()
    rows = []
    for pipeline in SIDES:
        key, _, item = ITEM[pipeline]
        step = FILE_WRITE[pipeline]
        for size, seconds in per_item_seconds(data, pipeline).items():
            operations = _operations_per_step(pipeline, key, size)
            own = sum(s for name, s in seconds.items() if name != step)
            rows.append(
                [
                    f"One {item} of {size:,} {key}",
                    f"{own * 1000:.2f}",
                    f"{seconds[step] * 1000:.2f}",
                    f"{seconds[step] / sum(seconds.values()):.0%}",
                    _percent(operations[step] / sum(operations.values())),
                ]
            )
    header = ["Item", "Steps before the deploy (ms)", "File write (ms)"]
    header.append("Write's share of the seconds")
    return _table([*header, "Write's share of the counted operations"], rows)


def _k(value: float) -> str:
    return f"{value:.2f}".replace("-0.00", "0.00")


# The steps an item runs before its deploy, added up: what the tables call them.
BEFORE_DEPLOY = {side: f"{side}, steps before the deploy" for side in SIDES}


def _count_table(along: str) -> str:
    """Each step's exponent k in work ~ size^k: the count's, fitted to the counted operations,
    beside the one fitted to the recorded seconds, with the spread over repeats and the
    slope at the small and at the large end of the range."""
    data = load()
    rows = [
        [
            BEFORE_DEPLOY[pipeline] if check.step == "own" else check.words,
            _k(check.counted),
            _k(check.measured.k),
            f"{_k(check.measured.low)} to {_k(check.measured.high)}",
            f"{_k(check.measured.first)} → {_k(check.measured.last)}",
        ]
        for pipeline in SIDES
        for check in checks(data, pipeline, along)
    ]
    header = [
        "Step",
        "k of the counts",
        "k of the seconds",
        "k of one repeat alone, least to most",
        "k between the two smallest sizes → the two largest",
    ]
    return _table(header, rows)


def count_items_table() -> str:
    """The count against the clock as the items grow, each of the default size."""
    return _count_table("items")


def count_size_table() -> str:
    """The count against the clock as one item grows: lines per service, rows
    per dataset, over the same number of items."""
    return _count_table("size")


def _per_file(seconds: tuple[float, ...], files: int) -> str:
    """'0.031 to 0.152': milliseconds per file, the fastest and the slowest repeat."""
    if not seconds:
        return "not measured"
    return f"{min(seconds) / files * 1000:.3f} to {max(seconds) / files * 1000:.3f}"


def file_writes_table() -> str:
    """A service's package written many times in a row: milliseconds per file on the disk
    the pipelines deploy to and in a file system held in memory."""
    rows = [
        [f"{run.files:,}", _per_file(run.disk, run.files), _per_file(run.memory, run.files)]
        for run in file_writes(load())
    ]
    header = ["Files written in a row", "On the disk (ms per file, fastest to slowest)"]
    return _table([*header, "In memory (ms per file, fastest to slowest)"], rows)


def _per_line(seconds: tuple[float, ...], lines: int) -> str:
    return f"{min(seconds) / lines * 1e6:.1f}"


def test_step_table() -> str:
    """The DevOps test step taken apart for one service: microseconds per line to compile
    it as one module, as one module with its functions first, and as modules of one
    default service each; the checks' share of the step; the compiler's peak memory."""
    rows = [
        [
            f"{run.lines:,}",
            _per_line(run.one_module, run.lines),
            _per_line(run.functions_first, run.lines),
            _per_line(run.pieces, run.lines),
            _percent(min(run.run_checks) / (min(run.one_module) + min(run.run_checks))),
            mebibytes(run.peak_bytes),
        ]
        for run in compile_profile(load())
    ]
    header = ["Lines", "Compiled as written (µs/line)", "Functions first (µs/line)"]
    header += [f"As {LINES_PER_SERVICE}-line modules (µs/line)", "Checks' share of the step"]
    return _table([*header, "Compiler's peak memory"], rows)


test_step_table.__test__ = False  # type: ignore[attr-defined]  # a table, not a pytest test


def search_table() -> str:
    """Training work for one dataset without a search and with grid searches of growing
    size: each fold's fit on (folds - 1) / folds of the training rows, then the refit.
    The search takes the raw dataset: each of its fits learns its own scaling."""
    dataset = make_datasets(1)[0]
    plain = Meter()
    train_model(preprocess(dataset, Meter()), plain)
    once = plain.operations["train_model"]
    rows_all = len(training_rows(dataset)[1])
    rows_fold = rows_all - rows_all // FOLDS
    rows = [[f"no search: train once on {rows_all} rows", 1, once, "1.0"]]
    for candidates in (2, 6, 18):
        meter = Meter()
        grid_search(dataset, [0.01 * c for c in range(candidates)], meter)
        label = f"{candidates} x {FOLDS} fits on {rows_fold} rows, + 1 refit on {rows_all}"
        work = meter.operations["fit"]
        rows.append([label, meter.calls["fit"], work, f"{work / once:.1f}"])
    return _table(["Training", "Fits", "Training operations", "x training once"], rows)


def matrix_table() -> str:
    """CI jobs per change as a test matrix gains axes, expanded by `matrix_jobs`."""
    os_ = ["ubuntu", "windows", "macos"]
    python = ["3.11", "3.12", "3.13"]
    dependencies = ["oldest", "pinned", "newest"]
    cases = [
        ("one runner, one Python", {"os": ["ubuntu"], "python": ["3.13"]}, ()),
        ("3 operating systems", {"os": os_}, ()),
        ("3 operating systems x 3 Pythons", {"os": os_, "python": python}, ()),
        (
            "x 3 dependency sets (oldest, pinned, newest)",
            {"os": os_, "python": python, "dependencies": dependencies},
            (),
        ),
        (
            "the same, without macOS on the oldest dependencies",
            {"os": os_, "python": python, "dependencies": dependencies},
            ({"os": "macos", "dependencies": "oldest"},),
        ),
    ]
    rows = [[label, len(matrix_jobs(axes, exclude))] for label, axes, exclude in cases]
    return _table(["Test matrix", "Jobs: builds and test runs per change"], rows)


def _count(value: float) -> str:
    return f"{value:,.0f}" if value < 1e6 else powers_of_ten(value)


def _percent(share: float) -> str:
    return f"{100 * share:.3g}%"


def flaky_table() -> str:
    """Test executions and false alarms of the two ways to re-run flaky failures."""
    rows = []
    for tests in (10, 100, 1000):
        suite, failed = (
            rerun_suite(tests, GOOGLE_FLAKY_SHARE),
            rerun_failed(tests, GOOGLE_FLAKY_SHARE),
        )
        capped_suite = rerun_suite(tests, GOOGLE_FLAKY_SHARE, attempts=3)
        capped_failed = rerun_failed(tests, GOOGLE_FLAKY_SHARE, attempts=3)
        rows.append(
            [
                tests,
                _count(suite.executions),
                _count(failed.executions),
                _percent(capped_suite.false_alarm),
                _percent(capped_failed.false_alarm),
            ]
        )
    header = [
        "Tests in the suite",
        "Executions until green: whole suite again",
        "only the failed tests again",
        "Still red after 3 attempts: whole suite",
        "only the failed tests",
    ]
    return _table(header, rows)


# --8<-- [start:flaky-mixture]
def flaky_mixture_table() -> str:
    """The uniform model beside a mixed suite at the same average rate: a share of the
    tests (Google's "almost 16%") carries every flaky result, the others none."""
    mixed = mixture(GOOGLE_FLAKY_TESTS, GOOGLE_FLAKY_SHARE)
    rows = []
    for tests in (10, 100, 1000):
        for name, suite, failed in (
            ("uniform", rerun_suite(tests, GOOGLE_FLAKY_SHARE), rerun_failed),
            ("mixed", mixed_suite(tests, mixed), None),
        ):
            red = (
                rerun_failed(tests, GOOGLE_FLAKY_SHARE, attempts=3)
                if failed
                else mixed_failed(tests, mixed, attempts=3)
            )
            rows.append([tests, name, _count(suite.executions), _percent(red.false_alarm)])
    header = [
        "Tests",
        "Model",
        "Whole suite again: executions until green",
        "Failed tests again: red after 3 tries",
    ]
    return _table(header, rows, text_columns=2)


# --8<-- [end:flaky-mixture]


# --8<-- [start:magnitudes]
# The drivers that train; a model kept in staging or shadow also runs on a GPU machine.
TRAINING = ("GPU training", "Hyperparameter search")


def magnitudes_table() -> str:
    """A CI run in runner minutes beside a training run in GPU hours, for the real-costs
    page's three teams, whose amounts of work are assumptions priced there."""
    rows: list[list[str]] = [[] for _ in range(6)]
    for scenario in SCENARIOS:
        ci, ml = scenario.services, scenario.models
        jobs = ci.linux_jobs + ci.windows_jobs + ci.macos_jobs
        run = jobs * per_job(ci.test_minutes, ci)
        run += per_job(ci.integration_minutes, ci) if ci.integration_minutes else 0
        whole = month(ci, ml)
        cells = [
            number(round(run)),
            number(ci.services * ci.runs_per_service),
            number(round(whole.hours(DEVOPS, CI_RUNNER))),
            number(ml.gpu_hours_per_run),
            number(ml.models * ml.retrains_per_model * ml.runs_per_retrain),
            number(round(sum(d.hours for d in whole.drivers if d.name in TRAINING), 1)),
        ]
        for row, cell in zip(rows, cells, strict=True):
            row.append(cell)
    labels = [
        "One CI run: runner minutes",
        "CI runs a month",
        "CI runner hours a month",
        "One training run: GPU hours",
        "Training runs a month",
        "GPU training hours a month",
    ]
    header = ["Per team", *(s.name for s in SCENARIOS)]
    return _table(header, [[label, *row] for label, row in zip(labels, rows, strict=True)])


# --8<-- [end:magnitudes]


@cache
def _checks_history(incremental: bool) -> tuple[int, ...]:
    return tuple(checks_per_change(SUITE_CHANGES[-1], incremental))


def suite_growth_table() -> str:
    """Checks CI runs as a repository gains one service per change."""
    whole, changed = _checks_history(False), _checks_history(True)
    rows = [
        [c, whole[c - 1], changed[c - 1], sum(whole[:c]), sum(changed[:c])] for c in SUITE_CHANGES
    ]
    header = [
        "Changes",
        "Checks at that change: whole suite",
        "only what changed",
        "Checks in all: whole suite",
        "only what changed",
    ]
    return _table(header, rows)


def learners_table() -> str:
    """Fitted exponents of the recorded scikit-learn fits, with their spread over the
    repeats, beside how each learner's training cost grows."""
    data = load()
    fits = learner_fits(data)
    rows = []
    for name, slope in learner_slopes(data).items():
        timed = f"{fits[name][0][0]:,} to {fits[name][0][-1]:,}"
        if name == "Decision tree":
            depths = [tree_depth(n) for n in (fits[name][0][0], fits[name][0][-1])]
            timed += f" (tree depth {depths[0]} to {depths[1]})"
        spread = f"{slope.k:.2f} ({slope.low:.2f} to {slope.high:.2f})"
        rows.append([name, COST[name], timed, spread, f"{2**slope.k:.1f}"])
    header = ["Learner", "How training grows (n rows, p features)", "Rows timed"]
    header += ["Fitted k (in each repeat)", "Doubling the rows multiplies the time by"]
    return _table(header, rows, text_columns=2)


def _redone(meter: Meter) -> list[object]:
    """Step runs and operations redone, and the bytes hashed to find what changed."""
    hashed = meter.operations[HASH]
    return [meter.total_calls, meter.total_operations - hashed, hashed]


def cache_table() -> str:
    """What a second run redoes after each kind of change, with content-hash caching, and
    what it reads to find out."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        services = make_services(100)
        built: dict[str, str] = {}
        run_devops_incremental(services, target, Meter(), built)
        for changed in (0, 5, 100):
            edited = [
                replace(s, source=s.source + "# edit\n") if i < changed else s
                for i, s in enumerate(services)
            ]
            meter = Meter()
            run_devops_incremental(edited, target, meter, dict(built))
            rows.append([f"DevOps, 100 services: {changed} changed", *_redone(meter)])

        datasets, cache = make_datasets(20), RunCache()
        run_mlops_incremental(datasets, target, Meter(), cache)
        features = datasets[0].features.copy()
        features[100, 3] += 1.0  # one number mid-dataset, where numpy's repr shows "..."
        scenarios = [
            ("nothing changed", datasets, {}),
            ("one dataset changed", [replace(datasets[0], features=features), *datasets[1:]], {}),
            ("new hyperparameter (epochs)", datasets, {"epochs": 30}),
        ]
        for label, data, params in scenarios:
            meter = Meter()
            run_mlops_incremental(data, target, meter, cache, **params)
            rows.append([f"MLOps, 20 datasets: {label}", *_redone(meter)])
    header = ["Second run after", "Step runs", "Operations (each side's own unit)"]
    return _table([*header, "Bytes hashed to find what changed"], rows)


def parallel_table() -> str:
    """20 datasets on 1-8 workers: total work stays, wall-clock work (makespan) falls."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for workers in (1, 2, 4, 8):
            meter, per_item = run_parallel(make_datasets(20), Path(folder), workers)
            wall = makespan(per_item, workers)
            rows.append(
                [workers, meter.total_operations, wall, f"{meter.total_operations / wall:.1f}"]
            )
    header = ["Workers", "Total operations", "Busiest worker's operations"]
    return _table([*header, "Ideal speed-up (operations)"], rows)


WHOLE_RUNS = (
    # services, lines per service, CI jobs, datasets, search candidates
    (100, LINES_PER_SERVICE, 1, 100, 1),
    (100, LINES_PER_SERVICE, 1, 100, 18),
    (100, LINES_PER_SERVICE, 9, 100, 1),
    (100, 10 * LINES_PER_SERVICE, 1, 100, 1),
    (1000, LINES_PER_SERVICE, 9, 10, 1),
)


def whole_runs_table() -> str:
    """Whole runs in seconds of work: which side does more depends on counts, item sizes and
    multipliers, and at close figures nothing can be said."""
    rows = []
    for services, lines, jobs, datasets, candidates in WHOLE_RUNS:
        costs = pipeline_costs(services, jobs, datasets, candidates, 1, lines=lines)
        devops, mlops = costs.devops.total_seconds, costs.mlops.total_seconds
        matrix = f", {jobs} CI jobs each" if jobs > 1 else ""
        fits = fits_per_dataset(candidates)
        search = f", {candidates} x {FOLDS} + 1 = {fits} fits each" if candidates > 1 else ""
        rows.append(
            [
                f"{services:,} services of {lines:,} lines{matrix}",
                f"{datasets:,} datasets{search}",
                f"{devops * 1000:,.1f}",
                f"{mlops * 1000:,.1f}",
                ordering({"DevOps": devops, "MLOps": mlops}, unit="the work"),
            ]
        )
    header = ["DevOps run", "MLOps run", "DevOps work (ms)", "MLOps work (ms)", "More work"]
    return _table(header, rows, text_columns=2)


TABLES: dict[str, Callable[[], str]] = {
    "growth": growth_table,
    "count-items": count_items_table,
    "count-size": count_size_table,
    "test-step": test_step_table,
    "file-writes": file_writes_table,
    "exponents": exponents_table,
    "nested": nested_table,
    "per-item": per_item_table,
    "search": search_table,
    "cache": cache_table,
    "parallel": parallel_table,
    "whole-runs": whole_runs_table,
    "ci-matrix": matrix_table,
    "flaky-reruns": flaky_table,
    "flaky-mixture": flaky_mixture_table,
    "magnitudes": magnitudes_table,
    "suite-growth": suite_growth_table,
    "learners": learners_table,
}
# The data-and-drift and releasing-models pages' tables, kept in their own module.
TABLES.update(CORE_TABLES)
TABLES.update(TEAM_COST_TABLES)  # the page on real costs: its own module
TABLES.update(TRAINING_TABLES)  # the training-for-production page: its own module
TABLES.update(SERVING_TABLES)  # the page on serving and LLM systems
TABLES.update(GATE_TABLES)  # the releasing-models page's gate statistics
