"""Step 16: the eval gate for a prompt change. The checks follow the starter's rules: on
the same eval cases, the challenger (the new prompt version) ships when its pass rate is
at least `min_pass_rate` (0.8 by default), it passes at least as many cases as the
champion (the version in service), and it fails at most `max_regressions` (0 by
default) of the cases the champion passed; lists of different lengths, or no cases,
raise ValueError.

Pass rates use counts that binary floating point holds exactly (8 of 10 at 0.8), so
every correct way of writing the floor gives the same answer on them.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "prompt_gate"
T, F = True, False


def expect(args: tuple[Any, ...], expected: bool | type[Exception], why: str):
    """A check that prompt_gate(*args) returns `expected` (or raises it)."""
    shown = f"{FUNCTION}({', '.join(map(repr, args))})"

    def problem(gate: Callable[..., Any]) -> str | None:
        outcome = call(gate, *(list(a) if isinstance(a, list) else a for a in args))
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
    name="evals",
    title="step 16, an eval gate for prompt versions",
    function=FUNCTION,
    file="my_evals.py",
    checks=(
        Check(
            "a version that fixes cases and breaks none ships",
            expect(
                ([T, T, T, T, T, T, T, T, F, F], [T, T, T, T, T, T, T, T, T, F]),
                True,
                "9 of 10 pass, above the 80% floor, and every case the version in service "
                "passed still passes",
            ),
        ),
        Check(
            "exactly the floor is enough",
            expect(
                ([T, T, T, T, T, T, T, T, F, F], [T, T, T, T, T, T, T, T, F, F], 0.8),
                True,
                "8 of 10 is exactly 80%, and the floor reads pass rate >= min_pass_rate",
            ),
        ),
        Check(
            "by default the floor is 80%",
            expect(
                ([T, T, T, T, T, T, T, T, F, F], [T, T, T, T, T, T, T, T, F, F]),
                True,
                "min_pass_rate defaults to 0.8, and 8 of 10 is 80%",
            ),
        ),
        Check(
            "below the floor nothing ships",
            expect(
                ([T, T, T, T, T, T, T, F, F, F], [T, T, T, T, T, T, T, F, F, F]),
                False,
                "7 of 10 is below the 80% floor, even with no regression",
            ),
        ),
        Check(
            "a regression blocks the release, even with more passes",
            expect(
                ([T, T, T, T, T, T, T, T, F, F], [F, T, T, T, T, T, T, T, T, T]),
                False,
                "9 pass against 8, but the first case passed before and fails now, and "
                "max_regressions defaults to 0: a better average hides a broken case",
            ),
        ),
        Check(
            "regressions within the allowance ship",
            expect(
                ([T, T, T, T, T, T, T, T, F, F], [F, T, T, T, T, T, T, T, T, T], 0.8, 1),
                True,
                "one case lost, and max_regressions=1 accepts one",
            ),
        ),
        Check(
            "a case fixed is not a regression",
            expect(
                ([F, T, T, T, T, T, T, T, T, T], [T, T, T, T, T, T, T, T, T, T]),
                True,
                "the first case failed before and passes now: that is the change working",
            ),
        ),
        Check(
            "fewer passes than the version in service do not ship",
            expect(
                ([F, T, T, T, T, T, T, T, T, T], [T, T, T, T, T, T, T, T, F, F], 0.8, 5),
                False,
                "8 pass against 9: above the floor and within 5 regressions, but worse "
                "than the version it would replace",
            ),
        ),
        Check(
            "results of different eval sets are refused",
            expect(
                ([T, T, T], [T, T]),
                ValueError,
                "3 results against 2: the versions were not run on the same cases, and "
                "zip() would silently drop the third",
            ),
        ),
        Check(
            "no cases are refused",
            expect(([], []), ValueError, "with no cases there is nothing to judge"),
        ),
    ),
)
