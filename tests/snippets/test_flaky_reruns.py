"""The rerun costs agree with a simulation of flaky test runs and with hand-worked cases."""

from __future__ import annotations

import random

import pytest

from snippets.flaky_reruns import (
    GOOGLE_FLAKY_SHARE,
    GOOGLE_FLAKY_TESTS,
    mixed_failed,
    mixed_suite,
    mixture,
    rerun_failed,
    rerun_suite,
)


def simulate(tests: int, rate: float, attempts: int, whole_suite: bool, builds: int):
    """(mean executions, share of builds still red): real runs of a flaky suite."""
    rng = random.Random(7)
    executions = red = 0
    for _ in range(builds):
        pending = tests  # the tests still to pass
        for _attempt in range(attempts):
            ran = tests if whole_suite else pending
            executions += ran
            failures = sum(rng.random() < rate for _ in range(ran))
            pending = (tests if failures else 0) if whole_suite else failures
            if pending == 0:
                break
        red += pending > 0
    return executions / builds, red / builds


@pytest.mark.parametrize(("tests", "rate", "attempts"), [(20, 0.05, 3), (50, 0.02, 2), (5, 0.3, 4)])
def test_formulas_match_a_simulation(tests, rate, attempts):
    builds = 4000
    for whole_suite, model in ((True, rerun_suite), (False, rerun_failed)):
        executions, red = simulate(tests, rate, attempts, whole_suite, builds)
        cost = model(tests, rate, attempts)
        assert executions == pytest.approx(cost.executions, rel=0.05)
        assert red == pytest.approx(cost.false_alarm, abs=0.03)


def test_hand_worked_cases():
    # One test: both strategies are the same thing.
    assert rerun_suite(1, 0.5, 2) == rerun_failed(1, 0.5, 2)
    assert rerun_suite(1, 0.5, 2).executions == 1.5  # a second run half the time
    assert rerun_suite(1, 0.5, 2).false_alarm == 0.25
    # No flakiness: one run of every test, never red.
    assert rerun_suite(100, 0.0, 3).executions == rerun_failed(100, 0.0, 3).executions == 100
    assert rerun_suite(100, 0.0, 3).false_alarm == 0
    # Until green: a suite of 2 tests at 50% is clean a quarter of the time.
    assert rerun_suite(2, 0.5).executions == pytest.approx(2 / 0.25)
    assert rerun_failed(2, 0.5).executions == pytest.approx(2 / 0.5)


def test_whole_suite_reruns_grow_exponentially_failed_only_linearly():
    rate = 0.015
    suite = [rerun_suite(n, rate).executions for n in (100, 200, 400)]
    failed = [rerun_failed(n, rate).executions for n in (100, 200, 400)]
    assert failed[1] == pytest.approx(2 * failed[0]) and failed[2] == pytest.approx(4 * failed[0])
    # Each doubling multiplies the whole-suite cost by more than the last.
    assert suite[1] / suite[0] > 2 * 2 and suite[2] / suite[1] > suite[1] / suite[0]


@pytest.mark.parametrize(
    ("tests", "rate", "attempts"), [(0, 0.1, 1), (5, 1.0, 1), (5, -0.1, 1), (5, 0.1, 0)]
)
def test_rejects_impossible_inputs(tests, rate, attempts):
    for model in (rerun_suite, rerun_failed):
        with pytest.raises(ValueError):
            model(tests, rate, attempts)


def simulate_mixed(rates: list[float], attempts: int, whole_suite: bool, builds: int):
    """(mean executions, share of builds still red) for a suite whose tests flake at
    their own rates."""
    rng = random.Random(11)
    executions = red = 0
    for _ in range(builds):
        pending = list(rates)
        for _attempt in range(attempts):
            ran = list(rates) if whole_suite else pending
            executions += len(ran)
            failed = [rate for rate in ran if rng.random() < rate]
            pending = (list(rates) if failed else []) if whole_suite else failed
            if not pending:
                break
        red += bool(pending)
    return executions / builds, red / builds


def test_a_mixed_suite_matches_a_simulation():
    groups = ((0.2, 0.3), (0.8, 0.01))  # 5 of 25 tests flaky 3 times in 10, 20 rarely
    rates = [0.3] * 5 + [0.01] * 20
    for whole_suite, model in ((True, mixed_suite), (False, mixed_failed)):
        executions, red = simulate_mixed(rates, 3, whole_suite, 4000)
        cost = model(25, groups, 3)
        assert executions == pytest.approx(cost.executions, rel=0.05)
        assert red == pytest.approx(cost.false_alarm, abs=0.03)


def test_one_group_is_the_uniform_model():
    for attempts in (None, 1, 3):
        uniform = rerun_suite(40, 0.05, attempts)
        mixed = mixed_suite(40, ((1.0, 0.05),), attempts)
        assert mixed.executions == pytest.approx(uniform.executions)
        assert mixed.false_alarm == pytest.approx(uniform.false_alarm)
        uniform = rerun_failed(40, 0.05, attempts)
        mixed = mixed_failed(40, ((1.0, 0.05),), attempts)
        assert mixed.executions == pytest.approx(uniform.executions)
        assert mixed.false_alarm == pytest.approx(uniform.false_alarm)


def test_the_mixture_keeps_the_average_rate():
    groups = mixture(GOOGLE_FLAKY_TESTS, GOOGLE_FLAKY_SHARE)
    assert sum(share for share, _ in groups) == pytest.approx(1)
    assert sum(share * rate for share, rate in groups) == pytest.approx(GOOGLE_FLAKY_SHARE)
