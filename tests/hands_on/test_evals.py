"""Step 16, the eval gate for prompt versions: the mistakes a learner makes, and what the
checker says."""

from __future__ import annotations

from hands_on import evals
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/evals.py"

PARTS = {
    "floor": "0.8",
    "allowance": "0",
    "same_cases": (
        "if len(champion) != len(challenger):\n        raise ValueError('not the same cases')"
    ),
    "empty": "if not champion:\n        raise ValueError('no cases')",
    "regressions": "sum(old and not new for old, new in zip(champion, challenger))",
    "rule": (
        "new_passes >= min_pass_rate * len(challenger) and new_passes >= old_passes"
        " and regressions <= max_regressions"
    ),
}

TEMPLATE = """\
def prompt_gate(champion, challenger, min_pass_rate={floor}, max_regressions={allowance}):
    {same_cases}
    {empty}
    old_passes, new_passes = sum(champion), sum(challenger)
    regressions = {regressions}
    return {rule}
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


RULE = PARTS["rule"]
FIXED_CASES = {
    "a version that fixes cases and breaks none ships",
    "a case fixed is not a regression",
    "regressions within the allowance ship",
}

MISTAKES = {
    "compares pass rates only": (
        solution(rule=RULE.removesuffix(" and regressions <= max_regressions")),
        {"a regression blocks the release, even with more passes"},
    ),
    "counts every changed case as a regression": (
        solution(regressions="sum(old != new for old, new in zip(champion, challenger))"),
        FIXED_CASES,
    ),
    "counts regressions the wrong way round": (
        solution(regressions="sum(new and not old for old, new in zip(champion, challenger))"),
        FIXED_CASES,
    ),
    "strictly above the floor": (
        solution(rule=RULE.replace("new_passes >= min_pass_rate", "new_passes > min_pass_rate")),
        {"exactly the floor is enough", "by default the floor is 80%"},
    ),
    "forgets the version in service": (
        solution(rule=RULE.replace(" and new_passes >= old_passes", "")),
        {"fewer passes than the version in service do not ship"},
    ),
    "forgets the floor": (
        solution(rule=RULE.replace("new_passes >= min_pass_rate * len(challenger) and ", "")),
        {"below the floor nothing ships"},
    ),
    "a 90% floor by default": (
        solution(floor="0.9"),
        {"by default the floor is 80%"},
    ),
    "one regression allowed by default": (
        solution(allowance="1"),
        {"a regression blocks the release, even with more passes"},
    ),
    "zips results of different lengths": (
        solution(same_cases="pass"),
        {"results of different eval sets are refused"},
    ),
    "divides by no cases": (
        solution(
            empty="pass",
            rule=RULE.replace(
                "new_passes >= min_pass_rate * len(challenger)",
                "new_passes / len(challenger) >= min_pass_rate",
            ),
        ),
        {"no cases are refused"},
    ),
    # Right logic, wrong type: an `if` accepts 0 and 1, the rules ask for a bool.
    "returns 1 or 0": (
        solution(rule=f"int({RULE})"),
        {check.rule for check in evals.STEP.checks if "refused" not in check.rule},
    ),
}


def test_a_gate_on_pass_rates_alone_is_told_about_the_broken_case(tmp_path):
    code, _ = MISTAKES["compares pass rates only"]
    _, lines = run(evals.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a regression blocks the release, even with more passes")
    assert lines[at + 1].endswith("returned True")
    assert lines[at + 2].startswith("      expected False: 9 pass against 8")


def test_a_silent_zip_is_reported_as_a_missing_refusal(tmp_path):
    code, _ = MISTAKES["zips results of different lengths"]
    _, lines = run(evals.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  results of different eval sets are refused")
    assert lines[at + 1] == "      prompt_gate([True, True, True], [True, True]) returned False"
