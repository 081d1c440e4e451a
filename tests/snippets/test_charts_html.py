"""figure_html: one chart's HTML is safe, accessible, and the same bytes every time."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from snippets.charts.html import data_table, figure_html, format_value, html_table

PLANTED = "<script>alert(1)</script>"
SPEC = re.compile(r'<div class="chart__figure" hidden data-search-exclude>(.*?)</div>', re.S)


def two_lines(name: str = "DevOps", axis_title: str = "Items (n)") -> go.Figure:
    return go.Figure(
        [
            go.Scatter(x=np.array([10, 100]), y=np.array([30, 300]), name=name),
            go.Scatter(x=[10, 100], y=[40.0, 400.5], name="MLOps"),
        ],
        layout={"xaxis": {"title": {"text": axis_title}}, "template": "none"},
    )


def test_same_figure_gives_the_same_bytes() -> None:
    assert figure_html(two_lines(), "growth", "Caption") == figure_html(
        two_lines(), "growth", "Caption"
    )


def test_structure_has_id_caption_accessible_name_and_collapsed_table() -> None:
    out = figure_html(two_lines(), "growth", "Work grows")
    assert out.startswith('<figure class="chart" id="chart-growth"')
    # HTML allows a <figcaption> only as its figure's first or last child.
    assert out.split("\n")[1] == '<figcaption id="chart-growth-caption">Work grows</figcaption>'
    assert 'role="img" aria-label="Work grows"' in out
    # Collapsed (no "open"), and its numbers kept out of Material's search index.
    assert '<details class="chart__data" data-search-exclude>' in out
    assert "<details open" not in out
    assert "\n\n" not in out, "a blank line would end Markdown's raw HTML block"
    # No inline event handlers and no <script> at all: Material's instant navigation
    # re-creates inline scripts without their type, so even a JSON block would run.
    assert not re.search(r"\son\w+\s*=", out)
    assert "<script" not in out
    # The data is hidden from view, from assistive technology and from search.
    assert '<div class="chart__figure" hidden data-search-exclude>' in out


def test_embedded_json_is_the_figure() -> None:
    spec = json.loads(SPEC.search(figure_html(two_lines(), "growth", "c")).group(1))
    assert [t["name"] for t in spec["data"]] == ["DevOps", "MLOps"]
    assert spec["data"][0]["y"] == [30, 300]
    assert spec["layout"]["xaxis"]["title"]["text"] == "Items (n)"


@pytest.mark.parametrize("where", ["caption", "trace name", "axis title"])
def test_planted_script_shows_as_text(where: str) -> None:
    figure = two_lines(
        name=PLANTED if where == "trace name" else "DevOps",
        axis_title=PLANTED if where == "axis title" else "Items",
    )
    out = figure_html(figure, "x", PLANTED if where == "caption" else "Caption")
    # The planted tag is escaped text everywhere, including in the data's JSON.
    assert "<script" not in out
    data = SPEC.search(out).group(1)
    assert "<" not in data and ">" not in data
    if where != "caption":
        # plotly.js decodes entities in text, so the reader sees the literal tag.
        assert html.escape(PLANTED, quote=False) in json.dumps(json.loads(data))
        assert html.escape(PLANTED) in out  # in the data table too


def test_table_shares_x_when_traces_do() -> None:
    table = data_table(two_lines())
    assert "<th>Items (n)</th><th>DevOps</th><th>MLOps</th>" in table
    assert "<caption>" not in table  # the y axis has no title to give
    # What the numbers are, which the series' names do not say, is the table's caption.
    figure = two_lines()
    figure.update_yaxes(title_text="Seconds (log scale)", type="log")
    assert data_table(figure).startswith("<table><caption>Seconds</caption><thead>")
    assert "<tr><td>100</td><td>300</td><td>400.5</td></tr>" in table


def test_table_lists_points_when_x_differs() -> None:
    figure = go.Figure([go.Bar(x=["a"], y=[1], name="one"), go.Bar(x=["b"], y=[2], name="two")])
    table = data_table(figure)
    assert "<th>Series</th><th>x</th><th>y</th>" in table
    assert "<tr><td>two</td><td>b</td><td>2</td></tr>" in table


def test_caller_table_replaces_the_generated_one() -> None:
    mine = html_table(["k"], [["v"]])
    out = figure_html(two_lines(), "growth", "c", table=mine)
    assert mine in out and "<th>DevOps</th>" not in out


def test_figure_without_xy_data_needs_a_table() -> None:
    with pytest.raises(ValueError, match="table="):
        data_table(go.Figure(go.Pie(values=[1, 2])))


def test_bad_chart_id_is_refused() -> None:
    with pytest.raises(ValueError, match="chart id"):
        figure_html(two_lines(), 'x" onload="alert(1)', "c")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1234567, "1,234,567"),
        (np.int64(12), "12"),
        (0.000123456, "0.0001235"),
        (12345.678, "12,346"),
        (3.662e9, "3.662 x 10^9"),
        (1.5e-5, "1.5 x 10^-5"),
        (True, "True"),
        ("a", "a"),
    ],
)
def test_format_value(value, shown) -> None:
    assert format_value(value) == shown


def test_non_json_value_is_refused() -> None:
    figure = go.Figure(go.Scatter(x=[1], y=[1]))
    figure.layout.meta = {"when": object()}
    with pytest.raises(TypeError, match="cannot put object"):
        figure_html(figure, "x", "c", table="")


def test_numpy_values_become_plain_json() -> None:
    figure = go.Figure(go.Bar(x=np.array(["a", "<b>"]), y=np.array([1.5, 2.5]), name="n"))
    figure.layout.meta = {"count": np.int64(3), "values": np.array([1, 2])}
    spec = json.loads(SPEC.search(figure_html(figure, "np", "c")).group(1))
    assert spec["data"][0]["x"] == ["a", "<b>"]  # data stays data (JSON-escaped on the page)
    assert spec["data"][0]["y"] == [1.5, 2.5]
    assert spec["layout"]["meta"] == {"count": 3, "values": [1, 2]}
