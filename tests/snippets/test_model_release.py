"""Releasing a model: the champion/challenger gate, slices, shadow runs, the canary's
stop rule, and the simulations that count their wrong decisions."""

from __future__ import annotations

import math
import random
from statistics import fmean

import pytest

from snippets.model_release import (
    MAX_RATIO,
    MIN_REQUESTS,
    ShadowReport,
    _bad_positions,
    canary_rollouts,
    canary_verdict,
    challenger_wins,
    held_out_errors,
    promotion_rates,
    shadow_run,
    slice_errors,
)


@pytest.mark.parametrize(
    ("champion", "challenger", "min_gain", "wins"),
    [
        ([2.0, 2.0], [1.0, 1.0], 0.01, True),
        ([3.0, 1.0], [2.0, 2.0], 0.0, False),  # a tie keeps the champion
        ([8.0, 8.0], [6.0, 6.0], 0.25, True),  # exactly the margin
        ([0.0, 0.0], [0.0, 0.0], 0.0, False),  # a perfect champion, no crash
        ([1.0, math.inf], [1.0, 1.0], 0.01, True),
        ([math.inf], [math.inf], 0.0, False),
    ],
)
def test_the_gate(champion, challenger, min_gain, wins):
    assert challenger_wins(champion, challenger, min_gain) is wins


@pytest.mark.parametrize(
    ("champion", "challenger", "min_gain"),
    [
        ([1.0], [1.0, 2.0], 0.01),
        ([], [], 0.01),
        ([1.0, math.nan], [1.0, 1.0], 0.01),
        ([1.0, 1.0], [-1.0, 1.0], 0.01),
        ([1.0], [0.5], 1.0),
        ([1.0], [0.5], -0.1),
    ],
)
def test_the_gate_refuses_what_is_not_a_comparison(champion, challenger, min_gain):
    with pytest.raises(ValueError):
        challenger_wins(champion, challenger, min_gain)


def test_slice_errors_are_means_per_slice_in_sorted_order():
    assert slice_errors([1.0, 3.0, 5.0, 2.0], ["s", "n", "s", "n"]) == {"n": 2.5, "s": 3.0}
    with pytest.raises(ValueError):
        slice_errors([1.0], ["a", "b"])


def test_held_out_errors_share_the_rows_noise_between_models():
    rows = 4000
    perfect = held_out_errors(rows, model_spread=0.0, seed=9)
    assert perfect == held_out_errors(rows, model_spread=0.0, seed=9)
    assert fmean(perfect) == pytest.approx(1.0, abs=0.06)  # the noise alone, variance 1
    worse = held_out_errors(rows, model_spread=0.5, seed=9)
    assert fmean(worse) == pytest.approx(1.25, abs=0.08)
    other_rows = held_out_errors(rows, model_spread=0.0, seed=10)
    assert perfect != other_rows


def test_promotion_rates_are_seeded_and_fall_with_the_margin():
    results = promotion_rates(500, (0.0, 0.03), (0.0, 0.02), trials=40, seed=1)
    assert results == promotion_rates(500, (0.0, 0.03), (0.0, 0.02), trials=40, seed=1)
    as_good, better = results
    assert (as_good.true_gain, better.true_gain) == (0.0, 0.03)
    for result in results:
        assert result.by_margin[0.02] <= result.by_margin[0.0]
    assert better.by_margin[0.0] > as_good.by_margin[0.0]
    with pytest.raises(ValueError, match="beyond 4%"):
        promotion_rates(10, (0.05,), (0.0,), trials=1)


def test_a_shadows_failures_and_answers_never_reach_the_users():
    def live(request):
        return float(request)

    def shadow(request):
        if request == 3:
            raise KeyError("unseen")
        return float(request) + (1.0 if request > 4 else 0.1)

    answers, report = shadow_run(range(1, 7), live, shadow, tolerance=0.5)
    assert answers == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert report == ShadowReport(requests=6, failures=1, disagreements=2)


@pytest.mark.parametrize(
    ("counts", "verdict"),
    [
        ((0, MIN_REQUESTS - 1, 0, 10 * MIN_REQUESTS), "wait"),
        ((0, MIN_REQUESTS, 0, MIN_REQUESTS - 1), "wait"),
        ((10, MIN_REQUESTS, 10, MIN_REQUESTS), "proceed"),
        ((1, MIN_REQUESTS, 0, MIN_REQUESTS), "rollback"),
        ((0, MIN_REQUESTS, 0, MIN_REQUESTS), "proceed"),
    ],
)
def test_the_stop_rule(counts, verdict):
    assert canary_verdict(*counts) == verdict


def test_the_stop_rule_rolls_back_only_above_the_ratio():
    control = (100, 10 * MIN_REQUESTS)  # a rate of 1%
    at_ratio = int(MAX_RATIO * 100 / 10)  # the canary's count at exactly MAX_RATIO x 1%
    assert canary_verdict(at_ratio, MIN_REQUESTS, *control) == "proceed"
    assert canary_verdict(at_ratio + 1, MIN_REQUESTS, *control) == "rollback"


@pytest.mark.parametrize(
    "counts", [(-1, 10, 1, 10), (1, 10, -1, 10), (11, 10, 1, 10), (1, 10, 11, 10)]
)
def test_the_stop_rule_refuses_impossible_counts(counts):
    with pytest.raises(ValueError):
        canary_verdict(*counts)
    with pytest.raises(ValueError, match="max_ratio"):
        canary_verdict(1, 10, 1, 10, 10, 0.9)


def test_bad_positions_are_sorted_within_the_requests_at_about_the_rate():
    rng = random.Random(2)
    positions = _bad_positions(100_000, 0.01, rng)
    assert positions == sorted(set(positions))
    assert positions[0] >= 1 and positions[-1] <= 100_000
    assert len(positions) == pytest.approx(1000, rel=0.1)


def test_canary_rollouts_catch_a_bad_canary_sooner_when_checked_more_often():
    once = canary_rollouts(0.03, check_every=5000, trials=50)
    often = canary_rollouts(0.03, check_every=500, trials=50)
    assert once.rolled_back == often.rolled_back == 1.0
    assert often.median_requests < once.median_requests == 5000
    good = canary_rollouts(0.01, check_every=5000, trials=50)
    assert good.rolled_back < 0.1
