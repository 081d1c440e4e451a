"""The real-costs page's tables and explorer show what the team cost model computes."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, fields, replace
from pathlib import Path

import pytest

from snippets import team_cost_tables as tables
from snippets.charts import CHARTS, team_cost_charts
from snippets.tables import TABLES
from snippets.team_costs import (
    CI_RUNNER,
    DEVOPS,
    GROUPS,
    LLM_TEAM,
    ML_HEAVY,
    MLOPS,
    PRODUCT,
    SCENARIOS,
    SERVICE_HEAVY,
    ModelWork,
    Rates,
    ServiceWork,
    a100_rates,
    doubled,
    load_prices,
    load_training_runs,
    month,
    published_rates,
    retraining,
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
        assert TABLES[name]() == function()


def test_the_prices_table_shows_every_price_its_unit_source_and_date():
    rows = cells(tables.prices_table())
    prices = list(load_prices().values())
    assert len(rows) == len(prices)
    for row, price in zip(rows, prices, strict=True):
        label, value, unit, an_hour, source = row
        assert (label, float(value), unit) == (price.label, price.value, price.unit)
        assert f"(references.md#{price.reference})" in source and str(price.read) in source
        # Machines compare by the hour, whether priced by the minute or the hour.
        hourly = {"USD per minute": 60 * price.value, "USD per hour": price.value}
        if unit in hourly:
            assert float(an_hour) == pytest.approx(hourly[unit], abs=0.005)
        else:
            assert an_hour == ""


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
    names = [f.name for f in fields(ServiceWork)] + [f.name for f in fields(ModelWork)]
    assert [r[0] for r in rows] == [tables.INPUT_LABELS[n] for n in names]
    shares = rows[[tables.INPUT_LABELS[n] for n in names].index("Cache hits, % of jobs")]
    assert shares[1:] == [f"{100 * s.services.cache_hit_rate:.0f}" for s in SCENARIOS]


def test_the_months_table_gives_each_driver_each_groups_total_and_each_practices_largest():
    rows = {r[0]: r[1:] for r in cells(tables.months_table())}
    months = [month(s.services, s.models) for s in SCENARIOS]
    for i, driver in enumerate(months[0].drivers):
        assert rows[f"{driver.side}: {driver.name}"] == [
            f"${m.drivers[i].dollars:,.2f}" for m in months
        ]
    # Three groups, in order; the serving drivers are running the product's alone.
    assert [d.side for d in months[0].drivers] == sorted(
        (d.side for d in months[0].drivers), key=GROUPS.index
    )
    serving = {d.name for d in months[0].drivers if d.side == PRODUCT}
    assert serving == {"Serving the services", "Serving models on GPUs", "Serving models on CPUs"}
    for side in GROUPS:
        assert rows[f"**{side}, all drivers**"] == [f"**${m.dollars(side):,.2f}**" for m in months]
    # Without a search, a team's MLOps month loses its search runs, nothing else.
    search = [
        sum(d.dollars for d in m.drivers if d.name == "Hyperparameter search") for m in months
    ]
    assert rows["MLOps without a search"] == [
        f"${m.dollars(MLOPS) - s:,.2f}" for m, s in zip(months, search, strict=True)
    ]
    for side, machine in tables.HOURS:
        assert rows[f"{side}, {machine} hours"] == [
            tables.number(round(m.hours(side, machine), 1)) for m in months
        ]
    for side in (DEVOPS, MLOPS):
        # A practice's largest driver is a share of that practice, not of the serving.
        shown = rows[f"Largest {side} driver, its share of {side}"]
        tops = [m.largest(side) for m in months]
        assert shown == [
            f"{d.name}, {d.dollars / m.dollars(side):.0%}"
            for d, m in zip(tops, months, strict=True)
        ]
    assert not any(label.startswith("Largest driver") for label in rows)


def test_the_gpu_prices_table_prices_the_same_gpu_hours_at_both_machines():
    rows = {r[0]: r[1:] for r in cells(tables.gpu_prices_table())}
    cloud, github = published_rates().gpu_hour, 60 * load_prices()["github_gpu_minute"].value
    labels = list(rows)
    assert labels[1].endswith(f"${cloud:,.2f} an hour") and labels[2].endswith(
        f"${github:,.2f} an hour"
    )
    for i, scenario in enumerate(SCENARIOS):
        m = month(scenario.services, scenario.models)
        training = [d for d in m.drivers if d.name in {"GPU training", "Hyperparameter search"}]
        hours = sum(d.hours for d in training)
        assert rows[labels[0]][i] == tables.number(round(hours, 1))
        # The same hours at each price; the rest of the month does not change.
        assert rows[labels[1]][i] == f"${hours * cloud:,.2f}"
        assert rows[labels[2]][i] == f"${hours * github:,.2f}"
        assert rows[labels[3]][i] == f"${m.total():,.2f}"
        assert rows[labels[4]][i] == f"${m.total() + hours * (github - cloud):,.2f}"


def test_the_sensitivity_table_adds_the_share_of_the_drivers_an_input_multiplies():
    rows = {r[0]: r[1:] for r in cells(tables.sensitivity_table())}
    for name in tables.SENSITIVE:
        for scenario, shown in zip(
            SCENARIOS, rows[f"{tables.INPUT_LABELS[name]} x 2"], strict=True
        ):
            before = month(scenario.services, scenario.models)
            after = doubled(scenario, name)
            grown = month(after.services, after.models)
            assert shown == f"+{grown.total() / before.total() - 1:.0%}"
    # Linear: doubling the machines that serve the services adds their month once more.
    first = month(SCENARIOS[0].services, SCENARIOS[0].models)
    serving = next(d for d in first.drivers if d.name == "Serving the services").dollars
    assert rows["CPU machines serving each service x 2"][0] == f"+{serving / first.total():.0%}"


def test_the_quarter_table_prices_each_retraining_and_what_a_cache_skips():
    from snippets.continuous_training import DRIFT_DAY, LABELS_EVERY, QUARTER

    rows = cells(tables.quarter_table())
    _, per_retraining = retraining(ML_HEAVY.models, published_rates())
    schedule = set(range(10, QUARTER + 1, 10))
    labels = set(range(LABELS_EVERY, QUARTER + 1, LABELS_EVERY))
    assert labels <= schedule and DRIFT_DAY not in schedule
    # Drift rings from the shift until a model trains on a batch of shifted days only:
    # the first batch whose every day comes after the shift.
    stops = next(day for day in sorted(labels) if day - LABELS_EVERY + 1 >= DRIFT_DAY)
    drift = set(range(DRIFT_DAY, stops + 1))
    days = [set(), schedule, labels, drift, schedule | labels | drift]

    def trained(run_days: set[int]) -> int:
        """Runs with labels the last training lacked (the first model had none)."""
        seen = {0} | {day // LABELS_EVERY * LABELS_EVERY for day in run_days}
        return len(seen) - 1

    runs = [len(d) for d in days]
    assert [trained(d) for d in days] == [0, 3, 3, 3, 3]
    assert [int(r[1]) for r in rows] == runs and [int(r[3]) for r in rows] == [
        trained(d) for d in days
    ]
    assert [r[2] for r in rows] == [f"${n * per_retraining:,.2f}" for n in runs]
    assert [r[4] for r in rows] == [f"${trained(d) * per_retraining:,.2f}" for d in days]
    assert TABLES["continuous-training-cost"] is tables.quarter_table


# ---- The explorer -------------------------------------------------------------------

FIGURE = re.compile(r'<div class="chart__figure" hidden data-search-exclude>(.*?)</div>')
DATA = re.compile(r'<div class="team-costs__data" hidden data-search-exclude>(.*?)</div>')


def test_the_explorer_draws_the_first_teams_month_driver_by_driver():
    out = CHARTS["team_costs"]()
    figure = json.loads(FIGURE.search(out).group(1))
    first = month(SCENARIOS[0].services, SCENARIOS[0].models)
    # One trace, a bar per driver, each coloured by its group, one colour per group.
    [bars] = figure["data"]
    assert bars["x"] == [d.dollars for d in first.drivers]
    assert all(y.split(":")[0] in {DEVOPS, MLOPS, "Serving"} for y in bars["y"])
    colour = dict(zip((d.side for d in first.drivers), bars["marker"]["color"], strict=True))
    assert len(set(colour.values())) == len(GROUPS) and set(colour) == set(GROUPS)
    assert bars["marker"]["color"] == [colour[d.side] for d in first.drivers]
    body = re.search(r"<tbody>(.*)</tbody>", out).group(1)
    assert body.count("<tr>") == len(first.drivers)
    text = html.unescape(out)
    for side in GROUPS:
        assert f'data-total="{side}">${first.dollars(side):,.2f}<' in text
    for side in (DEVOPS, MLOPS):
        top = first.largest(side)
        share = top.dollars / first.dollars(side)
        assert f'data-largest="{side}">{top.name}, {share:.0%} of {side}<' in text


def test_the_explorer_has_a_labelled_input_for_every_input_and_price():
    out = CHARTS["team_costs"]()
    inputs = re.findall(r'<input type="number" id="([\w-]+)" name="(\w+)"', out)
    names = [n for _, n in inputs]
    assert names == [f.name for group in (ServiceWork, ModelWork, Rates) for f in fields(group)]
    labels = re.findall(r'<label for="([\w-]+)">', out)
    assert labels == [i for i, _ in inputs] and len(set(labels)) == len(labels)
    # Counts take whole numbers; shares are entered in %.
    assert re.search(r'name="services" min="0" step="1"', out)
    assert re.search(r'name="cache_hit_rate" min="0" max="100" step="any"', out)
    # The form starts at the first team's inputs and the published prices.
    values = dict(re.findall(r'name="(\w+)" [^>]*value="([^"]*)"', out))
    first = SCENARIOS[0]
    assert float(values["cache_hit_rate"]) == 100 * first.services.cache_hit_rate
    assert float(values["services"]) == first.services.services
    assert float(values["gpu_hour"]) == published_rates().gpu_hour


def test_the_explorer_needs_javascript_and_says_so():
    out = CHARTS["team_costs"]()
    assert '<form class="team-costs__form" hidden' in out
    assert '<div class="team-costs__summary" hidden' in out
    assert "The explorer needs JavaScript" in out


def test_the_explorer_brings_its_own_script_and_no_inline_code():
    """team-costs.js is loaded by the explorer's HTML, so only its page fetches it; the
    path is relative to that page, one folder below the site's root."""
    out = CHARTS["team_costs"]()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", out, re.S)
    assert scripts == [(f' src="{team_cost_charts.SCRIPT}" defer', "")]
    assert team_cost_charts.SCRIPT == "../assets/javascripts/team-costs.js"
    page = Path(__file__).resolve().parents[2] / "docs" / "real-costs" / "index.html"
    assert (page.parent / team_cost_charts.SCRIPT).resolve().is_file()


def test_the_explorers_data_carries_the_inputs_names_and_the_three_teams():
    data = json.loads(DATA.search(CHARTS["team_costs"]()).group(1))
    assert data["services"] == [f.name for f in fields(ServiceWork)]
    assert data["models"] == [f.name for f in fields(ModelWork)]
    assert data["rates"] == [f.name for f in fields(Rates)]
    assert data["percent"] == sorted(tables.PERCENT)
    assert data["scenarios"] == [
        {"services": asdict(s.services), "models": asdict(s.models)} for s in SCENARIOS
    ]
    assert {
        "services", "linux_jobs", "windows_jobs", "macos_jobs", "models",
        "runs_per_retrain", "workers_per_label", "versions_kept",
    } == team_cost_charts.INTEGERS  # fmt: skip


def test_the_fourth_teams_table_shows_what_its_a100_training_costs():
    """real-costs.md: the fourth team's search is its largest MLOps driver; its MLOps
    practice costs more than the first team's CI; without the search, less than the
    second team's MLOps practice; its runs are Alpaca's device-hours at the A100's price."""
    rows = {row[0]: row[1:] for row in cells(tables.current_gpus_table())}
    rates = a100_rates()
    assert rates.gpu_hour == load_prices()["gpu_a100_hour"].value > published_rates().gpu_hour
    assert rows["Its price an hour"][1:] == [
        f"${published_rates().gpu_hour:,.2f}",
        f"${rates.gpu_hour:,.2f}",
    ]
    alpaca = {r.key: r for r in load_training_runs()}["alpaca_finetuning"]
    assert LLM_TEAM.models.gpu_hours_per_run == alpaca.devices[0] * alpaca.hours
    assert rows["GPU hours per training run"][2] == f"{alpaca.devices[0] * alpaca.hours:,.0f}"
    first = month(SERVICE_HEAVY.services, SERVICE_HEAVY.models)
    second = month(ML_HEAVY.services, ML_HEAVY.models)
    fourth = month(LLM_TEAM.services, LLM_TEAM.models, rates)
    ci = sum(d.dollars for d in first.drivers if d.machine == CI_RUNNER)
    assert second.dollars(MLOPS) < ci < fourth.dollars(MLOPS)
    assert fourth.largest(MLOPS).name == "Hyperparameter search"
    assert fourth.largest().name == "Hyperparameter search"  # the recap's words
    training = sum(d.dollars for d in fourth.drivers if d.name in tables.TRAINING)
    assert training > fourth.dollars(MLOPS) / 2  # "most of" its MLOps practice
    plain = month(LLM_TEAM.services, replace(LLM_TEAM.models, runs_per_retrain=1), rates)
    assert plain.dollars(MLOPS) < second.dollars(MLOPS)
    assert rows["**MLOps, all drivers**"][2] == f"**${fourth.dollars(MLOPS):,.2f}**"
    assert rows["MLOps without a search"][2] == f"${plain.dollars(MLOPS):,.2f}"
    assert rows["DevOps: CI"][0] == f"${ci:,.2f}"
    # The same services: the fourth team's DevOps practice is the second's.
    assert rows["**DevOps, all drivers**"][1] == rows["**DevOps, all drivers**"][2]
    # Priced at the T4, the same training would cost the T4's share of it.
    at_t4 = month(LLM_TEAM.services, LLM_TEAM.models)
    t4 = sum(d.dollars for d in at_t4.drivers if d.name in tables.TRAINING)
    assert t4 == pytest.approx(training * published_rates().gpu_hour / rates.gpu_hour)
