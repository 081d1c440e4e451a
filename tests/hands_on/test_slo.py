"""Step 15, a latency SLO check: the mistakes a learner makes, and what the checker says."""

from __future__ import annotations

from hands_on import slo
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/serving.py"

PARTS = {
    "default": "99",
    "empty": "if not latencies:\n        raise ValueError('no latencies')",
    "nan": "if any(math.isnan(ms) for ms in latencies):\n        raise ValueError('NaN')",
    "share": "if not 0 < p <= 100:\n        raise ValueError('p is a percentage')",
    "order": "sorted(latencies)",
    "rank": "int((Decimal(str(p)) * len(ordered) / 100).to_integral_value(ROUND_CEILING))",
    "value": "ordered[rank - 1]",
    "rule": "value <= threshold_ms",
}

TEMPLATE = """\
import math
import statistics
from decimal import ROUND_CEILING, Decimal

def meets_slo(latencies, threshold_ms, p={default}):
    {empty}
    {nan}
    {share}
    ordered = {order}
    rank = {rank}
    value = {value}
    return {rule}
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


ON_A_SAMPLE = {
    "exactly on the threshold meets it",
    "one slow request in a hundred is inside a p99",
    "the percentile is a latency that was observed, not an interpolation",
}

MISTAKES = {
    "judges by the mean": (
        solution(value="statistics.fmean(ordered)"),
        ON_A_SAMPLE
        | {
            "two slow requests in a hundred break a p99",
            "by default the SLO is on the p99",
            "the latencies are sorted first",
            "the rank rounds up",
            "the rank is exact at 41,000 requests too",
        },
    ),
    "interpolates, as statistics.quantiles does": (
        solution(
            value="statistics.quantiles(ordered, n=1000, method='inclusive')[round(p * 10) - 1]"
            " if p < 100 else ordered[-1]"
        ),
        ON_A_SAMPLE
        | {
            "the rank rounds up",
            "the rank is exact, in floating point too",
            "the rank is exact at 41,000 requests too",
        },
    ),
    "rounds the rank down": (
        solution(rank="max(int(p * len(ordered) / 100), 1)"),
        {"the rank rounds up"},
    ),
    "rounds the rank up in floating point": (
        solution(rank="math.ceil(p / 100 * len(ordered))"),
        {"the rank is exact, in floating point too", "the rank is exact at 41,000 requests too"},
    ),
    "strictly below the threshold": (
        solution(rule="value < threshold_ms"),
        ON_A_SAMPLE
        | {
            "the latencies are sorted first",
            "the rank is exact, in floating point too",
            "the rank is exact at 41,000 requests too",
        },
    ),
    "forgets to sort": (
        solution(order="list(latencies)"),
        {"the latencies are sorted first"},
    ),
    "indexes with the rank itself": (
        solution(value="ordered[min(rank, len(ordered) - 1)]"),
        ON_A_SAMPLE
        | {"the rank is exact, in floating point too", "the rank is exact at 41,000 requests too"},
    ),
    # Counts the requests within the threshold and compares in floats (a cold review's
    # wrong solution, which passed every check before the 41,000-request one).
    "counts within the threshold, in floating point": (
        solution(
            value="sum(ms <= threshold_ms for ms in ordered)",
            rule="value * 100 >= p * len(ordered)",
        ),
        {"the rank is exact at 41,000 requests too"},
    ),
    "a p95 by default": (
        solution(default="95"),
        {"by default the SLO is on the p99"},
    ),
    "calls an empty window met": (
        solution(empty="pass", value="ordered[rank - 1] if ordered else 0.0"),
        {"an empty window is refused"},
    ),
    "trusts every latency": (
        solution(nan="pass"),
        {"a NaN latency is refused"},
    ),
    "trusts any p": (
        solution(share="pass", rank=f"min(max(1, {PARTS['rank']}), len(ordered))"),
        {"a p of 0 or less is refused", "a p above 100 is refused"},
    ),
    "refuses only a p above 100": (
        solution(
            share="if p > 100:\n        raise ValueError('p is a percentage')",
            rank=f"max(1, {PARTS['rank']})",
        ),
        {"a p of 0 or less is refused"},
    ),
    # Right logic, wrong type: an `if` accepts 0 and 1, the rules ask for a bool.
    "returns 1 or 0": (
        solution(rule="int(value <= threshold_ms)"),
        {check.rule for check in slo.STEP.checks if "refused" not in check.rule},
    ),
}


def test_the_mean_is_told_it_is_no_percentile(tmp_path):
    code, _ = MISTAKES["judges by the mean"]
    _, lines = run(slo.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  one slow request in a hundred is inside a p99")
    assert lines[at + 1] == "      meets_slo([10.0] * 99 + [500.0], 10.0, 99) returned False"
    assert lines[at + 2].startswith("      expected True: 99 of the 100 requests took 10 ms")


def test_a_floating_point_rank_is_told_how_to_compute_it_exactly(tmp_path):
    code, _ = MISTAKES["rounds the rank up in floating point"]
    _, lines = run(slo.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  the rank is exact, in floating point too")
    assert lines[at + 1] == (
        "      meets_slo([1.0, 2.0, ..., 1000.0] (1000 latencies), 999.0, 99.9) returned False"
    )
    assert "decimal.Decimal(str(p))" in lines[at + 2]
