"""The rerun costs agree with a simulation of flaky test runs and with hand-worked cases."""

from __future__ import annotations

import random

import pytest

from snippets.flaky_reruns import rerun_failed, rerun_suite


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
