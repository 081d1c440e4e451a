"""The cost explorer: seven controls, every state computed at build time, in milliseconds.

Each combination of the controls' values is one call to
`snippets.cost_model.pipeline_costs`, which scales the per-item step seconds that
`make measure` recorded on one machine; the page embeds the results, and charts.js
only looks the chosen state up (no copy of the cost model in JavaScript). States are
stored in row-major order of CONTROLS: the last control varies fastest.
"""

from __future__ import annotations

import html
import itertools
import math
from dataclasses import dataclass

import plotly.graph_objects as go

from snippets.charts.html import figure_html, format_value, html_table, inert_json
from snippets.charts.style import OTHER_COLOURS, hover, layout
from snippets.cost_model import PipelineCosts, pipeline_costs
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.mlops_pipeline import ROWS
from snippets.wall_times import load, provenance


@dataclass(frozen=True)
class Control:
    name: str  # the keyword of pipeline_costs it sets
    label: str
    values: tuple[int, ...]
    default: int

    def text(self, value: int) -> str:
        return format_value(value)


CONTROLS = (
    Control("services", "Services (DevOps)", (10, 100, 1000), 100),
    # Item sizes ten times apart, each one that `make measure` records.
    Control("lines", "Lines per service (DevOps)", (20, 200, 2000), LINES_PER_SERVICE),
    Control("jobs", "CI matrix jobs per service (DevOps)", (1, 4, 16), 1),
    Control("datasets", "Datasets (MLOps)", (10, 100, 1000), 100),
    Control("rows", "Rows per dataset (MLOps)", (200, 2000, 20000), ROWS),
    Control("candidates", "Search candidates, 5 folds each (MLOps)", (1, 5, 20), 1),
    Control("workers", "Workers (each pipeline)", (1, 4, 16), 1),
)
PIPELINES = ("DevOps", "MLOps")
# All the work is what a bill for machine time counts; start to finish shares each
# stage's pieces (matrix jobs, search fits, items) among the workers.
MEASURES = (
    "All the work (milliseconds of compute)",
    "Start to finish (milliseconds, with the workers)",
)


def combinations() -> list[tuple[int, ...]]:
    return list(itertools.product(*(c.values for c in CONTROLS)))


def costs_at(values: tuple[int, ...]) -> PipelineCosts:
    return pipeline_costs(**{c.name: v for c, v in zip(CONTROLS, values, strict=True)})


def state(costs: PipelineCosts) -> list[list[float]]:
    """One state: the y values of each trace (MEASURES), over PIPELINES, in milliseconds to
    the microsecond (in seconds to the millisecond, one item on its own worker would
    round to 0). The data table shows it transposed: a row per pipeline."""
    return [
        [milliseconds(costs.devops.total_seconds), milliseconds(costs.mlops.total_seconds)],
        [milliseconds(costs.devops.wall_seconds), milliseconds(costs.mlops.wall_seconds)],
    ]


def milliseconds(seconds: float) -> float:
    return round(seconds * 1000, 3)


def number_text(value: float) -> str:
    """As charts.js writes a cell (toLocaleString, en-US): grouped, at most 3 decimals."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def log_range(states: list[list[list[float]]]) -> list[int]:
    """One y range, in powers of ten, that holds every state: the axis stays put as the
    controls move, and two close values look close (an automatic range would stretch
    a 15% gap across the plot)."""
    values = [v for one in states for trace in one for v in trace]
    return [math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))]


def explorer_figure(initial: list[list[float]], y_range: list[int]) -> go.Figure:
    figure = go.Figure(
        layout=layout(
            "Pipeline",
            "Milliseconds (log scale)",
            barmode="group",
            hovermode="closest",
            yaxis={
                "title": {"text": "Milliseconds (log scale)"},
                "type": "log",
                "range": y_range,
                "automargin": True,
            },
        )
    )
    for measure, ys, colour in zip(MEASURES, initial, OTHER_COLOURS, strict=False):
        figure.add_bar(
            x=list(PIPELINES),
            y=ys,
            name=measure,
            marker={"color": colour},
            hovertemplate=hover("%{x}", "%{y:,.3g} ms"),
        )
    return figure


def controls_html(states: list[list[list[float]]]) -> str:
    """Range inputs (one per control, value = index into its values) and the states.
    Each input has its own <label>, and its <output> (the value shown) sits beside it:
    a label may hold only one labelable element, and an <output> is one."""
    fields = []
    for c in CONTROLS:
        index = c.values.index(c.default)
        texts = [c.text(v) for v in c.values]
        control_id = f"explorer-{c.name.replace('_', '-')}"
        fields.append(
            f'<div class="chart__control"><label for="{control_id}">{html.escape(c.label)}</label>'
            f'<input type="range" id="{control_id}" name="{c.name}" min="0" '
            f'max="{len(c.values) - 1}" step="1" value="{index}" '
            f'aria-valuetext="{html.escape(texts[index])}">'
            f'<output for="{control_id}">{html.escape(texts[index])}</output></div>'
        )
    payload = {
        "controls": [{"name": c.name, "texts": [c.text(v) for v in c.values]} for c in CONTROLS],
        "states": states,
    }
    return (
        '<form class="chart__controls" aria-label="Explorer settings">'
        + "".join(fields)
        + "</form>\n"
        + f'<div class="chart__states" hidden data-search-exclude>{inert_json(payload)}'
        + "</div>\n"
    )


def explorer() -> str:
    combos = combinations()
    states = [state(costs_at(values)) for values in combos]
    default = tuple(c.default for c in CONTROLS)
    initial = states[combos.index(default)]
    # The table shows the state the chart shows (charts.js refills its cells when a
    # control moves); all the states as rows would be thousands of elements.
    table = html_table(
        ["Pipeline", *MEASURES],
        [
            [pipeline, *(number_text(v) for v in column)]
            for pipeline, column in zip(PIPELINES, zip(*initial, strict=True), strict=True)
        ],
    )
    start = costs_at(default)
    caption = (
        f"Move the controls to see which side does more work and which finishes later: at "
        f"the start ({start.devops.items} services of {LINES_PER_SERVICE} lines, "
        f"{start.mlops.items} datasets of {ROWS} rows, no matrix, no search, one worker) "
        f"DevOps does {start.devops.total_seconds * 1000:,.0f} ms of work and MLOps "
        f"{start.mlops.total_seconds * 1000:,.0f} ms."
    )
    note = (
        f"The cost model (snippets/cost_model.py) scales the milliseconds per item of each "
        f"step that 'make measure' recorded; all {len(states):,} states were computed when the "
        f"site was built. All the work counts every matrix job and search fit; start to "
        f"finish lets the workers run a stage's jobs, fits or items at once. "
        f"{provenance(load())}"
    )
    return figure_html(
        explorer_figure(initial, log_range(states)),
        "explorer",
        caption,
        table=table,
        controls=controls_html(states),
        note=note,
    )
