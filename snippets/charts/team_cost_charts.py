"""The team cost explorer (docs/real-costs.md): a month of a team's drivers, in US
dollars, for inputs the reader types: each practice's, and running the product's apart.

The build draws the first team's month (snippets.team_costs) and writes the form, the
prices and the three teams as data; docs/assets/javascripts/team-costs.js computes the
month again in the browser whenever an input changes. Why a second copy of the model in
JavaScript rather than the Python model in the page's Pyodide: numbers typed freely have
no finite set of states to compute at build time, a JavaScript evaluator answers as the
reader types, and Pyodide costs megabytes on first use. A browser test holds the copy to
the Python model, to the cent, on many inputs.

The explorer brings its own script: a <script src> in its HTML, so that team-costs.js
is fetched by the one page that has the explorer and by no other. Material's instant
navigation re-creates the scripts of the page it swaps in, attributes and all, so the
script also loads when the reader arrives from another page without a reload; it runs
under the site's policy as any of the site's own files does.
"""

from __future__ import annotations

import html
from dataclasses import asdict, fields

import plotly.graph_objects as go

from snippets.charts.html import figure_html, html_table, inert_json
from snippets.charts.style import DEVOPS as DEVOPS_COLOUR
from snippets.charts.style import MLOPS as MLOPS_COLOUR
from snippets.charts.style import OTHER_COLOURS, hover, layout
from snippets.team_cost_tables import INPUT_LABELS, PERCENT, dollars, input_text, number
from snippets.team_costs import (
    DEVOPS,
    MLOPS,
    PRACTICES,
    PRODUCT,
    SCENARIOS,
    Driver,
    ModelWork,
    Month,
    Rates,
    ServiceWork,
    load_prices,
    month,
    published_rates,
)

CHART_ID = "team-costs"
# The explorer's script, from the page that shows it: docs/real-costs.md is built into
# real-costs/index.html, one folder below the site's root (a browser test loads it).
SCRIPT = "../assets/javascripts/team-costs.js"
INTEGERS = {f.name for work in (ServiceWork, ModelWork) for f in fields(work) if f.type == "int"}
# The chart's labels for the drivers: short, so that the bars keep their room on a phone.
SHORT_NAMES = {
    "Re-runs after flaky failures": "Flaky re-runs",
    "Storage of images and artifacts": "Image storage",
    "Staging and preview environments": "Environments",
    "Serving the services": "Services",
    "Hyperparameter search": "Search runs",
    "Validation and evaluation": "Evaluation",
    "Storage of data and model versions": "Version storage",
    "Models in staging or shadow": "Model staging",
    "Serving models on GPUs": "Models on GPUs",
    "Serving models on CPUs": "Models on CPUs",
}
RATE_LABELS = {
    "linux_minute": "Linux runner, USD per minute",
    "windows_minute": "Windows runner, USD per minute",
    "macos_minute": "macOS runner, USD per minute",
    "gpu_hour": "GPU machine for training, USD per hour",
    "gpu_serving_hour": "GPU machine for serving, USD per hour",
    "cpu_machine_hour": "CPU machine, USD per hour",
    "storage_gb_month": "Storage, USD per GB-month",
    "label_task": "Labelling, USD per task",
}
SHORT_GROUPS = {PRODUCT: "Serving"}


def month_figure(start: Month) -> go.Figure:
    """One horizontal bar per driver, coloured by group: the longest bar is the driver
    that dominates."""
    figure = go.Figure(
        layout=layout(
            "US dollars a month",
            "",
            barmode="overlay",
            hovermode="closest",
            margin={"l": 10, "r": 20, "t": 20, "b": 60},
            xaxis={
                "title": {"text": "US dollars a month"},
                "tickprefix": "$",
                "tickformat": ",~s",
                "nticks": 5,
                "automargin": True,
            },
            # One bar per driver: every label shown, small enough for 19 rows.
            yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
        )
    )
    # One trace, a bar per driver, coloured by its group: each label already names the
    # group, so no legend is needed, and one trace is less for the browser to draw.
    colours = {DEVOPS: DEVOPS_COLOUR, MLOPS: MLOPS_COLOUR, PRODUCT: OTHER_COLOURS[0]}
    drivers = start.drivers
    figure.add_bar(
        x=[d.dollars for d in drivers],
        y=[label(d) for d in drivers],
        orientation="h",
        name="Your team's month",
        showlegend=False,
        marker={"color": [colours[d.side] for d in drivers]},
        customdata=[f"{d.side}: {d.name}" for d in drivers],  # in full, not the axis label
        hovertemplate=hover("%{customdata}", "$%{x:,.2f} a month"),
    )
    return figure


def label(driver: Driver) -> str:
    """A driver's label on the chart: its group and its name, both short."""
    short = SHORT_GROUPS.get(driver.side, driver.side)
    return f"{short}: {SHORT_NAMES.get(driver.name, driver.name)}"


def month_table(start: Month) -> str:
    """The month the chart draws, driver by driver (team-costs.js refills the cells)."""
    rows = [
        [f"{d.side}: {d.name}", d.machine or "none", number(round(d.hours, 1)), dollars(d.dollars)]
        for d in start.drivers
    ]
    return html_table(["Driver", "Machine", "Machine hours", "US dollars a month"], rows)


def field_html(name: str, label: str, value: str | float, integer: bool, percent: bool) -> str:
    """A labelled number input; the label says the unit."""
    field_id = f"{CHART_ID}-{name.replace('_', '-')}"
    limits = ' max="100"' if percent else ""
    step = "1" if integer else "any"
    return (
        f'<div class="team-costs__field"><label for="{field_id}">{html.escape(label)}</label>'
        f'<input type="number" id="{field_id}" name="{name}" min="0"{limits} step="{step}" '
        f'inputmode="{"numeric" if integer else "decimal"}" value="{value}"></div>'
    )


def form_html() -> str:
    """The form: the teams to start from, then every input of the model, prices last."""
    first = SCENARIOS[0]
    buttons = "".join(
        f'<button type="button" class="md-button" data-scenario="{i}">'
        f"{html.escape(s.name)}</button>"
        for i, s in enumerate(SCENARIOS)
    )
    start = '<fieldset class="team-costs__start"><legend>Start from a team</legend>'
    sets = [f"{start}{buttons}</fieldset>"]
    for legend, work in (
        (
            "Services: their CI and environments (DevOps), and the machines that serve them",
            first.services,
        ),
        ("Models: training and data (MLOps), and the machines that serve them", first.models),
    ):
        inputs = "".join(
            field_html(
                f.name,
                INPUT_LABELS[f.name],
                input_text(f.name, getattr(work, f.name)).replace(",", ""),
                f.name in INTEGERS,
                f.name in PERCENT,
            )
            for f in fields(work)
        )
        sets.append(f"<fieldset><legend>{legend}</legend>{inputs}</fieldset>")
    rates = published_rates()
    prices = "".join(
        field_html(f.name, RATE_LABELS[f.name], getattr(rates, f.name), False, False)
        for f in fields(Rates)
    )
    sets.append(f"<fieldset><legend>Prices (from the table of prices)</legend>{prices}</fieldset>")
    label = html.escape("Your team's month")
    return f'<form class="team-costs__form" hidden aria-label="{label}">{"".join(sets)}</form>'


def summary_html(start: Month) -> str:
    """The result that stays in view while the inputs change (filled by team-costs.js):
    each practice's dollars and largest driver, and running the product's dollars apart.
    Hours, by kind of machine, are in the chart's data table."""
    largest = "; ".join(
        f'<span data-largest="{side}">{largest_text(start, side)}</span>' for side in PRACTICES
    )
    return (
        '<div class="team-costs__summary" hidden aria-live="polite">'
        f'<p>DevOps <strong data-total="DevOps">{dollars(start.dollars(DEVOPS))}</strong>, '
        f'MLOps <strong data-total="MLOps">{dollars(start.dollars(MLOPS))}</strong> a month. '
        f'Apart, running the product: <strong data-total="{PRODUCT}">'
        f"{dollars(start.dollars(PRODUCT))}</strong>.</p>"
        f"<p>Largest: {largest}.</p>"
        '<p class="team-costs__error" hidden></p>'
        "</div>"
    )


def largest_text(m: Month, side: str) -> str:
    """A practice's largest driver and its share of that practice's dollars."""
    top = m.largest(side)
    return html.escape(f"{top.name}, {m.share(top):.0%} of {side}")


def payload() -> str:
    """What team-costs.js needs: the inputs' names by group, and the three teams."""
    return inert_json(
        {
            "services": [f.name for f in fields(ServiceWork)],
            "models": [f.name for f in fields(ModelWork)],
            "rates": [f.name for f in fields(Rates)],
            "percent": sorted(PERCENT),
            "scenarios": [
                {"services": asdict(s.services), "models": asdict(s.models)} for s in SCENARIOS
            ],
        }
    )


def team_costs() -> str:
    first = SCENARIOS[0]
    start = month(first.services, first.models)
    read = max(p.read for p in load_prices().values())
    caption = (
        "Your team's month, driver by driver, in US dollars at public prices (read "
        f"{read}): change any input below the chart and the bars follow. It starts at the "
        "first team's month. The machines that serve are running the product, in their own "
        "colour: compare DevOps with MLOps without them."
    )
    # The form follows the chart rather than sitting inside it: a figure this tall,
    # scrolled to its middle, would put inputs under the page's fixed header.
    needs_js = (
        '<p class="team-costs__needs-js">The explorer needs JavaScript. Without it, the '
        "tables above give the three teams' months, and the data of this chart the first "
        "team's.</p>\n"
    )
    explorer = (
        f'<div class="team-costs" id="{CHART_ID}-explorer">\n'
        f"{form_html()}\n{summary_html(start)}\n"
        f'<div class="team-costs__data" hidden data-search-exclude>{payload()}</div>\n'
        f'<script src="{SCRIPT}" defer></script>\n'
        "</div>"
    )
    chart = figure_html(
        month_figure(start), CHART_ID, caption, table=month_table(start), controls=needs_js
    )
    return f"{chart}\n{explorer}"
