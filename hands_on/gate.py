"""Step 6: the evaluation gate. The checks follow the starter's rules: the model passes
when its held-out error is at least `min_gain` (a share) below the baseline's; a
negative error, or a `min_gain` outside [0, 1), raises ValueError; an error that is
not a number (NaN) or infinite never passes.

Most boundary cases use numbers that binary floating point holds exactly (6.0 against
8.0 at 0.25), so every correct way of writing the rule gives the same answer on them.
One does not: 9.0 against 10.0 at the default 0.1 is exactly 10% below, so the rule
as the starter states it passes it, while a gain computed as 1 - 9.0 / 10.0 comes out
a hair under 0.1 and rejects it.

Standard library only, so the page's Check button runs these checks in the browser's
Python, which has no numpy. The last check used to run step 2's pipeline (numpy) with
the learner's gate in its place; it now calls the gate as that pipeline does, on the
errors the pipeline measured (PIPELINE_EVALUATIONS, which tests/hands_on/test_gate.py
recomputes with the pipeline itself). The gate is a function of those two numbers, so
the verdict is the same; what goes is only their type, numpy's float64, a subclass of
float that behaves as one in any comparison a gate makes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "passes_gate"
MIN_GAIN = 0.1  # the pipeline's default (snippets/mlops_pipeline.py; a test holds it)
NAN, INFINITY = float("nan"), float("inf")

# What step 2's pipeline measured on three of its datasets (make_datasets(3)), the last
# with its target values shuffled so no feature says anything about them: (dataset,
# model's held-out error, baseline's held-out error).
PIPELINE_EVALUATIONS = (
    ("dataset-0000", 2.6156031687341015, 76.03340642532791),
    ("dataset-0001", 1.192938899231428, 66.5317049364329),
    ("dataset-0002", 15.290331466411669, 15.117183030839305),
)


def is_bool(value: Any) -> bool:
    """True or False, or numpy's bool (what numpy's comparisons return, which an `if`
    reads alike), recognised without importing numpy."""
    kind = type(value)
    return isinstance(value, bool) or (
        kind.__module__ == "numpy" and kind.__name__ in {"bool", "bool_"}
    )


def expect(
    args: tuple[float, ...], expected: bool | type[Exception], why: str, or_raises: bool = False
):
    """A check that `passes_gate(*args)` returns `expected` (or raises it); with
    `or_raises`, raising ValueError is accepted as well as returning `expected`."""
    shown = f"{FUNCTION}({', '.join(map(repr, args))})"

    def problem(gate: Callable[..., Any]) -> str | None:
        outcome = call(gate, *args)
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{shown} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if or_raises and isinstance(outcome.error, ValueError):
            return None
        if outcome.error is None and not is_bool(outcome.value):
            # A wrong type, whatever the logic: say so, not why the value should differ.
            return f"{shown} {outcome}, not True or False\nexpected {expected}: return a bool"
        if outcome.error is None and bool(outcome.value) is expected:
            return None
        allowed = f"{expected} (or ValueError)" if or_raises else f"{expected}"
        return f"{shown} {outcome}\nexpected {allowed}: {why}"

    return problem


def in_the_pipeline(gate: Callable[..., Any]) -> str | None:
    """The learner's gate where step 2's pipeline calls its own, on the errors it measured:
    `if passes_gate(model_error, baseline_error)`, deploy; else keep the model in service."""
    rejected, scores = [], []
    for name, model_error, baseline_error in PIPELINE_EVALUATIONS:
        outcome = call(gate, model_error, baseline_error)
        if outcome.error is not None:
            return (
                f"{FUNCTION}({model_error!r}, {baseline_error!r}), for {name}, {outcome}\n"
                "expected True or False: the pipeline stops on an exception"
            )
        if not outcome.value:
            rejected.append(name)
        limit = (1 - MIN_GAIN) * baseline_error
        scores.append(
            f"{name}: model error {model_error:.3g}, baseline {baseline_error:.3g}, "
            f"so it passes at {limit:.3g} or below"
        )
    expected = [
        name
        for name, model, baseline in PIPELINE_EVALUATIONS
        if not model <= (1 - MIN_GAIN) * baseline
    ]
    if rejected == expected:
        return None
    return (
        f"step 2's pipeline with your gate did not deploy {rejected!r}\n"
        f"expected {expected!r}, from the default min_gain of {MIN_GAIN}:\n"
        + "\n".join(f"  {line}" for line in scores)
    )


STEP = Step(
    name="gate",
    title="step 6, the evaluation gate",
    function=FUNCTION,
    file="my_gate.py",
    checks=(
        Check(
            "a model with far less error than the baseline passes",
            expect((1.0, 10.0), True, "1.0 is 90% below 10.0, more than the 10% asked for"),
        ),
        Check(
            "the rule holds at any scale of error",
            expect(
                (8.0e12, 1.0e13),
                True,
                "8e12 is 20% below 1e13: errors in squared units can be huge (a price in "
                "cents squared), and the gate compares them by the same rule, with no "
                "cap or floor of its own",
            ),
        ),
        Check(
            "by default 5% less error is not enough",
            expect(
                (9.5, 10.0),
                False,
                "min_gain defaults to 0.1, so the error must be 9.0 or less; 9.5 is only "
                "5% below the baseline",
            ),
        ),
        Check(
            "by default 15% less error is enough",
            expect((8.5, 10.0), True, "8.5 is 15% below 10.0, more than the default 10%"),
        ),
        Check(
            "exactly the gain asked for is enough",
            expect(
                (6.0, 8.0, 0.25),
                True,
                "6.0 is exactly 25% below 8.0, and the rule is *at least* min_gain "
                "below: 6.0 <= (1 - 0.25) * 8.0 = 6.0",
            ),
        ),
        Check(
            "exactly the default gain is enough, in floating point too",
            expect(
                (9.0, 10.0),
                True,
                "9.0 is exactly 10% below 10.0, and a model exactly min_gain below passes. "
                "1 - 9.0 / 10.0 comes out 0.09999999999999998 in floating point: compare "
                "the error with (1 - min_gain) * baseline_error rather than a ratio",
            ),
        ),
        Check(
            "with no margin asked, matching the baseline is enough",
            expect((10.0, 10.0, 0.0), True, "10.0 <= (1 - 0) * 10.0"),
        ),
        Check(
            "a model worse than the baseline never passes",
            expect((12.0, 10.0, 0.0), False, "12.0 is more error than predicting the mean"),
        ),
        Check(
            "a baseline error of 0 is an answer, not a crash",
            expect(
                (0.0, 0.0, 0.5),
                True,
                "the target is constant and both predict it exactly: 0.0 <= (1 - 0.5) * "
                "0.0. A rule that divides by the baseline's error fails here",
            ),
        ),
        Check(
            "a perfect baseline leaves no room for a worse model",
            expect((0.5, 0.0, 0.5), False, "any error above 0 is worse than 0"),
        ),
        Check(
            "a negative model error is refused",
            expect(
                (-1.0, 10.0),
                ValueError,
                "a mean squared error is never negative, so a negative one is a bug "
                "upstream, and the gate must not deploy on it",
            ),
        ),
        Check(
            "a negative baseline error is refused",
            expect((1.0, -10.0), ValueError, "a mean squared error is never negative"),
        ),
        Check(
            "a min_gain of 1 or more is refused",
            expect(
                (0.0, 10.0, 1.0),
                ValueError,
                "min_gain is a share in [0, 1): 1 would ask for 100% less error than the baseline",
            ),
        ),
        Check(
            "a negative min_gain is refused",
            expect(
                (10.5, 10.0, -0.1),
                ValueError,
                "min_gain is a share in [0, 1): a negative one would deploy models "
                "worse than the baseline",
            ),
        ),
        Check(
            "a NaN model error never passes",
            expect(
                (NAN, 10.0),
                False,
                "a training that diverged reports its error as nan, and nan compares "
                "False with everything: a rule written as `not model_error > ...` deploys it",
                or_raises=True,
            ),
        ),
        Check(
            "an infinite model error never passes",
            expect((INFINITY, 10.0), False, "an overflowed training is no model", or_raises=True),
        ),
        Check(
            "an infinite model error never passes, even against an infinite baseline",
            expect(
                (INFINITY, INFINITY),
                False,
                "inf <= (1 - 0.1) * inf is True, so a rule that only compares deploys a "
                "diverged model whenever the baseline's error overflowed too: check that "
                "the model's error is finite",
                or_raises=True,
            ),
        ),
        Check(
            "a NaN min_gain is refused",
            expect(
                (1.0, 10.0, NAN),
                ValueError,
                "nan is not in [0, 1), yet `min_gain < 0 or min_gain >= 1` is False for it: "
                "test that it is inside, `0 <= min_gain < 1`",
            ),
        ),
        Check("in the pipeline, your gate stops the shuffled dataset's model", in_the_pipeline),
    ),
)
