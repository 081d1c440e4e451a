"""Step 17: Wald's sequential test on a canary. The checks follow the starter's rules:
the evidence is bad * log(bad_rate / good_rate) + (total - bad) * log((1 - bad_rate) /
(1 - good_rate)); "rollback" once it reaches log((1 - beta) / alpha), "proceed" once it
falls to log(beta / (1 - alpha)), else "continue"; impossible counts, rates that do not
satisfy 0 < good_rate < bad_rate < 1, and error rates outside (0, 1) or summing to 1 or
more raise ValueError.

The boundary case uses numbers whose logarithms add up exactly in binary floating
point (3 x log 2 = log 8, with alpha 0.1 and beta 0.2), so every correct way of writing
the rule, sums of logarithms or a product of ratios, gives the same answer on it.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

from typing import Any

from hands_on import canary
from hands_on.runner import Check, Step

FUNCTION = "sprt_verdict"
VERDICTS = ("continue", "rollback", "proceed")


def expect(args: tuple[Any, ...], expected: str | type[Exception], why: str):
    """A check that sprt_verdict(*args) returns `expected` (or raises it): step 12's
    check, with this step's function and verdicts."""
    return canary.expect(args, expected, why, FUNCTION, VERDICTS)


STEP = Step(
    name="sprt",
    title="step 17, a canary test checked after every request",
    function=FUNCTION,
    file="my_sprt.py",
    checks=(
        Check(
            "no requests yet: continue",
            expect((0, 0, 0.01, 0.02), "continue", "no requests carry no evidence either way"),
        ),
        Check(
            "evidence exactly at the rollback boundary rolls back",
            expect(
                (3, 3, 0.25, 0.5, 0.1, 0.2),
                "rollback",
                "3 bad outcomes each add log(0.5 / 0.25) = log 2: the evidence is log 8, "
                "and the boundary is log((1 - 0.2) / 0.1) = log 8, reached",
            ),
        ),
        Check(
            "evidence below the boundary continues",
            expect(
                (2, 2, 0.25, 0.5, 0.1, 0.2),
                "continue",
                "log 4 is below log 8, and above log(0.2 / 0.9)",
            ),
        ),
        Check(
            "a canary with many bad outcomes rolls back",
            expect(
                (8, 100, 0.01, 0.02),
                "rollback",
                "8 x log 2 - 92 x log(0.99 / 0.98) = 4.61, above log(0.9 / 0.05) = 2.89",
            ),
        ),
        Check(
            "every request bad rolls back",
            expect((10, 10, 0.01, 0.02), "rollback", "10 x log 2 = 6.93, above 2.89"),
        ),
        Check(
            "a canary with no bad outcomes in 400 requests proceeds",
            expect(
                (0, 400, 0.01, 0.02),
                "proceed",
                "400 x log(0.98 / 0.99) = -4.06, below log(0.1 / 0.95) = -2.25",
            ),
        ),
        Check(
            "200 good requests are not yet enough to proceed",
            expect(
                (0, 200, 0.01, 0.02),
                "continue",
                "200 x log(0.98 / 0.99) = -2.03, not yet down to -2.25",
            ),
        ),
        Check(
            "good outcomes count as evidence too",
            expect(
                (1, 400, 0.01, 0.02),
                "proceed",
                "one bad outcome adds log 2 = 0.69, and 399 good ones take 4.05 away",
            ),
        ),
        Check(
            "a bad share on few requests is not yet enough evidence",
            expect(
                (2, 100, 0.01, 0.02),
                "continue",
                "2% of only 100 requests: 2 x 0.69 - 98 x 0.0101 = 0.39, between the "
                "boundaries; 2 bad outcomes in 100 are common at a rate of 1% too",
            ),
        ),
        Check(
            "the same share of bad outcomes on more requests is more evidence",
            expect(
                (20, 1000, 0.01, 0.02),
                "rollback",
                "2% of 1,000 requests: 20 x 0.69 - 980 x 0.0101 = 3.91, above 2.89",
            ),
        ),
        Check(
            "by default alpha is 0.05: 5 bad of 100 continues",
            expect(
                (5, 100, 0.01, 0.02),
                "continue",
                "5 x 0.69 - 95 x 0.0101 = 2.50, below log(0.9 / 0.05) = 2.89",
            ),
        ),
        Check(
            "a larger alpha rolls back on less evidence",
            expect(
                (5, 100, 0.01, 0.02, 0.1),
                "rollback",
                "2.50 is above log(0.9 / 0.1) = 2.20",
            ),
        ),
        Check(
            "two equal rates are refused",
            expect(
                (1, 10, 0.02, 0.02),
                ValueError,
                "a rate as good as the control's and a rate bad enough to stop cannot be "
                "the same: there is nothing to weigh",
            ),
        ),
        Check(
            "rates in the wrong order are refused",
            expect((1, 10, 0.02, 0.01), ValueError, "the rate to stop for is the higher one"),
        ),
        Check(
            "a rate of 0 or 1 is refused",
            expect(
                (1, 10, 0.0, 0.02),
                ValueError,
                "the logarithm of a rate of 0 has no value: rates are in (0, 1)",
            ),
        ),
        Check(
            "impossible counts are refused",
            expect(
                (11, 10, 0.01, 0.02),
                ValueError,
                "11 bad outcomes in 10 requests: the counters are mixed up",
            ),
        ),
        Check(
            "a negative count is refused",
            expect((-1, 10, 0.01, 0.02), ValueError, "a count is never negative"),
        ),
        Check(
            "error rates that add up to 1 or more are refused",
            expect(
                (1, 10, 0.01, 0.02, 0.5, 0.5),
                ValueError,
                "alpha 0.5 and beta 0.5 put both boundaries at 0: a coin would do as well",
            ),
        ),
    ),
)
