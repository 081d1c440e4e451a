"""Step 7, the test matrix: the usual mistakes, each failing the rules it breaks, and what
the checker says about them. (test_check.py runs REFERENCE and MISTAKES through the
checker; tests/browser/test_runner.py runs them in the browser's Python.)"""

from __future__ import annotations

from hands_on import matrix
from tests.hands_on.steps import check_source

REFERENCE = "snippets/ci_matrix.py"

HELPERS = """\
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
        f"{HELPERS}\ndef matrix_jobs(axes, exclude=()):\n    {first}jobs = {jobs}\n    "
        + (check if limit == "before excluding" else "")
        + f"jobs = [job for job in jobs if {kept}]\n    "
        + (check if limit == "after excluding" else "")
        + "return jobs\n"
    )


EXCLUDING = {
    "an exclude entry naming every axis removes one job",
    "an exclude entry naming some axes removes every job it matches",
    "an exclude entry that matches no job removes nothing",
    "overlapping exclude entries remove each job once",
    "the limit counts the jobs left after excluding",
}

MISTAKES = {
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
        EXCLUDING,
    ),
    # The one-liner a reviewer would try first: every combination, nothing more.
    "one line: the product alone": (
        "import itertools\n\n\ndef matrix_jobs(axes, exclude=()):\n"
        "    return [dict(zip(axes, v)) for v in itertools.product(*axes.values())]\n",
        (EXCLUDING - {"an exclude entry that matches no job removes nothing"})
        | {"more than 256 jobs raise ValueError"},
    ),
}


def test_a_wrong_order_names_the_first_job_out_of_place(tmp_path):
    report = check_source(matrix.STEP, MISTAKES["first axis fastest"][0], tmp_path)
    at = report.lines.index("FAIL  the last axis varies fastest")
    assert report.lines[at + 1].endswith("returned {'version': 12, 'os': 'ubuntu-latest'} as job 2")
    assert report.lines[at + 2] == (
        "      expected {'version': 10, 'os': 'windows-latest'}: the last axis (os) varies "
        "fastest, then the one before it"
    )


def test_a_job_left_in_names_the_exclude_entry_it_matches(tmp_path):
    report = check_source(matrix.STEP, MISTAKES["exclude only on an exact match"][0], tmp_path)
    lines = report.lines
    at = lines.index("FAIL  an exclude entry naming some axes removes every job it matches")
    assert lines[at + 1].endswith(" returned 12 jobs")
    assert lines[at + 2].startswith("      expected 9: ")
    assert lines[at + 3] == (
        "      should not be there: {'os': 'macos', 'python': '3.11', 'deps': 'newest'}, "
        "because it has every key and value of the exclude entry "
        "{'os': 'macos', 'deps': 'newest'}"
    )


def test_a_part_not_written_yet_fails_its_checks_and_the_rest_are_checked(tmp_path):
    code, broken = MISTAKES["exclude not written yet"]
    report = check_source(matrix.STEP, code, tmp_path)
    assert report.lines[0] == "Checking matrix_jobs in my_matrix.py: step 7, the test matrix."
    at = report.lines.index("FAIL  an exclude entry naming every axis removes one job")
    assert report.lines[at + 1].endswith(
        " raised NotImplementedError (exclude comes next): this part is not written yet"
    )
    assert sum(line.startswith("ok    ") for line in report.lines) == len(matrix.STEP.checks) - len(
        broken
    )


def test_a_list_of_tuples_is_told_what_to_return(tmp_path):
    report = check_source(matrix.STEP, MISTAKES["tuples, not dicts"][0], tmp_path)
    at = report.lines.index("FAIL  the last axis varies fastest")
    assert report.lines[at + 2] == "      expected a list with one dict {axis: value} per job"


def test_a_function_that_returns_nothing_is_reported_not_crashed_on(tmp_path):
    code = "def matrix_jobs(axes, exclude=()):\n    jobs = list(axes)\n"  # no return
    report = check_source(matrix.STEP, code, tmp_path)
    assert not report.passed
    at = report.lines.index("FAIL  more than 256 jobs raise ValueError")
    assert report.lines[at + 1].endswith(" returned None")


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
