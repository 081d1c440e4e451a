"""Tables of the data-and-drift and releasing-models pages, computed at build time.

Every number is counted from seeded simulations of the code the pages show (drift.py,
model_release.py), so two builds render the same tables. snippets/tables.py registers
`CORE_TABLES` in its `TABLES`.
"""

from __future__ import annotations

from functools import cache
from statistics import NormalDist

from snippets.drift import alarm_rates, ks_critical_gap
from snippets.model_release import MIN_REQUESTS, canary_rollouts, promotion_rates

ALARM_ROWS = (50, 200, 1000)  # rows in each sample of a drift check
ALARM_SHIFTS = (0.0, 0.1, 0.5)  # none, small, large: in standard deviations
ALARM_PAIRS = 200
GAP_ROWS = (100, 1_000, 10_000, 100_000, 1_000_000)
PROMOTION_ROWS = (100, 1_000, 5_000)
PROMOTION_GAINS = (0.0, 0.03)
PROMOTION_MARGINS = (0.0, 0.01, 0.02)
PROMOTION_TRIALS = 100
# (check every N canary requests, judge from N requests): once at the end, then more often
CANARY_SCHEDULES = ((5000, MIN_REQUESTS), (1000, MIN_REQUESTS), (100, MIN_REQUESTS), (100, 100))
CONTROL_RATE = 0.01  # the control's bad-outcome rate, canary_rollouts' default
CANARY_RATES = (CONTROL_RATE, 2 * CONTROL_RATE)  # as good as the control, twice as bad


def _markdown(header: list[str], rows: list[list[object]], text_columns: int = 1) -> str:
    """The site's table format. snippets.tables imports this module to register its
    tables, so it is imported when a table is drawn rather than at the top."""
    from snippets.tables import _table

    return _table(header, rows, text_columns)


def _percent(share: float) -> str:
    return f"{100 * share:.3g}%"


def _shift(shift: float) -> str:
    return "none" if shift == 0 else f"{shift:g} sd"


# --8<-- [start:drift-alarms]
@cache
def drift_alarms_table() -> str:
    """How often PSI and the KS test fire, by sample size and true shift."""
    rows = []
    for n in ALARM_ROWS:
        for rates in alarm_rates(n, ALARM_SHIFTS, ALARM_PAIRS):
            fired = [rates.psi_moderate, rates.psi_significant, rates.ks]
            rows.append([f"{n:,} rows, {_shift(rates.shift)}", *map(_percent, fired)])
    header = ["Rows per sample, mean shift", "PSI ≥ 0.1", "PSI ≥ 0.25", "KS p < 0.05"]
    return _markdown(header, rows)


# --8<-- [end:drift-alarms]


# --8<-- [start:ks-gap]
def ks_gap_table() -> str:
    """The smallest KS statistic that fires at p < 0.05, and the mean shift of a normal
    feature that makes that gap between the two distributions."""
    rows = []
    for n in GAP_ROWS:
        gap = ks_critical_gap(n, n)
        # Two normal distributions one shift apart are furthest apart halfway between
        # their means: there the gap is 2 * Phi(shift / 2) - 1.
        shift = 2 * NormalDist().inv_cdf((1 + gap) / 2)
        rows.append([n, f"{gap:.3g}", f"{shift:.2g}"])
    header = ["Rows per sample", "Smallest KS statistic that fires"]
    return _markdown([*header, "Mean shift that makes it (sd)"], rows)


# --8<-- [end:ks-gap]


# --8<-- [start:promotions]
@cache
def promotions_table() -> str:
    """How often the champion/challenger gate promotes, by rows, true gain and margin."""
    rows = []
    for n in PROMOTION_ROWS:
        for result in promotion_rates(n, PROMOTION_GAINS, PROMOTION_MARGINS, PROMOTION_TRIALS):
            truth = "as good" if result.true_gain == 0 else f"{result.true_gain:.0%} better"
            shares = [_percent(result.by_margin[m]) for m in PROMOTION_MARGINS]
            rows.append([f"{n:,} rows, {truth}", *shares])
    header = ["Held-out rows, the challenger really"]
    margins = [f"Promoted, margin {m:.0%}" for m in PROMOTION_MARGINS]
    return _markdown([*header, *margins], rows)


# --8<-- [end:promotions]


# --8<-- [start:canary-stops]
@cache
def canary_stops_table() -> str:
    """How often the canary stop rule rolls back, by how often it is checked."""
    rows = []
    for every, minimum in CANARY_SCHEDULES:
        when = "once, at the end" if every == 5000 else f"every {every:,}, from {minimum:,}"
        for rate in CANARY_RATES:
            result = canary_rollouts(rate, every, min_requests=minimum)
            truth = f"{rate:.0%} (" + ("as control)" if rate == CONTROL_RATE else "twice)")
            median = "" if result.median_requests is None else f"{result.median_requests:,}"
            rows.append([when, truth, _percent(result.rolled_back), median])
    header = ["Rule checked", "Canary's bad rate", "Rolled back", "Stopped at (median)"]
    return _markdown(header, rows, text_columns=2)


# --8<-- [end:canary-stops]


CORE_TABLES = {
    "drift-alarms": drift_alarms_table,
    "ks-gap": ks_gap_table,
    "promotions": promotions_table,
    "canary-stops": canary_stops_table,
}
