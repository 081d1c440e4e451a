"""Tables of the training-for-production page, computed at build time.

Every number comes from seeded simulations of the code the page shows (backtest.py,
point_in_time.py), so two builds render the same tables. snippets/tables.py registers
`TRAINING_TABLES` in its `TABLES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from snippets.backtest import FUTURE, HORIZON, LEAD, TEST_SHARE, evaluation_errors
from snippets.point_in_time import join_scores


def _markdown(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    """The site's table format. snippets.tables imports this module to register its
    tables, so it is imported when a table is drawn rather than at the top."""
    from snippets.tables import _table

    return _table(header, rows)


# --8<-- [start:backtest]
@cache
def backtest_table() -> str:
    """The error each evaluation reports for the forecast, beside the error it then makes
    on the weeks after the history, as production runs it."""
    found = evaluation_errors()
    reported = [
        (f"Random split: {TEST_SHARE:.0%} of the days, shuffled", found.random_split),
        ("Backtest, no gap: each week from the days before it", found.backtest_no_gap),
        (f"Backtest, a gap of {LEAD} days, as the shop forecasts", found.backtest),
        (f"Production: the {FUTURE // HORIZON} weeks after the history", found.production),
    ]
    rows = [[name, f"{error:.1f}", f"{error / found.production:.0%}"] for name, error in reported]
    header = ["Evaluation", "Mean absolute error (units a day)", "Share of production's error"]
    return _markdown(header, rows)


# --8<-- [end:backtest]


# --8<-- [start:point-in-time]
@cache
def point_in_time_table() -> str:
    """The Brier score of the returns model, trained on each join, as the offline test
    reports it and as production (features as of each order) gets it."""
    found = join_scores()
    rows = [
        ["No feature: the training return rate for every order", found.base_rate, found.base_rate],
        ["Trained on latest values", found.latest_offline, found.latest_production],
        ["Trained on values as of each order", found.as_of_offline, found.as_of_production],
    ]
    header = ["Model", "Offline test (same join)", "Production (as of each order)"]
    return _markdown(header, [[name, f"{a:.3f}", f"{b:.3f}"] for name, a, b in rows])


# --8<-- [end:point-in-time]


TRAINING_TABLES = {
    "backtest": backtest_table,
    "point-in-time": point_in_time_table,
}
