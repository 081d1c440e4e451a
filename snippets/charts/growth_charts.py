"""Charts of how the pipelines' work grows, computed by the snippets the pages show.

Counts of unit operations are deterministic (the generators are seeded), so the
charts are the same on every build; times are not, and are not drawn here (see
wall_time.py, which reads measured data).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import plotly.graph_objects as go

from snippets.charts.html import figure_html
from snippets.charts.style import DEVOPS, MLOPS, STAGE_COLOURS, layout, loglog_layout
from snippets.growth import Measurement, devops_run, fit_exponent, measure, mlops_run
from snippets.meter import Meter
from snippets.nested_training import nested_run

PIPELINE_SIZES = (10, 30, 100, 300)
NESTED_SIZES = (4, 8, 16, 32, 64)
FIXED_FEATURES = 8
STAGE_SIZES = (10, 50, 100)
RUNS: dict[str, Callable[[int, Meter], None]] = {"DevOps": devops_run, "MLOps": mlops_run}


@cache
def pipeline_measurements(pipeline: str) -> tuple[Measurement, ...]:
    """The pipeline measured at PIPELINE_SIZES (cached: several charts share it)."""
    return tuple(measure(RUNS[pipeline], PIPELINE_SIZES))


def linear_run(n: int, meter: Meter) -> None:
    """n datasets with a fixed number of features: work grows with n alone."""
    nested_run(n, meter, features=FIXED_FEATURES)


def nested_growing_run(n: int, meter: Meter) -> None:
    """n datasets with n features each: the nested loop's work grows with n x n."""
    nested_run(n, meter, features=n)


@cache
def nested_measurements() -> dict[str, tuple[Measurement, ...]]:
    return {
        f"Features fixed at {FIXED_FEATURES}": tuple(measure(linear_run, NESTED_SIZES)),
        "Features grow with datasets": tuple(measure(nested_growing_run, NESTED_SIZES)),
    }


def slope(measurements: tuple[Measurement, ...]) -> float:
    return fit_exponent([m.n for m in measurements], [m.operations for m in measurements])


def pipeline_growth_figure() -> go.Figure:
    figure = go.Figure(
        layout=loglog_layout(
            "Items (services or datasets)", "Unit operations", list(PIPELINE_SIZES)
        )
    )
    for name, colour in (("DevOps", DEVOPS), ("MLOps", MLOPS)):
        add_runs(figure, pipeline_measurements(name), name, colour)
    return figure


def add_runs(figure: go.Figure, runs: list, name: str, colour: str) -> None:
    """One line of measured operations against n."""
    figure.add_scatter(
        x=[m.n for m in runs],
        y=[m.operations for m in runs],
        name=name,
        mode="lines+markers",
        line={"color": colour},
    )


def pipeline_growth() -> str:
    devops, mlops = pipeline_measurements("DevOps"), pipeline_measurements("MLOps")
    ratio = mlops[-1].operations / devops[-1].operations
    caption = (
        f"Unit operations as the work grows, counted by the pipelines' meters (log-log "
        f"axes). Both grow linearly (fitted exponents {slope(devops):.2f} and "
        f"{slope(mlops):.2f}: parallel lines), but at {devops[-1].n} items the MLOps "
        f"pipeline does {ratio:,.0f} times the DevOps pipeline's work."
    )
    return figure_html(pipeline_growth_figure(), "pipeline-growth", caption)


def nested_figure(log_axes: bool) -> go.Figure:
    titles = ("Datasets (n)", "Inner-loop iterations (rows x features)")
    figure = go.Figure(
        layout=loglog_layout(*titles, list(NESTED_SIZES)) if log_axes else layout(*titles)
    )
    for (name, runs), colour in zip(nested_measurements().items(), (DEVOPS, MLOPS), strict=True):
        label = f"{name} (slope {slope(runs):.2f})" if log_axes else name
        add_runs(figure, runs, label, colour)
    return figure


def nested_vs_linear() -> str:
    linear, nested = nested_measurements().values()
    caption = (
        f"Training as nested loops over features and rows. With {FIXED_FEATURES} features "
        f"per dataset, {linear[-1].n} datasets cost {linear[-1].operations:,} iterations; "
        f"when the features grow with the datasets, the same {nested[-1].n} cost "
        f"{nested[-1].operations:,}."
    )
    return figure_html(nested_figure(log_axes=False), "nested-vs-linear", caption)


def growth_loglog() -> str:
    linear, nested = nested_measurements().values()
    caption = (
        f"The same counts on log-log axes, where c x n^k is a straight line of slope k. "
        f"Fitted slopes: {slope(linear):.2f} with fixed features (linear), "
        f"{slope(nested):.2f} when features grow with the datasets (quadratic)."
    )
    return figure_html(nested_figure(log_axes=True), "growth-loglog", caption)


@cache
def stage_operations(pipeline: str) -> dict[int, dict[str, int]]:
    """Unit operations per step, as the Meter counts them, at each of STAGE_SIZES."""
    result = {}
    for n in STAGE_SIZES:
        meter = Meter()
        RUNS[pipeline](n, meter)
        result[n] = dict(meter.operations)  # steps in the order the pipeline runs them
    return result


def stage_figure(pipeline: str) -> go.Figure:
    per_size = stage_operations(pipeline)
    stages = list(per_size[STAGE_SIZES[0]])
    figure = go.Figure(
        layout=layout(
            "Items",
            "Unit operations",
            barmode="stack",
            legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
            xaxis={"title": {"text": "Items"}, "type": "category"},
        )
    )
    for stage, colour in zip(stages, STAGE_COLOURS, strict=False):
        figure.add_bar(
            x=[str(n) for n in STAGE_SIZES],
            y=[per_size[n][stage] for n in STAGE_SIZES],
            name=stage,
            marker={"color": colour},
        )
    return figure


def stage_caption(pipeline: str) -> str:
    last = stage_operations(pipeline)[STAGE_SIZES[-1]]
    biggest = max(last, key=last.__getitem__)
    share = last[biggest] / sum(last.values())
    return (
        f"{pipeline} pipeline: unit operations per stage (stacked), from its meter. "
        f"'{biggest}' does {share:.0%} of the work."
    )


def devops_stages() -> str:
    return figure_html(stage_figure("DevOps"), "devops-stages", stage_caption("DevOps"))


def mlops_stages() -> str:
    return figure_html(stage_figure("MLOps"), "mlops-stages", stage_caption("MLOps"))
