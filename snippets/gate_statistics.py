"""Statistics for a release gate: a paired bootstrap of the champion/challenger gain,
the held-out rows a gain needs, and a canary test that may be checked after every
request.

The simulations run each rule many times on seeded data whose truth is known, and
count how often it decides wrongly. They draw a classifier's outcomes on held-out rows
as counts of four kinds of row (only the champion wrong, only the challenger wrong,
both, neither): resampling rows with replacement draws those counts from a
multinomial distribution, so a bootstrap on counts is the same bootstrap as on rows,
and thousands of trials take a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist

import numpy as np

RESAMPLES = 1000
CONFIDENCE = 0.95
CHAMPION_ERROR = 0.10  # the champion misclassifies 10% of the rows
DISAGREE = 0.06  # ... and the two models disagree on 6% of them
ROW_GAINS = np.array([-1.0, 0.0, 1.0])  # a row's champion error minus challenger error


# --8<-- [start:bootstrap]
def _interval(
    values: np.ndarray, counts: np.ndarray, resamples: int, confidence: float, rng
) -> tuple[float, float]:
    """The middle `confidence` of the means of `resamples` resamples of rows that hold
    `values` `counts` times. Drawing n rows with replacement is drawing each value's
    count from a multinomial distribution: the same bootstrap, without a loop."""
    rows = int(counts.sum())
    drawn = rng.multinomial(rows, counts / rows, size=resamples)  # each value's count
    means = drawn @ values / rows
    low, high = np.quantile(means, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)


def paired_bootstrap(
    champion_errors: Sequence[float],
    challenger_errors: Sequence[float],
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = 0,
) -> tuple[float, float]:
    """An interval of the gain, the champion's mean error minus the challenger's, each
    resample scoring both models on the SAME rows."""
    champion, challenger = np.asarray(champion_errors), np.asarray(challenger_errors)
    if champion.shape != challenger.shape or champion.size == 0:
        raise ValueError("two non-empty lists of errors on the same rows are needed")
    if np.isnan(champion).any() or np.isnan(challenger).any():
        raise ValueError("a NaN error is a failure upstream, not a score")
    values, counts = np.unique(champion - challenger, return_counts=True)
    return _interval(values, counts, resamples, confidence, np.random.default_rng(seed))


def promote(
    champion_errors: Sequence[float],
    challenger_errors: Sequence[float],
    margin: float = 0.0,
    **bootstrap,
) -> bool:
    """Promote only if the interval's lower bound clears the margin: a tie, or a gain
    that may be noise, keeps the champion."""
    low, _ = paired_bootstrap(champion_errors, challenger_errors, **bootstrap)
    return low > margin


# --8<-- [end:bootstrap]


# --8<-- [start:gate-rules]
@dataclass(frozen=True)
class GateRules:
    rows: int  # held-out rows both models are scored on
    true_gain: float  # how much lower the challenger's error rate really is
    lower_mean: float  # share of trials promoted by "its mean error is lower"
    separate: float  # ... by "its interval lies below the champion's interval"
    paired: float  # ... by "the paired interval of the gain lies above 0"


def row_kinds(true_gain: float, disagree: float = DISAGREE) -> list[float]:
    """The chance of each kind of row: only the champion wrong, only the challenger
    wrong, both wrong, both right; the champion's error is CHAMPION_ERROR."""
    champion_only = (disagree + true_gain) / 2
    challenger_only = (disagree - true_gain) / 2
    both = CHAMPION_ERROR - champion_only
    return [champion_only, challenger_only, both, 1 - disagree - both]


def gate_rules(rows: int, true_gain: float, trials: int = 400, seed: int = 0) -> GateRules:
    """How often three rules promote the challenger, over `trials` held-out sets."""
    rng = np.random.default_rng(seed)
    promoted = np.zeros(3)
    for kinds in rng.multinomial(rows, row_kinds(true_gain), size=trials):
        champion_only, challenger_only, both, _ = kinds
        gain = (champion_only - challenger_only) / rows
        # Paired: one difference per row, -1, 0 or +1, resampled together.
        differences = np.array(
            [challenger_only, rows - champion_only - challenger_only, champion_only]
        )
        paired_low, _ = _interval(ROW_GAINS, differences, RESAMPLES, CONFIDENCE, rng)
        # Separate: each model's error rate resampled on its own, intervals compared.
        intervals = []
        for wrong in (champion_only + both, challenger_only + both):
            counts = np.array([rows - wrong, wrong])
            intervals.append(_interval(np.array([0.0, 1.0]), counts, RESAMPLES, CONFIDENCE, rng))
        (champion_low, _), (_, challenger_high) = intervals
        promoted += [gain > 0, challenger_high < champion_low, paired_low > 0]
    return GateRules(rows, true_gain, *(promoted / trials))


# --8<-- [end:gate-rules]


# --8<-- [start:rows-needed]
def rows_needed(gain: float, disagree: float, alpha: float = 0.025, power: float = 0.8) -> int:
    """Held-out rows a paired comparison of two classifiers needs to detect that one's
    error rate is `gain` lower (0.01 is one point of accuracy), with chance `power`, by
    a one-sided test at level `alpha` (the lower bound of a 95% interval is one at
    0.025). `disagree` is the share of rows on which the two models' answers differ in
    being right: only those rows carry evidence. The normal approximation for paired
    proportions, as McNemar's test uses them."""
    if not 0 < gain <= disagree <= 1:
        raise ValueError("need 0 < gain <= disagree <= 1: a gain shows only on rows that differ")
    z_alpha, z_power = NormalDist().inv_cdf(1 - alpha), NormalDist().inv_cdf(power)
    spread = z_alpha * math.sqrt(disagree) + z_power * math.sqrt(disagree - gain**2)
    return math.ceil((spread / gain) ** 2)


# --8<-- [end:rows-needed]


def paired_power(
    rows: int, true_gain: float, disagree: float, trials: int = 400, seed: int = 0
) -> float:
    """The share of `trials` held-out sets of `rows` rows on which the paired bootstrap's
    95% interval of the gain lies above 0: the power `rows_needed` aims at, simulated."""
    rng = np.random.default_rng(seed)
    promoted = 0
    for kinds in rng.multinomial(rows, row_kinds(true_gain, disagree), size=trials):
        counts = np.array([kinds[1], rows - kinds[0] - kinds[1], kinds[0]])
        low, _ = _interval(ROW_GAINS, counts, RESAMPLES, CONFIDENCE, rng)
        promoted += low > 0
    return promoted / trials


# --8<-- [start:canary-looks]
@dataclass(frozen=True)
class CanaryRule:
    rule: str
    bad_rate: float  # the canary's true rate of bad outcomes
    rolled_back: float  # share of trials it rolled back
    median_requests: int | None  # canary requests seen when it decided, the median trial


def canary_looks(
    bad_rate: float,
    good_rate: float = 0.01,
    stop_rate: float = 0.02,
    requests: int = 5000,
    trials: int = 1000,
    seed: int = 0,
) -> list[CanaryRule]:
    """Three rules on the same canaries, the control's rate known: a one-sided z-test
    at the 5% level at the end, the same every 100 requests, and `sprt_verdict`
    (alpha 0.05, beta 0.1) after every request, whose first verdict stands."""
    rng = np.random.default_rng(seed)
    bad = np.cumsum(rng.random((trials, requests)) < bad_rate, axis=1)
    seen = np.arange(1, requests + 1)
    z = (bad - seen * good_rate) / np.sqrt(seen * good_rate * (1 - good_rate))
    looks = seen % 100 == 0
    # sprt_verdict's evidence, for every trial and request at once.
    evidence = bad * math.log(stop_rate / good_rate) + (seen - bad) * math.log(
        (1 - stop_rate) / (1 - good_rate)
    )
    up, down = math.log((1 - 0.1) / 0.05), math.log(0.1 / (1 - 0.05))
    decided = (evidence >= up) | (evidence <= down)
    first_verdict = np.where(decided.any(axis=1), decided.argmax(axis=1), requests - 1)
    # rule -> (rolled back?, canary requests seen when it did), one entry per trial
    rules = {
        "One z-test, at the end": (z[:, -1] > 1.645, np.full(trials, requests)),
        "A z-test every 100 requests": (
            ((z > 1.645) & looks).any(axis=1),
            ((z > 1.645) & looks).argmax(axis=1) + 1,
        ),
        "Wald's test, every request": (
            evidence[np.arange(trials), first_verdict] >= up,  # its first verdict decides
            first_verdict + 1,
        ),
    }
    results = []
    for rule, (stopped, at) in rules.items():
        median = int(np.median(at[stopped])) if stopped.any() else None
        results.append(CanaryRule(rule, bad_rate, float(stopped.mean()), median))
    return results


# --8<-- [end:canary-looks]


def _table(header: list[str], rows: Sequence[Sequence[object]], text_columns: int = 1) -> str:
    from snippets.tables import _table as table  # tables imports this module

    return table(header, rows, text_columns)


def _percent(share: float) -> str:
    return f"{100 * share:.3g}%"


GATE_ROWS = (1000, 5000)
GATE_GAINS = (0.0, 0.01)
NEEDED_GAINS = (0.02, 0.01, 0.005, 0.002)
NEEDED_DISAGREE = (0.05, 0.2)


@cache
def gate_rules_table() -> str:
    """How often each rule promotes, by held-out rows and the challenger's true gain."""
    rows = []
    for n in GATE_ROWS:
        for gain in GATE_GAINS:
            result = gate_rules(n, gain)
            truth = "as good" if gain == 0 else f"{gain * 100:g} point better"
            shares = (result.lower_mean, result.separate, result.paired)
            rows.append([f"{n:,} rows, {truth}", *map(_percent, shares)])
    header = ["Held-out rows, the challenger", "Lower mean", "Separate intervals", "Paired"]
    return _table(header, rows)


@cache
def rows_needed_table() -> str:
    """Rows needed for 80% power, by gain and disagreement, with the power simulated."""
    rows = []
    for gain in NEEDED_GAINS:
        needed = [rows_needed(gain, d) for d in NEEDED_DISAGREE]
        power = paired_power(needed[0], gain, NEEDED_DISAGREE[0])
        rows.append([f"{gain * 100:g} point", *needed, _percent(power)])
    header = [
        "Gain in accuracy",
        *(f"Rows, models differ on {d:.0%}" for d in NEEDED_DISAGREE),
        f"Power simulated ({NEEDED_DISAGREE[0]:.0%})",
    ]
    return _table(header, rows)


@cache
def canary_looks_table() -> str:
    """How often each canary rule rolls back a good and a bad canary, and when."""
    rows = []
    for good, bad in zip(canary_looks(0.01), canary_looks(0.02), strict=True):
        median = "" if bad.median_requests is None else f"{bad.median_requests:,}"
        rows.append([good.rule, _percent(good.rolled_back), _percent(bad.rolled_back), median])
    header = ["Rule", "Good canary rolled back", "Bad canary rolled back", "Bad one stopped at"]
    return _table(header, rows)


GATE_TABLES: dict[str, Callable[[], str]] = {
    "gate-rules": gate_rules_table,
    "rows-needed": rows_needed_table,
    "canary-looks": canary_looks_table,
}
