"""Step 6: the evaluation gate. The checks follow the starter's rules: the model passes
when its held-out error is at least `min_gain` (a share) below the baseline's; a
negative error, or a `min_gain` outside [0, 1), raises ValueError.

Boundary cases use numbers that binary floating point holds exactly (6.0 against 8.0
at 0.25), so every correct way of writing the rule gives the same answer on them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from hands_on.runner import Check, Step, call
from snippets import mlops_pipeline
from snippets.meter import Meter

FUNCTION = "passes_gate"


def expect(args: tuple[float, ...], expected: bool | type[Exception], why: str):
    """A check that `passes_gate(*args)` returns `expected` (or raises it)."""
    shown = f"{FUNCTION}({', '.join(map(repr, args))})"

    def problem(gate: Callable[..., Any]) -> str | None:
        outcome = call(gate, *args)
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{shown} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if outcome.error is None and not isinstance(outcome.value, bool | np.bool_):
            # A wrong type, whatever the logic: say so, not why the value should differ.
            return f"{shown} {outcome}, not True or False\nexpected {expected}: return a bool"
        if outcome.error is None and bool(outcome.value) is expected:
            return None  # numpy's comparisons return np.bool_, which an `if` reads alike
        return f"{shown} {outcome}\nexpected {expected}: {why}"

    return problem


def one_target_shuffled() -> list[mlops_pipeline.Dataset]:
    """Three of the pipeline's datasets, the last with its target values shuffled: no
    feature says anything about them, so no model can beat predicting their mean."""
    datasets = mlops_pipeline.make_datasets(3)
    last = datasets[-1]
    shuffled = np.random.default_rng(1).permutation(last.target)
    return [*datasets[:-1], replace(last, target=shuffled)]


def in_the_pipeline(gate: Callable[..., Any]) -> str | None:
    """Run the MLOps pipeline with the learner's gate in place of the site's."""
    datasets = one_target_shuffled()
    expected, scores = [], []
    for dataset in datasets:
        prepared = mlops_pipeline.preprocess(dataset, Meter())
        model = mlops_pipeline.train_model(prepared, Meter())
        result = mlops_pipeline.evaluate_model(model, prepared, Meter())
        limit = (1 - mlops_pipeline.MIN_GAIN) * result.baseline_error
        scores.append(
            f"{dataset.name}: model error {result.model_error:.3g}, baseline "
            f"{result.baseline_error:.3g}, so it passes at {limit:.3g} or below"
        )
        if not result.model_error <= limit:
            expected.append(dataset.name)
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(mlops_pipeline, FUNCTION, gate),
    ):
        outcome = call(mlops_pipeline.run_mlops_pipeline, datasets, Path(folder), Meter())
    if outcome.error is None and outcome.value == expected:
        return None
    return (
        f"run_mlops_pipeline with your gate {outcome} (the models it did not deploy)\n"
        f"expected {expected!r}, from the default min_gain of {mlops_pipeline.MIN_GAIN}:\n"
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
        Check("in the pipeline, your gate stops the shuffled dataset's model", in_the_pipeline),
    ),
)
