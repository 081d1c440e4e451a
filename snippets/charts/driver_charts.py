"""Charts of what multiplies a pipeline's work, counted by the snippets the pages show.

Counts only, no timings: how many times one item's work repeats under a CI test
matrix or a hyperparameter search, and how many test executions flaky reruns cost.
"""

from __future__ import annotations

import plotly.graph_objects as go
from sklearn.model_selection import ParameterGrid

from snippets.charts.html import figure_html, html_table
from snippets.charts.style import DEVOPS, MLOPS, OTHER_COLOURS, hover, layout, relative
from snippets.ci_matrix import matrix_jobs
from snippets.cost_model import FOLDS, fits_per_dataset
from snippets.flaky_reruns import GOOGLE_FLAKY_SHARE, powers_of_ten, rerun_failed, rerun_suite

# Axes a team adds one at a time, three values each: a CI matrix and a search grid.
MATRIX_AXES = {
    "os": ["ubuntu", "windows", "macos"],
    "python": ["3.11", "3.12", "3.13"],
    "dependencies": ["oldest", "pinned", "newest"],
    "database": ["sqlite", "postgres", "mysql"],
}
SEARCH_GRID = {
    "alpha": [0.1, 1.0, 10.0],
    "solver": ["auto", "svd", "cholesky"],
    "tol": [1e-4, 1e-3, 1e-2],
    "max_iter": [100, 1000, 10000],
}
SUITE_SIZES = (10, 30, 100, 300, 1000)


def repeats_by_axes() -> dict[str, list[int]]:
    """Jobs per service and fits per dataset as the first 1, 2, 3 and 4 axes are used."""
    axes = range(1, len(MATRIX_AXES) + 1)
    matrix, grid = list(MATRIX_AXES.items()), list(SEARCH_GRID.items())
    return {
        "axes": list(axes),
        "CI matrix": [len(matrix_jobs(dict(matrix[:k]))) for k in axes],
        f"Grid search ({FOLDS} folds)": [
            fits_per_dataset(len(ParameterGrid(dict(grid[:k])))) for k in axes
        ],
    }


def search_and_matrix() -> str:
    counts = repeats_by_axes()
    axes = counts.pop("axes")
    y_title = "Runs relative to one axis (log scale)"
    figure = go.Figure(
        layout=layout(
            "Axes (matrix variables or searched parameters), 3 values each",
            y_title,
            yaxis={"title": {"text": y_title}, "type": "log", "dtick": 1},
            xaxis={"title": {"text": "Axes, 3 values each"}, "dtick": 1},
        )
    )
    for (name, ys), colour in zip(counts.items(), (DEVOPS, MLOPS), strict=True):
        figure.add_scatter(
            x=axes,
            y=relative(ys),
            name=name,
            mode="lines+markers",
            line={"color": colour},
            hovertemplate=hover("%{x} axes", "%{y:,.3g} x the runs of one axis"),
        )
    jobs, fits = counts.values()
    caption = (
        f"Each axis of 3 values multiplies the runs on both sides: a straight line on this log "
        f"scale, exponential growth in the axes. A CI matrix builds and tests a service "
        f"{', '.join(map(str, jobs))} times, a grid search trains a dataset "
        f"{', '.join(map(str, fits))} times (every candidate once per fold, then the best once "
        f"more): {jobs[-1] / jobs[0]:.0f} and {fits[-1] / fits[0]:.1f} times their runs with one "
        f"axis. A CI job and a training fit are different work, so each side is drawn relative "
        f"to itself."
    )
    # The table gives the runs themselves, as the caption does, beside what is drawn.
    table = html_table(
        [
            "Axes, 3 values each",
            "CI matrix: jobs per service",
            "relative to one axis",
            f"Grid search: fits per dataset ({FOLDS} folds)",
            "relative to one axis",
        ],
        zip(axes, jobs, relative(jobs), fits, relative(fits), strict=True),
    )
    return figure_html(figure, "search-and-matrix", caption, table=table)


def flaky_reruns() -> str:
    rate = GOOGLE_FLAKY_SHARE
    suite = [rerun_suite(n, rate).executions for n in SUITE_SIZES]
    failed = [rerun_failed(n, rate).executions for n in SUITE_SIZES]
    figure = go.Figure(
        layout=layout(
            "Tests in the suite",
            "Test executions until green (log scale)",
            yaxis={"title": {"text": "Test executions until green (log scale)"}, "type": "log"},
            xaxis={
                "title": {"text": "Tests in the suite"},
                "type": "log",
                "tickvals": list(SUITE_SIZES),
            },
        )
    )
    # Two DevOps strategies: colours that are neither side's.
    for name, ys, colour in (
        ("Re-run the whole suite", suite, OTHER_COLOURS[0]),
        ("Re-run only the failed tests", failed, OTHER_COLOURS[1]),
    ):
        figure.add_scatter(
            x=list(SUITE_SIZES),
            y=[round(y, 1) for y in ys],
            name=name,
            mode="lines+markers",
            line={"color": colour},
            hovertemplate=hover("%{x:,} tests", "%{y:,.4g} test executions"),
        )
    n = SUITE_SIZES[-1]
    caption = (
        f"Re-running the whole suite until it is green grows exponentially with the suite, "
        f"re-running only the failed tests linearly: for {n:,} tests, "
        f"{powers_of_ten(suite[-1])} test executions against {failed[-1]:,.0f}, when each "
        f"execution fails for no reason with probability {rate:.1%} (log axes), because a "
        f"whole run is green only with probability {powers_of_ten((1 - rate) ** n)}."
    )
    return figure_html(figure, "flaky-reruns", caption)
