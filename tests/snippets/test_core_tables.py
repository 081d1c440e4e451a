"""The data-and-drift and releasing-models tables: their rows follow the simulations'
settings, and what the pages say about them holds for the numbers they show."""

from __future__ import annotations

import math
from pathlib import Path
from statistics import NormalDist

import pytest
from scipy.stats import ks_2samp

from snippets import core_tables
from snippets.drift import KS_ALPHA, ks_critical_gap, ks_p_value
from snippets.tables import TABLES
from tests.snippets.test_tables import cells

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page(name: str) -> str:
    """A page's text with its line breaks flattened."""
    return " ".join((DOCS / name).read_text(encoding="utf-8").split())


def percent(cell: str) -> float:
    return float(cell.removesuffix("%")) / 100


def test_the_tables_are_registered_with_the_sites_tables():
    assert set(core_tables.CORE_TABLES) <= set(TABLES)
    for name, table in core_tables.CORE_TABLES.items():
        assert TABLES[name] is table


def labelled(markdown: str) -> dict[tuple[int, str], list[float]]:
    """Rows labelled "N rows, what": (N, what) -> the shares in the other cells (`cells`
    drops the commas)."""
    found = {}
    for row in cells(markdown):
        n, what = row[0].split(" rows ")
        found[int(n), what] = [percent(c) for c in row[1:]]
    return found


def drift_rows() -> dict[tuple[int, str], list[float]]:
    return labelled(core_tables.drift_alarms_table())


def test_the_drift_table_has_every_size_and_shift():
    assert len(drift_rows()) == len(core_tables.ALARM_ROWS) * len(core_tables.ALARM_SHIFTS)


def chance_range(rate: float, pairs: int) -> tuple[float, float]:
    """Where a share of `pairs` pairs falls 95 times in 100 when each fires at `rate`
    (the normal approximation to the binomial)."""
    half = NormalDist().inv_cdf(0.975) * math.sqrt(rate * (1 - rate) / pairs)
    return rate - half, rate + half


def test_the_page_gives_the_pairs_per_cell_and_the_range_chance_leaves():
    # "Each cell of the table counts 200 pairs ... a true rate of 5% can show anywhere
    # from about 2% to 8% by chance alone."
    text = page("data-and-drift.md")
    assert f"Each cell of the table counts {core_tables.ALARM_PAIRS} pairs" in text
    low, high = chance_range(KS_ALPHA, core_tables.ALARM_PAIRS)
    assert f"a true rate of {KS_ALPHA:.0%} can show anywhere" in text
    assert f"from about {low:.0%} to {high:.0%} by chance alone" in text


def test_ks_false_alarms_stay_at_most_near_its_significance_level_at_every_size():
    # "The KS test fires on at most about one pair in twenty, at every sample size."
    high = chance_range(KS_ALPHA, core_tables.ALARM_PAIRS)[1]
    for n in core_tables.ALARM_ROWS:
        assert drift_rows()[n, "none"][2] <= high, n


def test_on_the_smallest_samples_the_first_gap_that_fires_has_a_p_value_near_0_04():
    # "The gap between two samples of 50 rows moves in steps of one row's share, and the
    # smallest step past the threshold already has a p-value near 0.04, so only about 4%
    # of same-distribution pairs reach it."
    n = min(core_tables.ALARM_ROWS)
    assert f"two samples of {n} rows moves in steps of one row's share" in page("data-and-drift.md")
    gap = math.ceil(ks_critical_gap(n, n) * n) / n  # the first step at or past the bar
    assert ks_p_value(gap, n, n) < KS_ALPHA <= ks_p_value(gap - 1 / n, n, n)
    assert round(ks_p_value(gap, n, n), 2) == 0.04
    # SciPy's exact p-value of that gap, the share of pairs that reach it, agrees.
    reference = [float(i) for i in range(n)]
    current = [x + gap * n - 0.5 for x in reference]  # the two samples' largest gap is `gap`
    exact = ks_2samp(reference, current, method="exact")
    assert exact.statistic == pytest.approx(gap) and round(exact.pvalue, 2) == 0.04


def test_psi_false_alarms_depend_on_the_sample_size():
    # "On small samples most same-distribution pairs pass 0.1 ... at the largest size none does."
    rows = drift_rows()
    smallest, largest = min(core_tables.ALARM_ROWS), max(core_tables.ALARM_ROWS)
    assert rows[smallest, "none"][0] > 0.5
    assert rows[largest, "none"][0] == 0.0


def test_the_ks_gap_falls_with_the_rows_and_matches_its_shift():
    rows = cells(core_tables.ks_gap_table())
    assert [int(r[0]) for r in rows] == list(core_tables.GAP_ROWS)
    gaps, shifts = [float(r[1]) for r in rows], [float(r[2]) for r in rows]
    assert gaps == sorted(gaps, reverse=True) and shifts == sorted(shifts, reverse=True)
    for gap, shift in zip(gaps, shifts, strict=True):
        # Two unit normals `shift` apart are furthest apart, by 2 Phi(shift / 2) - 1, midway.
        assert 2 * NormalDist().cdf(shift / 2) - 1 == pytest.approx(gap, rel=0.05)


def promotion_rows() -> dict[tuple[int, str], list[float]]:
    return labelled(core_tables.promotions_table())


def test_with_no_margin_an_equal_challenger_wins_about_half_the_time():
    for n in core_tables.PROMOTION_ROWS:
        assert 0.35 <= promotion_rows()[n, "as good"][0] <= 0.65


def test_a_margin_stops_false_promotions_only_with_enough_rows():
    rows = promotion_rows()
    fewest, most = min(core_tables.PROMOTION_ROWS), max(core_tables.PROMOTION_ROWS)
    assert rows[fewest, "as good"][-1] >= 0.2
    assert rows[most, "as good"][-1] <= 0.05


def test_a_margin_holds_back_real_gains_most_on_few_rows():
    rows = promotion_rows()
    held_back = [
        rows[n, "3% better"][0] - rows[n, "3% better"][-1] for n in core_tables.PROMOTION_ROWS
    ]
    assert all(h > 0 for h in held_back)
    assert held_back[0] == max(held_back)


def canary_rows() -> list[tuple[str, str, float, str]]:
    return [(r[0], r[1], percent(r[2]), r[3]) for r in cells(core_tables.canary_stops_table())]


def test_a_canary_twice_as_bad_is_caught_whichever_way_it_is_checked_and_sooner_if_often():
    worse = [row for row in canary_rows() if row[1].endswith("twice)")]
    assert len(worse) == len(core_tables.CANARY_SCHEDULES)
    assert all(row[2] >= 0.95 for row in worse)
    medians = [int(row[3]) for row in worse]
    assert medians == sorted(medians, reverse=True) and medians[0] > medians[-1]


def test_each_extra_look_rolls_back_more_good_canaries():
    good = [row[2] for row in canary_rows() if row[1].endswith("as control)")]
    assert good == sorted(good) and good[0] < good[-1]
