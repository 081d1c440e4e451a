"""Charts of how the pipelines' work grows, computed by the snippets the pages show.

Counted operations are deterministic (the generators are seeded), so the
charts are the same on every build; times are not, and are not drawn here (see
wall_time.py, which reads measured data). Each pipeline's meter counts its own
kind of operation, so a chart that shows both sides draws each relative to its own
work at the first size: how each side grows, never one side against the other.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import plotly.graph_objects as go

from snippets.charts.html import figure_html
from snippets.charts.style import (
    DEVOPS,
    MLOPS,
    OTHER_COLOURS,
    hover,
    layout,
    loglog_layout,
    relative,
)
from snippets.growth import Measurement, devops_run, fit_exponent, measure, mlops_run
from snippets.meter import Meter
from snippets.nested_training import nested_run

PIPELINE_SIZES = (10, 30, 100, 300)
NESTED_SIZES = (4, 8, 16, 32, 64)
FIXED_FEATURES = 8
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
        "If features grew with datasets (m = n)": tuple(measure(nested_growing_run, NESTED_SIZES)),
    }


def slope(measurements: tuple[Measurement, ...]) -> float:
    return fit_exponent([m.n for m in measurements], [m.operations for m in measurements])


def pipeline_growth_figure() -> go.Figure:
    figure = go.Figure(
        layout=loglog_layout(
            "Items (services or datasets)",
            f"Work relative to {PIPELINE_SIZES[0]} items",
            list(PIPELINE_SIZES),
        )
    )
    for name, colour, dash in (("DevOps", DEVOPS, "solid"), ("MLOps", MLOPS, "dash")):
        runs = pipeline_measurements(name)
        figure.add_scatter(
            x=[m.n for m in runs],
            y=relative([m.operations for m in runs]),
            name=name,
            mode="lines+markers",
            line={"color": colour, "dash": dash},
            hovertemplate=hover(
                "%{x:,} items", f"%{{y:,.3g}} x its counted work at {PIPELINE_SIZES[0]} items"
            ),
        )
    return figure


def add_runs(figure: go.Figure, runs: tuple[Measurement, ...], name: str, colour: str) -> None:
    """One line of measured operations against n."""
    figure.add_scatter(
        x=[m.n for m in runs],
        y=[m.operations for m in runs],
        name=name,
        mode="lines+markers",
        line={"color": colour},
        hovertemplate=hover("%{x:,} datasets", "%{y:,} inner-loop iterations"),
    )


def pipeline_growth() -> str:
    devops, mlops = pipeline_measurements("DevOps"), pipeline_measurements("MLOps")
    first, last = PIPELINE_SIZES[0], PIPELINE_SIZES[-1]
    caption = (
        f"Both pipelines' counted work grows in step with their items, lines of slope 1 on "
        f"these log-log axes (fitted {slope(devops):.2f} and {slope(mlops):.2f}): from {first} "
        f"to {last} items each side's count grows "
        f"{devops[-1].operations / devops[0].operations:.0f}-fold, because the code counts the "
        f"same operations for every item of the same size. Each side counts its own kind of "
        f"operation (a line hashed, a check run or a file written; a number touched or a "
        f"weight written), so the chart shows how each grows, not which run is longer."
    )
    return figure_html(pipeline_growth_figure(), "pipeline-growth", caption)


def nested_figure(log_axes: bool) -> go.Figure:
    titles = ("Datasets (n)", "Inner-loop iterations (rows x features)")
    figure = go.Figure(
        layout=loglog_layout(*titles, list(NESTED_SIZES)) if log_axes else layout(*titles)
    )
    # Both lines are the ML side's training: colours that are neither side's.
    for (name, runs), colour in zip(nested_measurements().items(), OTHER_COLOURS, strict=False):
        label = f"{name} (slope {slope(runs):.2f})" if log_axes else name
        add_runs(figure, runs, label, colour)
    return figure


def nested_vs_linear() -> str:
    linear, nested = nested_measurements().values()
    caption = (
        f"Training's inner loop runs datasets x features times: {linear[-1].n} datasets of "
        f"{FIXED_FEATURES} features cost {linear[-1].operations:,} iterations, and would cost "
        f"{nested[-1].operations:,} if each had as many features as there are datasets (m = n)."
    )
    return figure_html(nested_figure(log_axes=False), "nested-vs-linear", caption)


def growth_loglog() -> str:
    linear, nested = nested_measurements().values()
    caption = (
        f"The same counts on log-log axes, where c x n^k is a straight line of slope k: "
        f"{slope(linear):.2f} with fixed features (linear), {slope(nested):.2f} if the features "
        f"grew with the datasets (quadratic, because m was made to follow n)."
    )
    return figure_html(nested_figure(log_axes=True), "growth-loglog", caption)
