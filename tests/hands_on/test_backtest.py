"""Step 13, rolling-origin splits: the mistakes a learner makes, and what the checker says."""

from __future__ import annotations

from hands_on import backtest
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/backtest.py"

# A learner's solution, each part one line that a mistake replaces.
PARTS = {
    "checks": (
        "if min_train < 1 or horizon < 1 or gap < 0 or n_rows < 0:\n"
        "        raise ValueError('impossible settings')\n"
        "    if window is not None and window < 1:\n"
        "        raise ValueError('an empty window')"
    ),
    "more": "origin + gap + horizon <= n_rows",
    "start": "0 if window is None else max(0, origin - window)",
    "train": "list(range(start, origin))",
    "test": "list(range(origin + gap, origin + gap + horizon))",
    "step": "horizon",
}

TEMPLATE = """\
def rolling_origin_splits(n_rows, min_train, horizon, gap=0, window=None):
    {checks}
    splits = []
    origin = min_train
    while {more}:
        start = {start}
        splits.append(({train}, {test}))
        origin += {step}
    return splits
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


RANDOM = "on many settings the splits match the rules"
GAP = "a gap leaves rows out between training and test"

MISTAKES = {
    "moves the origin one row at a time": (
        solution(step="1"),
        {
            "an expanding window keeps every earlier row",
            "the origin moves on by the horizon, so no row is tested twice",
            GAP,
            "a sliding window keeps the last rows only",
            "a window longer than the history keeps every earlier row",
            "a test set that would run past the last row is not made",
            RANDOM,
        },
    ),
    "forgets the gap in the test rows": (
        solution(test="list(range(origin, origin + horizon))"),
        {GAP, RANDOM},
    ),
    "forgets the gap when it stops": (solution(more="origin + horizon <= n_rows"), {GAP, RANDOM}),
    # sklearn's way of counting, started from the wrong end: the gap comes out of training.
    "takes the gap from the training rows": (
        solution(
            more="origin + horizon <= n_rows",
            train="list(range(start, origin - gap))",
            test="list(range(origin, origin + horizon))",
        ),
        {GAP, RANDOM},
    ),
    "stops one split early": (
        solution(more="origin + gap + horizon < n_rows"),
        {
            "an expanding window keeps every earlier row",
            "the origin moves on by the horizon, so no row is tested twice",
            "a sliding window keeps the last rows only",
            "a window longer than the history keeps every earlier row",
            RANDOM,
        },
    ),
    "a short last test set": (
        solution(
            more="origin + gap < n_rows",
            test="list(range(origin + gap, min(origin + gap + horizon, n_rows)))",
        ),
        {
            GAP,
            "a test set that would run past the last row is not made",
            "too few rows for one split give no split",
            RANDOM,
        },
    ),
    "a window that reaches before row 0": (
        solution(start="0 if window is None else origin - window"),
        {"a window longer than the history keeps every earlier row", RANDOM},
    ),
    "ignores the window": (
        solution(start="0"),
        {"a sliding window keeps the last rows only", RANDOM},
    ),
    "a window one row too long": (
        solution(start="0 if window is None else max(0, origin - window - 1)"),
        {"a sliding window keeps the last rows only", RANDOM},
    ),
    "refuses an empty history": (
        solution(checks=PARTS["checks"].replace("n_rows < 0", "n_rows < 1")),
        {"no rows at all give no split, not an error", RANDOM},
    ),
    "trusts every setting": (
        solution(checks="pass"),
        {
            "a first training set of no rows is refused",
            "a negative gap is refused",
            "an empty window is refused",
        },
    ),
}


def test_a_forgotten_gap_is_shown_the_splits_it_made(tmp_path):
    code, _ = MISTAKES["forgets the gap in the test rows"]
    _, lines = run(backtest.STEP, saved(tmp_path, code))
    at = lines.index(f"FAIL  {GAP}")
    assert lines[at + 1] == (
        "      rolling_origin_splits(10, 4, 2, gap=1) returned "
        "[([0, 1, 2, 3], [4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7])]"
    )
    assert lines[at + 2].startswith(
        "      expected [([0, 1, 2, 3], [5, 6]), ([0, 1, 2, 3, 4, 5], [7, 8])]: row 4 is the gap"
    )


def test_a_window_past_row_0_is_shown_its_negative_rows(tmp_path):
    code, _ = MISTAKES["a window that reaches before row 0"]
    _, lines = run(backtest.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a window longer than the history keeps every earlier row")
    assert "[-46..3]" in lines[at + 1]


def test_a_generator_of_ranges_is_taken_as_splits(tmp_path):
    code = (
        "def rolling_origin_splits(n_rows, min_train, horizon, gap=0, window=None):\n"
        "    if min_train < 1 or horizon < 1 or gap < 0 or (window is not None and window < 1):\n"
        "        raise ValueError('impossible')\n"
        "    for origin in range(min_train, n_rows - gap - horizon + 1, horizon):\n"
        "        start = 0 if window is None else max(0, origin - window)\n"
        "        yield range(start, origin), range(origin + gap, origin + gap + horizon)\n"
    )
    passed, lines = run(backtest.STEP, saved(tmp_path, code))
    assert passed, lines


def test_an_answer_that_is_not_splits_is_told_what_splits_are(tmp_path):
    code = (
        "def rolling_origin_splits(n_rows, min_train, horizon, gap=0, window=None):\n    return 3\n"
    )
    _, lines = run(backtest.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  an expanding window keeps every earlier row")
    assert lines[at + 2] == (
        "      expected a list of (training rows, test rows) pairs, each a list of row numbers"
    )


def test_the_rules_counted_row_by_row_agree_with_the_written_out_checks():
    assert backtest.by_the_rules(10, 4, 2, 1, None) == [
        ([0, 1, 2, 3], [5, 6]),
        ([*range(6)], [7, 8]),
    ]
    assert backtest.by_the_rules(10, 4, 2, 0, 3)[0] == ([1, 2, 3], [4, 5])
    assert backtest.by_the_rules(5, 4, 2, 0, None) == []


def test_the_settings_check_shows_what_a_wrong_answer_returned(tmp_path):
    code = (
        "def rolling_origin_splits(n_rows, min_train, horizon, gap=0, window=None):\n    return 3\n"
    )
    _, lines = run(backtest.STEP, saved(tmp_path, code))
    at = lines.index(f"FAIL  {RANDOM}")
    assert lines[at + 1].endswith(" returned 3")
