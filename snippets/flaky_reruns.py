"""Flaky tests: what re-running them costs, counted in test executions.

A flaky test result is one where a test "exhibits both a passing and a failing
result with the same code"; across Google's tests about 1.5% of all test runs
reported one, and "almost 16%" of the tests had some flakiness (Micco, Google
Testing Blog, 2016, read 2026-12-08). A Google "test" is a test binary, and larger ones
flake more (Listfield, Google Testing Blog, 2017), so these rates are inputs, not a
rate for unit tests. When a test fails for no reason, CI can re-run
the whole suite or only the tests that failed. Two models, both with independent
executions and no test failing for a real reason: the uniform one gives every test
the same chance of a flaky result; the mixed one puts the flaky results on a share
of the tests and none on the others, at the same average rate. Read the numbers as
the shape of the cost, not a forecast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Google's observed share of test runs with a flaky result (Micco, 2016), counted per
# test binary: an input to the model, not a rate for unit tests or any other project.
GOOGLE_FLAKY_SHARE = 0.015
# The share of Google's tests with some flakiness ("almost 16%", Micco, 2016).
GOOGLE_FLAKY_TESTS = 0.16


@dataclass(frozen=True)
class RetryCost:
    executions: float
    """Expected test executions until the build is green, or the attempts run out."""
    false_alarm: float
    """Probability that the build still ends red although no test really fails."""


def _check(tests: int, flake_rate: float, attempts: int | None) -> None:
    if tests < 1 or not 0 <= flake_rate < 1 or (attempts is not None and attempts < 1):
        raise ValueError("need tests >= 1, 0 <= flake_rate < 1 and attempts >= 1 (or None)")


# --8<-- [start:reruns]
def rerun_suite(tests: int, flake_rate: float, attempts: int | None = None) -> RetryCost:
    """Re-run the whole suite until one run has no failure (`attempts` caps the runs)."""
    _check(tests, flake_rate, attempts)
    clean = (1 - flake_rate) ** tests  # the chance that one run of the suite is all green
    if attempts is None:
        return RetryCost(tests / clean, 0.0)  # runs until green: 1 / clean on average
    runs = sum((1 - clean) ** k for k in range(attempts))  # run k + 1 happens if k failed
    return RetryCost(tests * runs, (1 - clean) ** attempts)


def rerun_failed(tests: int, flake_rate: float, attempts: int | None = None) -> RetryCost:
    """Re-run only the tests that failed, each until it passes (`attempts` caps its runs)."""
    _check(tests, flake_rate, attempts)
    if attempts is None:
        return RetryCost(tests / (1 - flake_rate), 0.0)
    runs_per_test = sum(flake_rate**k for k in range(attempts))
    red_test = flake_rate**attempts  # the chance that one test fails every attempt
    return RetryCost(tests * runs_per_test, 1 - (1 - red_test) ** tests)


# --8<-- [end:reruns]


# --8<-- [start:mixture]
# A suite as groups of tests: (share of the tests, chance that one execution of such a
# test fails for no reason). The shares add up to 1.
Mixture = tuple[tuple[float, float], ...]


def mixture(flaky_tests: float, average_rate: float) -> Mixture:
    """A share `flaky_tests` of the tests carries every flaky result, the others none,
    at the same average rate per execution as a uniform suite at `average_rate`."""
    return ((flaky_tests, average_rate / flaky_tests), (1 - flaky_tests, 0.0))


def mixed_suite(tests: int, groups: Mixture, attempts: int | None = None) -> RetryCost:
    """rerun_suite for a mixed suite: a run is green only if every test passes."""
    clean = math.prod((1 - rate) ** (share * tests) for share, rate in groups)
    if attempts is None:
        return RetryCost(tests / clean, 0.0)
    runs = sum((1 - clean) ** k for k in range(attempts))
    return RetryCost(tests * runs, (1 - clean) ** attempts)


def mixed_failed(tests: int, groups: Mixture, attempts: int | None = None) -> RetryCost:
    """rerun_failed for a mixed suite: each test re-run at its own group's rate."""
    executions, green = 0.0, 1.0
    for share, rate in groups:
        one = rerun_failed(1, rate, attempts)  # one test of this group
        executions += share * tests * one.executions
        green *= (1 - one.false_alarm) ** (share * tests)
    return RetryCost(executions, 1 - green)


# --8<-- [end:mixture]


def powers_of_ten(value: float) -> str:
    """A very large or small number as a reader reads it: 3.7 x 10^9, 2.7 x 10^-7."""
    exponent = math.floor(math.log10(value))
    return f"{value / 10**exponent:.1f} x 10^{exponent}"
