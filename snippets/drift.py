"""Drift statistics for one numeric feature: the population stability index (PSI) and the
two-sample Kolmogorov-Smirnov (KS) test, in the standard library only.

Both compare a *reference* sample (the data the model was trained on, or last week's)
with a *current* sample (today's live inputs). PSI bins the values by the reference's
quantiles and sums how much each bin's share moved; KS measures the largest gap between
the two samples' cumulative distributions and turns it into a p-value. `alarm_rates`
runs both, many times, on seeded samples whose true difference is known, to measure how
often each fires: on same-distribution pairs every alarm is a false one.

Standard library only: these functions are also the reference solutions of hands-on
steps that run in the browser's Python, which has no numpy here.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

PSI_BINS = 10  # deciles of the reference, the usual choice
EMPTY_SHARE = 1e-4  # an empty bin's share, so that its logarithm is defined
PSI_MODERATE = 0.1  # the rule of thumb's "moderate change" ...
PSI_SIGNIFICANT = 0.25  # ... and its "significant change, action required"
KS_ALPHA = 0.05  # the usual significance level, Evidently's default for its KS test


# --8<-- [start:ks-statistic]
def _checked(sample: Sequence[float], name: str) -> list[float]:
    """The sample as a sorted list; an empty sample or a NaN is refused."""
    values = sorted(map(float, sample))
    if not values:
        raise ValueError(f"the {name} sample is empty: there is no distribution to compare")
    if any(map(math.isnan, values)):
        raise ValueError(
            f"the {name} sample holds NaN: missing values are data validation's job, "
            "and NaN cannot be ordered"
        )
    return values


def ks_statistic(reference: Sequence[float], current: Sequence[float]) -> float:
    """The largest gap between the two samples' cumulative distributions: the share of
    each sample at or below x, compared at every value x that occurs in either sample."""
    a, b = _checked(reference, "reference"), _checked(current, "current")
    # bisect_right counts every copy of x, so a value both samples hold (a tie) moves
    # both shares at once, as the definition asks.
    return max(abs(bisect_right(a, x) / len(a) - bisect_right(b, x) / len(b)) for x in a + b)


# --8<-- [end:ks-statistic]


# --8<-- [start:ks-p-value]
def ks_p_value(statistic: float, n: int, m: int) -> float:
    """The chance of a gap at least this large between two samples of sizes n and m
    drawn from one distribution, by Kolmogorov's limiting distribution."""
    x = math.sqrt(n * m / (n + m)) * statistic
    if x == 0:
        return 1.0
    if x < 1.18:  # this series converges fast for small x, the other for large x
        terms = sum(math.exp(-((2 * k - 1) ** 2) * math.pi**2 / (8 * x * x)) for k in range(1, 8))
        return max(0.0, 1.0 - math.sqrt(2 * math.pi) / x * terms)
    return min(1.0, 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * x * x) for k in range(1, 8)))


def ks_test(reference: Sequence[float], current: Sequence[float]) -> tuple[float, float]:
    """(KS statistic, p-value): a p-value below the significance level flags drift."""
    d = ks_statistic(reference, current)
    return d, ks_p_value(d, len(reference), len(current))


# --8<-- [end:ks-p-value]


# --8<-- [start:psi]
def psi(reference: Sequence[float], current: Sequence[float], bins: int = PSI_BINS) -> float:
    """Population stability index: 0 when the current sample fills the reference's
    quantile bins in the same shares, larger the more the shares moved."""
    ref, cur = _checked(reference, "reference"), _checked(current, "current")
    # Bin edges at the reference's quantiles (deciles for 10 bins); repeated values can
    # make two edges equal, and an empty bin then gets the floor share like any other.
    edges = [ref[max(len(ref) * i // bins - 1, 0)] for i in range(1, bins)]
    total = 0.0
    for low, high in zip([-math.inf, *edges], [*edges, math.inf], strict=True):
        expected = _share(ref, low, high)
        actual = _share(cur, low, high)
        total += (actual - expected) * math.log(actual / expected)
    return total


def _share(ordered: list[float], low: float, high: float) -> float:
    """The share of the sorted values in (low, high], or a small floor if none are."""
    count = bisect_right(ordered, high) - bisect_right(ordered, low)
    return max(count / len(ordered), EMPTY_SHARE)


# --8<-- [end:psi]


def ks_critical_gap(n: int, m: int, alpha: float = KS_ALPHA) -> float:
    """The smallest KS statistic whose p-value is below alpha, for samples of n and m:
    the gap the test needs to fire, which shrinks as 1/sqrt of the sample size."""
    low, high = 0.0, 1.0
    for _ in range(60):  # bisection: the p-value falls as the gap grows
        middle = (low + high) / 2
        low, high = (middle, high) if ks_p_value(middle, n, m) >= alpha else (low, middle)
    return high


# --8<-- [start:alarms]
@dataclass(frozen=True)
class AlarmRates:
    rows: int  # rows in each sample, reference and current alike
    shift: float  # how far the current sample's mean moved, in standard deviations
    psi_moderate: float  # share of the sample pairs with PSI >= 0.1
    psi_significant: float  # ... with PSI >= 0.25
    ks: float  # ... with a KS p-value below 0.05


def alarm_rates(rows: int, shifts: Sequence[float], pairs: int, seed: int = 0) -> list[AlarmRates]:
    """How often each test fires on `pairs` pairs of normal samples of `rows` rows each,
    the current one shifted by each of `shifts` standard deviations. A shift of 0 draws
    both from one distribution, so every alarm it raises is a false one."""
    rng = random.Random(seed)
    fired = {shift: [0, 0, 0] for shift in shifts}
    for _ in range(pairs):
        reference = [rng.gauss(0, 1) for _ in range(rows)]
        noise = [rng.gauss(0, 1) for _ in range(rows)]
        for shift in shifts:  # the same noise for every shift, so only the shift differs
            current = [x + shift for x in noise]
            index = psi(reference, current)
            _, p = ks_test(reference, current)
            counts = fired[shift]
            counts[0] += index >= PSI_MODERATE
            counts[1] += index >= PSI_SIGNIFICANT
            counts[2] += p < KS_ALPHA
    return [AlarmRates(rows, s, *(c / pairs for c in fired[s])) for s in shifts]


# --8<-- [end:alarms]
