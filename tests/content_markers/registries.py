"""The tables and charts the content_markers tests render: tiny and planted, so the
extension is tested without the site's own (which import numpy, scikit-learn and Plotly).
Tests add to them with monkeypatch.setitem."""

from __future__ import annotations

from collections.abc import Callable

TINY_TABLE = "| Stage | Runs |\n|:---|---:|\n| build | 3 |"
TINY_CHART = '<figure class="chart" id="chart-tiny">\n<div>tiny</div>\n</figure>'

TABLES: dict[str, Callable[[], str]] = {"tiny": lambda: TINY_TABLE}
CHARTS: dict[str, Callable[[], str]] = {"tiny": lambda: TINY_CHART}
# The extension's settings that name them, as mkdocs.yml names the site's.
SETTINGS = {
    "tables": "tests.content_markers.registries:TABLES",
    "charts": "tests.content_markers.registries:CHARTS",
}
