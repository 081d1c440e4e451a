"""Step 13: rolling-origin splits. The checks follow the starter's rules: the first
training set is rows 0 to min_train - 1; each test set is the `horizon` rows that start
`gap` rows after its training set ends; the origin then moves on by `horizon`; window=None
keeps every earlier row, window=k the last k; a test set that would run past the last row
is not made; a min_train below 1, a negative gap or a window below 1 raise ValueError.
(The starter also refuses a horizon below 1; no check calls it, because a solution that
forgot to would loop for ever there, and a check must end.)

The expected splits are written out in each check, and the last check compares with the
rules counted out row by row on many settings. Standard library only: these checks also
run in the browser's Python.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "rolling_origin_splits"
Splits = list[tuple[list[int], list[int]]]


def by_the_rules(n_rows: int, min_train: int, horizon: int, gap: int, window: int | None):
    """The splits as the rules say them, row by row: slowly, and separately from any
    solution."""
    splits: Splits = []
    origin = min_train
    while True:
        test = [origin + gap + i for i in range(horizon)]
        if test[-1] > n_rows - 1:
            return splits
        train = [row for row in range(origin) if window is None or row >= origin - window]
        splits.append((train, test))
        origin += horizon


def as_splits(value: Any) -> Splits | None:
    """The returned value as a list of (training rows, test rows) lists, or None if it is
    not one."""
    try:
        pairs = [(list(train), list(test)) for train, test in value]
    except (TypeError, ValueError):
        return None
    rows = [row for pair in pairs for part in pair for row in part]
    if all(isinstance(row, int) and not isinstance(row, bool) for row in rows):
        return pairs
    return None


def run_out(value: Any) -> Any:
    """A generator's items, so that what it raises is raised now, inside the call: a
    learner may yield the splits rather than return a list."""
    return list(value) if hasattr(value, "__next__") else value


def short(splits: Splits) -> str:
    """Splits written briefly: training rows as a range, test rows in full."""

    def rows(part: list[int]) -> str:
        if len(part) > 6 and part == list(range(part[0], part[-1] + 1)):
            return f"[{part[0]}..{part[-1]}]"
        return repr(part)

    return "[" + ", ".join(f"({rows(a)}, {rows(b)})" for a, b in splits) + "]"


def called(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    words = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{FUNCTION}({', '.join(words)})"


def expect(args: tuple[Any, ...], expected: Splits | type[Exception], why: str, **kwargs: Any):
    """A check that rolling_origin_splits(*args, **kwargs) returns `expected` (or raises it)."""
    shown = called(args, kwargs)

    def problem(splits: Callable[..., Any]) -> str | None:
        outcome = call(lambda: run_out(splits(*args, **kwargs)))
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{shown} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if outcome.error is not None:
            return f"{shown} {outcome}\nexpected {short(expected)}: {why}"
        found = as_splits(outcome.value)
        if found is None:
            return (
                f"{shown} returned {outcome.value!r}\nexpected a list of (training rows, "
                "test rows) pairs, each a list of row numbers"
            )
        if found == expected:
            return None
        return f"{shown} returned {short(found)}\nexpected {short(expected)}: {why}"

    return problem


def matches_the_rules(splits: Callable[..., Any]) -> str | None:
    rng = random.Random(13)
    for _ in range(200):
        n_rows, min_train, horizon = rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 6)
        gap, window = rng.randint(0, 4), rng.choice([None, 1, 3, 8])
        args, kwargs = (n_rows, min_train, horizon), {"gap": gap, "window": window}
        expected = by_the_rules(n_rows, min_train, horizon, gap, window)
        outcome = call(lambda a=args, k=kwargs: run_out(splits(*a, **k)))
        if outcome.error is None and as_splits(outcome.value) == expected:
            continue
        found = as_splits(outcome.value) if outcome.error is None else None
        what = f"returned {short(found)}" if found is not None else str(outcome)
        return (
            f"{called(args, kwargs)} {what}\n"
            f"expected {short(expected)}, counted out row by row from the rules"
        )
    return None


TEN = (10, 4, 2)  # ten rows, a first training set of four, test sets of two

STEP = Step(
    name="backtest",
    title="step 13, rolling-origin splits",
    function=FUNCTION,
    file="my_backtest.py",
    checks=(
        Check(
            "an expanding window keeps every earlier row",
            expect(
                TEN,
                [([0, 1, 2, 3], [4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7]), ([*range(8)], [8, 9])],
                "train on rows 0-3, test 4-5; then on 0-5, test 6-7; then on 0-7, test 8-9",
            ),
        ),
        Check(
            "the origin moves on by the horizon, so no row is tested twice",
            expect(
                (9, 3, 3),
                [([0, 1, 2], [3, 4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7, 8])],
                "the second origin is 3 rows after the first: each forecast's week once",
            ),
        ),
        Check(
            "a gap leaves rows out between training and test",
            expect(
                TEN,
                [([0, 1, 2, 3], [5, 6]), ([0, 1, 2, 3, 4, 5], [7, 8])],
                "row 4 is the gap after rows 0-3, and row 6 after rows 0-5; a third test "
                "set would need rows 9 and 10, and there is no row 10",
                gap=1,
            ),
        ),
        Check(
            "a sliding window keeps the last rows only",
            expect(
                TEN,
                [([1, 2, 3], [4, 5]), ([3, 4, 5], [6, 7]), ([5, 6, 7], [8, 9])],
                "window=3 keeps the 3 rows before each origin",
                window=3,
            ),
        ),
        Check(
            "a window longer than the history keeps every earlier row",
            expect(
                TEN,
                [([0, 1, 2, 3], [4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7]), ([*range(8)], [8, 9])],
                "a window of 50 rows finds only 4, 6 and 8 before the origins; there is no "
                "row before row 0",
                window=50,
            ),
        ),
        Check(
            "a test set that would run past the last row is not made",
            expect(
                (9, 4, 2),
                [([0, 1, 2, 3], [4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7])],
                "row 8 cannot fill a test set of 2 rows: a shorter one would score an "
                "easier forecast",
            ),
        ),
        Check(
            "too few rows for one split give no split",
            expect((5, 4, 2), [], "4 training rows and 2 test rows need 6 rows"),
        ),
        Check(
            "no rows at all give no split, not an error",
            expect((0, 1, 1), [], "an empty history has no backtest, and nothing is wrong"),
        ),
        Check(
            "a first training set of no rows is refused",
            expect((10, 0, 2), ValueError, "a model trained on no rows forecasts nothing"),
        ),
        Check(
            "a negative gap is refused",
            expect(
                TEN, ValueError, "a negative gap would test on rows the model trained on", gap=-1
            ),
        ),
        Check(
            "an empty window is refused",
            expect(TEN, ValueError, "window=0 keeps no row to train on", window=0),
        ),
        Check("on many settings the splits match the rules", matches_the_rules),
    ),
)
