"""Charts of measured seconds, drawn from what `make measure` recorded (snippets/wall_times.py).

The build never times anything. Each chart draws the fastest repeat of every
measurement, with a bar up to the slowest repeat (the spread), on log-log axes where
seconds ~ size^k is a straight line of slope k: the count of operations says k = 1
for every step that counts work per line or per number, so a departure shows as a
bend or a steeper line. What a caption says about the seconds is computed from the data,
so a new measurement cannot leave it saying something false; how and where the data
was measured goes in the chart's collapsed note.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

from snippets.charts.html import figure_html, html_table
from snippets.charts.style import DEVOPS, MLOPS, OTHER_COLOURS, hover, layout
from snippets.count_check import CLOSE, follows
from snippets.wall_times import (
    FILE_WRITE,
    ITEM,
    OWN_STEPS,
    SIDES,
    TOO_CLOSE,
    Slope,
    along_items,
    along_size,
    learner_fits,
    learner_slopes,
    load,
    provenance,
    sides_ratio,
    step_slopes,
)

COLOURS = {"DevOps": DEVOPS, "MLOps": MLOPS}


def loglog(x_title: str, y_title: str, ticks: Sequence[int]) -> dict:
    """Log-log axes ticked at the measured sizes (seconds ~ size^k is a line of slope k)."""
    return layout(
        x_title,
        y_title,
        xaxis={"title": {"text": x_title}, "type": "log", "tickvals": list(ticks)},
        yaxis={"title": {"text": y_title}, "type": "log", "dtick": 1, "automargin": True},
    )


def add_measured(
    figure: go.Figure,
    x: Sequence[int],
    repeats: Sequence[Sequence[float]],
    name: str,
    colour: str,
    unit: tuple[str, str, float],
    dash: str = "solid",
) -> None:
    """A line through the fastest repeat at each x, with a bar up to the slowest. `unit`
    is (the x label in the tooltip, the y unit, the factor from seconds to it)."""
    x_label, y_unit, scale = unit
    fastest = [min(r) * scale for r in repeats]
    slowest = [max(r) * scale for r in repeats]
    figure.add_scatter(
        x=list(x),
        y=[round(v, 6) for v in fastest],
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [round(b - a, 6) for a, b in zip(fastest, slowest, strict=True)],
            "arrayminus": [0] * len(fastest),
            "color": colour,
            "thickness": 1,
        },
        customdata=[round(v, 6) for v in slowest],
        name=name,
        mode="lines+markers",
        line={"color": colour, "dash": dash},
        hovertemplate=hover(
            x_label, f"%{{y:.3g}} {y_unit} (slowest %{{customdata:.3g}} {y_unit.split()[0]})"
        ),
    )


def wall_time_figure(data: dict) -> go.Figure:
    """Each side's steps before the deploy (solid) and its file write (dotted), against the
    items."""
    runs = {side: along_items(data, side) for side in SIDES}
    figure = go.Figure(
        layout=loglog(
            "Items (services or datasets)", "Seconds (log scale)", [p.items for p in runs["DevOps"]]
        )
    )
    for side, points in runs.items():
        items = [p.items for p in points]
        seconds = ("%{x:,} items", "s", 1.0)
        own = [p.own(side) for p in points]
        add_measured(figure, items, own, f"{side}: {OWN_STEPS[side]}", COLOURS[side], seconds)
        writes = [p.write(side) for p in points]
        add_measured(
            figure,
            items,
            writes,
            f"{side}: writing the deployed file",
            COLOURS[side],
            seconds,
            "dot",
        )
    return figure


def sides_words(data: dict) -> str:
    """How the two sides' seconds per item before the deploy compare, over every count of
    items."""
    ratio = sides_ratio(data)
    if ratio.verdict != "neither":
        return f"{ratio.verdict}'s take at least twice as long at every count"
    if ratio.low > 1 / TOO_CLOSE and ratio.high < TOO_CLOSE:
        return "they come within a factor of two of each other"
    return "neither side's take twice as long as the other's at every count"


def wall_time_caption(data: dict) -> str:
    slopes = {side: step_slopes(along_items(data, side), side, "items") for side in SIDES}
    own = {side: s["own"] for side, s in slopes.items()}
    writes = {side: s[FILE_WRITE[side]] for side, s in slopes.items()}
    grow = (
        "grow in step with their items, as their counts do"
        if all(follows(s.k) for s in own.values())
        else "grow with their items, though not in step as their counts do"
    )
    wobble = (
        " and vary more from repeat to repeat"
        if all(w.high - w.low > own[side].high - own[side].low + 0.05 for side, w in writes.items())
        else ""
    )
    ratio = sides_ratio(data)
    return (
        f"Both sides' steps before the deploy {grow}, and per item {sides_words(data)}. "
        f"Fitted slopes "
        f"{' and '.join(f'{own[side].k:.2f}' for side in SIDES)} (on log-log axes a slope of "
        f"1 is linear growth); DevOps's took {ratio.low:.2f} to {ratio.high:.2f} "
        f"times MLOps's. The file writes, dotted, grow with slopes "
        f"{' and '.join(f'{writes[side].k:.2f}' for side in SIDES)}{wobble}."
    )


def wall_time(path: Path | None = None) -> str:
    data = load(path)
    return figure_html(
        wall_time_figure(data),
        "wall-time",
        wall_time_caption(data),
        note=provenance(data),
    )


STEP_NAMES = {
    "build": "build",
    "test": "test (compile, run the checks)",
    "deploy": "deploy (write the package file)",
    "preprocess": "preprocess",
    "train_model": "train",
    "evaluate_model": "evaluate",
    "deploy_model": "deploy (write the weights file)",
}


def stage_figure(data: dict, pipeline: str) -> go.Figure:
    """Milliseconds per item in each step as one item grows, over per_item_at items."""
    key, _, item = ITEM[pipeline]
    points = along_size(data, pipeline)
    sizes = [p.size for p in points]
    figure = go.Figure(
        layout=loglog(f"One {item}'s size ({key}, log scale)", f"Milliseconds per {item}", sizes)
    )
    unit = (f"%{{x:,}} {key}", f"ms per {item}", 1000 / points[0].items)
    for step, colour in zip(points[0].seconds, OTHER_COLOURS, strict=False):
        dash = "dot" if step == FILE_WRITE[pipeline] else "solid"
        repeats = [p.seconds[step] for p in points]
        add_measured(figure, sizes, repeats, STEP_NAMES[step], colour, unit, dash)
    return figure


def stage_table(data: dict, pipeline: str) -> str:
    """The chart's numbers, and beside them the steps before the deploy together, whose slopes the
    caption gives: the fastest repeat of their sum, not the sum of each step's fastest."""
    key, _, item = ITEM[pipeline]
    points = along_size(data, pipeline)
    scale = 1000 / points[0].items
    rows = [
        [p.size, *(round(min(v) * scale, 6) for v in (*p.seconds.values(), p.own(pipeline)))]
        for p in points
    ]
    steps = [STEP_NAMES[s] for s in points[0].seconds]
    headers = [f"One {item}'s size ({key})", *steps, "steps before the deploy, together"]
    return html_table(headers, rows, caption=f"Milliseconds per {item}, the fastest repeat")


def devops_caption(slopes: dict[str, Slope]) -> str:
    test, build = slopes["test"], slopes["build"]
    test_words = (
        "Testing a service grows faster than its lines at the large sizes"
        if test.last > 1 + CLOSE
        else "Testing a service grows about in step with its lines"
    )
    build_words = (
        "building grows more slowly, its fixed cost per service weighing most on short ones"
        if build.k < 1 - CLOSE
        else "building grows about in step too"
    )
    return (
        f"{test_words}, while its count grows in step; {build_words}. Slopes: test "
        f"{test.last:.2f} between the two longest services ({test.k:.2f} over the whole range), "
        f"build {build.k:.2f} over the whole range, where the count's is 1 for both."
    )


def mlops_caption(slopes: dict[str, Slope]) -> str:
    own = slopes["own"]
    small = (
        "hardly grow with the rows at the small sizes, where each numpy call's fixed cost "
        "outweighs the numbers it handles"
        if own.first < 1 - CLOSE
        else "grow about in step with the rows at the small sizes"
    )
    large = (
        "and nearer in step at the large ones"
        if own.last > own.first + CLOSE
        else "and hardly faster at the large ones"
    )
    return (
        f"Preprocessing, training and evaluating {small}, {large}. Slopes {own.first:.2f} "
        f"between the two smallest sizes and {own.last:.2f} between the two largest; "
        f"{own.k:.2f} over the whole range, against the count's 1."
    )


def stages_chart(pipeline: str, path: Path | None) -> str:
    data = load(path)
    slopes = step_slopes(along_size(data, pipeline), pipeline, "size")
    caption = devops_caption(slopes) if pipeline == "DevOps" else mlops_caption(slopes)
    chart_id = f"{pipeline.lower()}-stages"
    figure = stage_figure(data, pipeline)
    table = stage_table(data, pipeline)
    return figure_html(figure, chart_id, caption, table=table, note=provenance(data))


def devops_stages(path: Path | None = None) -> str:
    return stages_chart("DevOps", path)


def mlops_stages(path: Path | None = None) -> str:
    return stages_chart("MLOps", path)


def learner_figure(data: dict) -> go.Figure:
    fits = learner_fits(data)
    ticks = [1_000, 10_000, 100_000]
    figure = go.Figure(layout=loglog("Training rows (log scale)", "Seconds to fit", ticks))
    slopes = learner_slopes(data)
    for (name, (rows, repeats)), colour in zip(fits.items(), OTHER_COLOURS, strict=False):
        add_measured(
            figure,
            rows,
            repeats,
            f"{name} (slope {slopes[name].k:.2f})",
            colour,
            ("%{x:,} rows", "s", 1.0),
        )
    return figure


def in_sentence(name: str) -> str:
    """'Decision tree' -> 'decision tree'; an acronym ('SVM ...') keeps its capitals."""
    return name if name[:2].isupper() else name[0].lower() + name[1:]


def learner_caption(data: dict) -> str:
    slopes = {name: s.k for name, s in learner_slopes(data).items()}
    steepest = max(slopes, key=slopes.__getitem__)
    flattest = min(slopes, key=slopes.__getitem__)
    return (
        f"The fit time of the {in_sentence(steepest)} grows fastest with the rows, slope "
        f"{slopes[steepest]:.2f}, and that of the {in_sentence(flattest)} slowest, "
        f"{slopes[flattest]:.2f}: on log-log axes a slope of 1 is linear growth and 2 "
        f"quadratic."
    )


def learner_times(path: Path | None = None) -> str:
    data = load(path)
    note = (
        f"scikit-learn fits on growing numbers of rows of one generated regression problem "
        f"({data['learners']['features']} features), on one thread. {provenance(data)}"
    )
    return figure_html(learner_figure(data), "learner-times", learner_caption(data), note=note)
