"""The wall-time chart, drawn from data/wall_times.json (measured by `make measure`)."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go

from snippets.charts.benchmark import DEFAULT_OUT
from snippets.charts.html import figure_html
from snippets.charts.style import DEVOPS, MLOPS, layout

COLOURS = {"DevOps": DEVOPS, "MLOps": MLOPS}


def load(path: Path = DEFAULT_OUT) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def wall_time_figure(data: dict) -> go.Figure:
    figure = go.Figure(layout=layout("Items (services or datasets)", "Seconds in the steps"))
    for name, seconds in data["seconds"].items():
        figure.add_scatter(
            x=data["sizes"],
            y=seconds,
            name=name,
            mode="lines+markers",
            line={"color": COLOURS.get(name)},
        )
    return figure


def wall_time(path: Path = DEFAULT_OUT) -> str:
    data = load(path)
    m = data["machine"]
    caption = (
        f"Wall time for growing n: the median of {data['repeats']} runs, measured on "
        f"{data['measured_on']} by '{data['command']}' on a machine with {m['cores']} "
        f"cores (CPU: {m['cpu']}; {m['system']}; Python {m['python']}). The build draws "
        f"this recorded data (data/wall_times.json); it does not measure again."
    )
    return figure_html(wall_time_figure(data), "wall-time", caption)
