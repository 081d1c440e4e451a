"""Step 9, the Kolmogorov-Smirnov statistic: the mistakes a learner makes, and what the
checker says."""

from __future__ import annotations

from hands_on import drift
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/drift.py"

PARTS = {
    "sort": "a, b = sorted(reference), sorted(current)",
    "empty": "if not a or not b:\n        raise ValueError('an empty sample')",
    "nan": "if any(math.isnan(x) for x in a + b):\n        raise ValueError('a NaN')",
    "gap": "max(abs(bisect_right(a, x) / len(a) - bisect_right(b, x) / len(b)) for x in a + b)",
}

TEMPLATE = """\
import math
from bisect import bisect_right

def ks_statistic(reference, current):
    {sort}
    {empty}
    {nan}
    return {gap}
"""

# The classic merge that steps through one value at a time, with no thought for ties.
ONE_AT_A_TIME = """\
import math

def ks_statistic(reference, current):
    a, b = sorted(reference), sorted(current)
    if not a or not b or any(math.isnan(x) for x in a + b):
        raise ValueError('an empty sample or a NaN')
    i = j = 0
    largest = 0.0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            i += 1
        else:
            j += 1
        largest = max(largest, abs(i / len(a) - j / len(b)))
    return largest
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


MISTAKES = {
    "counts, not shares": (
        solution(gap="max(abs(bisect_right(a, x) - bisect_right(b, x)) for x in a + b)"),
        {
            "samples that do not overlap have a gap of 1",
            "the gap is the largest difference of the two shares",
            "samples of different sizes are compared by shares, not counts",
            "a tie moves both samples at once",
            "the order of the values does not matter",
            "infinities are values like any other",
            "on samples with many ties the gap matches the definition",
        },
    ),
    "only at the first sample's values": (
        solution(gap=PARTS["gap"].replace("for x in a + b", "for x in a")),
        {
            "the largest gap can sit at a value of either sample",
            "the gap is the same whichever sample comes first",
        },
    ),
    "no absolute value": (
        solution(gap=PARTS["gap"].replace("max(abs(", "max((")),
        {
            "the largest gap can sit at a value of either sample",
            "the gap is the same whichever sample comes first",
        },
    ),
    # Every check whose samples share a value: each copy is counted before the other
    # sample's copy of it, so the gap is measured halfway through a tie.
    "one value at a time": (
        ONE_AT_A_TIME,
        {
            "identical samples have no gap",
            "the gap is the largest difference of the two shares",
            "a tie moves both samples at once",
            "the order of the values does not matter",
            "infinities are values like any other",
            "on samples with many ties the gap matches the definition",
        },
    ),
    "sorts the caller's lists": (
        solution(sort="reference.sort(); current.sort(); a, b = reference, current"),
        {"the caller's samples are left as they were"},
    ),
    "lets an empty sample through": (
        solution(empty="pass"),
        {"an empty sample is refused"},
    ),
    "lets a NaN through": (
        solution(nan="pass"),
        {"a NaN is refused"},
    ),
}


def test_a_tie_mistake_is_shown_the_hand_worked_gap(tmp_path):
    code, _ = MISTAKES["one value at a time"]
    _, lines = run(drift.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a tie moves both samples at once")
    assert lines[at + 1] == (
        "      ks_statistic([1.0, 1.0, 2.0, 2.0], [1.0, 2.0, 2.0, 2.0]) returned 0.75"
    )
    assert lines[at + 2].startswith("      expected 0.25: at x = 1 the shares are 2/4 and 1/4")


def test_the_definition_check_names_its_samples_without_printing_them(tmp_path):
    code, _ = MISTAKES["one value at a time"]
    _, lines = run(drift.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  on samples with many ties the gap matches the definition")
    assert lines[at + 1].startswith(
        "      ks_statistic(300 values rounded to 0.1, 200 values rounded to 0.1) returned "
    )
    assert lines[at + 2].endswith("counted value by value from the definition")


def test_the_slow_definition_agrees_with_hand_worked_gaps():
    assert drift.by_definition([1.0, 1.0, 2.0, 2.0], [1.0, 2.0, 2.0, 2.0]) == 0.25
    assert drift.by_definition([2.0, 3.0], [1.0]) == 1.0
