"""Step 9: the Kolmogorov-Smirnov statistic. The checks follow the starter's rules: the
largest gap, over every value x in either sample, between the shares of the two samples
that are at or below x; an empty sample or a NaN raises ValueError.

The expected gaps are worked out by hand in each check's reason, and the last check
compares with the definition, counted value by value, on seeded random samples.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "ks_statistic"


def by_definition(a: list[float], b: list[float]) -> float:
    """The statistic as the rule says it, slowly: every value, every count."""

    def share(sample: list[float], x: float) -> float:
        return sum(v <= x for v in sample) / len(sample)

    return max(abs(share(a, x) - share(b, x)) for x in a + b)


def shown(sample: list[float]) -> str:
    if len(sample) > 8:
        return f"[{sample[0]!r}, {sample[1]!r}, ... ({len(sample)} values)]"
    return repr(sample)


def expect(a: list[float], b: list[float], expected: float | type[Exception], why: str):
    """A check that ks_statistic(a, b) returns `expected` (or raises it)."""
    called = f"{FUNCTION}({shown(a)}, {shown(b)})"

    def problem(statistic: Callable[..., Any]) -> str | None:
        outcome = call(statistic, copy.deepcopy(a), copy.deepcopy(b))
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{called} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        value = outcome.value
        if (
            outcome.error is None
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isclose(value, expected, abs_tol=1e-12)
        ):
            return None
        return f"{called} {outcome}\nexpected {expected:g}: {why}"

    return problem


def symmetric(statistic: Callable[..., Any]) -> str | None:
    a, b = [1.0, 2.0, 3.0], [2.5, 4.0]
    one, other = call(statistic, list(a), list(b)), call(statistic, list(b), list(a))
    if one.error is None and other.error is None and one.value == other.value:
        return None
    return (
        f"{FUNCTION}({a}, {b}) {one}, but {FUNCTION}({b}, {a}) {other}\n"
        "expected the same gap both ways: it is the size of the largest difference, "
        "whichever sample is ahead there"
    )


def leaves_samples_alone(statistic: Callable[..., Any]) -> str | None:
    a, b = [3.0, 1.0, 2.0], [9.0, 0.5]
    before = copy.deepcopy((a, b))
    call(statistic, a, b)
    if (a, b) == before:
        return None
    return (
        f"{FUNCTION}({before[0]}, {before[1]}) changed its arguments into {a} and {b}\n"
        "expected them unchanged: sort copies (sorted(...)), not the caller's lists"
    )


def matches_the_definition(statistic: Callable[..., Any]) -> str | None:
    rng = random.Random(9)
    a = [round(rng.gauss(0, 1), 1) for _ in range(300)]  # rounded: many ties
    b = [round(rng.gauss(0.3, 1.2), 1) for _ in range(200)]
    expected = by_definition(a, b)
    outcome = call(statistic, list(a), list(b))
    value = outcome.value
    if isinstance(value, int | float) and math.isclose(value, expected, abs_tol=1e-12):
        return None
    return (
        f"{FUNCTION}(300 values rounded to 0.1, 200 values rounded to 0.1) {outcome}\n"
        f"expected {expected:g}, counted value by value from the definition"
    )


STEP = Step(
    name="drift",
    title="step 9, the Kolmogorov-Smirnov statistic",
    function=FUNCTION,
    file="my_drift.py",
    checks=(
        Check(
            "identical samples have no gap",
            expect([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], 0.0, "at every x both shares are equal"),
        ),
        Check(
            "samples that do not overlap have a gap of 1",
            expect([1.0, 2.0], [3.0, 4.0], 1.0, "at x = 2 all of the first, none of the second"),
        ),
        Check(
            "the gap is the largest difference of the two shares",
            expect(
                [1.0, 2.0, 3.0, 4.0],
                [3.0, 4.0, 5.0, 6.0],
                0.5,
                "at x = 2 the shares are 2/4 and 0/4; nowhere are they further apart",
            ),
        ),
        Check(
            "samples of different sizes are compared by shares, not counts",
            expect(
                [1.0, 2.0, 3.0, 4.0],
                [2.5],
                0.5,
                "at x = 2.5 the shares are 2/4 and 1/1",
            ),
        ),
        Check(
            "the largest gap can sit at a value of either sample",
            expect(
                [2.0, 3.0],
                [1.0],
                1.0,
                "at x = 1, a value of the second sample only, the shares are 0/2 and 1/1",
            ),
        ),
        Check(
            "a tie moves both samples at once",
            expect(
                [1.0, 1.0, 2.0, 2.0],
                [1.0, 2.0, 2.0, 2.0],
                0.25,
                "at x = 1 the shares are 2/4 and 1/4; stepping through one value at a time "
                "would see 2/4 against 0/4 before counting the second sample's 1",
            ),
        ),
        Check(
            "the order of the values does not matter",
            expect([4.0, 1.0, 3.0, 2.0], [6.0, 3.0, 5.0, 4.0], 0.5, "a sample is a set of values"),
        ),
        Check(
            "infinities are values like any other",
            expect([-math.inf, 0.0], [0.0, math.inf], 0.5, "at x = -inf the shares are 1/2, 0/2"),
        ),
        Check("the gap is the same whichever sample comes first", symmetric),
        Check(
            "an empty sample is refused",
            expect([], [1.0], ValueError, "an empty sample has no distribution to compare"),
        ),
        Check(
            "a NaN is refused",
            expect(
                [1.0, math.nan, 2.0],
                [1.0, 2.0],
                ValueError,
                "NaN is a missing value (data validation's job), and it cannot be ordered: "
                "sorted() leaves it wherever it happens to be",
            ),
        ),
        Check("the caller's samples are left as they were", leaves_samples_alone),
        Check("on samples with many ties the gap matches the definition", matches_the_definition),
    ),
)
