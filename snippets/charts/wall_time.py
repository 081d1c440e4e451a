"""Charts of measured seconds, drawn from data/wall_times.json (recorded by `make measure`).

The build never times anything: these charts read what `make measure` stored, with
the date, the machine and its load, and say so in their captions. What a caption
says about the seconds (which side is longer, what share a step takes) is computed
from the data, so a new measurement cannot leave a caption saying something false.
The sides are ranked on their own steps; the deploy's file write, the same operation
on both sides, is a figure of its own.
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
from snippets.mlops_pipeline import ROWS

COLOURS = {"DevOps": DEVOPS, "MLOps": MLOPS}
# What an item's size is on each side, its default, and what one item is called.
ITEM = {
    "DevOps": ("lines", LINES_PER_SERVICE, "service"),
    "MLOps": ("rows", ROWS, "dataset"),
}
# The step that writes a file: the deployment, on both sides. The other steps are each
# side's own work, in words.
FILE_WRITE = {"DevOps": "deploy", "MLOps": "deploy_model"}
OWN_STEPS = {"DevOps": "building and testing", "MLOps": "preprocessing, training and evaluating"}
# Two sides whose seconds per item are less than this factor apart are not ordered. Even
# with the file write set apart and the sides measured back to back, the ratio of their
# own steps at the default sizes moved by more than 1.5 times between sizes and re-runs
# (1.25 to 2.05 in a review's re-run at a load average near 1; more on a busier machine).
TOO_CLOSE = 2.0


def load(path: Path = RECORDED) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def provenance(data: dict) -> str:
    """When, where and how the data was measured, with the machine's load, for a caption."""
    m, load = data["machine"], data["load_average"]
    return (
        f"The fastest of {data['repeats']} runs, measured on {data['measured_on']} by "
        f"'{data['command']}' on a machine with {m['cores']} cores (CPU: {m['cpu']}; "
        f"{m['system']}; Python {m['python']}), load average {load['before']} before and "
        f"{load['after']} after (the load after includes the measurement itself); "
        f"{data['order']}. The build draws this recorded data and does not measure again."
    )


def growth_runs(data: dict, pipeline: str) -> list[dict]:
    """The recorded runs over growing numbers of items of the default size."""
    key, default, _ = ITEM[pipeline]
    runs = [run for run in data["pipelines"][pipeline] if run[key] == default]
    return sorted(runs, key=lambda run: run["items"])


def own_seconds(seconds: dict[str, float], pipeline: str) -> float:
    """The seconds of a side's own steps: all but the file write."""
    return sum(s for step, s in seconds.items() if step != FILE_WRITE[pipeline])


def apart(values: dict[str, float]) -> float:
    """How many times the larger of two figures is the smaller."""
    return max(values.values()) / min(values.values())


def ordering(values: dict[str, float], unit: str = "as long") -> str:
    """Which side's figure is larger ("MLOps, 2.0 x as long"; `unit` "the work" gives
    "MLOps, 2.0 x the work"), or that the two are too close to order."""
    ratio = apart(values)
    if ratio < TOO_CLOSE:
        return f"too close to order ({ratio:.2f} x apart)"
    return f"{max(values, key=values.__getitem__)}, {ratio:.1f} x {unit}"


def steps_per_item(data: dict, items: int) -> dict[str, dict[str, float]]:
    """Each pipeline's seconds per item in each step, in its run over `items` items of
    the default size."""
    return {
        name: {step: seconds / items for step, seconds in run["seconds"].items()}
        for name in ITEM
        for run in growth_runs(data, name)
        if run["items"] == items
    }


def wall_time_figure(data: dict) -> go.Figure:
    """Each side's own steps (solid) and its file write (dotted), against the items."""
    figure = go.Figure(layout=layout("Items (services or datasets)", "Seconds"))
    for name in ITEM:
        runs = growth_runs(data, name)
        series = {
            OWN_STEPS[name]: ("solid", [own_seconds(run["seconds"], name) for run in runs]),
            "the file write": ("dot", [run["seconds"][FILE_WRITE[name]] for run in runs]),
        }
        for label, (dash, seconds) in series.items():
            figure.add_scatter(
                x=[run["items"] for run in runs],
                y=[round(s, 6) for s in seconds],
                name=f"{name}: {label}",
                mode="lines+markers",
                line={"color": COLOURS[name], "dash": dash},
            )
    return figure


def per_item_text(name: str, seconds: float) -> str:
    """'0.55 ms per service'."""
    return f"{seconds * 1000:.2f} ms per {ITEM[name][2]}"


def wall_time(path: Path = RECORDED) -> str:
    data = load(path)
    sizes = [run["items"] for run in growth_runs(data, "DevOps")]
    parts = []
    for n in sorted({data["per_item_at"], sizes[-1]}):
        steps = steps_per_item(data, n)
        own = {name: own_seconds(seconds, name) for name, seconds in steps.items()}
        write = {name: seconds[FILE_WRITE[name]] for name, seconds in steps.items()}
        devops, mlops = (per_item_text(name, own[name]) for name in ITEM)
        write_words = " and ".join(per_item_text(name, s) for name, s in write.items())
        parts.append(
            f"At {n:,} items, {OWN_STEPS['DevOps']} took {devops}, and {OWN_STEPS['MLOps']} "
            f"{mlops}: {ordering(own)}. The file write took {write_words} "
            f"({apart(write):.2f} x apart). "
        )
    caption = (
        f"Seconds that each pipeline's own steps took (solid), and the writing of its "
        f"deployed file (dotted), one small file per item on both sides, for growing "
        f"numbers of items. {''.join(parts)}(A side is called longer only at {TOO_CLOSE} x "
        f"the other or more.) {provenance(data)}"
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
