"""Evaluating a forecast in time order: rolling-origin splits, and what a random split
reports instead.

A random split scores a forecast on days scattered between its training days, so the
model sees the days after each test day as well as the days before: the future leaks
into training. A rolling-origin backtest trains on the days before an origin and tests
on the days after it, origin after origin, as the forecast will be used; a gap between
the two leaves out the days the forecast cannot know yet (data that arrives late, or a
forecast made a week ahead). `evaluation_errors` runs the three on seeded series whose
pattern drifts and compares each with the error the forecast then makes on the weeks
after the history, as it will run there.

Standard library only: `rolling_origin_splits` is also the reference solution of a
hands-on step that runs in the browser's Python.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

WEEKLY = (0, -5, -5, 0, 10, 25, 15)  # demand above the level, from the first weekday on
NEIGHBOURS = 2  # the forecast averages this many similar days
HISTORY = 728  # days of sales the team has: two years
FUTURE = 84  # days after the history, on which production is scored
MIN_TRAIN = 364  # a backtest's first training set: a year
HORIZON = 7  # each forecast covers a week
LEAD = 7  # ... that starts a week after the last day it knows: stock is ordered a week ahead
TEST_SHARE = 0.2  # the share of days a random split holds out
SERIES = 20  # seeded series, each a different draw of the same process


# --8<-- [start:splits]
def rolling_origin_splits(
    n_rows: int, min_train: int, horizon: int, gap: int = 0, window: int | None = None
) -> list[tuple[list[int], list[int]]]:
    """(training rows, test rows) for each origin of a backtest over rows 0 to n_rows - 1,
    in time order. The first training set is the first `min_train` rows; each test set is
    the `horizon` rows that start `gap` rows after its training set ends; then the origin
    moves on by `horizon` rows, so no row is tested twice. `window=None` keeps every
    earlier row (an expanding window), `window=k` the last k (a sliding window). A test
    set that would run past the last row is not made."""
    if n_rows < 0 or min_train < 1 or horizon < 1 or gap < 0:
        raise ValueError("n_rows and gap must be 0 or more, min_train and horizon 1 or more")
    if window is not None and window < 1:
        raise ValueError("a window holds at least one row (None keeps them all)")
    splits = []
    origin = min_train  # the first row the training set does not hold
    while origin + gap + horizon <= n_rows:
        start = 0 if window is None else max(0, origin - window)
        test_start = origin + gap
        splits.append((list(range(start, origin)), list(range(test_start, test_start + horizon))))
        origin += horizon
    return splits


# --8<-- [end:splits]


# --8<-- [start:series]
def daily_demand(days: int, seed: int = 0, step: float = 2.0, noise: float = 3.0) -> list[float]:
    """A shop's daily demand for one product: a level that wanders (each day it moves by a
    random step), a weekly pattern whose swing grows by its own size every 365 days, and
    noise no forecast can predict."""
    rng = random.Random(seed)
    level, demand = 100.0, []
    for day in range(days):
        level += rng.gauss(0, step)
        weekly = WEEKLY[day % 7] * (1 + day / 365)
        demand.append(level + weekly + rng.gauss(0, noise))
    return demand


# --8<-- [end:series]


# --8<-- [start:forecast]
def similar_days(
    train_rows: Sequence[int], demand: Sequence[float], day: int, k: int = NEIGHBOURS
) -> float:
    """The forecast for `day`: the mean demand of the k training days nearest to it in
    time that fall on the same weekday (a nearest-neighbour model on the date)."""
    same_weekday = sorted((abs(row - day), row) for row in train_rows if row % 7 == day % 7)
    return fmean(demand[row] for _, row in same_weekday[:k])


def mean_absolute_error(
    demand: Sequence[float], splits: Sequence[tuple[Sequence[int], Sequence[int]]]
) -> float:
    """The forecast's mean absolute error over every test row of every split, each day
    forecast from its own split's training rows."""
    return fmean(
        abs(demand[day] - similar_days(train, demand, day))
        for train, test in splits
        for day in test
    )


def random_split(n_rows: int, test_share: float, seed: int) -> tuple[list[int], list[int]]:
    """(training rows, test rows): a shuffled share of the rows held out, as for data
    whose rows do not depend on each other."""
    rows = list(range(n_rows))
    random.Random(seed).shuffle(rows)
    held_out = round(n_rows * test_share)
    return sorted(rows[held_out:]), sorted(rows[:held_out])


# --8<-- [end:forecast]


# --8<-- [start:evaluate]
@dataclass(frozen=True)
class EvaluationErrors:
    random_split: float  # mean absolute error, units a day, averaged over the series
    backtest_no_gap: float
    backtest: float  # with the gap the forecast really has
    production: float  # on the weeks after the history, run as production runs it
    random_below_production: int  # series whose random split reported less than production
    series: int


def evaluation_errors(
    series: int = SERIES, history: int = HISTORY, future: int = FUTURE, lead: int = LEAD
) -> EvaluationErrors:
    """What each evaluation reports for the forecast, and what it then scores going
    forward. The shop orders stock `lead` days ahead, so each week's forecast is made
    from days that end `lead` days before the week starts: a gap of `lead` rows."""
    found: dict[str, list[float]] = {
        "random": [],
        "no_gap": [],
        "gap": [],
        "production": [],
    }
    for seed in range(series):
        demand = daily_demand(history + future, seed)
        shuffled = random_split(history, TEST_SHARE, seed)
        found["random"].append(mean_absolute_error(demand, [shuffled]))
        for name, gap in (("no_gap", 0), ("gap", lead)):
            splits = rolling_origin_splits(history, MIN_TRAIN, HORIZON, gap=gap)
            found[name].append(mean_absolute_error(demand, splits))
        # Production: every week, forecast the week that starts `lead` days after the
        # last known day, over the `future` days that follow the history.
        weeks = rolling_origin_splits(history + future, history - lead, HORIZON, gap=lead)
        found["production"].append(mean_absolute_error(demand, weeks))
    below = sum(r < p for r, p in zip(found["random"], found["production"], strict=True))
    means = {name: fmean(values) for name, values in found.items()}
    return EvaluationErrors(
        means["random"], means["no_gap"], means["gap"], means["production"], below, series
    )


# --8<-- [end:evaluate]
