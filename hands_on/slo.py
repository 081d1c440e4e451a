"""Step 15: a latency SLO check. The checks follow the starter's rules: the window meets
the SLO when the p-th percentile of its latencies, by nearest rank (the smallest
latency that at least p% of the requests did not exceed), is at most the threshold;
an empty window, a NaN latency, or a p outside (0, 100] raise ValueError.

Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "meets_slo"
NAN = float("nan")


def expect(args: tuple[Any, ...], expected: bool | type[Exception], why: str):
    """A check that meets_slo(*args) returns `expected` (or raises it). Long lists are
    shown by what they hold, not element by element."""
    shown = f"{FUNCTION}({', '.join(describe(a) for a in args)})"

    def problem(meets: Callable[..., Any]) -> str | None:
        outcome = call(meets, *(list(a) if isinstance(a, list) else a for a in args))
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


def describe(value: Any) -> str:
    """A list of up to 6 items as it is; a longer one as its runs: [10.0] * 99 + [500.0]."""
    if not isinstance(value, list) or len(value) <= 6:
        return repr(value)
    runs: list[list[Any]] = []
    for item in value:
        if runs and runs[-1][0] == item:
            runs[-1][1] += 1
        else:
            runs.append([item, 1])
    if len(runs) > 4:
        return f"[{value[0]!r}, {value[1]!r}, ..., {value[-1]!r}] ({len(value)} latencies)"
    return " + ".join(
        f"[{item!r}] * {count}" if count > 1 else f"[{item!r}]" for item, count in runs
    )


STEP = Step(
    name="slo",
    title="step 15, a latency SLO check",
    function=FUNCTION,
    file="my_slo.py",
    checks=(
        Check(
            "a window of fast requests meets its SLO",
            expect(([12.0, 30.0, 18.0], 100.0, 99), True, "every request took 30 ms or less"),
        ),
        Check(
            "one slow request in a hundred is inside a p99",
            expect(
                ([10.0] * 99 + [500.0], 10.0, 99),
                True,
                "99 of the 100 requests took 10 ms: the p99 is 10 ms, whatever the last one "
                "took. The mean, 14.9 ms, is no percentile",
            ),
        ),
        Check(
            "two slow requests in a hundred break a p99",
            expect(
                ([10.0] * 98 + [500.0] * 2, 100.0, 99),
                False,
                "only 98 of 100 took 100 ms or less, and a p99 needs 99 of them",
            ),
        ),
        Check(
            "exactly on the threshold meets it",
            expect(
                ([50.0, 100.0, 100.0, 200.0], 100.0, 75),
                True,
                "the p75 of 4 requests is the 3rd fastest, 100.0 ms, and an SLO reads "
                "latency <= threshold",
            ),
        ),
        Check(
            "the percentile is a latency that was observed, not an interpolation",
            expect(
                ([10.0, 20.0, 30.0, 40.0], 20.0, 50),
                True,
                "by nearest rank the p50 of 4 requests is the 2nd fastest, 20.0 ms; "
                "statistics.median and statistics.quantiles interpolate 25.0 ms",
            ),
        ),
        Check(
            "the rank rounds up",
            expect(
                ([49.0] * 247 + [201.0] * 3, 200.0, 99),
                False,
                "99% of 250 is 247.5 requests, so at least 248 must take 200 ms or less, "
                "and only 247 did: round the rank up, never down",
            ),
        ),
        Check(
            "the rank is exact, in floating point too",
            expect(
                ([float(ms) for ms in range(1, 1001)], 999.0, 99.9),
                True,
                "99.9% of 1,000 requests is exactly 999, so the p99.9 is the 999th fastest, "
                "999.0 ms. In floating point 99.9 / 100 * 1000 is 999.0000000000001, which "
                "rounds up to 1000 (and 99.9 * n / 100 goes wrong at other sizes, 41,000 "
                "for one): compute the rank exactly, with decimal.Decimal(str(p))",
            ),
        ),
        Check(
            "the rank is exact at 41,000 requests too",
            expect(
                ([100.0] * 40_959 + [500.0] * 41, 100.0, 99.9),
                True,
                "99.9% of 41,000 requests is exactly 40,959, and 40,959 took 100 ms or "
                "less, so the SLO is met. In floating point 99.9 * 41000 is "
                "4095900.0000000005: a rank or a count compared in floats misses by one "
                "here; compute it exactly, with decimal.Decimal(str(p))",
            ),
        ),
        Check(
            "the latencies are sorted first",
            expect(
                ([10.0, 500.0, 10.0, 10.0], 10.0, 50),
                True,
                "they arrive in the order the requests finished; the p50 of 4 is the "
                "2nd fastest, 10.0 ms",
            ),
        ),
        Check(
            "the p100 is the slowest request",
            expect(([10.0, 20.0, 500.0], 100.0, 100), False, "the slowest took 500 ms"),
        ),
        Check(
            "by default the SLO is on the p99",
            expect(
                ([10.0] * 98 + [500.0] * 2, 100.0),
                False,
                "p defaults to 99, and 2 slow requests in 100 break a p99 (a p95 would pass)",
            ),
        ),
        Check(
            "an empty window is refused",
            expect(
                ([], 100.0, 99),
                ValueError,
                "a window with no requests has no percentile: reporting it as met makes a "
                "service that answered nothing look fast",
            ),
        ),
        Check(
            "a NaN latency is refused",
            expect(
                ([10.0, NAN, 20.0], 100.0, 50),
                ValueError,
                "a NaN is a broken measurement, and sorted() leaves a list with NaN in it "
                "in no reliable order",
            ),
        ),
        Check(
            "a p of 0 or less is refused",
            expect(([10.0], 100.0, 0), ValueError, "p is a percentage in (0, 100]"),
        ),
        Check(
            "a p above 100 is refused",
            expect(([10.0], 100.0, 101), ValueError, "p is a percentage in (0, 100]"),
        ),
    ),
)
