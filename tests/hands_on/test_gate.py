"""Step 6, the evaluation gate: the usual mistakes, each failing the rules it breaks, and
what the checker says about them. (test_check.py runs REFERENCE and MISTAKES through the
checker; tests/browser/test_runner.py runs them in the browser's Python.)"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from hands_on import gate
from snippets import mlops_pipeline
from snippets.meter import Meter
from tests.hands_on.steps import check_source, failed_rules

REFERENCE = "snippets/mlops_pipeline.py"

COMPARISON = "model_error <= (1 - min_gain) * baseline_error"
RULE = f"math.isfinite(model_error) and {COMPARISON}"
REFUSES = (
    "if model_error < 0 or baseline_error < 0 or not 0 <= min_gain < 1:\n"
    '        raise ValueError("impossible input")\n    '
)


def gate_with(rule: str = RULE, default: float = 0.1, refusal: str = REFUSES) -> str:
    """A gate returning `rule`, refusing impossible inputs with `refusal` (or not, '')."""
    return (
        "import math\n\n"
        f"def passes_gate(model_error, baseline_error, min_gain={default}):\n"
        f"    {refusal}return {rule}\n"
    )


EXACT_DEFAULT = "exactly the default gain is enough, in floating point too"
BOTH_INFINITE = "an infinite model error never passes, even against an infinite baseline"
DIVERGED = {"a NaN model error never passes", "an infinite model error never passes"}

# Wrong gates a learner might write, and the rules each one breaks. The one-liners are the
# ones a reviewer would try first: each must fail some check.
MISTAKES = {
    "strictly better": (
        gate_with("model_error < (1 - min_gain) * baseline_error"),
        {
            "exactly the gain asked for is enough",
            EXACT_DEFAULT,
            "with no margin asked, matching the baseline is enough",
            "a baseline error of 0 is an answer, not a crash",
        },
    ),
    "divides by the baseline": (
        gate_with("(baseline_error - model_error) / baseline_error >= min_gain"),
        {
            "a baseline error of 0 is an answer, not a crash",
            "a perfect baseline leaves no room for a worse model",
        },
    ),
    "checks nothing": (
        gate_with(refusal=""),
        {
            "a negative model error is refused",
            "a negative baseline error is refused",
            "a min_gain of 1 or more is refused",
            "a negative min_gain is refused",
            "a NaN min_gain is refused",
        },
    ),
    "refuses a min_gain outside by two comparisons, which NaN passes": (
        gate_with(
            refusal="if model_error < 0 or baseline_error < 0 or min_gain < 0 or min_gain >= 1:\n"
            '        raise ValueError("impossible input")\n    '
        ),
        {"a NaN min_gain is refused"},
    ),
    "not worse, written as `not >`, which NaN passes": (
        gate_with("not model_error > (1 - min_gain) * baseline_error"),
        {"a NaN model error never passes", BOTH_INFINITE},
    ),
    # The comparison alone passes inf against inf: inf <= 0.9 * inf.
    "compares without checking that the error is finite": (
        gate_with(COMPARISON),
        {BOTH_INFINITE},
    ),
    # Guarded against a zero baseline, a ratio passes every check but the exact default:
    # 1 - 9.0 / 10.0 is 0.09999999999999998, under 0.1.
    "a ratio, guarded against a baseline error of 0": (
        "import math\n\n"
        "def passes_gate(model_error, baseline_error, min_gain=0.1):\n"
        f"    {REFUSES}if baseline_error == 0:\n"
        "        return model_error == 0\n"
        "    return math.isfinite(model_error) and 1 - model_error / baseline_error >= min_gain\n",
        {EXACT_DEFAULT},
    ),
    # A cap of its own on the errors (a cold review's wrong solution passed every check).
    "caps the baseline's error": (
        gate_with(f"{RULE} and baseline_error < 1e6"),
        {"the rule holds at any scale of error"},
    ),
    "default too low": (gate_with(default=0.05), {"by default 5% less error is not enough"}),
    "default too high": (
        gate_with(default=0.2),
        {"by default 15% less error is enough", EXACT_DEFAULT},
    ),
    "swaps the errors": (
        gate_with("baseline_error <= (1 - min_gain) * model_error"),
        {
            "a model with far less error than the baseline passes",
            "the rule holds at any scale of error",
            "by default 15% less error is enough",
            "exactly the gain asked for is enough",
            EXACT_DEFAULT,
            "a model worse than the baseline never passes",
            "a perfect baseline leaves no room for a worse model",
            "in the pipeline, your gate stops the shuffled dataset's model",
        }
        | {"an infinite model error never passes", BOTH_INFINITE},
    ),
    "always deploys": (
        gate_with("True"),
        {
            "by default 5% less error is not enough",
            "a model worse than the baseline never passes",
            "a perfect baseline leaves no room for a worse model",
            "in the pipeline, your gate stops the shuffled dataset's model",
        }
        | DIVERGED
        | {BOTH_INFINITE},
    ),
    # One line, no refusals: the rule alone.
    "one line: the rule alone": (
        "import math\n\n"
        f"def passes_gate(model_error, baseline_error, min_gain=0.1):\n    return {RULE}\n",
        {
            "a negative model error is refused",
            "a negative baseline error is refused",
            "a min_gain of 1 or more is refused",
            "a negative min_gain is refused",
            "a NaN min_gain is refused",
        },
    ),
    "one line: min_gain ignored": (
        "def passes_gate(model_error, baseline_error, min_gain=0.1):\n"
        "    return model_error <= 0.9 * baseline_error\n",
        {
            "with no margin asked, matching the baseline is enough",
            BOTH_INFINITE,
            "a negative model error is refused",
            "a negative baseline error is refused",
            "a min_gain of 1 or more is refused",
            "a negative min_gain is refused",
            "a NaN min_gain is refused",
        },
    ),
    "one line: better than the baseline at all": (
        "def passes_gate(model_error, baseline_error, min_gain=0.1):\n"
        "    return model_error < baseline_error\n",
        {
            "by default 5% less error is not enough",
            "with no margin asked, matching the baseline is enough",
            "a baseline error of 0 is an answer, not a crash",
            "a negative model error is refused",
            "a negative baseline error is refused",
            "a min_gain of 1 or more is refused",
            "a negative min_gain is refused",
            "a NaN min_gain is refused",
        },
    ),
    # Right logic, wrong type: the pipeline's `if` accepts 0 and 1, the rules ask for a bool.
    "returns 1 or 0": (
        gate_with(f"int({RULE})"),
        {check.rule for check in gate.STEP.checks if "refused" not in check.rule}
        - {"in the pipeline, your gate stops the shuffled dataset's model"},
    ),
}


def test_a_failure_shows_the_input_what_came_back_and_what_was_expected(tmp_path):
    report = check_source(gate.STEP, MISTAKES["strictly better"][0], tmp_path)
    at = report.lines.index("FAIL  exactly the gain asked for is enough")
    assert report.lines[at + 1] == "      passes_gate(6.0, 8.0, 0.25) returned False"
    assert report.lines[at + 2].startswith("      expected True: 6.0 is exactly 25% below 8.0")


def test_a_crash_is_reported_as_what_the_function_raised(tmp_path):
    report = check_source(gate.STEP, MISTAKES["divides by the baseline"][0], tmp_path)
    at = report.lines.index("FAIL  a baseline error of 0 is an answer, not a crash")
    assert report.lines[at + 1] == (
        "      passes_gate(0.0, 0.0, 0.5) raised ZeroDivisionError: float division by zero"
    )


def test_a_nan_error_may_be_refused_or_rejected_but_never_passed(tmp_path):
    raising = gate_with(refusal=REFUSES.replace("model_error < 0", "not model_error >= 0"))
    assert check_source(gate.STEP, raising, tmp_path).passed
    report = check_source(
        gate.STEP, MISTAKES["not worse, written as `not >`, which NaN passes"][0], tmp_path
    )
    at = report.lines.index("FAIL  a NaN model error never passes")
    assert report.lines[at + 1] == "      passes_gate(nan, 10.0) returned True"
    assert report.lines[at + 2].startswith("      expected False (or ValueError): a training that")


def test_a_ratio_is_shown_where_floating_point_moves_the_boundary(tmp_path):
    report = check_source(
        gate.STEP, MISTAKES["a ratio, guarded against a baseline error of 0"][0], tmp_path
    )
    at = report.lines.index(f"FAIL  {EXACT_DEFAULT}")
    assert report.lines[at + 1] == "      passes_gate(9.0, 10.0) returned False"
    assert "0.09999999999999998" in report.lines[at + 2]
    assert 1 - 9.0 / 10.0 == 0.09999999999999998  # what the message says


def test_a_gate_that_deploys_everything_is_shown_the_pipelines_numbers(tmp_path):
    report = check_source(gate.STEP, MISTAKES["always deploys"][0], tmp_path)
    lines = report.lines
    at = lines.index("FAIL  in the pipeline, your gate stops the shuffled dataset's model")
    assert lines[at + 1] == "      step 2's pipeline with your gate did not deploy []"
    assert lines[at + 2] == "      expected ['dataset-0002'], from the default min_gain of 0.1:"
    assert [line.split(":")[0].strip() for line in lines[at + 3 : at + 6]] == [
        "dataset-0000",
        "dataset-0001",
        "dataset-0002",
    ]


def test_a_gate_returning_a_numpy_bool_passes(tmp_path):
    numpy_rule = (
        "np.isfinite(model_error) & np.less_equal(model_error, (1 - min_gain) * baseline_error)"
    )
    report = check_source(gate.STEP, "import numpy as np\n\n" + gate_with(numpy_rule), tmp_path)
    assert report.passed, "\n".join(report.lines)


def test_a_wrong_type_is_named_without_the_reason_for_a_value(tmp_path):
    report = check_source(gate.STEP, MISTAKES["returns 1 or 0"][0], tmp_path)
    at = report.lines.index("FAIL  a model with far less error than the baseline passes")
    assert report.lines[at + 1 : at + 3] == [
        "      passes_gate(1.0, 10.0) returned 1, not True or False",
        "      expected True: return a bool",
    ]


# --- The pipeline's numbers the last check uses -------------------------------------------


def one_target_shuffled() -> list[mlops_pipeline.Dataset]:
    """Three of the pipeline's datasets, the last with its target values shuffled: no
    feature says anything about them, so no model can beat predicting their mean."""
    datasets = mlops_pipeline.make_datasets(3)
    last = datasets[-1]
    shuffled = np.random.default_rng(1).permutation(last.target)
    return [*datasets[:-1], replace(last, target=shuffled)]


def test_the_recorded_evaluations_are_what_the_pipeline_measures_today():
    measured = []
    for dataset in one_target_shuffled():
        prepared = mlops_pipeline.preprocess(dataset, Meter())
        model = mlops_pipeline.train_model(prepared, Meter())
        result = mlops_pipeline.evaluate_model(model, prepared, Meter())
        measured.append((dataset.name, float(result.model_error), float(result.baseline_error)))
    printed = "\n".join(f"    {row!r}," for row in measured)
    assert [row[0] for row in measured] == [row[0] for row in gate.PIPELINE_EVALUATIONS]
    for row, recorded in zip(measured, gate.PIPELINE_EVALUATIONS, strict=True):
        assert row[1:] == pytest.approx(recorded[1:], rel=1e-9), (
            f"the pipeline measures other errors now: set hands_on/gate.py's "
            f"PIPELINE_EVALUATIONS to\n{printed}"
        )
    assert gate.MIN_GAIN == mlops_pipeline.MIN_GAIN


def test_the_pipeline_itself_rejects_the_dataset_the_check_expects(tmp_path):
    with tempfile.TemporaryDirectory() as folder:
        rejected = mlops_pipeline.run_mlops_pipeline(one_target_shuffled(), Path(folder), Meter())
    report = check_source(gate.STEP, MISTAKES["always deploys"][0], tmp_path)
    expected_line = next(line for line in report.lines if "from the default min_gain" in line)
    assert rejected == ["dataset-0002"] and repr(rejected) in expected_line


def test_failed_rules_reads_the_fail_lines():
    assert failed_rules(["ok    a", "FAIL  b", "      detail", "FAIL  c"]) == {"b", "c"}
