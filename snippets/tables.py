"""Tables that pages show, computed at build time (rendered by hooks/tables.py).

Each function returns a Markdown table. `render_table(name)` raises KeyError for an
unknown name, which the build reports with the page's file and line. Every number
is an exact count, so two builds render the same tables (no timings here: the lab
page measures seconds).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

from snippets.continuous_training import daily_batches, training_runs
from snippets.cost_model import pipeline_costs
from snippets.devops_pipeline import make_services
from snippets.growth import devops_run, fit_exponent, measure, mlops_run
from snippets.hyperparameter_search import FOLDS, grid_search
from snippets.incremental import RunCache, run_devops_incremental, run_mlops_incremental
from snippets.meter import Meter
from snippets.mlops_pipeline import FEATURES, make_datasets, preprocess, train_model
from snippets.nested_training import ROWS, nested_run
from snippets.parallel import makespan, run_parallel

SEED_SIZES = (10, 100, 1000)
FIT_SIZES = (5, 10, 20, 40)


def _table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table: the first column left-aligned (labels), the others right (numbers)."""
    align = ":---|" + "|".join(["---:"] * (len(header) - 1))
    lines = ["| " + " | ".join(header) + " |", f"|{align}|"]
    for row in rows:
        cells = [f"{cell:,}" if isinstance(cell, int) else str(cell) for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --8<-- [start:growth]
def growth_table() -> str:
    """The seed page's growth table, with the counts the two pipelines really make."""
    devops = measure(devops_run, SEED_SIZES)
    mlops = measure(mlops_run, SEED_SIZES)
    rows = [
        [d.n, d.calls, m.calls, d.operations, m.operations]
        for d, m in zip(devops, mlops, strict=True)
    ]
    header = ["Items (n)", "DevOps step runs", "MLOps step runs"]
    return _table([*header, "DevOps unit operations", "MLOps unit operations"], rows)


# --8<-- [end:growth]


def exponents_table() -> str:
    """Fitted k in work ~ size**k, on exact operation counts, for four ways to grow."""
    cases = [
        ("DevOps pipeline, more services", devops_run),
        ("MLOps pipeline, more datasets", mlops_run),
        ("Nested training, more datasets (features fixed at 10)", partial(nested_run, features=10)),
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


def per_item_table() -> str:
    """One item's work on each side, in unit operations, as the features grow."""
    rows = []
    for features in (FEATURES, 10 * FEATURES):
        costs = pipeline_costs(1, features, candidates=1, cache_hit_rate=0, workers=1)
        label = f"{features} features per dataset"
        rows.append([label, costs.devops.operations_per_item, costs.mlops.operations_per_item])
    return _table(["Per item", "DevOps (one service)", "MLOps (one dataset)"], rows)


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
    return _table(["Training", "Fits", "Training operations", "x no search"], rows)


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
    """Runs of the ML pipeline over 90 days under different triggers, and what they cost."""
    batches = daily_batches(90, drift_day=40)
    per_run = pipeline_costs(10, FEATURES, candidates=1, cache_hit_rate=0, workers=1).mlops
    configs = [
        ("on demand only (no triggers)", {}),
        ("schedule: every 7 days", {"schedule_every": 7}),
        ("new data: every 30 days", {"new_data_every": 30}),
        ("drift in the live data (it shifts on day 40)", {"drift_threshold": 0.5}),
        ("all three", {"schedule_every": 7, "new_data_every": 30, "drift_threshold": 0.5}),
    ]
    rows = []
    for label, triggers in configs:
        runs = len(training_runs(batches, **triggers))
        rows.append([label, runs, runs * per_run.total_operations])
    return _table(
        ["Triggers over 90 days", "Pipeline runs", "Operations (10 datasets a run)"], rows
    )


def constant_factors_table() -> str:
    """Whole runs: which side does more work depends on item counts and per-item constants."""
    rows = []
    scenarios = ((100, 100, 1), (100, 100, 18), (10_000, 10, 1))
    for services, datasets, candidates in scenarios:
        devops = pipeline_costs(services, FEATURES, 1, 0, 1).devops.total_operations
        mlops = pipeline_costs(datasets, FEATURES, candidates, 0, 1).mlops.total_operations
        search = (
            "none" if candidates == 1 else f"{candidates} x {FOLDS} = {candidates * FOLDS} fits"
        )
        rows.append([services, datasets, search, devops, mlops, f"{mlops / devops:,.2f}"])
    header = ["Services", "Datasets", "MLOps search", "DevOps ops", "MLOps ops", "MLOps / DevOps"]
    return _table(header, rows)


TABLES = {
    "growth": growth_table,
    "exponents": exponents_table,
    "nested": nested_table,
    "per-item": per_item_table,
    "search": search_table,
    "cache": cache_table,
    "parallel": parallel_table,
    "continuous-training": continuous_training_table,
    "constant-factors": constant_factors_table,
}


def render_table(name: str) -> str:
    return TABLES[name]()
