"""The real-costs page's tables and explorer show what the team cost model computes."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, fields

import pytest

from snippets import team_cost_tables as tables
from snippets.charts import render_chart, team_cost_charts
from snippets.tables import TABLES, render_table
from snippets.team_costs import (
    DEVOPS,
    MLOPS,
    SCENARIOS,
    CIWork,
    Rates,
    TrainingWork,
    doubled,
    load_prices,
    load_training_runs,
    month,
    published_rates,
)


def cells(markdown: str) -> list[list[str]]:
    """The body rows of a Markdown table (escaped pipes kept inside their cell)."""
    rows = markdown.splitlines()[2:]
    return [
        [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]
        for row in rows
    ]


def test_every_table_is_registered_with_the_sites_tables():
    for name, function in tables.TEAM_COST_TABLES.items():
        assert TABLES[name] is function
        assert render_table(name) == function()


def test_the_prices_table_shows_every_price_its_unit_source_and_date():
    rows = cells(tables.prices_table())
    prices = list(load_prices().values())
    assert len(rows) == len(prices)
    linux = load_prices()["linux_minute"].value
    for row, price in zip(rows, prices, strict=True):
        label, value, unit, per_linux, source = row
        assert (label, float(value), unit) == (price.label, price.value, price.unit)
        assert f"(references.md#{price.reference})" in source and str(price.read) in source
        if unit == "USD per minute":
            assert float(per_linux) == pytest.approx(price.value / linux, abs=0.05)


def test_the_quotes_keep_the_sources_table_cells_in_one_cell():
    rows = cells(tables.quotes_table())
    assert [r[1] for r in rows] == [f"“{p.quote}”" for p in load_prices().values()]
    assert all(len(r) == 3 for r in rows)


def test_the_training_runs_table_computes_device_hours():
    rows = cells(tables.training_runs_table())
    for row, run in zip(rows, load_training_runs(), strict=True):
        low, high = (int(h) for h in run.device_hours)
        expected = f"{low:,}" if low == high else f"{low:,} to {high:,}"
        assert row[0] == run.model and row[1] == expected


def test_the_inputs_table_lists_every_input_of_every_team():
    rows = cells(tables.inputs_table())
    names = [f.name for f in fields(CIWork)] + [f.name for f in fields(TrainingWork)]
    assert [r[0] for r in rows] == [tables.INPUT_LABELS[n] for n in names]
    shares = rows[[tables.INPUT_LABELS[n] for n in names].index("Cache hits, % of jobs")]
    assert shares[1:] == [f"{100 * s.ci.cache_hit_rate:.0f}" for s in SCENARIOS]


def test_the_months_table_gives_each_driver_each_sides_total_and_the_largest():
    rows = {r[0]: r[1:] for r in cells(tables.months_table())}
    months = [month(s.ci, s.training) for s in SCENARIOS]
    for i, driver in enumerate(months[0].drivers):
        assert rows[f"{driver.side}: {driver.name}"] == [
            f"${m.drivers[i].dollars:,.2f}" for m in months
        ]
    for side in (DEVOPS, MLOPS):
        assert rows[f"**{side}, all drivers**"] == [f"**${m.dollars(side):,.2f}**" for m in months]
    largest = rows["Largest driver, share of both sides' dollars"]
    assert largest[0].startswith("DevOps: macOS jobs") and largest[1].startswith("MLOps:")


def test_the_sensitivity_table_adds_the_share_of_the_drivers_an_input_multiplies():
    rows = {r[0]: r[1:] for r in cells(tables.sensitivity_table())}
    for name in tables.SENSITIVE:
        for scenario, shown in zip(
            SCENARIOS, rows[f"{tables.INPUT_LABELS[name]} x 2"], strict=True
        ):
            before = month(scenario.ci, scenario.training)
            after = doubled(scenario, name)
            grown = month(after.ci, after.training)
            total = before.dollars(DEVOPS) + before.dollars(MLOPS)
            change = (grown.dollars(DEVOPS) + grown.dollars(MLOPS)) / total - 1
            assert shown == f"+{change:.0%}"
    # Linear: doubling the macOS jobs adds their first runs and their re-runs once more.
    first = month(SCENARIOS[0].ci, SCENARIOS[0].training)
    macos = next(d for d in first.drivers if d.name == "macOS jobs").dollars
    share = (
        macos * (1 + SCENARIOS[0].ci.rerun_rate) / (first.dollars(DEVOPS) + first.dollars(MLOPS))
    )
    assert rows["macOS jobs per run x 2"][0] == f"+{share:.0%}"


# ---- The explorer -------------------------------------------------------------------

FIGURE = re.compile(r'<div class="chart__figure" hidden data-search-exclude>(.*?)</div>')
DATA = re.compile(r'<div class="team-costs__data" hidden data-search-exclude>(.*?)</div>')


def test_the_explorer_draws_the_first_teams_month_driver_by_driver():
    out = render_chart("team_costs")
    figure = json.loads(FIGURE.search(out).group(1))
    first = month(SCENARIOS[0].ci, SCENARIOS[0].training)
    bars = {trace["name"]: trace["x"] for trace in figure["data"]}
    assert bars == {
        side: [d.dollars for d in first.drivers if d.side == side] for side in (DEVOPS, MLOPS)
    }
    body = re.search(r"<tbody>(.*)</tbody>", out).group(1)
    assert body.count("<tr>") == len(first.drivers)
    largest = first.largest()
    assert f"{largest.side}: {largest.name}, {first.share(largest):.0%}" in html.unescape(out)


def test_the_explorer_has_a_labelled_input_for_every_input_and_price():
    out = render_chart("team_costs")
    inputs = re.findall(r'<input type="number" id="([\w-]+)" name="(\w+)"', out)
    names = [n for _, n in inputs]
    assert names == [f.name for group in (CIWork, TrainingWork, Rates) for f in fields(group)]
    labels = re.findall(r'<label for="([\w-]+)">', out)
    assert labels == [i for i, _ in inputs] and len(set(labels)) == len(labels)
    # Counts take whole numbers; shares are entered in %.
    assert re.search(r'name="services" min="0" step="1"', out)
    assert re.search(r'name="cache_hit_rate" min="0" max="100" step="any"', out)
    # The form starts at the first team's inputs and the published prices.
    values = dict(re.findall(r'name="(\w+)" [^>]*value="([^"]*)"', out))
    first = SCENARIOS[0]
    assert float(values["cache_hit_rate"]) == 100 * first.ci.cache_hit_rate
    assert float(values["services"]) == first.ci.services
    assert float(values["gpu_minute"]) == published_rates().gpu_minute


def test_the_explorer_needs_javascript_and_says_so():
    out = render_chart("team_costs")
    assert '<form class="team-costs__form" hidden' in out
    assert '<div class="team-costs__summary" hidden' in out
    assert "The explorer needs JavaScript" in out


def test_the_explorers_data_carries_the_inputs_names_and_the_three_teams():
    data = json.loads(DATA.search(render_chart("team_costs")).group(1))
    assert data["ci"] == [f.name for f in fields(CIWork)]
    assert data["training"] == [f.name for f in fields(TrainingWork)]
    assert data["rates"] == [f.name for f in fields(Rates)]
    assert data["percent"] == sorted(tables.PERCENT)
    assert data["scenarios"] == [
        {"ci": asdict(s.ci), "training": asdict(s.training)} for s in SCENARIOS
    ]
    assert {
        "services", "linux_jobs", "windows_jobs", "macos_jobs", "models",
        "runs_per_retrain", "workers_per_label", "versions_kept",
    } == team_cost_charts.INTEGERS  # fmt: skip
