"""The gate's statistics: the paired bootstrap, the rows a gain needs, the canary's
sequential test, and the simulations behind the releasing-models page's tables."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from snippets.gate_statistics import (
    CHAMPION_ERROR,
    DISAGREE,
    canary_looks,
    canary_looks_table,
    gate_rules,
    gate_rules_table,
    paired_bootstrap,
    paired_power,
    promote,
    row_kinds,
    rows_needed,
    rows_needed_table,
)
from snippets.model_release import sprt_verdict


def test_identical_models_give_an_interval_of_zero_and_no_promotion():
    errors = [0, 1, 0, 0, 1, 1, 0]
    assert paired_bootstrap(errors, errors) == (0.0, 0.0)
    assert not promote(errors, errors)


def test_a_challenger_right_on_every_row_the_champion_missed_is_promoted():
    champion = [1] * 30 + [0] * 70
    challenger = [0] * 100
    low, high = paired_bootstrap(champion, challenger)
    assert 0 < low <= 0.3 <= high
    assert promote(champion, challenger, margin=0.1)
    assert not promote(champion, challenger, margin=0.5)  # the margin is above the gain


def test_the_interval_is_of_the_gain_champion_minus_challenger():
    champion, challenger = [0] * 100, [1] * 20 + [0] * 80
    low, high = paired_bootstrap(champion, challenger)
    assert low <= -0.2 <= high < 0
    assert not promote(champion, challenger)


def test_a_margin_met_exactly_by_every_resample_does_not_promote():
    # every row gains exactly 0.25: every resample's gain is 0.25, not above 0.25
    assert paired_bootstrap([1.0] * 8, [0.75] * 8) == (0.25, 0.25)
    assert not promote([1.0] * 8, [0.75] * 8, margin=0.25)
    assert promote([1.0] * 8, [0.75] * 8, margin=0.2)


def test_the_same_seed_gives_the_same_interval_and_a_wider_confidence_a_wider_one():
    rng = random.Random(1)
    champion = [rng.random() for _ in range(200)]
    challenger = [e - 0.05 + rng.gauss(0, 0.1) for e in champion]
    assert paired_bootstrap(champion, challenger, seed=3) == paired_bootstrap(
        champion, challenger, seed=3
    )
    narrow = paired_bootstrap(champion, challenger, confidence=0.5)
    wide = paired_bootstrap(champion, challenger, confidence=0.99)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]


@pytest.mark.parametrize(
    ("champion", "challenger"),
    [([], []), ([1.0, 2.0], [1.0]), ([1.0, math.nan], [1.0, 1.0])],
)
def test_no_rows_different_rows_and_nan_are_refused(champion, challenger):
    with pytest.raises(ValueError):
        paired_bootstrap(champion, challenger)


@pytest.mark.parametrize("gain", [0.0, 0.01, 0.03])
def test_row_kinds_are_probabilities_with_the_stated_errors(gain):
    champion_only, challenger_only, both, neither = row_kinds(gain)
    assert math.isclose(champion_only + challenger_only + both + neither, 1)
    assert min(champion_only, challenger_only, both, neither) >= 0
    assert math.isclose(champion_only + both, CHAMPION_ERROR)
    assert math.isclose(champion_only - challenger_only, gain)
    assert math.isclose(champion_only + challenger_only, DISAGREE)


def test_the_paired_rule_holds_false_promotions_down_and_finds_a_real_gain():
    as_good, better = gate_rules(5000, 0.0), gate_rules(5000, 0.01)
    # the lower mean promotes an equal challenger about half the time
    assert 0.4 < as_good.lower_mean < 0.6
    # a 95% interval's lower bound is above 0 by chance about 2.5% of the time
    assert as_good.paired < 0.06 and as_good.separate < 0.06
    # the paired rule finds the real gain most of the time; separate intervals rarely
    assert better.paired > 0.7 > 0.1 > better.separate
    assert better.lower_mean > better.paired


def test_rows_needed_follows_the_formula_and_scales_as_it_should():
    z_alpha, z_power = 1.959964, 0.841621
    d, g = 0.05, 0.01
    expected = ((z_alpha * math.sqrt(d) + z_power * math.sqrt(d - g * g)) / g) ** 2
    assert rows_needed(g, d) == math.ceil(expected)
    # half the gain needs about four times the rows; four times the disagreement, too
    assert 3.9 < rows_needed(0.005, 0.05) / rows_needed(0.01, 0.05) < 4.1
    assert 3.9 < rows_needed(0.01, 0.2) / rows_needed(0.01, 0.05) < 4.1
    assert rows_needed(0.01, 0.05, power=0.9) > rows_needed(0.01, 0.05)


@pytest.mark.parametrize(("gain", "disagree"), [(0.0, 0.05), (0.06, 0.05), (0.01, 1.5)])
def test_rows_needed_refuses_an_impossible_gain(gain, disagree):
    with pytest.raises(ValueError):
        rows_needed(gain, disagree)


def test_the_rows_needed_give_the_power_asked_for_in_simulation():
    n = rows_needed(0.02, 0.05)
    assert 0.72 < paired_power(n, 0.02, 0.05) < 0.88
    assert paired_power(n // 4, 0.02, 0.05) < 0.5  # a quarter of the rows: much less


def test_peeking_inflates_false_rollbacks_and_walds_test_holds_them():
    end, peeking, wald = canary_looks(0.01)
    assert end.rolled_back < 0.08 and wald.rolled_back < 0.08
    assert peeking.rolled_back > 3 * end.rolled_back
    assert wald.rolled_back <= 0.05  # the page: "keeps its false rollbacks within alpha"
    bad_end, bad_peeking, bad_wald = canary_looks(0.02)
    assert bad_end.rolled_back > 0.9
    assert 0.05 < 1 - bad_wald.rolled_back < 0.15  # "passes about beta (0.1) of the bad"
    assert bad_wald.median_requests < 1000 < bad_end.median_requests == 5000
    assert bad_peeking.rolled_back > 0.9  # peeking catches the bad canary too, sooner
    assert bad_peeking.median_requests < bad_end.median_requests


def test_the_simulations_wald_test_is_sprt_verdict():
    """canary_looks computes sprt_verdict's evidence for all trials at once: the same
    verdicts, request by request, on one seeded canary."""
    rng = np.random.default_rng(5)
    outcomes = rng.random(3000) < 0.02
    bad, first = 0, None
    for seen, outcome in enumerate(outcomes, start=1):
        bad += outcome
        verdict = sprt_verdict(bad, seen, 0.01, 0.02)
        if verdict != "continue":
            first = (seen, verdict)
            break
    assert first is not None
    evidence = bad * math.log(2) + (first[0] - bad) * math.log(0.98 / 0.99)
    assert (evidence >= math.log(0.9 / 0.05)) == (first[1] == "rollback")


@pytest.mark.parametrize(
    ("args", "verdict"),
    [
        ((0, 0, 0.01, 0.02), "continue"),  # no requests yet: no evidence
        ((3, 3, 0.25, 0.5, 0.1, 0.2), "rollback"),  # evidence exactly log(8)
        ((2, 2, 0.25, 0.5, 0.1, 0.2), "continue"),
        ((0, 400, 0.01, 0.02), "proceed"),
        ((8, 100, 0.01, 0.02), "rollback"),
    ],
)
def test_sprt_verdict(args, verdict):
    assert sprt_verdict(*args) == verdict


@pytest.mark.parametrize(
    "args",
    [
        (-1, 10, 0.01, 0.02),
        (11, 10, 0.01, 0.02),
        (1, 10, 0.02, 0.02),
        (1, 10, 0.0, 0.02),
        (1, 10, 0.01, 1.0),
        (1, 10, 0.01, 0.02, 0.5, 0.5),
        (1, 10, 0.01, 0.02, 0.0, 0.1),
    ],
)
def test_sprt_verdict_refuses_impossible_inputs(args):
    with pytest.raises(ValueError):
        sprt_verdict(*args)


def test_the_tables_show_each_simulation():
    assert gate_rules_table().count("\n") == 2 + 4 - 1
    one_point = [f"{rows_needed(0.01, d):,}" for d in (0.05, 0.2)]
    assert f"| 1 point | {one_point[0]} | {one_point[1]} |" in rows_needed_table()
    assert canary_looks_table().count("Wald") == 1
