"""Charts of measured seconds, drawn from data/wall_times.json (recorded by `make measure`).

The build never times anything: these charts read what `make measure` stored, with
the date, the machine and its load, and say so in their captions. What a caption
says about the seconds (which side is longer, what share a step takes) is computed
from the data, so a new measurement cannot leave a caption saying something false.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go

from snippets.charts.html import figure_html
from snippets.charts.style import DEVOPS, MLOPS, OTHER_COLOURS, layout, loglog_layout
from snippets.cost_model import RECORDED, per_item_seconds
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import fit_exponent
from snippets.mlops_pipeline import FEATURES

COLOURS = {"DevOps": DEVOPS, "MLOps": MLOPS}
# What an item's size is on each side, its default, and what one item is called.
ITEM = {
    "DevOps": ("lines", LINES_PER_SERVICE, "service"),
    "MLOps": ("features", FEATURES, "dataset"),
}
# The step that writes a file: the deployment, on both sides.
FILE_WRITE = {"DevOps": "deploy", "MLOps": "deploy_model"}
# Two sides whose seconds per item are less than this factor apart are not ordered:
# re-runs of 'make measure' on one machine have moved them that much against each
# other (a review's re-run reversed the order between 100 and 1,000 items).
TOO_CLOSE = 1.5


def load(path: Path = RECORDED) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def provenance(data: dict) -> str:
    """When, where and how the data was measured, with the machine's load, for a caption."""
    m, load = data["machine"], data["load_average"]
    return (
        f"The fastest of {data['repeats']} runs, measured on {data['measured_on']} by "
        f"'{data['command']}' on a machine with {m['cores']} cores (CPU: {m['cpu']}; "
        f"{m['system']}; Python {m['python']}), load average {load['before']} before and "
        f"{load['after']} after (other programs' demand for the cores); the build draws "
        f"this recorded data and does not measure again."
    )


def growth_runs(data: dict, pipeline: str) -> list[dict]:
    """The recorded runs over growing numbers of items of the default size."""
    key, default, _ = ITEM[pipeline]
    runs = [run for run in data["pipelines"][pipeline] if run[key] == default]
    return sorted(runs, key=lambda run: run["items"])


def run_seconds(run: dict) -> float:
    return sum(run["seconds"].values())


def ordering(per_item: dict[str, float]) -> str:
    """Which side takes longer per item, or that they are too close to order."""
    (slow, longest), (_, shortest) = sorted(per_item.items(), key=lambda kv: -kv[1])
    ratio = longest / shortest
    if ratio < TOO_CLOSE:
        return f"too close to order ({ratio:.2f} x apart)"
    return f"{slow}, {ratio:.1f} x as long"


def per_item_at(data: dict, items: int) -> dict[str, float]:
    """Seconds per item of each pipeline's run over `items` items of the default size."""
    return {
        name: run_seconds(run) / items
        for name in ITEM
        for run in growth_runs(data, name)
        if run["items"] == items
    }


def file_write_share(run: dict, pipeline: str) -> float:
    return run["seconds"][FILE_WRITE[pipeline]] / run_seconds(run)


def wall_time_figure(data: dict) -> go.Figure:
    figure = go.Figure(layout=layout("Items (services or datasets)", "Seconds in the steps"))
    for name in ITEM:
        runs = growth_runs(data, name)
        figure.add_scatter(
            x=[run["items"] for run in runs],
            y=[round(run_seconds(run), 6) for run in runs],
            name=name,
            mode="lines+markers",
            line={"color": COLOURS[name]},
        )
    return figure


def wall_time(path: Path = RECORDED) -> str:
    data = load(path)
    sizes = [run["items"] for run in growth_runs(data, "DevOps")]
    parts = []
    for n in sorted({data["per_item_at"], sizes[-1]}):
        per_item = per_item_at(data, n)
        ms = ", ".join(
            f"{name} {s * 1000:.2f} ms per {ITEM[name][2]}" for name, s in per_item.items()
        )
        parts.append(f"At {n:,} items, {ms}: {ordering(per_item)}. ")
    shares = " and ".join(
        f"{name} {file_write_share(growth_runs(data, name)[-1], name):.0%}" for name in ITEM
    )
    caption = (
        f"Seconds spent in the steps of each pipeline for growing numbers of items. "
        f"{''.join(parts)}(A side is called longer only at {TOO_CLOSE} x the other or "
        f"more.) Writing the deployed file takes {shares} of the seconds at "
        f"{sizes[-1]:,} items. {provenance(data)}"
    )
    return figure_html(wall_time_figure(data), "wall-time", caption)


def stage_figure(data: dict, pipeline: str) -> go.Figure:
    key, _, _ = ITEM[pipeline]
    rows = per_item_seconds(data, pipeline, key)
    sizes = [f"{size:,} {key}" for size in rows]
    figure = go.Figure(
        layout=layout(
            f"One item's size ({key})",
            "Milliseconds per item",
            barmode="stack",
            legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
            xaxis={"title": {"text": f"One item's size ({key})"}, "type": "category"},
        )
    )
    steps = next(iter(rows.values()))
    for stage, colour in zip(steps, OTHER_COLOURS, strict=False):
        figure.add_bar(
            x=sizes,
            y=[round(seconds[stage] * 1000, 4) for seconds in rows.values()],
            name=stage,
            marker={"color": colour},
        )
    return figure


def stage_caption(data: dict, pipeline: str) -> str:
    key, _, _ = ITEM[pipeline]
    rows = per_item_seconds(data, pipeline, key)
    step = FILE_WRITE[pipeline]
    shares = ", ".join(
        f"{seconds[step] / sum(seconds.values()):.0%} at {size:,} {key}"
        for size, seconds in rows.items()
    )
    return (
        f"{pipeline} pipeline: milliseconds per item in each step (stacked), as one item "
        f"grows, from runs over {data['per_item_at']:,} items. The file write, "
        f"'{step}', takes {shares}. {provenance(data)}"
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
    for (name, fit), colour in zip(fits.items(), OTHER_COLOURS, strict=False):
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
