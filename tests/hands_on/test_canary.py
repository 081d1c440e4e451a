"""Step 12, a canary's stop rule: the mistakes a learner makes, and what the checker says."""

from __future__ import annotations

from hands_on import canary
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/model_release.py"

PARTS = {
    "minimum": "1000",
    "ratio": "1.5",
    "counts": (
        "if min(canary_bad, canary_total, control_bad, control_total) < 0:\n"
        "        raise ValueError('a negative count')\n"
        "    if canary_bad > canary_total or control_bad > control_total:\n"
        "        raise ValueError('more bad outcomes than requests')"
    ),
    "share": "if max_ratio < 1:\n        raise ValueError('max_ratio below 1')",
    "enough": "canary_total < min_requests or control_total < min_requests",
    "worse": "canary_bad * control_total > max_ratio * control_bad * canary_total",
}

TEMPLATE = """\
def canary_verdict(canary_bad, canary_total, control_bad, control_total,
                   min_requests={minimum}, max_ratio={ratio}):
    {counts}
    {share}
    if {enough}:
        return 'wait'
    if {worse}:
        return 'rollback'
    return 'proceed'
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


MISTAKES = {
    "compares counts": (
        solution(worse="canary_bad > max_ratio * control_bad"),
        {
            "a canary far worse than the control rolls back",
            "rates are compared, not counts",
            "a rate just above max_ratio times the control's rolls back",
            "by default 1.7 times the control's rate rolls back",
            "a smaller minimum judges sooner",
        },
    ),
    "any bad outcome rolls back": (
        solution(worse="canary_bad > 0"),
        {
            "exactly the minimum is enough to judge",
            "a canary as good as the control proceeds",
            "a rate exactly max_ratio times the control's proceeds",
            "by default 1.4 times the control's rate proceeds",
        },
    ),
    "divides by the control's rate": (
        solution(worse="(canary_bad / canary_total) / (control_bad / control_total) > max_ratio"),
        {
            "a control with no bad outcomes is a rate of 0, not a crash",
            "no bad outcomes anywhere proceeds",
        },
    ),
    "rolls back at the ratio itself": (
        solution(worse=PARTS["worse"].replace(" > ", " >= ")),
        {
            "a rate exactly max_ratio times the control's proceeds",
            "no bad outcomes anywhere proceeds",
        },
    ),
    "waits only for the canary": (
        solution(enough="canary_total < min_requests"),
        {"too few control requests: wait"},
    ),
    "judges one request early": (
        solution(enough="canary_total <= min_requests or control_total <= min_requests"),
        {"exactly the minimum is enough to judge"},
    ),
    "never waits": (
        solution(enough="False"),
        {"too few canary requests: wait", "too few control requests: wait"},
    ),
    "doubles the rate by default": (
        solution(ratio="2.0"),
        {"by default 1.7 times the control's rate rolls back"},
    ),
    "no tolerance by default": (
        solution(ratio="1.0"),
        {"by default 1.4 times the control's rate proceeds"},
    ),
    "trusts the counts": (
        solution(counts="pass"),
        {"negative counts are refused", "more bad outcomes than requests are refused"},
    ),
    "trusts any ratio": (
        solution(share="pass"),
        {"a max_ratio below 1 is refused"},
    ),
    "answers in its own words": (
        solution().replace("'rollback'", "'stop'"),
        {
            "a canary far worse than the control rolls back",
            "rates are compared, not counts",
            "a rate just above max_ratio times the control's rolls back",
            "by default 1.7 times the control's rate rolls back",
            "a control with no bad outcomes is a rate of 0, not a crash",
            "a smaller minimum judges sooner",
        },
    ),
}


def test_counting_instead_of_rates_is_told_why(tmp_path):
    code, _ = MISTAKES["compares counts"]
    _, lines = run(canary.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  rates are compared, not counts")
    assert lines[at + 1] == "      canary_verdict(45, 1200, 300, 20000) returned 'proceed'"
    assert lines[at + 2].startswith("      expected 'rollback': the canary has fewer bad outcomes")


def test_a_word_the_rule_does_not_know_is_named(tmp_path):
    code, _ = MISTAKES["answers in its own words"]
    _, lines = run(canary.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  rates are compared, not counts")
    assert lines[at + 2] == "      expected one of 'wait', 'rollback', 'proceed'"
