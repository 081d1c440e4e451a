"""Step 10: the champion/challenger gate. The checks follow the starter's rules: on the
same held-out rows, the challenger wins when its mean error is below the champion's and
at least `min_gain` (a share, 0.01 by default) below it; a tie keeps the champion;
lists of different lengths, an empty list, a NaN or negative error, or a `min_gain`
outside [0, 1) raise ValueError.

Boundary cases use numbers that binary floating point holds exactly (6.0 against 8.0
at 0.25), so every correct way of writing the rule gives the same answer on them.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "challenger_wins"
INF, NAN = math.inf, math.nan


def expect(args: tuple[Any, ...], expected: bool | type[Exception], why: str):
    """A check that challenger_wins(*args) returns `expected` (or raises it)."""
    shown = f"{FUNCTION}({', '.join(map(repr, args))})"

    def problem(wins: Callable[..., Any]) -> str | None:
        outcome = call(wins, *(list(a) if isinstance(a, list) else a for a in args))
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{shown} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if outcome.error is None and not isinstance(outcome.value, bool):
            return f"{shown} {outcome}, not True or False\nexpected {expected}: return a bool"
        if outcome.error is None and outcome.value is expected:
            return None
        return f"{shown} {outcome}\nexpected {expected}: {why}"

    return problem


STEP = Step(
    name="challenger",
    title="step 10, the champion/challenger gate",
    function=FUNCTION,
    file="my_challenger.py",
    checks=(
        Check(
            "a challenger with far less error wins",
            expect(([2.0, 2.0, 2.0, 2.0], [1.0, 1.0, 1.0, 1.0]), True, "mean 1.0 against 2.0"),
        ),
        Check(
            "a tie keeps the champion, even with no margin asked",
            expect(
                ([3.0, 1.0], [2.0, 2.0], 0.0),
                False,
                "both means are 2.0: replacing the model in service costs a release and "
                "risks what no metric shows, for no measured gain",
            ),
        ),
        Check(
            "exactly the margin asked for is enough",
            expect(
                ([8.0, 8.0], [6.0, 6.0], 0.25),
                True,
                "6.0 is exactly 25% below 8.0: 6.0 <= (1 - 0.25) * 8.0",
            ),
        ),
        Check(
            "by default half a percent less error is not enough",
            expect(
                ([100.0, 100.0], [99.5, 99.5]),
                False,
                "min_gain defaults to 0.01: the challenger needs 99.0 or less",
            ),
        ),
        Check(
            "by default one and a half percent less error is enough",
            expect(([100.0, 100.0], [98.5, 98.5]), True, "98.5 is below 99.0"),
        ),
        Check(
            "the mean error decides, not the number of rows won",
            expect(
                ([1.0, 1.0, 1.0, 9.0], [2.0, 2.0, 2.0, 2.0]),
                True,
                "the champion is better on 3 rows of 4, but its mean error is 3.0 against "
                "the challenger's 2.0: one row it gets badly wrong costs more",
            ),
        ),
        Check(
            "a champion with no error cannot be beaten, and is no crash",
            expect(
                ([0.0, 0.0], [0.0, 0.0], 0.0),
                False,
                "both are perfect, a tie. A rule that divides by the champion's error fails here",
            ),
        ),
        Check(
            "a challenger worse than a perfect champion loses",
            expect(([0.0, 0.0], [0.5, 0.5], 0.0), False, "any error is worse than none"),
        ),
        Check(
            "an infinite error is an error like any other",
            expect(
                ([1.0, INF], [1.0, 1.0]),
                True,
                "the champion's mean is infinite (one prediction overflowed), and the "
                "challenger's is 1.0",
            ),
        ),
        Check(
            "errors on different rows are refused",
            expect(
                ([1.0, 1.0, 1.0], [0.5, 0.5]),
                ValueError,
                "3 errors against 2: the models were not scored on the same held-out rows, "
                "and means of different rows compare the rows as much as the models",
            ),
        ),
        Check(
            "no held-out rows are refused",
            expect(([], []), ValueError, "with no rows there is nothing to compare"),
        ),
        Check(
            "a NaN error is refused",
            expect(
                ([1.0, 1.0], [0.5, NAN]),
                ValueError,
                "a NaN error is a prediction that failed, not a score; comparing with NaN "
                "is always False, so a gate that lets it through silently keeps or drops "
                "a model for no reason",
            ),
        ),
        Check(
            "a negative error is refused",
            expect(([1.0, 1.0], [-0.5, 0.5]), ValueError, "a squared error is never negative"),
        ),
        Check(
            "a min_gain outside [0, 1) is refused",
            expect(
                ([1.0], [0.5], 1.0),
                ValueError,
                "min_gain is a share: 1 would ask for 100% less error",
            ),
        ),
        Check(
            "a negative min_gain is refused",
            expect(
                ([1.0], [1.005], -0.01),
                ValueError,
                "a negative min_gain would replace the champion with a worse model",
            ),
        ),
    ),
)
