"""The HTML one chart becomes on a page (the site's hook and the notebook lab both use it).

A chart is a `<figure>` holding: a caption, a note for readers without JavaScript
saying where its data is, an empty plot element with an accessible name, the figure as
JSON in a hidden, inert `<div class="chart__figure">` (no inline code, no inline event
handlers: safe under a Content Security Policy), and the chart's data as a table in a
collapsed `<details>`. `assets/javascripts/charts.js`
finds these and draws them with the site's own plotly.js when they near the viewport.

Why not a `<script type="application/json">`: Material's instant navigation re-creates
every inline <script> of the new page without its attributes, which would turn the
data into code (and break under the site's Content Security Policy).

Output is deterministic: the same figure gives the same bytes (sorted keys, no random
ids, no timestamps), so two builds of the site are byte-identical.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

# Figure properties that plotly.js draws as (pseudo-HTML) text. Their values are
# HTML-escaped so a planted tag shows as text; plotly.js decodes the entities back.
TEXT_KEYS = frozenset({"name", "text", "hovertext", "ticktext", "label", "title"})
CHART_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# What a reader without JavaScript sees in place of the chart (site.css hides it when
# scripts run): where the chart's data is. Not a <noscript>: Material's instant
# navigation parses pages with scripting off, and would show one.
NO_SCRIPT_NOTE = (
    '<p class="chart__no-js" data-search-exclude>This chart is drawn by JavaScript, which is '
    "off: its data is in the table below, under “The data in this chart”.</p>"
)


def _plain(value: Any) -> Any:
    """numpy values as plain JSON values (plotly keeps arrays as numpy)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot put {type(value).__name__} in a chart")


def _escape_text(node: Any, key: str | None = None) -> Any:
    """Copy of a figure dict with the strings under TEXT_KEYS HTML-escaped, and plotly's
    base64 typed arrays as plain lists (readable, and tabulated by `data_table`)."""
    if isinstance(node, dict) and "bdata" in node and "dtype" in node:
        # One-dimensional: the basic bundle's traces (scatter, bar, pie) take no matrices.
        return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"]).tolist()
    if isinstance(node, dict):
        return {k: _escape_text(v, k) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_escape_text(v, key) for v in node]
    if isinstance(node, np.ndarray) and node.dtype.kind in "OUS":
        return [_escape_text(v, key) for v in node.tolist()]
    if isinstance(node, str) and key in TEXT_KEYS:
        return html.escape(node, quote=False)
    return node


def plain_figure(figure: go.Figure) -> dict:
    """The figure as a dict of plain lists, with its text HTML-escaped."""
    return _escape_text(figure.to_plotly_json())


def inert_json(value: Any) -> str:
    """Compact JSON with sorted keys, safe as the text of an HTML element."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=_plain, allow_nan=False)
    # No tag, comment or entity inside: escape the three characters HTML cares about.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_json(figure: go.Figure) -> str:
    """The figure as JSON for the page's data block."""
    return inert_json(plain_figure(figure))


def format_value(value: Any) -> str:
    """A number as a reader reads it: thousands separators, four significant digits."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        if 1e3 <= abs(float(value)) < 1e6:
            return f"{float(value):,.0f}"
        text = f"{float(value):,.4g}"
        if "e" in text:  # 3.662e+09 as the captions write it: 3.662 x 10^9
            mantissa, exponent = text.split("e")
            return f"{mantissa} x 10^{int(exponent)}"
        return text
    return str(value)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """An HTML table with every cell escaped (numbers formatted by `format_value`), and
    a caption when the headers alone do not say what the numbers are."""
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(format_value(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _axis_title(layout: dict, axis: str, default: str) -> str:
    """The axis title as plain text (html_table escapes it again)."""
    return html.unescape(layout.get(axis, {}).get("title", {}).get("text") or default)


def data_table(figure: go.Figure) -> str:
    """The figure's own data as a table: one x column and one column per trace when the
    traces share their x values, under the y axis's title, else one row per point
    (series, x, y)."""
    spec = json.loads(json.dumps(plain_figure(figure), default=_plain))
    traces = [t for t in spec["data"] if "x" in t and "y" in t]
    if not traces:
        raise ValueError("the figure has no x/y data to tabulate; pass table=")
    x_title = _axis_title(spec["layout"], "xaxis", "x")
    y_title = _axis_title(spec["layout"], "yaxis", "y")
    names = [html.unescape(t.get("name") or f"Series {i + 1}") for i, t in enumerate(traces)]
    xs = [t["x"] for t in traces]
    ys = [t["y"] for t in traces]
    if all(x == xs[0] for x in xs):
        # One column per series: the caption says what their numbers are (the y axis),
        # which a log scale does not change.
        unit = _axis_title(spec["layout"], "yaxis", "").removesuffix(" (log scale)")
        return html_table([x_title, *names], zip(xs[0], *ys, strict=True), caption=unit)
    rows = [
        (name, x, y)
        for name, x_values, y_values in zip(names, xs, ys, strict=True)
        for x, y in zip(x_values, y_values, strict=True)
    ]
    return html_table(["Series", x_title, y_title], rows)


def figure_html(
    figure: go.Figure,
    chart_id: str,
    caption: str,
    table: str | None = None,
    controls: str = "",
    note: str = "",
) -> str:
    """The `<figure>` for one chart. The caption says what to see and what it means; the
    `note` (plain text) says how the data was made, in the collapsed part with the data.
    `table` is trusted HTML (build it with `html_table`); None tabulates the figure's own
    data. `controls` is trusted HTML placed between the caption and the plot (the
    explorer's inputs and states)."""
    if not CHART_ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r} must be lowercase letters, digits and '-'")
    element = f"chart-{chart_id}"
    label = html.escape(caption)
    table_html = data_table(figure) if table is None else table
    summary = "The data in this chart, and how it was made" if note else "The data in this chart"
    note_html = f'<p class="chart__note">{html.escape(note)}</p>\n' if note else ""
    # One block with no blank line, so Markdown passes it through as raw HTML. The
    # caption comes first: HTML allows a <figcaption> only as a figure's first or last
    # child, and the data table, not the caption, is the figure's last part.
    return (
        f'<figure class="chart" id="{element}" aria-labelledby="{element}-caption">\n'
        f'<figcaption id="{element}-caption">{label}</figcaption>\n'
        f"{NO_SCRIPT_NOTE}\n"
        f"{controls}"
        f'<div class="chart__plot" role="img" aria-label="{label}"></div>\n'
        f'<div class="chart__figure" hidden data-search-exclude>{figure_json(figure)}</div>\n'
        '<details class="chart__data" data-search-exclude>'
        f"<summary>{summary}</summary>\n"
        f"{note_html}{table_html}\n"
        f"</details>\n"
        f"</figure>"
    )
