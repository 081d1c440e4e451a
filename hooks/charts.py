"""Render `<!-- md:chart NAME -->` with the chart `snippets.charts.CHARTS[NAME]` computes.

An unknown NAME, or a chart function that raises, fails the build with the chart's
name and the page's file and line (via markers.replace_markers).
"""

from __future__ import annotations

from markers import replace_markers

from snippets.charts import render_chart


def on_page_markdown(markdown, page, **kwargs):
    return replace_markers(
        markdown, page.file.src_path, page.file.content_string, "chart", render_chart
    )
