"""The team cost explorer (docs/real-costs.md, assets/javascripts/team-costs.js): its
JavaScript copy of the model gives the Python model's numbers, to the cent and the
minute, on many inputs; the page shows them as the reader types, keeps the result in
view on a phone, and says it needs JavaScript when there is none. Its script is fetched
by its own page only, and works when the reader arrives by instant navigation."""

from __future__ import annotations

import math
import random
from dataclasses import asdict, fields, replace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from snippets.team_cost_tables import PERCENT
from snippets.team_costs import (
    GROUPS,
    PRACTICES,
    SCENARIOS,
    ModelWork,
    Rates,
    ServiceWork,
    grouped,
    models_month,
    month,
    published_rates,
    services_month,
)

pytestmark = pytest.mark.browser

PAGE = "real-costs/"
SCRIPT = "assets/javascripts/team-costs.js"
EXPLORER = "#team-costs-explorer"
PHONE = {"width": 412, "height": 915}
CASES = 300


def random_case(rng: random.Random) -> tuple[ServiceWork, ModelWork, Rates]:
    """Inputs a reader could type: whole counts, minutes and hours with decimals (some
    landing exactly on whole minutes), shares from 0 to 1, prices of a few cents."""

    def minutes() -> float:
        return rng.choice([rng.randint(0, 30), round(rng.uniform(0, 30), rng.randint(1, 3))])

    def hours(high: float) -> float:
        return rng.choice([0, round(rng.uniform(0, high), 2), 0.1 + 0.2])

    services = ServiceWork(
        services=rng.randint(0, 200),
        runs_per_service=rng.choice([rng.randint(0, 500), round(rng.uniform(0, 500), 1)]),
        linux_jobs=rng.randint(0, 12),
        windows_jobs=rng.randint(0, 6),
        macos_jobs=rng.randint(0, 6),
        test_minutes=minutes(),
        integration_minutes=rng.choice([0, minutes()]),
        install_minutes=minutes(),
        cached_install_minutes=minutes(),
        cache_hit_rate=rng.choice([0, 1, round(rng.random(), 2)]),
        rerun_rate=rng.choice([0, round(rng.random() / 4, 3)]),
        image_builds_per_service=rng.randint(0, 60),
        image_build_minutes=minutes(),
        stored_gb_per_service=round(rng.uniform(0, 500), 1),
        environment_machines_per_service=rng.choice([0, 0.25, round(rng.uniform(0, 4), 2)]),
        serving_machines_per_service=rng.choice([0, 1, round(rng.uniform(0, 8), 2)]),
    )
    models = ModelWork(
        models=rng.randint(0, 50),
        retrains_per_model=rng.choice([rng.randint(0, 30), round(rng.uniform(0, 30), 2)]),
        gpu_hours_per_run=hours(100),
        runs_per_retrain=rng.randint(1, 101),
        cpu_hours_per_retrain=round(rng.uniform(0, 20), 2),
        feature_hours_per_day=hours(50),
        backfills_per_month=rng.choice([0, 1, round(rng.uniform(0, 3), 2)]),
        backfill_days=rng.choice([0, 30, 365, rng.randint(0, 1000)]),
        labels_per_month=rng.randint(0, 1_000_000),
        workers_per_label=rng.randint(1, 9),
        gb_per_version=round(rng.uniform(0, 2_000), 1),
        versions_kept=rng.randint(0, 100),
        staging_gpus_per_model=rng.choice([0, 0.25, round(rng.uniform(0, 2), 2)]),
        gpu_serving_per_model=rng.choice([0, 1, round(rng.uniform(0, 4), 2)]),
        cpu_serving_per_model=rng.choice([0, 0.5, round(rng.uniform(0, 4), 2)]),
    )
    rates = Rates(
        **{f.name: round(rng.uniform(0.001, 5), rng.randint(2, 6)) for f in fields(Rates)}
    )
    return services, models, rates


def signed(drivers: list[dict]) -> list[dict]:
    """Each number with its sign, so that -0.0 and 0.0 differ."""
    return [
        {k: (v, math.copysign(1, v)) if isinstance(v, int | float) else v for k, v in d.items()}
        for d in drivers
    ]


def test_the_javascript_model_gives_the_python_models_numbers(open_page) -> None:
    rng = random.Random(20261207)
    cases = [random_case(rng) for _ in range(CASES)]
    cases += [(s.services, s.models, published_rates()) for s in SCENARIOS]
    page, watched = open_page(PAGE)
    computed = page.evaluate(
        "cases => cases.map(c => window.teamCosts.compute(c[0], c[1], c[2]))",
        [[asdict(services), asdict(models), asdict(rates)] for services, models, rates in cases],
    )
    for (services, models, rates), drivers in zip(cases, computed, strict=True):
        expected = [
            asdict(d)
            for d in grouped([*services_month(services, rates), *models_month(models, rates)])
        ]
        # The same formulas in the same order of arithmetic: the same doubles, so the
        # same cents and minutes (compared exactly, not within a tolerance), and no -0
        # that a page would print as "$-0.00".
        assert signed(drivers) == signed(expected), (services, models, rates)
    assert not watched.problems(), watched.problems()


def summary(page) -> tuple[str, ...]:
    box = page.locator(f"{EXPLORER} .team-costs__summary")
    totals = [box.locator(f'[data-total="{side}"]').inner_text() for side in GROUPS]
    largest = [box.locator(f'[data-largest="{side}"]').inner_text() for side in PRACTICES]
    return (*totals, *largest)


def expected_summary(m) -> tuple[str, ...]:
    """Each group's dollars, and each practice's largest driver as a share of that
    practice: the machines that serve count in neither."""
    totals = [f"${m.dollars(side):,.2f}" for side in GROUPS]
    largest = [
        f"{m.largest(side).name}, {m.share(m.largest(side)):.0%} of {side}" for side in PRACTICES
    ]
    return (*totals, *largest)


def test_each_team_loads_and_the_page_shows_its_month(open_page) -> None:
    page, watched = open_page(PAGE)
    figure, explorer = page.locator("#chart-team-costs"), page.locator(EXPLORER)
    expect(explorer.locator(".team-costs__form")).to_be_visible()
    expect(figure.locator(".team-costs__needs-js")).to_be_hidden()
    for index, scenario in enumerate(SCENARIOS):
        explorer.locator(f'button[data-scenario="{index}"]').click()
        m = month(scenario.services, scenario.models)
        assert summary(page) == expected_summary(m)
        shown = figure.locator(".chart__data tbody tr td:last-child").all_text_contents()
        assert shown == [f"${d.dollars:,.2f}" for d in m.drivers]
        machines = figure.locator(".chart__data tbody tr td:nth-child(2)").all_text_contents()
        assert machines == [d.machine or "none" for d in m.drivers]
    assert not watched.problems(), watched.problems()


def test_typing_a_number_updates_the_month_and_a_wrong_one_says_what_to_fix(open_page) -> None:
    page, _ = open_page(PAGE)
    explorer = page.locator(EXPLORER)
    explorer.locator('button[data-scenario="1"]').click()
    changed = replace(SCENARIOS[1].models, labels_per_month=90_000)
    field = explorer.locator('input[name="labels_per_month"]')
    field.fill("")
    field.press_sequentially("90000")  # as a reader types it, one key at a time
    assert summary(page) == expected_summary(month(SCENARIOS[1].services, changed))
    error = explorer.locator(".team-costs__error")
    expect(error).to_be_hidden()
    explorer.locator('input[name="macos_jobs"]').fill("-1")
    expect(error).to_be_visible()
    expect(error).to_contain_text("macOS jobs per run")
    assert explorer.locator('input[name="macos_jobs"]').get_attribute("aria-invalid") == "true"
    # The figures stay those of the last valid inputs.
    assert summary(page) == expected_summary(month(SCENARIOS[1].services, changed))
    explorer.locator('input[name="macos_jobs"]').fill("0")
    expect(error).to_be_hidden()


def test_percent_inputs_and_prices_feed_the_model(open_page) -> None:
    page, _ = open_page(PAGE)
    explorer = page.locator(EXPLORER)
    first = SCENARIOS[0]
    explorer.locator('input[name="cache_hit_rate"]').fill("50")
    explorer.locator('input[name="macos_minute"]').fill("0.1")
    services = replace(first.services, cache_hit_rate=0.5)  # entered as a percentage
    rates = replace(published_rates(), macos_minute=0.1)
    assert summary(page) == expected_summary(month(services, first.models, rates))
    assert set(PERCENT) == {"cache_hit_rate", "rerun_rate"}


def test_on_a_phone_the_result_stays_in_view_beside_the_input_being_typed(open_page) -> None:
    page, _ = open_page(PAGE, viewport=PHONE, is_mobile=True)
    box = page.locator(f"{EXPLORER} .team-costs__summary")
    inputs = page.locator(f"{EXPLORER} .team-costs__form input")
    for index in range(inputs.count()):
        field = inputs.nth(index)
        field.focus()  # the browser scrolls a focused field into view, as Tab does
        page.wait_for_timeout(50)
        field_box, result = field.bounding_box(), box.bounding_box()
        name = field.get_attribute("name")
        assert result["y"] >= 0 and result["y"] + result["height"] <= PHONE["height"], name
        assert field_box["y"] + field_box["height"] <= result["y"], f"{name} is under the result"
        assert field_box["y"] >= 48, f"{name} is under the page header"


def test_without_javascript_the_page_says_the_explorer_needs_it(open_page) -> None:
    page, _ = open_page(PAGE, java_script_enabled=False)
    explorer = page.locator(EXPLORER)
    assert page.locator("#chart-team-costs .team-costs__needs-js").is_visible()
    assert not explorer.locator(".team-costs__form").is_visible()
    assert not explorer.locator(".team-costs__summary").is_visible()


def test_the_bars_show_the_readers_month_whenever_the_chart_is_drawn(open_page) -> None:
    """charts.js draws the first team's month when the chart nears the screen; inputs
    changed before that, and after, are what the bars show."""
    page, watched = open_page(PAGE)
    figure, explorer = page.locator("#chart-team-costs"), page.locator(EXPLORER)
    explorer.locator('button[data-scenario="1"]').click()  # before the chart is drawn
    figure.locator(".chart__plot").scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-chart-state", "ready", timeout=20_000)

    def bars() -> list[list[float]]:
        return page.evaluate(
            "() => document.querySelector('#chart-team-costs .chart__plot').data.map(t => t.x)"
        )

    def drawn(m) -> list[list[float]]:
        return [[d.dollars for d in m.drivers]]  # one trace, a bar per driver

    scenario = SCENARIOS[1]
    assert bars() == drawn(month(scenario.services, scenario.models))
    explorer.locator('input[name="gpu_hours_per_run"]').fill("6")
    changed = replace(scenario.models, gpu_hours_per_run=6)
    assert bars() == drawn(month(scenario.services, changed))
    assert not watched.problems(), watched.problems()


def test_only_the_explorers_page_fetches_its_script(open_page) -> None:
    page, watched = open_page("")  # the home page: no explorer
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(page.url + "glossary/", wait_until="networkidle")
    page.goto(page.url.replace("glossary/", PAGE), wait_until="networkidle")
    assert [p for p in fetched if p.endswith(SCRIPT)] == [f"/{SCRIPT}"]
    assert page.evaluate("typeof window.teamCosts.compute") == "function"
    assert not watched.problems(), watched.problems()


def test_the_explorer_works_after_instant_navigation_there_and_back(open_public_page) -> None:
    """Arriving without a reload, the explorer's script loads and runs; back again, it
    is set up once more without running twice."""
    page, watched, _ = open_public_page("glossary/")
    page.evaluate("window.stillTheSameDocument = true")
    assert page.evaluate("typeof window.teamCosts") == "undefined"
    scenario = SCENARIOS[1]
    for away in ("glossary/", None):
        page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{PAGE}"]').first.click()
        page.wait_for_url(f"**/{PAGE}")
        explorer = page.locator(EXPLORER)
        expect(explorer.locator(".team-costs__form")).to_be_visible()
        explorer.locator('button[data-scenario="1"]').click()
        assert summary(page) == expected_summary(month(scenario.services, scenario.models))
        if away:
            page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{away}"]').first.click()
            page.wait_for_url(f"**/{away}")
    assert page.evaluate("window.stillTheSameDocument === true"), "a full reload, not instant"
    # After the round trip, typing still updates the month.
    field = page.locator(f'{EXPLORER} input[name="labels_per_month"]')
    field.fill("90000")
    changed = replace(scenario.models, labels_per_month=90_000)
    assert summary(page) == expected_summary(month(scenario.services, changed))
    assert not watched.problems(), watched.problems()
