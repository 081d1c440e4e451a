"""The tables of the page on real costs (docs/real-costs.md), computed from the team
cost model and its dated data. Registered in snippets.tables.TABLES."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any

from snippets.continuous_training import (
    DRIFT_DAY,
    LABELS_EVERY,
    QUARTER,
    daily_batches,
    runs_that_train,
    triggered_runs,
)
from snippets.team_costs import (
    CI_RUNNER,
    CPU,
    DEVOPS,
    GPU,
    GROUPS,
    LLM_TEAM,
    ML_HEAVY,
    MLOPS,
    PRACTICES,
    PRODUCT,
    SCENARIOS,
    SERVICE_HEAVY,
    ModelWork,
    ServiceWork,
    a100_rates,
    doubled,
    load_prices,
    load_training_runs,
    month,
    published_rates,
    retraining,
)

# How the model's inputs read on the page: the words and the unit of each field.
INPUT_LABELS = {
    "services": "Services",
    "runs_per_service": "CI runs per service a month",
    "linux_jobs": "Linux jobs per run",
    "windows_jobs": "Windows jobs per run",
    "macos_jobs": "macOS jobs per run",
    "test_minutes": "Build and test, minutes per job",
    "integration_minutes": "Integration suite, minutes per run",
    "install_minutes": "Dependency install, minutes per job, cache miss",
    "cached_install_minutes": "Dependency install, minutes per job, cache hit",
    "cache_hit_rate": "Cache hits, % of jobs",
    "rerun_rate": "Runs re-run after a flaky failure, %",
    "image_builds_per_service": "Image builds per service a month",
    "image_build_minutes": "Image build, minutes",
    "stored_gb_per_service": "Images and artifacts kept, GB per service",
    "environment_machines_per_service": "CPU machines in staging and preview, per service",
    "serving_machines_per_service": "CPU machines serving each service",
    "models": "Models",
    "retrains_per_model": "Retraining runs per model a month",
    "gpu_hours_per_run": "GPU hours per training run",
    "runs_per_retrain": "Training runs per retraining (search)",
    "cpu_hours_per_retrain": "CPU hours per retraining",
    "feature_hours_per_day": "Feature pipeline, CPU hours per day of data",
    "backfills_per_month": "Backfills a month",
    "backfill_days": "Days of history per backfill",
    "labels_per_month": "Objects labelled a month",
    "workers_per_label": "Labellers per object",
    "gb_per_version": "GB per data and model version",
    "versions_kept": "Versions kept per model",
    "staging_gpus_per_model": "GPU machines in staging or shadow, per model",
    "gpu_serving_per_model": "GPU machines serving each model",
    "cpu_serving_per_model": "CPU machines serving each model",
}
PERCENT = {"cache_hit_rate", "rerun_rate"}
# The inputs the sensitivity table doubles, one at a time: the counts and sizes that
# multiply a driver (a price doubled would double its drivers in the same way).
SENSITIVE = (
    "runs_per_service",
    "integration_minutes",
    "rerun_rate",
    "environment_machines_per_service",
    "serving_machines_per_service",
    "retrains_per_model",
    "runs_per_retrain",
    "backfill_days",
    "labels_per_month",
    "gpu_serving_per_model",
)
# Hours compare only with hours of one kind of machine, in one group.
HOURS = (
    (DEVOPS, CI_RUNNER),
    (DEVOPS, CPU),
    (MLOPS, CPU),
    (MLOPS, GPU),
    (PRODUCT, CPU),
    (PRODUCT, GPU),
)


def markdown_table(header: list[str], rows: Sequence[Sequence[object]], align: str) -> str:
    """A Markdown table whose columns align as `align` says, one letter a column: "l"
    for words, "r" for numbers (the site's tables align only their leading columns left)."""
    marks = {"l": ":---", "r": "---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(marks[a] for a in align) + "|",
        *("| " + " | ".join(str(c) for c in row) + " |" for row in rows),
    ]
    return "\n".join(lines)


def cell(text: str) -> str:
    """Text for a Markdown table cell: a | inside it would end the cell."""
    return text.replace("|", "\\|")


def price_text(value: float) -> str:
    """A price with at least the three decimals the sources print ($0.010, not $0.01)."""
    return f"{value:.3f}" if round(value, 3) == value else f"{value:g}"


def dollars(value: float) -> str:
    return f"${value:,.2f}"


def number(value: float) -> str:
    """A count or an amount as a reader reads it: no trailing .0, thousands grouped."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def input_text(name: str, value: float) -> str:
    return number(100 * value) if name in PERCENT else number(value)


def prices_table() -> str:
    """Every price the model charges, with its source and the day it was read there."""
    rows = []
    for price in load_prices().values():
        hourly = per_hour(price)
        an_hour = "" if hourly is None else f"{hourly:.2f}"
        source = f"[{price.source}](references.md#{price.reference}), {price.read}"
        rows.append([price.label, price_text(price.value), price.unit, an_hour, source])
    header = ["What", "Price", "Unit", "USD an hour", "Source, read"]
    return markdown_table(header, rows, "lrlrl")


def per_hour(price) -> float | None:
    """A machine's price for an hour, whether the source prices it by the minute or the
    hour (None for what is not priced by time)."""
    return {"USD per minute": 60 * price.value, "USD per hour": price.value}.get(price.unit)


def quotes_table() -> str:
    """Where each price comes from, in its source's words."""
    rows = [
        [price.label, cell(f"“{price.quote}”"), price.context] for price in load_prices().values()
    ]
    return markdown_table(["Price", "The source's text", "Where in the source"], rows, "lll")


def training_runs_table() -> str:
    """Published training runs in device-hours: devices x hours, computed."""
    rows = []
    for run in load_training_runs():
        low, high = run.devices
        devices = f"{low:,}" if low == high else f"{low:,} to {high:,}"
        hours_low, hours_high = run.device_hours
        device_hours = (
            f"{hours_low:,.0f}"
            if hours_low == hours_high
            else f"{hours_low:,.0f} to {hours_high:,.0f}"
        )
        wall = f"{run.bound} {number(run.hours)} h"
        source = f"[{run.source}](references.md#{run.reference})"
        rows.append([run.model, device_hours, devices, wall, run.hardware, source])
    header = ["Training run", "Device-hours", "Devices", "Wall time", "Hardware", "Source"]
    return markdown_table(header, rows, "lrrrll")


def inputs_table() -> str:
    """The three teams' inputs, every one of them."""
    rows = []
    for work_type, side in ((ServiceWork, "services"), (ModelWork, "models")):
        for field in fields(work_type):
            values = [getattr(getattr(s, side), field.name) for s in SCENARIOS]
            rows.append([INPUT_LABELS[field.name], *(input_text(field.name, v) for v in values)])
    return markdown_table(["Input", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [start:months]
def months_table() -> str:
    """Each team's month, driver by driver, in US dollars: each practice's total and
    largest driver, and running the product's total apart, never added to a practice."""
    months = [month(s.services, s.models) for s in SCENARIOS]
    rows = [
        [f"{driver.side}: {driver.name}", *(dollars(m.drivers[i].dollars) for m in months)]
        for i, driver in enumerate(months[0].drivers)
    ]
    for side in GROUPS:
        rows.append(
            [f"**{side}, all drivers**", *(f"**{dollars(m.dollars(side))}**" for m in months)]
        )
    # A search is a choice: the MLOps month with one training run per retraining.
    plain = [month(s.services, replace(s.models, runs_per_retrain=1)) for s in SCENARIOS]
    rows.append(["MLOps without a search", *(dollars(m.dollars(MLOPS)) for m in plain)])
    for side, machine in HOURS:
        hours = (number(round(m.hours(side, machine), 1)) for m in months)
        rows.append([f"{side}, {machine} hours", *hours])
    for side in PRACTICES:
        largest = [m.largest(side) for m in months]
        rows.append(
            [
                f"Largest {side} driver, its share of {side}",
                *(f"{d.name}, {m.share(d):.0%}" for d, m in zip(largest, months, strict=True)),
            ]
        )
    return markdown_table(["A month of", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [end:months]


# --8<-- [start:sensitivity]
def sensitivity_table() -> str:
    """How much each team's whole month (both practices and running the product) grows
    when one input doubles."""
    rows = []
    for name in SENSITIVE:
        cells = []
        for scenario in SCENARIOS:
            before = month(scenario.services, scenario.models)
            changed = doubled(scenario, name)
            after = month(changed.services, changed.models)
            cells.append(f"+{after.total() / before.total() - 1:.0%}")
        rows.append([f"{INPUT_LABELS[name]} x 2", *cells])
    return markdown_table(["Doubled input", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [end:sensitivity]


# --8<-- [start:gpu-prices]
def gpu_prices_table() -> str:
    """Each team's GPU training and search priced at a cloud GPU machine and at GitHub's
    GPU runner, both with one NVIDIA T4: the same hours at two prices."""
    cloud = published_rates()
    github = replace(cloud, gpu_hour=60 * load_prices()["github_gpu_minute"].value)
    places = ("a cloud GPU machine", "GitHub's GPU runner")
    rows: list[list[object]] = [["GPU hours of training and search"]]
    rows += [
        [f"Training and search on {place}, {dollars(rates.gpu_hour)} an hour"]
        for place, rates in zip(places, (cloud, github), strict=True)
    ]
    rows += [[f"The whole month, training on {place}"] for place in places]
    for scenario in SCENARIOS:
        months = [month(scenario.services, scenario.models, r) for r in (cloud, github)]
        training = {"GPU training", "Hyperparameter search"}
        hours = sum(d.hours for d in months[0].drivers if d.name in training)
        rows[0].append(number(round(hours, 1)))
        for i, m in enumerate(months):
            rows[1 + i].append(dollars(sum(d.dollars for d in m.drivers if d.name in training)))
            rows[3 + i].append(dollars(m.total()))
    return markdown_table(["A month of", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [end:gpu-prices]


# --8<-- [start:current-gpus]
TRAINING = {"GPU training", "Hyperparameter search"}


def current_gpus_table() -> str:
    """The fourth team, which fine-tunes open LLMs on A100s, beside the first team (many
    services) and the second (many models, on T4s): each practice in US dollars, and the
    training that makes the difference, with the GPU and the hours it rests on."""
    teams = [
        (SERVICE_HEAVY, published_rates()),
        (ML_HEAVY, published_rates()),
        (LLM_TEAM, a100_rates()),
    ]
    gpus = ["none (trains on CPUs)", "NVIDIA T4", "NVIDIA A100, 80 GB"]
    rows: list[list[object]] = [
        ["Training GPU", *gpus],
        ["Its price an hour", "none", *(dollars(r.gpu_hour) for _, r in teams[1:])],
    ]
    months = [month(s.services, s.models, r) for s, r in teams]
    plain = [month(s.services, replace(s.models, runs_per_retrain=1), r) for s, r in teams]

    def spent(m, names) -> float:
        return sum(d.dollars for d in m.drivers if d.name in names or d.machine in names)

    rows += [
        ["GPU hours per training run", *(number(s.models.gpu_hours_per_run) for s, _ in teams)],
        [
            "GPU hours of training and search, a month",
            *(number(round(sum(d.hours for d in m.drivers if d.name in TRAINING))) for m in months),
        ],
        ["DevOps: CI", *(dollars(spent(m, {CI_RUNNER})) for m in months)],
        ["**DevOps, all drivers**", *(f"**{dollars(m.dollars(DEVOPS))}**" for m in months)],
        ["MLOps: training and search", *(dollars(spent(m, TRAINING)) for m in months)],
        ["**MLOps, all drivers**", *(f"**{dollars(m.dollars(MLOPS))}**" for m in months)],
        ["MLOps without a search", *(dollars(m.dollars(MLOPS)) for m in plain)],
        [
            "Largest MLOps driver, its share of MLOps",
            *(f"{m.largest(MLOPS).name}, {m.share(m.largest(MLOPS)):.0%}" for m in months),
        ],
    ]
    return markdown_table(["A month of", *(s.name for s, _ in teams)], rows, "lrrr")


# --8<-- [end:current-gpus]


# --8<-- [start:quarter]
TRIGGERS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("none (by hand only)", {}),
    ("schedule, every 10 days", {"schedule_every": 10}),
    (f"new labels, every {LABELS_EVERY} days", {"on_new_labels": True}),
    (f"drift (inputs shift on day {DRIFT_DAY})", {"drift_threshold": 0.5}),
    ("all three", {"schedule_every": 10, "on_new_labels": True, "drift_threshold": 0.5}),
)


def quarter_table() -> str:
    """A quarter of one model's retraining: runs x the cost of one retraining (the second
    team's, at the published prices), and what a run-cache saves: a run with no labels
    that the last training lacked finds the same data and code, and is restored."""
    _, per_retraining = retraining(ML_HEAVY.models, published_rates())
    batches = daily_batches(QUARTER, drift_day=DRIFT_DAY)
    rows = []
    for label, triggers in TRIGGERS:
        runs = triggered_runs(batches, **triggers)
        trained = runs_that_train(runs)
        cost, cached = len(runs) * per_retraining, len(trained) * per_retraining
        rows.append([label, len(runs), dollars(cost), len(trained), dollars(cached)])
    header = ["Triggers, 90 days", "Retrainings", "US dollars", "Trained, with a cache"]
    return markdown_table([*header, "US dollars, with a cache"], rows, "lrrrr")


# --8<-- [end:quarter]


TEAM_COST_TABLES: dict[str, Callable[[], str]] = {
    "team-cost-prices": prices_table,
    "team-cost-quotes": quotes_table,
    "training-runs": training_runs_table,
    "team-cost-inputs": inputs_table,
    "team-cost-months": months_table,
    "team-cost-gpu-prices": gpu_prices_table,
    "team-cost-sensitivity": sensitivity_table,
    "team-cost-current-gpus": current_gpus_table,
    "continuous-training-cost": quarter_table,
}
