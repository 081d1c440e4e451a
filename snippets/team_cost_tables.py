"""The tables of the page on real costs (docs/real-costs.md), computed from the team
cost model and its dated data. Registered in snippets.tables.TABLES."""

from __future__ import annotations

from dataclasses import fields

from snippets.team_costs import (
    CPU,
    DEVOPS,
    GPU,
    MLOPS,
    SCENARIOS,
    CIWork,
    TrainingWork,
    doubled,
    load_prices,
    load_training_runs,
    month,
)

# How the model's inputs read on the page: the words and the unit of each field.
INPUT_LABELS = {
    "services": "Services",
    "runs_per_service": "CI runs per service a month",
    "linux_jobs": "Linux jobs per run",
    "windows_jobs": "Windows jobs per run",
    "macos_jobs": "macOS jobs per run",
    "test_minutes": "Build and test, minutes per job",
    "install_minutes": "Dependency install, minutes per job, cache miss",
    "cached_install_minutes": "Dependency install, minutes per job, cache hit",
    "cache_hit_rate": "Cache hits, % of jobs",
    "rerun_rate": "Runs re-run after a flaky failure, %",
    "image_builds_per_service": "Image builds per service a month",
    "image_build_minutes": "Image build, minutes",
    "stored_gb_per_service": "Images and artifacts kept, GB per service",
    "models": "Models",
    "retrains_per_model": "Retraining runs per model a month",
    "gpu_hours_per_run": "GPU hours per training run",
    "runs_per_retrain": "Training runs per retraining (search)",
    "cpu_hours_per_retrain": "CPU hours per retraining",
    "labels_per_month": "Objects labelled a month",
    "workers_per_label": "Labellers per object",
    "gb_per_version": "GB per data and model version",
    "versions_kept": "Versions kept per model",
}
PERCENT = {"cache_hit_rate", "rerun_rate"}
# The inputs the sensitivity table doubles, one at a time: the counts and sizes that
# multiply a driver (a price doubled would double its drivers in the same way).
SENSITIVE = (
    "runs_per_service",
    "macos_jobs",
    "test_minutes",
    "rerun_rate",
    "retrains_per_model",
    "gpu_hours_per_run",
    "runs_per_retrain",
    "labels_per_month",
)


def markdown_table(header: list[str], rows: list[list[object]], align: str) -> str:
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
    prices = load_prices()
    linux = prices["linux_minute"].value
    rows = []
    for price in prices.values():
        per_linux = f"{price.value / linux:.1f}" if price.unit == "USD per minute" else ""
        source = f"[{price.source}](references.md#{price.reference}), {price.read}"
        rows.append([price.label, price_text(price.value), price.unit, per_linux, source])
    header = ["What", "Price", "Unit", "x a Linux minute", "Source, read"]
    return markdown_table(header, rows, "lrlrl")


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
    for work_type, side in ((CIWork, "ci"), (TrainingWork, "training")):
        for field in fields(work_type):
            values = [getattr(getattr(s, side), field.name) for s in SCENARIOS]
            rows.append([INPUT_LABELS[field.name], *(input_text(field.name, v) for v in values)])
    return markdown_table(["Input", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [start:months]
def months_table() -> str:
    """Each team's month, driver by driver, in US dollars, with each side's total and
    hours and the largest driver."""
    months = [month(s.ci, s.training) for s in SCENARIOS]
    rows = [
        [f"{driver.side}: {driver.name}", *(dollars(m.drivers[i].dollars) for m in months)]
        for i, driver in enumerate(months[0].drivers)
    ]
    for side in (DEVOPS, MLOPS):
        rows.append(
            [f"**{side}, all drivers**", *(f"**{dollars(m.dollars(side))}**" for m in months)]
        )
    for side, runner in ((DEVOPS, CPU), (MLOPS, CPU), (MLOPS, GPU)):
        hours = (number(round(m.hours(side, runner), 1)) for m in months)
        rows.append([f"{side}, {runner} hours", *hours])
    largest = [m.largest() for m in months]
    rows.append(
        [
            "Largest driver, share of both sides' dollars",
            *(
                f"{d.side}: {d.name}, {m.share(d):.0%}"
                for d, m in zip(largest, months, strict=True)
            ),
        ]
    )
    return markdown_table(["A month of", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [end:months]


# --8<-- [start:sensitivity]
def sensitivity_table() -> str:
    """How much each team's month (both sides' dollars) grows when one input doubles."""
    rows = []
    for name in SENSITIVE:
        cells = []
        for scenario in SCENARIOS:
            before = month(scenario.ci, scenario.training)
            changed = doubled(scenario, name)
            after = month(changed.ci, changed.training)
            total_before = before.dollars(DEVOPS) + before.dollars(MLOPS)
            total_after = after.dollars(DEVOPS) + after.dollars(MLOPS)
            cells.append(f"+{total_after / total_before - 1:.0%}")
        rows.append([f"{INPUT_LABELS[name]} x 2", *cells])
    return markdown_table(["Doubled input", *(s.name for s in SCENARIOS)], rows, "lrrr")


# --8<-- [end:sensitivity]


TEAM_COST_TABLES = {
    "team-cost-prices": prices_table,
    "team-cost-quotes": quotes_table,
    "training-runs": training_runs_table,
    "team-cost-inputs": inputs_table,
    "team-cost-months": months_table,
    "team-cost-sensitivity": sensitivity_table,
}
