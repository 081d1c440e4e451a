"""Step 12: a canary's stop rule. The checks follow the starter's rules: "wait" until
both the canary and the control have `min_requests` requests (1,000 by default), then
"rollback" if the canary's bad-outcome rate is more than `max_ratio` (1.5 by default)
times the control's, else "proceed"; a negative count, more bad outcomes than requests,
or a `max_ratio` below 1 raise ValueError.

The boundary case uses rates that binary floating point holds exactly (0.25 against
0.125 at a ratio of 2), so every correct way of writing the rule gives the same answer.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "canary_verdict"
VERDICTS = ("wait", "rollback", "proceed")


def expect(
    args: tuple[Any, ...],
    expected: str | type[Exception],
    why: str,
    function: str = FUNCTION,
    verdicts: tuple[str, ...] = VERDICTS,
):
    """A check that canary_verdict(*args) returns `expected` (or raises it). Step 17's
    checks pass their own function's name and verdicts."""
    shown = f"{function}({', '.join(map(repr, args))})"

    def problem(verdict: Callable[..., Any]) -> str | None:
        outcome = call(verdict, *args)
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{shown} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if outcome.error is None and outcome.value not in verdicts:
            return f"{shown} {outcome}\nexpected one of {', '.join(map(repr, verdicts))}"
        if outcome.error is None and outcome.value == expected:
            return None
        return f"{shown} {outcome}\nexpected {expected!r}: {why}"

    return problem


STEP = Step(
    name="canary",
    title="step 12, the canary's stop rule",
    function=FUNCTION,
    file="my_canary.py",
    checks=(
        Check(
            "too few canary requests: wait",
            expect(
                (9, 999, 100, 19_000),
                "wait",
                "999 canary requests, fewer than min_requests (1,000 by default): 9 bad "
                "outcomes in so few requests can be bad luck",
            ),
        ),
        Check(
            "too few control requests: wait",
            expect((20, 2000, 2, 999), "wait", "the control needs 1,000 requests as well"),
        ),
        Check(
            "exactly the minimum is enough to judge",
            expect(
                (10, 1000, 10, 1000),
                "proceed",
                "1,000 requests each, and equal rates of 1%",
            ),
        ),
        Check(
            "a canary as good as the control proceeds",
            expect((12, 1200, 190, 19_000), "proceed", "1% against 1%"),
        ),
        Check(
            "a canary far worse than the control rolls back",
            expect((72, 1200, 190, 19_000), "rollback", "6% against 1%, six times the rate"),
        ),
        Check(
            "rates are compared, not counts",
            expect(
                (45, 1200, 300, 20_000),
                "rollback",
                "the canary has fewer bad outcomes (45 against 300) because it serves fewer "
                "requests; its rate is 3.75%, 2.5 times the control's 1.5%",
            ),
        ),
        Check(
            "a rate exactly max_ratio times the control's proceeds",
            expect(
                (500, 2000, 2500, 20_000, 1000, 2.0),
                "proceed",
                "0.25 is exactly 2 x 0.125, and the rule rolls back only above the ratio",
            ),
        ),
        Check(
            "a rate just above max_ratio times the control's rolls back",
            expect((502, 2000, 2500, 20_000, 1000, 2.0), "rollback", "0.251 > 2 x 0.125"),
        ),
        Check(
            "by default 1.7 times the control's rate rolls back",
            expect((34, 2000, 200, 20_000), "rollback", "1.7% is above 1.5 x 1% = 1.5%"),
        ),
        Check(
            "by default 1.4 times the control's rate proceeds",
            expect((28, 2000, 200, 20_000), "proceed", "1.4% is not above 1.5 x 1% = 1.5%"),
        ),
        Check(
            "a control with no bad outcomes is a rate of 0, not a crash",
            expect(
                (1, 2000, 0, 20_000),
                "rollback",
                "the canary's rate is above 1.5 x 0. A rule that divides by the control's "
                "rate fails here",
            ),
        ),
        Check(
            "no bad outcomes anywhere proceeds",
            expect((0, 2000, 0, 20_000), "proceed", "0 is not above 1.5 x 0"),
        ),
        Check(
            "a smaller minimum judges sooner",
            expect((20, 200, 190, 19_000, 100), "rollback", "min_requests 100: 10% against 1%"),
        ),
        Check(
            "negative counts are refused",
            expect((-1, 1000, 10, 1000), ValueError, "a count is never negative"),
        ),
        Check(
            "more bad outcomes than requests are refused",
            expect(
                (1001, 1000, 10, 1000),
                ValueError,
                "1,001 bad outcomes in 1,000 requests: two counters are swapped or broken, "
                "and a stop rule must not decide on them",
            ),
        ),
        Check(
            "a max_ratio below 1 is refused",
            expect(
                (10, 1000, 10, 1000, 1000, 0.5),
                ValueError,
                "a ratio below 1 would roll back a canary exactly as good as the control",
            ),
        ),
    ),
)
