"""Charts (docs/assets/javascripts/charts.js) render in Chromium: each draws an SVG with
one trace per trace in its figure, the explorer's controls change the data, the
palette switch re-themes them, and they still draw after instant navigation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

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


# plotly.js draws a chart as SVG layers laid over one another by its own CSS; without that
# CSS they stack down the page, over the text below the chart.
UNLAYERED_CHARTS = """() => [...document.querySelectorAll("article figure.chart .chart__plot")]
  .filter(plot => new Set([...plot.querySelectorAll("svg.main-svg")]
    .map(svg => Math.round(svg.getBoundingClientRect().top))).size > 1)
  .map(plot => plot.closest("figure").id)"""


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
        page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
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


def test_charts_draw_after_instant_navigation_away_and_back(open_public_page) -> None:
    """Material 9.8.2 navigates instantly only to URLs in sitemap.xml, rebased to the
    current protocol and host name but not port or path; so from 127.0.0.1:PORT/ every
    click is a full load. The browser is therefore shown the site at its public address
    (site_url), each request answered by the local server: no request leaves the machine.
    """
    page, watched, _ = open_public_page(CHART_PAGE)
    draw_every_chart(page)
    assert page.evaluate(UNLAYERED_CHARTS) == []
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
    assert page.evaluate(UNLAYERED_CHARTS) == [], "plotly.js's CSS is gone from the page"
    assert not watched.problems(), watched.problems()


# Each line of each hover label: [fill and opacity of the box under it, its own fill
# and opacity, its text].
# A series' name that plotly writes beside a tooltip (hovermode "closest") is drawn in
# the series' colour whatever the layout says; whether it shows is the figure's choice
# (its hovertemplate, snippets/charts/), so it is not judged here.
HOVER_COLOURS = """plot => [...plot.querySelectorAll(".hoverlayer > g")].flatMap(label => {
  const box = label.querySelector("rect.bg, path");
  const style = el => getComputedStyle(el);
  const alpha = el => Number(style(el).fillOpacity) * Number(style(el).opacity);
  return [...label.querySelectorAll("text:not(.name)")].filter(t => t.textContent.trim())
    .map(t => [style(box).fill, alpha(box), style(t).fill, alpha(t), t.textContent]);
})"""


def rgba(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", colour)]
    return (*parts[:3], (parts[3] if len(parts) > 3 else 1.0) * alpha)


def over(top: tuple[float, ...], below: tuple[float, ...]) -> tuple[float, ...]:
    a = top[3]
    return (*(a * t + (1 - a) * b for t, b in zip(top[:3], below[:3], strict=True)), 1.0)


def contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two opaque sRGB colours (0-255)."""

    def luminance(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Where the first trace's middle point is drawn, in the page: plotly labels a point
# only within a few pixels of it (for a bar: halfway between its top and the axis). A
# bar of zero length has no middle to hover, so the middle of the bars drawn is taken.
MIDDLE_POINT = """plot => {
  const xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
  const box = plot.getBoundingClientRect();
  const points = plot.calcdata[0].filter(point => !("s" in point) || point.s !== 0);
  const point = points[Math.floor(points.length / 2)];
  if (!("p" in point))
    return [box.left + xa._offset + xa.c2p(point.x), box.top + ya._offset + ya.c2p(point.y)];
  if (plot._fullData[0].orientation === "h") {  // a bar along x: halfway along it
    const start = xa.c2p("s0" in point ? point.s0 : 0);
    const end = xa.c2p("s1" in point ? point.s1 : point.s);
    return [box.left + xa._offset + ((Number.isFinite(start) ? start : 0) + end) / 2,
            box.top + ya._offset + ya.c2p(point.p)];
  }
  const top = ya.c2p("s1" in point ? point.s1 : point.s);
  return [box.left + xa._offset + xa.c2p(point.p), box.top + ya._offset + (top + ya._length) / 2];
}"""


def hover_contrasts(page, figure) -> list[tuple[str, float]]:
    """Hover a data point; (text, contrast with its box) for each line of the label."""
    plot = figure.locator(".chart__plot")
    plot.evaluate("plot => plot.scrollIntoView({block: 'center'})")
    x, y = plot.evaluate(MIDDLE_POINT)
    page.mouse.move(x - 4, y - 4)
    page.mouse.move(x, y, steps=3)
    try:
        page.wait_for_function(
            "plot => plot.querySelector('.hoverlayer > g')",
            arg=plot.element_handle(),
            timeout=5_000,
        )
    except PlaywrightTimeoutError:
        return []
    page_bg = rgba(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    found = []
    for box_fill, box_alpha, fill, alpha, text in plot.evaluate(HOVER_COLOURS):
        box = over(rgba(box_fill, box_alpha), page_bg)
        found.append((text, contrast(over(rgba(fill, alpha), box), box)))
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_tooltips_are_readable_in_either_scheme_and_after_a_switch(
    built_site: Path, open_page, scheme: str
) -> None:
    """Every chart's hover label: its text on its box at 4.5:1 or more (dark text on
    white, or light on dark), on load and after the reader switches the scheme."""
    faint = []
    for path in chart_pages(built_site):
        page, watched = open_page(path, color_scheme=scheme)
        draw_every_chart(page)
        for switched in (False, True):
            if switched:  # system -> light -> dark: two clicks reach the other scheme
                before = page.locator("body").get_attribute("data-md-color-scheme")
                while page.locator("body").get_attribute("data-md-color-scheme") == before:
                    page.locator(
                        "form[data-md-component=palette] label.md-header__button:visible"
                    ).click()
            for figure in page.locator("article figure.chart").all():
                seen = hover_contrasts(page, figure)
                assert seen, (
                    f"/{path} {figure.get_attribute('id')} (switched: {switched}): no label"
                )
                faint += [
                    f"/{path} {figure.get_attribute('id')} {'after a switch' if switched else ''}: "
                    f"{text!r} at {ratio:.1f}:1"
                    for text, ratio in seen
                    if ratio < 4.5
                ]
                page.mouse.move(0, 0)
        assert not watched.problems(), watched.problems()
        page.context.close()
    assert not faint, "\n".join(faint)


COVERED = """control => {
  const box = control.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== control && !control.contains(hit);
}"""


@pytest.mark.parametrize(
    "viewport",
    [{"width": 412, "height": 915}, {"width": 1280, "height": 800}],
    ids=["phone", "laptop"],
)
def test_the_explorer_stays_in_view_while_each_control_is_used(open_page, viewport) -> None:
    """Each control, reached with Tab (the browser scrolls it into view) and moved with
    an arrow key: the whole chart is on screen below the header, and the control is not
    under it. (On a phone the seven controls filled a screen above the chart; on a
    laptop the chart began at the bottom edge.)"""
    page, watched = open_page(EXPLORER_PAGE, viewport=viewport)
    explorer = page.locator("figure#chart-explorer")
    explorer.scroll_into_view_if_needed()
    expect(explorer).to_have_attribute("data-chart-state", "ready", timeout=20_000)
    header = page.locator(".md-header").bounding_box()
    plot = explorer.locator(".chart__plot")
    out_of_view = []
    for control in explorer.locator("form.chart__controls input[type=range]").all():
        control.focus()
        control.press(
            "ArrowRight" if control.input_value() != control.get_attribute("max") else "ArrowLeft"
        )
        page.wait_for_timeout(100)
        box = plot.bounding_box()
        name = control.get_attribute("name")
        if (
            box["y"] < header["y"] + header["height"] - 1
            or box["y"] + box["height"] > viewport["height"] + 1
        ):
            out_of_view.append(
                f"{name}: the chart spans {box['y']:.0f}-{box['y'] + box['height']:.0f} px"
            )
        if control.evaluate(COVERED):
            out_of_view.append(f"{name}: the control is covered")
    assert not out_of_view, out_of_view
    assert not watched.problems(), watched.problems()
