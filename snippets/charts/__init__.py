"""Charts the pages show, each computed at build time by the snippets it illustrates.

`CHARTS` maps the NAME of a `<!-- md:chart NAME -->` marker to a function that
returns the chart's HTML (see html.py); the content_markers extension renders the
markers. A new chart is a function in a module of this package, and one line here.
`render_chart(name)` raises KeyError for an unknown name, which the build reports
with the page's file and line.
"""

from __future__ import annotations

from collections.abc import Callable

from snippets.charts import driver_charts, explorer, growth_charts, team_cost_charts, wall_time

CHARTS: dict[str, Callable[[], str]] = {
    "pipeline_growth": growth_charts.pipeline_growth,
    "nested_vs_linear": growth_charts.nested_vs_linear,
    "growth_loglog": growth_charts.growth_loglog,
    "wall_time": wall_time.wall_time,
    "devops_stages": wall_time.devops_stages,
    "mlops_stages": wall_time.mlops_stages,
    "learner_times": wall_time.learner_times,
    "search_and_matrix": driver_charts.search_and_matrix,
    "flaky_reruns": driver_charts.flaky_reruns,
    "explorer": explorer.explorer,
    "team_costs": team_cost_charts.team_costs,
}


def render_chart(name: str) -> str:
    return CHARTS[name]()
