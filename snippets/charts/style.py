"""What every chart shares: colours, size and a layout that charts.js re-themes.

Colours are from the Okabe-Ito palette (distinguishable with colour-blindness);
text and grid colours are left to charts.js, which reads them from the theme so
the charts follow the light/dark palette switch.
"""

from __future__ import annotations

from typing import Any

DEVOPS = "#0072B2"
MLOPS = "#D55E00"
# Colours that are neither side's, for series that are not a side (one side's steps,
# strategies or learners): a blue or vermilion line would read as DevOps or MLOps.
OTHER_COLOURS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9")
HEIGHT = 380  # px; site.css reserves it so nothing shifts when a chart loads


def layout(x_title: str, y_title: str, **more: Any) -> dict[str, Any]:
    """A transparent, compact layout with titled axes; `more` overrides any key."""
    base: dict[str, Any] = {
        "template": "none",
        "height": HEIGHT,
        "margin": {"l": 70, "r": 20, "t": 20, "b": 60},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True},
        "hovermode": "x unified",
        # Tooltips show each series' whole name (plotly cuts names at 15 characters).
        "hoverlabel": {"namelength": -1},
    }
    base.update(more)
    return base


def hover(x: str, y: str) -> str:
    """A tooltip line: the series' full name, then its x and y as `x` and `y` say, with
    their units, e.g. hover("%{x:,} items", "%{y:.3g} s"). The <extra> box, which would
    repeat the name cut short, is left empty."""
    return f"%{{fullData.name}}<br>{x}: {y}<extra></extra>"


def relative(values: list[float]) -> list[float]:
    """Each value over the first: how many times the work at the first size. Series of
    unlike units (lines hashed, numbers touched) compare only as such ratios."""
    return [round(v / values[0], 4) for v in values]


def loglog_layout(x_title: str, y_title: str, sizes: list[int]) -> dict[str, Any]:
    """Log-log axes (c * n**k is a straight line of slope k), ticked at the sizes
    measured and at powers of ten, so no tick label is crowded."""
    return layout(
        x_title,
        y_title,
        xaxis={"title": {"text": x_title}, "type": "log", "tickvals": sizes, "automargin": True},
        yaxis={"title": {"text": y_title}, "type": "log", "dtick": 1, "automargin": True},
    )
