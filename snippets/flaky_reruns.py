"""Flaky tests: what re-running them costs, counted in test executions.

A flaky test result is one where a test "exhibits both a passing and a failing
result with the same code"; across Google's tests about 1.5% of all test runs
reported one (Micco, Google Testing Blog, 2016, read 2026-11-29). When a test fails
for no reason, CI can re-run the whole suite or only the tests that failed. The
model: every execution of every test fails spuriously with the same probability,
independently, and no test fails for a real reason. At Google the flaky results
came from the "almost 16%" of tests with some flakiness, not from every test, so
read the numbers as the shape of the cost, not a forecast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Google's observed share of test runs with a flaky result (Micco, 2016): an
# illustration of the order of magnitude, not a rate for any other project.
GOOGLE_FLAKY_SHARE = 0.015


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


def powers_of_ten(value: float) -> str:
    """A very large or small number as a reader reads it: 3.7 x 10^9, 2.7 x 10^-7."""
    exponent = math.floor(math.log10(value))
    return f"{value / 10**exponent:.1f} x 10^{exponent}"
