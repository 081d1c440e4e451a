"""Charts (docs/assets/javascripts/charts.js) render in Chromium: each draws an SVG with
one trace per trace in its figure, the explorer's controls change the data, the
palette switch re-themes them, and they still draw after instant navigation."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import watch
from tests.conftest import published_url
from tools.serve import site_pages
from tools.sizes import chart_count

pytestmark = pytest.mark.browser

CHART_PAGE = "performance/"
EXPLORER_PAGE = "cost-drivers/"


def draw_every_chart(page) -> dict[str, tuple[int, int]]:
    """Scroll each chart into view (plotly.js loads when one comes near) and wait until
    it is drawn. Returns {chart id: (traces in its figure JSON, traces in the SVG)}."""
    counts = {}
    for figure in page.locator("article figure.chart").all():
        figure.scroll_into_view_if_needed()
        chart = figure.get_attribute("id")
        expect(figure, f"{chart} did not draw").to_have_attribute(
            "data-chart-state", "ready", timeout=20_000
        )
        spec = json.loads(figure.locator(".chart__figure").text_content())
        drawn = figure.locator(".chart__plot svg.main-svg g.trace").count()
        counts[chart] = (len(spec["data"]), drawn)
    return counts


def chart_pages(built_site: Path) -> list[str]:
    return [
        path
        for path in site_pages(built_site)
        if chart_count((built_site / path / "index.html").read_text(encoding="utf-8"))
    ]


def test_every_chart_on_every_page_draws_its_traces(built_site: Path, open_page) -> None:
    pages = chart_pages(built_site)
    assert CHART_PAGE in pages and EXPLORER_PAGE in pages
    for path in pages:
        page, watched = open_page(path)
        built = (built_site / path / "index.html").read_text(encoding="utf-8")
        markers = chart_count(built)
        counts = draw_every_chart(page)
        assert len(counts) == markers >= 1
        assert all(expected == drawn > 0 for expected, drawn in counts.values()), counts
        # plotly.js is loaded once per page view, however many charts the page has.
        assert page.locator("script#plotly-bundle").count() == 1
        assert not watched.problems(), watched.problems()
        page.context.close()


# Lighthouse's mobile screen. A chart in (or within charts.js's margin of) the first
# screen would load and run plotly.js with the page: about a second of blocking time on
# a mid-range phone, the whole of the page's performance budget.
PHONE = {"width": 412, "height": 823}


# Resolves once charts.js watches every chart and its observer has reported where each
# one is: an observer made later, as this one is, reports in the same task or a later
# one, after the earlier observers' callbacks (which start a chart near the screen).
OBSERVED = """() => new Promise(done => {
  const observer = new IntersectionObserver(() => { observer.disconnect(); done(); });
  observer.observe(document.querySelector("article figure.chart"));
})"""


def observed(page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('article figure.chart')]"
        ".every(figure => figure.hasAttribute('data-chart-state'))"
    )
    page.evaluate(OBSERVED)


def test_no_chart_page_loads_plotly_before_the_reader_scrolls_on_a_phone(
    built_site: Path, open_page
) -> None:
    for path in chart_pages(built_site):
        page, watched = open_page(path, viewport=PHONE, is_mobile=True)
        observed(page)
        first_chart = page.locator("article figure.chart").first.evaluate(
            "figure => Math.round(figure.getBoundingClientRect().top)"
        )
        assert page.locator("script#plotly-bundle").count() == 0, (
            f"/{path}: plotly.js loads with the page; its first chart is {first_chart}px "
            f"down, so move it below a phone's first screen ({PHONE['height']}px + margin)"
        )
        assert not watched.problems(), watched.problems()
        page.context.close()


def plot_values(figure) -> list[list[float]]:
    return figure.locator(".chart__plot").evaluate("plot => plot.data.map(t => [...t.y])")


def table_values(figure) -> list[list[float]]:
    """The explorer's data table (one row per pipeline, then a column per trace) as
    the plot holds it: per trace, a value per pipeline. Read even while collapsed."""
    rows = figure.locator(".chart__data tbody tr").all()
    cells = [
        [float(cell.text_content().replace(",", "")) for cell in row.locator("td").all()[1:]]
        for row in rows
    ]
    return [list(column) for column in zip(*cells, strict=True)]


def test_explorer_controls_change_the_data(open_page) -> None:
    page, watched = open_page(EXPLORER_PAGE)
    explorer = page.locator("figure#chart-explorer")
    explorer.scroll_into_view_if_needed()
    expect(explorer).to_have_attribute("data-chart-state", "ready", timeout=20_000)
    bars = explorer.locator("g.trace path").first
    before = plot_values(explorer), bars.get_attribute("d")
    assert table_values(explorer) == before[0], "the table and the plot disagree"

    for control in explorer.locator("form.chart__controls input[type=range]").all():
        name, value = control.get_attribute("name"), control.input_value()
        output = control.locator("xpath=following-sibling::output")
        shown = output.inner_text()
        # Move it to another position: the output, the plot and the table follow.
        other = "0" if value != "0" else control.get_attribute("max")
        control.fill(other)
        expect(output, f"{name}'s output").not_to_have_text(shown)
        assert control.get_attribute("aria-valuetext") == output.inner_text()
        after = plot_values(explorer)
        assert after != before[0], f"moving {name} did not change the plotted data"
        assert table_values(explorer) == after, f"after {name}, the table and plot disagree"
        control.fill(value)  # back, so each control is tried from the same state
        assert plot_values(explorer) == before[0], f"{name} back: not the first state"
    assert bars.get_attribute("d") == before[1]
    assert not watched.problems(), watched.problems()


def tick_colour(page) -> str:
    return page.locator("figure.chart .xtick text").first.evaluate(
        "text => getComputedStyle(text).fill"
    )


def test_palette_switch_rethemes_the_charts(open_page) -> None:
    page, watched = open_page(CHART_PAGE, color_scheme="light")
    draw_every_chart(page)
    light = tick_colour(page)
    # The switch cycles system -> light -> dark; click until the dark scheme is on.
    for _ in range(3):
        if page.locator("body").get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-site-palette] label.md-header__button:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.wait_for_function(
        "old => getComputedStyle(document.querySelector('figure.chart .xtick text')).fill !== old",
        arg=light,
        timeout=10_000,
    )
    dark = tick_colour(page)
    # Every chart took the dark text colour, not just the first.
    colours = page.locator("figure.chart .xtick text").evaluate_all(
        "texts => [...new Set(texts.map(t => getComputedStyle(t).fill))]"
    )
    assert colours == [dark] and dark != light
    assert not watched.problems(), watched.problems()


def test_charts_draw_after_instant_navigation_away_and_back(
    built_site: Path, site_url: str, new_context
) -> None:
    """Material 9.8.2 navigates instantly only to URLs in sitemap.xml, rebased to the
    current protocol and host name but not port or path; so from 127.0.0.1:PORT/ every
    click is a full load. The browser is therefore shown the site at its public address
    (site_url), each request answered by the local server: no request leaves the machine.
    """
    public = published_url(built_site)
    context = new_context()
    context.route(
        f"{public}**",
        lambda route: route.fulfill(
            response=route.fetch(url=site_url + route.request.url.removeprefix(public))
        ),
    )
    page = context.new_page()
    watched = watch(page, urlsplit(public).netloc)
    page.goto(public + CHART_PAGE)
    draw_every_chart(page)
    # A flag in the page's window survives instant navigation, not a full reload.
    page.evaluate("window.stillTheSameDocument = true")
    page.locator('nav.md-nav--primary a.md-nav__link[href$="glossary/"]').first.click()
    page.wait_for_url("**/glossary/")
    expect(page.locator("article h1")).to_contain_text("Glossary")
    page.locator('nav.md-nav--primary a.md-nav__link[href$="performance/"]').first.click()
    page.wait_for_url(f"**/{CHART_PAGE}")
    # The URL changes first, then the content is swapped in.
    expect(page.locator("article figure.chart").first).to_be_attached()
    assert page.evaluate("window.stillTheSameDocument === true"), "a full reload, not instant"
    counts = draw_every_chart(page)
    assert counts and all(expected == drawn > 0 for expected, drawn in counts.values()), counts
    assert not watched.problems(), watched.problems()
