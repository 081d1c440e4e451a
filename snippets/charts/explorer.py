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

from snippets.charts.benchmark import DATASET_ROWS, SERVICE_LINES
from snippets.charts.html import figure_html, format_value, html_table, inert_json
from snippets.charts.style import OTHER_COLOURS, layout
from snippets.charts.wall_time import load
from snippets.cost_model import PipelineCosts, pipeline_costs
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.mlops_pipeline import ROWS


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
    Control("lines", "Lines per service (DevOps)", SERVICE_LINES, LINES_PER_SERVICE),
    Control("jobs", "CI matrix jobs per service (DevOps)", (1, 4, 16), 1),
    Control("datasets", "Datasets (MLOps)", (10, 100, 1000), 100),
    Control("rows", "Rows per dataset (MLOps)", DATASET_ROWS, ROWS),
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
        figure.add_bar(x=list(PIPELINES), y=ys, name=measure, marker={"color": colour})
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
        f"Cost explorer, in milliseconds on one machine: move the controls to change the inputs "
        f"of the cost model (snippets/cost_model.py), which scales the step times 'make "
        f"measure' recorded on {load()['measured_on']}; all {len(states):,} states were "
        f"computed when the site was built. All the work counts every matrix job and "
        f"search fit; start to finish lets the workers run a stage's jobs, fits or items "
        f"at once. At the start ({start.devops.items} services of {LINES_PER_SERVICE} "
        f"lines, {start.mlops.items} datasets of {ROWS} rows, no matrix, no "
        f"search, one worker) DevOps does {start.devops.total_seconds * 1000:,.0f} ms of work "
        f"and MLOps {start.mlops.total_seconds * 1000:,.0f} ms."
    )
    return figure_html(
        explorer_figure(initial, log_range(states)),
        "explorer",
        caption,
        table=table,
        controls=controls_html(states),
    )
