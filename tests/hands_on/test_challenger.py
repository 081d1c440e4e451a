"""Step 10, the champion/challenger gate: the mistakes a learner makes, and what the
checker says."""

from __future__ import annotations

from hands_on import challenger
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/model_release.py"

PARTS = {
    "default": "0.01",
    "same_rows": (
        "if len(champion) != len(challenger):\n        raise ValueError('not the same rows')"
    ),
    "empty": "if not champion:\n        raise ValueError('no rows')",
    "share": "if not 0 <= min_gain < 1:\n        raise ValueError('min_gain is a share')",
    "scores": (
        "if any(math.isnan(e) or e < 0 for e in champion + challenger):\n"
        "        raise ValueError('not a score')"
    ),
    "rule": "new < old and new <= (1 - min_gain) * old",
}

TEMPLATE = """\
import math

def challenger_wins(champion, challenger, min_gain={default}):
    {same_rows}
    {empty}
    {share}
    {scores}
    old, new = sum(champion) / len(champion), sum(challenger) / len(challenger)
    return {rule}
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


MISTAKES = {
    "a tie replaces the champion": (
        solution(rule="new <= (1 - min_gain) * old"),
        {
            "a tie keeps the champion, even with no margin asked",
            "a champion with no error cannot be beaten, and is no crash",
        },
    ),
    "strictly more than the margin": (
        solution(rule="new < (1 - min_gain) * old"),
        {"exactly the margin asked for is enough"},
    ),
    "divides by the champion's error": (
        solution(rule="1 - new / old >= min_gain"),
        {
            "a tie keeps the champion, even with no margin asked",
            "a champion with no error cannot be beaten, and is no crash",
            "a challenger worse than a perfect champion loses",
        },
    ),
    "counts the rows won": (
        solution(rule="sum(n < o for o, n in zip(champion, challenger)) > len(champion) / 2"),
        {
            "by default half a percent less error is not enough",
            "the mean error decides, not the number of rows won",
            "an infinite error is an error like any other",
        },
    ),
    "no margin by default": (
        solution(default="0.0"),
        {"by default half a percent less error is not enough"},
    ),
    "a margin of 2% by default": (
        solution(default="0.02"),
        {"by default one and a half percent less error is enough"},
    ),
    "compares with no check of the rows": (
        solution(same_rows="pass"),
        {"errors on different rows are refused"},
    ),
    "divides by no rows": (
        solution(empty="pass"),
        {"no held-out rows are refused"},
    ),
    "trusts every score": (
        solution(scores="pass"),
        {"a NaN error is refused", "a negative error is refused"},
    ),
    "checks only NaN": (
        solution(scores=PARTS["scores"].replace(" or e < 0", "")),
        {"a negative error is refused"},
    ),
    "trusts any margin": (
        solution(share="pass"),
        {"a min_gain outside [0, 1) is refused", "a negative min_gain is refused"},
    ),
    "refuses only a margin of 1 or more": (
        solution(share="if min_gain >= 1:\n        raise ValueError('min_gain is a share')"),
        {"a negative min_gain is refused"},
    ),
    "swaps the models": (
        solution(rule="old < new and old <= (1 - min_gain) * new"),
        {
            "a challenger with far less error wins",
            "exactly the margin asked for is enough",
            "by default one and a half percent less error is enough",
            "the mean error decides, not the number of rows won",
            "a challenger worse than a perfect champion loses",
            "an infinite error is an error like any other",
        },
    ),
    # Right logic, wrong type: an `if` accepts 0 and 1, the rules ask for a bool.
    "returns 1 or 0": (
        solution(rule="int(new < old and new <= (1 - min_gain) * old)"),
        {check.rule for check in challenger.STEP.checks if "refused" not in check.rule},
    ),
}


def test_a_tie_that_replaces_the_champion_is_told_why_it_should_not(tmp_path):
    code, _ = MISTAKES["a tie replaces the champion"]
    _, lines = run(challenger.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a tie keeps the champion, even with no margin asked")
    assert lines[at + 1] == "      challenger_wins([3.0, 1.0], [2.0, 2.0], 0.0) returned True"
    assert lines[at + 2].startswith("      expected False: both means are 2.0")


def test_a_silent_nan_is_reported_as_a_missing_refusal(tmp_path):
    code, _ = MISTAKES["trusts every score"]
    _, lines = run(challenger.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a NaN error is refused")
    assert lines[at + 1] == "      challenger_wins([1.0, 1.0], [0.5, nan]) returned False"
    assert lines[at + 2].startswith("      expected it to raise ValueError: a NaN error is")
