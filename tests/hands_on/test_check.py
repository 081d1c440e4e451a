"""The hands-on checker: it passes the reference solutions, fails each usual mistake on
the rule that mistake breaks (and on no other), says what went wrong in plain words,
and explains a file it cannot use."""

from __future__ import annotations

import pytest

from hands_on import gate, matrix
from hands_on.check import STEPS, main
from hands_on.runner import run
from tests.conftest import ROOT
from tests.hands_on.learner import failed_rules, saved

REFERENCES = {"gate": "snippets/mlops_pipeline.py", "matrix": "snippets/ci_matrix.py"}

RULE = "model_error <= (1 - min_gain) * baseline_error"


def gate_with(rule: str = RULE, default: float = 0.1, refuses: bool = True) -> str:
    """A gate returning `rule`, that refuses impossible inputs unless told not to."""
    refusal = (
        "if model_error < 0 or baseline_error < 0 or not 0 <= min_gain < 1:\n"
        '        raise ValueError("impossible input")\n    '
    )
    return (
        f"def passes_gate(model_error, baseline_error, min_gain={default}):\n"
        f"    {refusal if refuses else ''}return {rule}\n"
    )


# Wrong gates a learner might write, and the rules each one breaks.
GATE_MISTAKES = {
    "strictly better": (
        gate_with("model_error < (1 - min_gain) * baseline_error"),
        {
            "exactly the gain asked for is enough",
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
        gate_with(refuses=False),
        {
            "a negative model error is refused",
            "a negative baseline error is refused",
            "a min_gain of 1 or more is refused",
            "a negative min_gain is refused",
        },
    ),
    "default too low": (gate_with(default=0.05), {"by default 5% less error is not enough"}),
    "default too high": (gate_with(default=0.2), {"by default 15% less error is enough"}),
    "swaps the errors": (
        gate_with("baseline_error <= (1 - min_gain) * model_error"),
        {
            "a model with far less error than the baseline passes",
            "by default 15% less error is enough",
            "exactly the gain asked for is enough",
            "a model worse than the baseline never passes",
            "a perfect baseline leaves no room for a worse model",
            "in the pipeline, your gate stops the shuffled dataset's model",
        },
    ),
    "always deploys": (
        gate_with("True"),
        {
            "by default 5% less error is not enough",
            "a model worse than the baseline never passes",
            "a perfect baseline leaves no room for a worse model",
            "in the pipeline, your gate stops the shuffled dataset's model",
        },
    ),
    # Right logic, wrong type: the pipeline's `if` accepts 0 and 1, the rules ask for a bool.
    "returns 1 or 0": (
        gate_with(f"int({RULE})"),
        {check.rule for check in gate.STEP.checks if "refused" not in check.rule}
        - {"in the pipeline, your gate stops the shuffled dataset's model"},
    ),
}

MATRIX_HELPERS = """\
import itertools

def combinations(axes):
    names = list(axes)
    return [dict(zip(names, values)) for values in itertools.product(*axes.values())]

def first_axis_fastest(axes):
    jobs = [{}]
    for name, values in axes.items():
        jobs = [{**job, name: value} for value in values for job in jobs]
    return jobs

def excluded(job, exclude):
    return any(all(job.get(k) == v for k, v in rule.items()) for rule in exclude)
"""


def matrix_with(
    jobs: str = "combinations(axes)",
    kept: str = "not excluded(job, exclude)",
    limit: str | None = "after excluding",
    first: str = "",
) -> str:
    """An expansion built from the helpers above, with one part swapped for a mistake."""
    check = "if len(jobs) > 256:\n        raise ValueError('too many jobs')\n    "
    return (
        f"{MATRIX_HELPERS}\ndef matrix_jobs(axes, exclude=()):\n    {first}jobs = {jobs}\n    "
        + (check if limit == "before excluding" else "")
        + f"jobs = [job for job in jobs if {kept}]\n    "
        + (check if limit == "after excluding" else "")
        + "return jobs\n"
    )


MATRIX_MISTAKES = {
    "first axis fastest": (
        matrix_with(jobs="first_axis_fastest(axes)"),
        {"the last axis varies fastest"},
    ),
    "exclude only on an exact match": (
        matrix_with(kept="job not in exclude"),
        {
            "an exclude entry naming some axes removes every job it matches",
            "overlapping exclude entries remove each job once",
        },
    ),
    "no limit": (matrix_with(limit=None), {"more than 256 jobs raise ValueError"}),
    "limit before excluding": (
        matrix_with(limit="before excluding"),
        {"the limit counts the jobs left after excluding"},
    ),
    "tuples, not dicts": (
        matrix_with(jobs="list(itertools.product(*axes.values()))", kept="True", limit=None),
        {check.rule for check in matrix.STEP.checks}
        - {"the axes and exclude entries are left as they were"},
    ),
    "sorts the caller's values": (
        matrix_with(first="for values in axes.values():\n        values.sort()\n    "),
        {"the axes and exclude entries are left as they were"},
    ),
    # Built one part at a time: the expansion works, exclude is still to come.
    "exclude not written yet": (
        matrix_with(
            first="if exclude:\n        raise NotImplementedError('exclude comes next')\n    "
        ),
        {
            "an exclude entry naming every axis removes one job",
            "an exclude entry naming some axes removes every job it matches",
            "an exclude entry that matches no job removes nothing",
            "overlapping exclude entries remove each job once",
            "the limit counts the jobs left after excluding",
        },
    ),
}

MISTAKES = {"gate": GATE_MISTAKES, "matrix": MATRIX_MISTAKES}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_the_reference_solution_passes_every_check(name, capsys):
    assert main([name, str(ROOT / REFERENCES[name])]) == 0
    out = capsys.readouterr().out
    checks = len(STEPS[name].checks)
    assert out.count("\nok    ") == checks and "FAIL" not in out
    assert out.endswith(f"All {checks} checks pass. Compare your code with the page's solution.\n")


@pytest.mark.parametrize(
    ("name", "mistake"), [(name, mistake) for name in MISTAKES for mistake in MISTAKES[name]]
)
def test_a_usual_mistake_fails_the_rules_it_breaks_and_no_other(tmp_path, name, mistake):
    code, broken = MISTAKES[name][mistake]
    passed, lines = run(STEPS[name], saved(tmp_path, code))
    assert not passed
    assert failed_rules(lines) == broken
    checks = len(STEPS[name].checks)
    assert lines[-1].startswith(f"{checks - len(broken)} of {checks} checks pass.")


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_every_check_is_failed_by_some_mistake(tmp_path, name):
    failed = set().union(*(broken for _, broken in MISTAKES[name].values()))
    assert failed == {check.rule for check in STEPS[name].checks}


def test_a_failure_shows_the_input_what_came_back_and_what_was_expected(tmp_path):
    code, _ = GATE_MISTAKES["strictly better"]
    _, lines = run(gate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  exactly the gain asked for is enough")
    assert lines[at + 1] == "      passes_gate(6.0, 8.0, 0.25) returned False"
    assert lines[at + 2].startswith("      expected True: 6.0 is exactly 25% below 8.0")


def test_a_crash_is_reported_as_what_the_function_raised(tmp_path):
    code, _ = GATE_MISTAKES["divides by the baseline"]
    _, lines = run(gate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a baseline error of 0 is an answer, not a crash")
    assert lines[at + 1] == (
        "      passes_gate(0.0, 0.0, 0.5) raised ZeroDivisionError: float division by zero"
    )


def test_a_gate_that_deploys_everything_is_shown_the_pipelines_numbers(tmp_path):
    code, _ = GATE_MISTAKES["always deploys"]
    _, lines = run(gate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  in the pipeline, your gate stops the shuffled dataset's model")
    assert "returned [] (the models it did not deploy)" in lines[at + 1]
    assert lines[at + 2] == "      expected ['dataset-0002'], from the default min_gain of 0.1:"
    assert [line.split(":")[0].strip() for line in lines[at + 3 : at + 6]] == [
        "dataset-0000",
        "dataset-0001",
        "dataset-0002",
    ]


def test_a_wrong_order_names_the_first_job_out_of_place(tmp_path):
    code, _ = MATRIX_MISTAKES["first axis fastest"]
    _, lines = run(matrix.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  the last axis varies fastest")
    assert lines[at + 1].endswith("returned {'version': 12, 'os': 'ubuntu-latest'} as job 2")
    assert lines[at + 2] == (
        "      expected {'version': 10, 'os': 'windows-latest'}: the last axis (os) varies "
        "fastest, then the one before it"
    )


def test_a_job_left_in_names_the_exclude_entry_it_matches(tmp_path):
    code, _ = MATRIX_MISTAKES["exclude only on an exact match"]
    _, lines = run(matrix.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  an exclude entry naming some axes removes every job it matches")
    assert lines[at + 1].endswith(" returned 12 jobs")
    assert lines[at + 2].startswith("      expected 9: ")
    assert lines[at + 3] == (
        "      should not be there: {'os': 'macos', 'python': '3.11', 'deps': 'newest'}, "
        "because it has every key and value of the exclude entry "
        "{'os': 'macos', 'deps': 'newest'}"
    )


def test_a_part_not_written_yet_fails_its_checks_and_the_rest_are_checked(tmp_path):
    code, broken = MATRIX_MISTAKES["exclude not written yet"]
    _, lines = run(matrix.STEP, saved(tmp_path, code))
    assert lines[0].startswith("Checking matrix_jobs in ")
    at = lines.index("FAIL  an exclude entry naming every axis removes one job")
    assert lines[at + 1].endswith(
        " raised NotImplementedError (exclude comes next): this part is not written yet"
    )
    assert sum(line.startswith("ok    ") for line in lines) == len(matrix.STEP.checks) - len(broken)


def test_a_gate_returning_a_numpy_bool_passes(tmp_path):
    numpy_rule = "np.less_equal(model_error, (1 - min_gain) * baseline_error)"
    code = "import numpy as np\n\n" + gate_with(numpy_rule)
    passed, lines = run(gate.STEP, saved(tmp_path, code))
    assert passed, "\n".join(lines)


def test_a_wrong_type_is_named_without_the_reason_for_a_value(tmp_path):
    code, _ = GATE_MISTAKES["returns 1 or 0"]
    _, lines = run(gate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a model with far less error than the baseline passes")
    assert lines[at + 1 : at + 3] == [
        "      passes_gate(1.0, 10.0) returned 1, not True or False",
        "      expected True: return a bool",
    ]
    code, _ = MATRIX_MISTAKES["tuples, not dicts"]
    _, lines = run(matrix.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  the last axis varies fastest")
    assert lines[at + 2] == "      expected a list with one dict {axis: value} per job"


def test_a_function_that_returns_nothing_is_reported_not_crashed_on(tmp_path):
    code = "def matrix_jobs(axes, exclude=()):\n    jobs = list(axes)\n"  # no return
    passed, lines = run(matrix.STEP, saved(tmp_path, code))
    assert not passed
    at = lines.index("FAIL  more than 256 jobs raise ValueError")
    assert lines[at + 1].endswith(" returned None")


def test_long_axes_are_shortened_in_messages():
    assert matrix.brief({"a": list(range(17))}) == "{'a': [0, 1, ..., 16] (17 values)}"
    assert matrix.brief([{"os": "linux"}]) == "[{'os': 'linux'}]"


def test_job_number_counts_in_the_mixed_radix_of_the_axes():
    axes = {"a": [0, 1], "b": ["x", "y", "z"]}
    assert [matrix.job_number(axes, i) for i in (0, 1, 3, 5)] == [
        {"a": 0, "b": "x"},
        {"a": 0, "b": "y"},
        {"a": 1, "b": "x"},
        {"a": 1, "b": "z"},
    ]


# --- Files the checker cannot use ---------------------------------------------------


def test_an_unwritten_starter_gets_one_message_and_no_checks(tmp_path, capsys):
    path = saved(tmp_path, "def passes_gate(a, b, min_gain=0.1):\n    raise NotImplementedError\n")
    assert main(["gate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"passes_gate in {path} is still the starter")
    assert "ok " not in out and "FAIL" not in out


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("def passes_gate(a, b\n", "{path}, line 1: Python cannot read this line ("),
        ("import no_such_module\n", "{path}, line 1: the file raised ModuleNotFoundError"),
        (
            "def gate(a, b):\n    return True\n",
            "{path} defines no function named passes_gate (it defines: gate).",
        ),
    ],
    ids=["syntax error", "fails to load", "wrong name"],
)
def test_a_file_that_cannot_be_used_is_explained(tmp_path, capsys, code, message):
    path = saved(tmp_path, code)
    assert main(["gate", str(path)]) == 1
    assert capsys.readouterr().out.startswith(message.format(path=path))


def test_a_missing_file_is_explained(tmp_path, capsys):
    assert main(["matrix", str(tmp_path / "my_matrix.py")]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{tmp_path / 'my_matrix.py'}: no such file. Save the starter")


def test_an_unknown_step_is_refused_with_the_steps_there_are(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["grid", "my_grid.py"])
    assert exit.value.code == 2
    err = capsys.readouterr().err  # Python versions differ in how argparse quotes choices
    assert "invalid choice: 'grid'" in err and "gate" in err and "matrix" in err
