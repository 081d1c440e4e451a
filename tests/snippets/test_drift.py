"""The drift statistics: KS against SciPy's, PSI against a case worked by hand, and the
false-alarm simulation's behaviour."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from scipy import stats

from snippets.drift import (
    EMPTY_SHARE,
    KS_ALPHA,
    alarm_rates,
    ks_critical_gap,
    ks_p_value,
    ks_statistic,
    ks_test,
    psi,
)


def rounded_samples(seed: int, n: int, m: int) -> tuple[list[float], list[float]]:
    """Two samples rounded to one decimal: many values occur in both (ties)."""
    rng = random.Random(seed)
    a = [round(rng.gauss(0, 1), 1) for _ in range(n)]
    b = [round(rng.gauss(0.2, 1.3), 1) for _ in range(m)]
    return a, b


@pytest.mark.parametrize(
    ("seed", "n", "m"), [(0, 50, 70), (1, 300, 200), (2, 1000, 999), (3, 7, 3)]
)
def test_the_ks_statistic_is_scipys_on_samples_full_of_ties(seed, n, m):
    a, b = rounded_samples(seed, n, m)
    assert ks_statistic(a, b) == pytest.approx(stats.ks_2samp(a, b).statistic, abs=1e-15)


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [
        ([1, 2, 3], [1, 2, 3], 0.0),
        ([1, 2], [3, 4], 1.0),
        ([2, 3], [1], 1.0),  # the largest gap at a value of the second sample only
        ([1, 1, 2, 2], [1, 2, 2, 2], 0.25),  # a tie moves both samples at once
        ([-math.inf, 0], [0, math.inf], 0.5),
    ],
)
def test_the_ks_statistic_of_cases_worked_by_hand(a, b, gap):
    assert ks_statistic(a, b) == gap
    assert ks_statistic(b, a) == gap


def test_the_ks_statistic_leaves_the_callers_lists_alone():
    a, b = [3.0, 1.0, 2.0], [0.5, 9.0]
    ks_statistic(a, b)
    assert (a, b) == ([3.0, 1.0, 2.0], [0.5, 9.0])


@pytest.mark.parametrize("test", [ks_statistic, psi])
@pytest.mark.parametrize(("a", "b"), [([], [1.0]), ([1.0], []), ([1.0, math.nan], [1.0])])
def test_an_empty_sample_or_a_nan_is_refused(test, a, b):
    with pytest.raises(ValueError):
        test(a, b)


@pytest.mark.parametrize("x", [0.05, 0.3, 0.8, 1.0, 1.17, 1.18, 1.19, 1.5, 2.5, 4.0])
def test_the_ks_p_value_is_kolmogorovs_limiting_distribution(x):
    n = m = 200  # sqrt(n m / (n + m)) = 10
    assert ks_p_value(x / 10, n, m) == pytest.approx(stats.kstwobign.sf(x), abs=1e-12)


def test_the_ks_p_value_is_one_for_no_gap_and_falls_as_the_gap_grows():
    assert ks_p_value(0.0, 100, 100) == 1.0
    values = [ks_p_value(d / 100, 100, 100) for d in range(0, 101)]
    assert all(p >= q for p, q in itertools.pairwise(values))
    assert all(0.0 <= p <= 1.0 for p in values)


def test_on_large_samples_the_p_value_is_close_to_scipys():
    a, b = rounded_samples(4, 20_000, 15_000)
    statistic, p = ks_test(a, b)
    assert statistic == pytest.approx(stats.ks_2samp(a, b).statistic, abs=1e-15)
    assert p == pytest.approx(stats.ks_2samp(a, b, method="asymp").pvalue, rel=0.05, abs=1e-12)


def test_the_critical_gap_is_where_the_p_value_crosses_the_significance_level():
    for n in (100, 10_000):
        gap = ks_critical_gap(n, n)
        assert ks_p_value(gap, n, n) < KS_ALPHA <= ks_p_value(gap * 0.999, n, n)
        # Kolmogorov's 95% quantile, 1.358..., scaled by sqrt((n + m) / (n m)).
        assert gap == pytest.approx(stats.kstwobign.isf(KS_ALPHA) * math.sqrt(2 / n), rel=1e-6)


def test_psi_of_a_case_worked_by_hand():
    reference = list(range(1, 11))  # deciles: one value in each of ten bins
    # Twenty values: four in the first bin, one in each of the last two, two elsewhere.
    current = [1, 1, 1, 1, *[v for v in range(2, 9) for _ in range(2)], 9, 10]
    # Shares 0.2, 0.1 x 7, 0.05 x 2 against 0.1 each:
    # (0.1) ln 2 + 2 (-0.05) ln 0.5 = 0.2 ln 2.
    assert psi(reference, current) == pytest.approx(0.2 * math.log(2), abs=1e-12)


def test_psi_is_zero_for_the_same_sample_and_finite_when_a_bin_empties():
    reference = [x / 10 for x in range(100)]
    assert psi(reference, reference) == 0.0
    all_in_one_bin = [0.05] * 50
    expected = (1 - 0.1) * math.log(1 / 0.1) + 9 * (EMPTY_SHARE - 0.1) * math.log(EMPTY_SHARE / 0.1)
    assert psi(reference, all_in_one_bin) == pytest.approx(expected)


def test_psi_grows_with_the_shift():
    rng = random.Random(5)
    reference = [rng.gauss(0, 1) for _ in range(5000)]
    noise = [rng.gauss(0, 1) for _ in range(5000)]
    values = [psi(reference, [x + shift for x in noise]) for shift in (0.0, 0.25, 0.5, 1.0)]
    assert values == sorted(values)


def test_the_simulation_is_seeded_and_shares_its_noise_across_shifts():
    first = alarm_rates(100, (0.0, 0.5), pairs=20, seed=3)
    assert first == alarm_rates(100, (0.0, 0.5), pairs=20, seed=3)
    assert [r.shift for r in first] == [0.0, 0.5]
    assert first[0].rows == 100
    assert first[0].ks < 0.3 < 0.5 < first[1].ks  # half a deviation is seen at 100 rows
