"""Rolling-origin splits against scikit-learn's TimeSeriesSplit and their own rules; the
series, the forecast and the evaluations against what they are said to do."""

from __future__ import annotations

import itertools
from statistics import fmean

import numpy as np
import pytest
from sklearn.model_selection import TimeSeriesSplit

from snippets import backtest
from snippets.backtest import (
    daily_demand,
    evaluation_errors,
    mean_absolute_error,
    random_split,
    rolling_origin_splits,
    similar_days,
)


def test_an_expanding_window_keeps_every_earlier_row():
    assert rolling_origin_splits(10, 4, 2) == [
        ([0, 1, 2, 3], [4, 5]),
        ([0, 1, 2, 3, 4, 5], [6, 7]),
        ([0, 1, 2, 3, 4, 5, 6, 7], [8, 9]),
    ]


def test_a_gap_leaves_rows_out_between_training_and_test():
    assert rolling_origin_splits(10, 4, 2, gap=1) == [
        ([0, 1, 2, 3], [5, 6]),
        ([0, 1, 2, 3, 4, 5], [7, 8]),
    ]


def test_a_sliding_window_keeps_the_last_rows_only():
    assert rolling_origin_splits(10, 4, 2, window=3) == [
        ([1, 2, 3], [4, 5]),
        ([3, 4, 5], [6, 7]),
        ([5, 6, 7], [8, 9]),
    ]


def test_a_window_longer_than_the_history_is_an_expanding_one():
    assert rolling_origin_splits(20, 4, 3, gap=2, window=100) == rolling_origin_splits(
        20, 4, 3, gap=2
    )


def test_a_test_set_that_would_run_past_the_end_is_not_made():
    splits = rolling_origin_splits(9, 4, 2)
    assert [test for _, test in splits] == [[4, 5], [6, 7]]  # day 8 cannot fill a horizon


@pytest.mark.parametrize(("n_rows", "min_train", "horizon", "gap"), [(0, 1, 1, 0), (5, 4, 2, 0)])
def test_too_few_rows_for_one_split_give_none(n_rows, min_train, horizon, gap):
    assert rolling_origin_splits(n_rows, min_train, horizon, gap) == []


@pytest.mark.parametrize(
    "arguments",
    [(-1, 4, 2), (10, 0, 2), (10, 4, 0), (10, 4, 2, -1), (10, 4, 2, 0, 0)],
    ids=["negative rows", "no training row", "no horizon", "negative gap", "empty window"],
)
def test_impossible_settings_are_refused(arguments):
    with pytest.raises(ValueError):
        rolling_origin_splits(*arguments)


@pytest.mark.parametrize(
    ("n_rows", "min_train", "horizon", "gap", "window"),
    list(itertools.product((30, 57), (5, 11), (1, 4), (0, 3), (None, 6))),
)
def test_every_test_row_comes_after_every_training_row_and_is_tested_once(
    n_rows, min_train, horizon, gap, window
):
    splits = rolling_origin_splits(n_rows, min_train, horizon, gap, window)
    tested = [row for _, test in splits for row in test]
    assert len(tested) == len(set(tested))
    for train, test in splits:
        assert len(test) == horizon
        assert test[0] - train[-1] == gap + 1  # the gap, then the test rows
        assert window is None or len(train) <= window
        assert test[-1] < n_rows


@pytest.mark.parametrize(
    ("n_rows", "n_splits", "horizon", "gap", "window"),
    list(itertools.product((24, 50), (2, 3, 5), (1, 3), (0, 2), (None, 4))),
)
def test_the_splits_are_scikit_learns_given_the_same_test_sets(
    n_rows, n_splits, horizon, gap, window
):
    """TimeSeriesSplit counts its test sets back from the end; started where its first
    training set ends, ours are the same."""
    splitter = TimeSeriesSplit(n_splits=n_splits, test_size=horizon, gap=gap, max_train_size=window)
    theirs = [(a.tolist(), b.tolist()) for a, b in splitter.split(np.zeros(n_rows))]
    first_train = n_rows - n_splits * horizon - gap
    assert rolling_origin_splits(n_rows, first_train, horizon, gap, window) == theirs


def test_the_series_is_seeded_and_follows_its_weekly_pattern():
    assert daily_demand(50, seed=3) == daily_demand(50, seed=3)
    assert daily_demand(50, seed=3) != daily_demand(50, seed=4)
    demand = daily_demand(700, seed=1)
    by_weekday = [fmean(demand[day::7]) for day in range(7)]
    busiest = max(range(7), key=by_weekday.__getitem__)
    assert busiest == backtest.WEEKLY.index(max(backtest.WEEKLY))


def test_the_forecast_averages_the_nearest_training_days_of_the_same_weekday():
    demand = [float(day) for day in range(40)]
    # Day 20's weekday also falls on days 6, 13, 27 and 34; the two nearest in training.
    assert similar_days(range(0, 15), demand, 20) == fmean([13.0, 6.0])
    assert similar_days([6, 13, 27, 34], demand, 20) == fmean([13.0, 27.0])
    assert similar_days([6, 13, 27, 34], demand, 20, k=1) == 13.0  # a tie goes to the earlier


def test_the_error_is_each_test_days_error_from_its_own_splits_training():
    demand = [10.0] * 14 + [20.0] * 7
    splits = [(list(range(14)), [14, 15])]
    assert mean_absolute_error(demand, splits) == 10.0


def test_a_random_split_holds_out_its_share_and_partitions_the_rows():
    train, test = random_split(100, 0.2, seed=5)
    assert len(test) == 20 and sorted(train + test) == list(range(100))
    assert random_split(100, 0.2, seed=5) == (train, test)
    assert test != list(range(80, 100))  # shuffled, not the last rows


@pytest.fixture(scope="module")
def found():
    return evaluation_errors()


def test_the_random_split_reports_the_smallest_error_and_production_the_largest(found):
    # "The random split reports the smallest error of all ... The backtest without a
    # gap is closer but still optimistic"
    assert found.random_split < found.backtest_no_gap < found.backtest < found.production
    assert found.random_below_production >= 0.8 * found.series


def test_the_backtest_with_the_real_gap_lands_near_production(found):
    # "The backtest with the gap the forecast really has is the one that lands near what
    # production then sees."
    assert abs(found.backtest / found.production - 1) < 0.1
    assert found.backtest_no_gap / found.production < 0.9
