"""Step 17, Wald's sequential test on a canary: the mistakes a learner makes, and what
the checker says."""

from __future__ import annotations

from hands_on import sprt
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/model_release.py"

PARTS = {
    "alpha": "0.05",
    "counts": (
        "if bad < 0 or total < 0 or bad > total:\n        raise ValueError('counts mixed up')"
    ),
    "rates": (
        "if not 0 < good_rate < bad_rate < 1:\n        raise ValueError('need 0 < good < bad < 1')"
    ),
    "errors": (
        "if not (0 < alpha < 1 and 0 < beta < 1 and alpha + beta < 1):\n"
        "        raise ValueError('alpha and beta')"
    ),
    "evidence": (
        "bad * math.log(bad_rate / good_rate)"
        " + (total - bad) * math.log((1 - bad_rate) / (1 - good_rate))"
    ),
    "up": "evidence >= math.log((1 - beta) / alpha)",
    "down": "evidence <= math.log(beta / (1 - alpha))",
}

TEMPLATE = """\
import math

def sprt_verdict(bad, total, good_rate, bad_rate, alpha={alpha}, beta=0.1):
    {counts}
    {rates}
    {errors}
    evidence = {evidence}
    if {up}:
        return 'rollback'
    if {down}:
        return 'proceed'
    return 'continue'
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


MISTAKES = {
    "ignores the good outcomes": (
        solution(evidence="bad * math.log(bad_rate / good_rate)"),
        {
            "a canary with no bad outcomes in 400 requests proceeds",
            "good outcomes count as evidence too",
            "by default alpha is 0.05: 5 bad of 100 continues",
        },
    ),
    "rolls back only above the boundary": (
        solution(up=PARTS["up"].replace(">=", ">")),
        {
            "evidence exactly at the rollback boundary rolls back",
        },
    ),
    "swaps alpha and beta": (
        solution(
            up="evidence >= math.log((1 - alpha) / beta)",
            down="evidence <= math.log(alpha / (1 - beta))",
        ),
        {
            "by default alpha is 0.05: 5 bad of 100 continues",
        },
    ),
    "compares the share of bad outcomes": (
        solution(
            evidence="bad / total if total else 0",
            up="evidence >= bad_rate",
            down="evidence <= good_rate",
        ),
        {
            "no requests yet: continue",
            "evidence below the boundary continues",
            "200 good requests are not yet enough to proceed",
            "a bad share on few requests is not yet enough evidence",
            "by default alpha is 0.05: 5 bad of 100 continues",
        },
    ),
    "alpha 0.1 by default": (
        solution(alpha="0.1"),
        {
            "by default alpha is 0.05: 5 bad of 100 continues",
        },
    ),
    "trusts the counts": (
        solution(counts="pass"),
        {
            "impossible counts are refused",
            "a negative count is refused",
        },
    ),
    "trusts the rates": (
        solution(rates="pass"),
        {
            "two equal rates are refused",
            "rates in the wrong order are refused",
            "a rate of 0 or 1 is refused",
        },
    ),
    "trusts alpha and beta": (
        solution(errors="pass"),
        {
            "error rates that add up to 1 or more are refused",
        },
    ),
    "never rolls back": (
        solution(up="False"),
        {
            "evidence exactly at the rollback boundary rolls back",
            "a canary with many bad outcomes rolls back",
            "every request bad rolls back",
            "the same share of bad outcomes on more requests is more evidence",
            "a larger alpha rolls back on less evidence",
        },
    ),
    "ignores the alpha it is given": (
        solution(up="evidence >= math.log((1 - beta) / 0.05)"),
        {
            "evidence exactly at the rollback boundary rolls back",
            "a larger alpha rolls back on less evidence",
        },
    ),
    "never proceeds": (
        solution(down="False"),
        {
            "a canary with no bad outcomes in 400 requests proceeds",
            "good outcomes count as evidence too",
        },
    ),
}


def test_a_product_of_ratios_passes_as_well_as_a_sum_of_logarithms(tmp_path):
    """The boundary check's numbers add up exactly either way (3 x log 2 = log 8)."""
    code = solution(
        evidence=(
            "(bad_rate / good_rate) ** bad * ((1 - bad_rate) / (1 - good_rate)) ** (total - bad)"
        ),
        up="evidence >= (1 - beta) / alpha",
        down="evidence <= beta / (1 - alpha)",
    )
    passed, lines = run(sprt.STEP, saved(tmp_path, code))
    assert passed, lines


def test_ignoring_good_outcomes_is_told_why(tmp_path):
    code, _ = MISTAKES["ignores the good outcomes"]
    _, lines = run(sprt.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  good outcomes count as evidence too")
    assert lines[at + 1] == "      sprt_verdict(1, 400, 0.01, 0.02) returned 'continue'"
    assert lines[at + 2].startswith("      expected 'proceed': one bad outcome adds log 2")
