"""Charts of measured seconds, drawn from data/wall_times.json (recorded by `make measure`).

The build never times anything: these charts read what `make measure` stored, with
the date and the machine, and say so in their captions.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go

from snippets.charts.html import figure_html
from snippets.charts.style import DEVOPS, MLOPS, STAGE_COLOURS, layout, loglog_layout
from snippets.cost_model import RECORDED
from snippets.growth import fit_exponent

COLOURS = {"DevOps": DEVOPS, "MLOps": MLOPS}
LEARNER_COLOURS = ("#009E73", "#CC79A7", "#E69F00")
# What an item's size is on each side, as data/wall_times.json records it.
ITEM_SIZE = {"DevOps": ("lines", "lines"), "MLOps": ("features", "features")}


def load(path: Path = RECORDED) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def provenance(data: dict) -> str:
    """When, where and how the data was measured, for a caption."""
    m = data["machine"]
    return (
        f"The fastest of {data['repeats']} runs, measured on {data['measured_on']} by "
        f"'{data['command']}' on a machine with {m['cores']} cores (CPU: {m['cpu']}; "
        f"{m['system']}; Python {m['python']}); the build draws this recorded data and "
        f"does not measure again."
    )


def wall_time_figure(data: dict) -> go.Figure:
    runs = data["pipelines"]
    figure = go.Figure(layout=layout("Items (services or datasets)", "Seconds in the steps"))
    for name, seconds in runs["seconds"].items():
        figure.add_scatter(
            x=runs["sizes"],
            y=seconds,
            name=name,
            mode="lines+markers",
            line={"color": COLOURS[name]},
        )
    return figure


def wall_time(path: Path = RECORDED) -> str:
    data = load(path)
    runs = data["pipelines"]
    n = runs["sizes"][-1]
    per_item = {name: s[-1] / n * 1000 for name, s in runs["seconds"].items()}
    caption = (
        f"Seconds spent in the steps of each pipeline for growing numbers of items. At "
        f"{n:,} items: DevOps {per_item['DevOps']:.1f} ms per service, MLOps "
        f"{per_item['MLOps']:.1f} ms per dataset. {provenance(data)}"
    )
    return figure_html(wall_time_figure(data), "wall-time", caption)


def stage_figure(data: dict, pipeline: str) -> go.Figure:
    key, unit = ITEM_SIZE[pipeline]
    rows = data["stages"][pipeline]
    sizes = [f"{row[key]:,} {unit}" for row in rows]
    figure = go.Figure(
        layout=layout(
            f"One item's size ({unit})",
            "Milliseconds per item",
            barmode="stack",
            legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
            xaxis={"title": {"text": f"One item's size ({unit})"}, "type": "category"},
        )
    )
    for stage, colour in zip(rows[0]["seconds"], STAGE_COLOURS, strict=False):
        figure.add_bar(
            x=sizes,
            y=[round(row["seconds"][stage] * 1000, 3) for row in rows],
            name=stage,
            marker={"color": colour},
        )
    return figure


def stage_caption(data: dict, pipeline: str) -> str:
    key, unit = ITEM_SIZE[pipeline]
    first, last = data["stages"][pipeline][0], data["stages"][pipeline][-1]

    def biggest(row: dict) -> str:
        seconds = row["seconds"]
        step = max(seconds, key=seconds.__getitem__)
        return f"'{step}' ({seconds[step] / sum(seconds.values()):.0%})"

    return (
        f"{pipeline} pipeline: milliseconds per item in each step (stacked), as one item "
        f"grows. The biggest share: {biggest(first)} at {first[key]:,} {unit}, "
        f"{biggest(last)} at {last[key]:,} {unit}. {provenance(data)}"
    )


def devops_stages(path: Path = RECORDED) -> str:
    data = load(path)
    return figure_html(stage_figure(data, "DevOps"), "devops-stages", stage_caption(data, "DevOps"))


def mlops_stages(path: Path = RECORDED) -> str:
    data = load(path)
    return figure_html(stage_figure(data, "MLOps"), "mlops-stages", stage_caption(data, "MLOps"))


def learner_slopes(data: dict) -> dict[str, float]:
    """The fitted k in seconds ~ rows^k for each learner."""
    fits = data["learners"]["fits"]
    return {name: fit_exponent(fit["rows"], fit["seconds"]) for name, fit in fits.items()}


def learner_figure(data: dict) -> go.Figure:
    fits = data["learners"]["fits"]
    figure = go.Figure(
        layout=loglog_layout("Training rows", "Seconds to fit", [1_000, 10_000, 100_000])
    )
    slopes = learner_slopes(data)
    for (name, fit), colour in zip(fits.items(), LEARNER_COLOURS, strict=True):
        figure.add_scatter(
            x=fit["rows"],
            y=fit["seconds"],
            name=f"{name} (slope {slopes[name]:.2f})",
            mode="lines+markers",
            line={"color": colour},
        )
    return figure


def learner_times(path: Path = RECORDED) -> str:
    data = load(path)
    slopes = ", ".join(f"{name} {k:.2f}" for name, k in learner_slopes(data).items())
    caption = (
        f"scikit-learn fits on growing numbers of rows of one regression problem "
        f"({data['learners']['features']} features; log-log axes, where rows^k is a line "
        f"of slope k). Fitted slopes: {slopes}. {provenance(data)}"
    )
    return figure_html(learner_figure(data), "learner-times", caption)
