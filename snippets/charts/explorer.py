"""The cost explorer: five controls, every state computed at build time.

Each combination of the controls' values is one call to
`snippets.cost_model.pipeline_costs`; the page embeds the results, and charts.js
only looks the chosen state up (no copy of the cost model in JavaScript).
States are stored in row-major order of CONTROLS: the last control varies fastest.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass

import plotly.graph_objects as go

from snippets.charts.html import figure_html, format_value, html_table, inert_json
from snippets.charts.style import STAGE_COLOURS, layout
from snippets.cost_model import PipelineCosts, pipeline_costs


@dataclass(frozen=True)
class Control:
    name: str  # the keyword of pipeline_costs it sets
    label: str
    values: tuple[float, ...]
    default: float

    def text(self, value: float) -> str:
        return f"{value:.0%}" if self.name == "cache_hit_rate" else format_value(value)


CONTROLS = (
    Control("items", "Items (services or datasets)", (10, 100, 1000, 10000), 1000),
    Control("features", "Features per dataset", (4, 8, 16, 32), 8),
    Control("candidates", "Hyperparameter candidates", (1, 5, 20), 1),
    Control("cache_hit_rate", "Cache hit rate", (0.0, 0.5, 0.9), 0.0),
    Control("workers", "Workers", (1, 4, 16), 1),
)
PIPELINES = ("DevOps", "MLOps")
MEASURES = ("All work (operations)", "Wall-clock work (busiest worker)")


def combinations() -> list[tuple[float, ...]]:
    return list(itertools.product(*(c.values for c in CONTROLS)))


def costs_at(values: tuple[float, ...]) -> PipelineCosts:
    return pipeline_costs(**{c.name: v for c, v in zip(CONTROLS, values, strict=True)})


def state(costs: PipelineCosts) -> list[list[int]]:
    """One state: the y values of each trace (MEASURES), over PIPELINES. The data
    table shows it transposed: one row per pipeline, one column per measure."""
    return [
        [costs.devops.total_operations, costs.mlops.total_operations],
        [costs.devops.wall_operations, costs.mlops.wall_operations],
    ]


def explorer_figure(initial: list[list[int]]) -> go.Figure:
    figure = go.Figure(
        layout=layout(
            "Pipeline",
            "Unit operations (log scale)",
            barmode="group",
            hovermode="closest",
            yaxis={
                "title": {"text": "Unit operations (log scale)"},
                "type": "log",
                "dtick": 1,
                "automargin": True,
            },
        )
    )
    for measure, ys, colour in zip(MEASURES, initial, STAGE_COLOURS[2:], strict=True):
        figure.add_bar(x=list(PIPELINES), y=ys, name=measure, marker={"color": colour})
    return figure


def controls_html(states: list[list[list[int]]]) -> str:
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
    results = [costs_at(values) for values in combos]
    states = [state(costs) for costs in results]
    default = tuple(c.default for c in CONTROLS)
    initial = states[combos.index(default)]
    # The table shows the state the chart shows (charts.js updates its cells with
    # the chosen state): all 432 states as rows would be thousands of elements.
    table = html_table(
        ["Pipeline", *MEASURES],
        [
            [pipeline, *column]
            for pipeline, column in zip(PIPELINES, zip(*initial, strict=True), strict=True)
        ],
    )
    d, m = costs_at(default).devops, costs_at(default).mlops
    caption = (
        f"Cost explorer: move the controls to change the inputs of the cost model "
        f"(snippets/cost_model.py); all {len(states)} states were computed when the site "
        f"was built. At the start ({default[0]:,} items, {default[1]} features, no search, "
        f"no cache, one worker) the MLOps pipeline does "
        f"{m.total_operations / d.total_operations:,.0f} times the DevOps pipeline's work."
    )
    return figure_html(
        explorer_figure(initial), "explorer", caption, table=table, controls=controls_html(states)
    )
