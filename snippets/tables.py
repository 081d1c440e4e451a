"""Tables that pages show, computed at build time (rendered by hooks/tables.py).

Each function returns a Markdown table. `render_table(name)` raises KeyError for an
unknown name, which the build reports with the page's file and line. Every number
is an exact count, or seconds that `make measure` recorded in data/wall_times.json,
so two builds render the same tables; nothing here times anything. The two sides
are compared only in seconds or in counts of the same kind.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from snippets.charts.driver_charts import powers_of_ten
from snippets.charts.growth_charts import FIXED_FEATURES
from snippets.charts.wall_time import learner_slopes, load
from snippets.ci_matrix import matrix_jobs
from snippets.continuous_training import daily_batches, triggered_runs
from snippets.cost_model import fits_per_dataset, pipeline_costs
from snippets.devops_pipeline import make_services, run_devops_pipeline
from snippets.flaky_reruns import GOOGLE_FLAKY_SHARE, rerun_failed, rerun_suite
from snippets.growth import devops_run, fit_exponent, measure, mlops_run
from snippets.hyperparameter_search import FOLDS, grid_search
from snippets.incremental import RunCache, run_devops_incremental, run_mlops_incremental
from snippets.learners import GUIDE
from snippets.meter import Meter
from snippets.mlops_pipeline import (
    FEATURES,
    make_datasets,
    preprocess,
    run_mlops_pipeline,
    train_model,
)
from snippets.nested_training import ROWS, nested_run
from snippets.parallel import makespan, run_parallel
from snippets.suite_growth import checks_per_change

GROWTH_SIZES = (10, 100, 1000)
FIT_SIZES = (5, 10, 20, 40)
SUITE_CHANGES = (4, 8, 16)
CT_DATASETS = 10


def _table(header: list[str], rows: list[list[object]], text_columns: int = 1) -> str:
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
    header = ["Items (n)", "DevOps step runs", "MLOps step runs"]
    units = ["DevOps operations (lines, checks, files)", "MLOps operations (numbers touched)"]
    return _table([*header, *units], rows)


# --8<-- [end:growth]


def bigger_services_run(n: int, meter: Meter) -> None:
    """Ten services of 2n lines each: the code grows, the number of services does not."""
    with tempfile.TemporaryDirectory() as target:
        run_devops_pipeline(make_services(10, lines=2 * n), Path(target), meter)


def exponents_table() -> str:
    """Fitted k in work ~ size**k, on exact operation counts, for five ways to grow."""
    cases = [
        ("DevOps pipeline, more services", devops_run),
        ("DevOps pipeline, longer services (lines grow)", bigger_services_run),
        ("MLOps pipeline, more datasets", mlops_run),
        (
            f"Nested training, more datasets (features fixed at {FIXED_FEATURES})",
            partial(nested_run, features=FIXED_FEATURES),
        ),
    ]
    rows = []
    for label, run in cases:
        runs = measure(run, FIT_SIZES)
        rows.append([label, _exponent(FIT_SIZES, [r.operations for r in runs])])
    together = []
    for k in FIT_SIZES:
        meter = Meter()
        nested_run(k, meter, features=k)
        together.append(meter.total_operations)
    rows.append(
        ["Nested training, datasets and features grow together", _exponent(FIT_SIZES, together)]
    )
    return _table(["What grows", "Fitted exponent k", "Doubling multiplies work by"], rows)


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


def _operations_per_step(pipeline: str, size: int) -> dict[str, int]:
    """Operations of each step for one item of the given size, as the meter counts them."""
    meter = Meter()
    with tempfile.TemporaryDirectory() as target:
        if pipeline == "DevOps":
            run_devops_pipeline(make_services(1, lines=size), Path(target), meter)
        else:
            run_mlops_pipeline(make_datasets(1, features=size), Path(target), meter)
    return dict(meter.operations)


def per_item_table() -> str:
    """Seconds per item as one item grows, from the recorded step times, and the slowest
    step's share of the seconds beside its share of the counted operations."""
    stages = load()["stages"]
    rows = []
    for pipeline, key, item in (("DevOps", "lines", "service"), ("MLOps", "features", "dataset")):
        for row in stages[pipeline]:
            seconds = row["seconds"]
            step = max(seconds, key=seconds.__getitem__)
            operations = _operations_per_step(pipeline, row[key])
            rows.append(
                [
                    f"One {item} of {row[key]:,} {key}",
                    step,
                    f"{sum(seconds.values()) * 1000:.2f}",
                    f"{seconds[step] / sum(seconds.values()):.0%}",
                    f"{operations[step] / sum(operations.values()):.0%}",
                ]
            )
    header = ["Item", "Slowest step", "Milliseconds per item", "Its share of the seconds"]
    return _table([*header, "Its share of the operations"], rows, text_columns=2)


def search_table() -> str:
    """Training work for one dataset without a search and with grid searches of growing size."""
    dataset = preprocess(make_datasets(1)[0], Meter())
    plain = Meter()
    train_model(dataset, plain)
    rows = [["no search (train once)", 1, plain.operations["train_model"], "1.0"]]
    for candidates in (2, 6, 18):
        meter = Meter()
        grid_search(dataset, [0.01 * c for c in range(candidates)], meter)
        work = meter.operations["fit"]
        ratio = work / plain.operations["train_model"]
        rows.append(
            [f"{candidates} candidates x {FOLDS} folds", meter.calls["fit"], work, f"{ratio:.1f}"]
        )
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
    """Fitted exponents of the recorded scikit-learn fits, beside what the guide says."""
    data = load()
    rows = []
    for name, k in learner_slopes(data).items():
        fit = data["learners"]["fits"][name]
        timed = f"{fit['rows'][0]:,} to {fit['rows'][-1]:,}"
        rows.append([name, GUIDE[name], timed, f"{k:.2f}", f"{2**k:.1f}"])
    header = ["Learner", "scikit-learn's user guide", "Rows timed", "Fitted k"]
    return _table([*header, "Doubling the rows multiplies the time by"], rows, text_columns=2)


def cache_table() -> str:
    """What a second run redoes after each kind of change, with content-hash caching."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        services, built = make_services(100), {}
        run_devops_incremental(services, target, Meter(), built)
        for changed in (0, 5, 100):
            edited = [
                replace(s, source=s.source + "# edit\n") if i < changed else s
                for i, s in enumerate(services)
            ]
            meter = Meter()
            run_devops_incremental(edited, target, meter, dict(built))
            rows.append(
                [
                    f"DevOps, 100 services: {changed} changed",
                    meter.total_calls,
                    meter.total_operations,
                ]
            )

        datasets, cache = make_datasets(20), RunCache()
        run_mlops_incremental(datasets, target, Meter(), cache)
        edited = datasets[0].features.copy()
        edited[0, 0] += 1.0  # one number in one dataset
        scenarios = [
            ("nothing changed", datasets, {}),
            ("one dataset changed", [replace(datasets[0], features=edited), *datasets[1:]], {}),
            ("new hyperparameter (epochs)", datasets, {"epochs": 30}),
        ]
        for label, data, params in scenarios:
            meter = Meter()
            run_mlops_incremental(data, target, meter, cache, **params)
            rows.append([f"MLOps, 20 datasets: {label}", meter.total_calls, meter.total_operations])
    return _table(["Second run after", "Step runs redone", "Unit operations redone"], rows)


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
    return _table(["Workers", "Total operations", "Wall-clock operations", "Speed-up"], rows)


def continuous_training_table() -> str:
    """Runs of the ML pipeline over 90 days under different triggers, and their seconds."""
    batches = daily_batches(90, drift_day=40)
    per_run = pipeline_costs(0, 1, CT_DATASETS, FEATURES, candidates=1, workers=1).mlops
    configs = [
        ("on demand only (no triggers)", {}),
        ("schedule: every 7 days", {"schedule_every": 7}),
        ("new data: every 30 days", {"new_data_every": 30}),
        ("drift in the live data (it shifts on day 40)", {"drift_threshold": 0.5}),
        ("all three", {"schedule_every": 7, "new_data_every": 30, "drift_threshold": 0.5}),
    ]
    rows = []
    for label, triggers in configs:
        runs = len(triggered_runs(batches, **triggers))
        rows.append([label, runs, f"{runs * per_run.total_seconds:.2f}"])
    header = ["Triggers over 90 days", "Pipeline runs", f"Seconds ({CT_DATASETS} datasets a run)"]
    return _table(header, rows)


def whole_runs_table() -> str:
    """Whole runs in seconds: which side takes longer depends on counts and multipliers."""
    scenarios = (
        # services, CI jobs, datasets, search candidates
        (100, 1, 100, 1),
        (100, 1, 100, 18),
        (100, 12, 100, 1),
        (1000, 12, 10, 1),
    )
    rows = []
    for services, jobs, datasets, candidates in scenarios:
        costs = pipeline_costs(services, jobs, datasets, FEATURES, candidates, workers=1)
        devops, mlops = costs.devops.total_seconds, costs.mlops.total_seconds
        longer = "MLOps" if mlops > devops else "DevOps"
        fits = fits_per_dataset(candidates)
        search = "none" if candidates == 1 else f"{candidates} x {FOLDS} + 1 = {fits} fits"
        rows.append(
            [
                services,
                jobs,
                datasets,
                search,
                f"{devops:.2f}",
                f"{mlops:.2f}",
                f"{longer}, {max(devops, mlops) / min(devops, mlops):.1f} x",
            ]
        )
    header = ["Services", "CI jobs each", "Datasets", "Search per dataset"]
    return _table([*header, "DevOps seconds", "MLOps seconds", "Longer run"], rows)


TABLES = {
    "growth": growth_table,
    "exponents": exponents_table,
    "nested": nested_table,
    "per-item": per_item_table,
    "search": search_table,
    "cache": cache_table,
    "parallel": parallel_table,
    "continuous-training": continuous_training_table,
    "whole-runs": whole_runs_table,
    "ci-matrix": matrix_table,
    "flaky-reruns": flaky_table,
    "suite-growth": suite_growth_table,
    "learners": learners_table,
}


def render_table(name: str) -> str:
    return TABLES[name]()
