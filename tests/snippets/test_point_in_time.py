"""The as-of join against its rules and a brute-force join; the orders, the model and the
scores against what the page says of them."""

from __future__ import annotations

import copy
import random

import pytest

from snippets.point_in_time import (
    CAP,
    as_of_join,
    brier_score,
    join_scores,
    latest_join,
    order_history,
    return_rates,
)

ROWS = [("a", 1, 10), ("a", 5, 20), ("a", 9, 30), ("b", 3, 7)]


def test_each_event_gets_the_latest_value_from_before_it():
    assert as_of_join([("a", 7), ("a", 2), ("a", 100)], ROWS) == [20, 10, 30]


def test_a_row_at_the_events_own_time_is_left_out():
    assert as_of_join([("a", 5), ("b", 3)], ROWS) == [10, None]


def test_an_event_before_any_row_of_its_entity_gets_none():
    assert as_of_join([("a", 0.5), ("c", 50)], ROWS) == [None, None]


def test_entities_never_lend_each_other_values():
    assert as_of_join([("b", 8)], ROWS) == [7]


def test_the_rows_may_come_in_any_order():
    shuffled = ROWS[:]
    random.Random(1).shuffle(shuffled)
    assert as_of_join([("a", 7), ("a", 10)], shuffled) == [20, 30]


def test_of_two_rows_at_one_time_the_later_in_the_list_wins():
    rows = [("a", 5, "first"), ("a", 5, "correction"), ("a", 2, "older")]
    assert as_of_join([("a", 6)], rows) == ["correction"]


def test_events_keep_their_order_and_ties_between_events_get_the_same_value():
    assert as_of_join([("a", 6), ("b", 4), ("a", 6)], ROWS) == [20, 7, 20]


def test_max_age_allows_a_row_exactly_that_old_and_refuses_an_older_one():
    assert as_of_join([("a", 7), ("a", 8)], ROWS, max_age=2) == [20, None]


def test_a_value_of_zero_is_a_value():
    assert as_of_join([("a", 2)], [("a", 1, 0)]) == [0]


def test_empty_inputs():
    assert as_of_join([], ROWS) == []
    assert as_of_join([("a", 1)], []) == [None]


def test_the_callers_lists_are_left_as_they_were():
    events, rows = [("a", 7)], [("a", 9, 1), ("a", 1, 2)]
    before = copy.deepcopy((events, rows))
    as_of_join(events, rows, max_age=3)
    assert (events, rows) == before


def brute_force(events, rows, max_age=None):
    """The rule read literally: every row of the entity, strictly earlier, latest time,
    last in the list among equal times; too old is none."""
    found = []
    for entity, time in events:
        earlier = [(t, i, v) for i, (e, t, v) in enumerate(rows) if e == entity and t < time]
        if not earlier:
            found.append(None)
            continue
        t, _, v = max(earlier)
        found.append(None if max_age is not None and time - t > max_age else v)
    return found


@pytest.mark.parametrize("seed", range(5))
def test_it_agrees_with_the_rule_read_literally(seed):
    rng = random.Random(seed)
    rows = [(rng.choice("abc"), rng.randint(0, 30), rng.random()) for _ in range(60)]
    events = [(rng.choice("abcd"), rng.randint(0, 35)) for _ in range(80)]
    for max_age in (None, 0, 4):
        assert as_of_join(events, rows, max_age) == brute_force(events, rows, max_age)


def test_the_latest_value_join_ignores_when_the_value_was_written():
    assert latest_join([("a", 2), ("b", 1), ("c", 4)], ROWS) == [30, 7, None]


def test_the_orders_and_their_return_counts_are_consistent():
    orders, rows = order_history(customers=200, seed=2)
    assert (orders, rows) == order_history(customers=200, seed=2)
    assert [o.time for o in orders] == sorted(o.time for o in orders)
    assert len(rows) == sum(o.returned for o in orders)
    counts: dict[str, list[int]] = {}
    for customer, _, count in rows:
        counts.setdefault(customer, []).append(count)
    for customer, seen in counts.items():
        returned = sum(o.returned for o in orders if o.customer == customer)
        assert seen == list(range(1, returned + 1))


def test_the_model_is_the_share_returned_for_each_count():
    rates = return_rates([0, 0, 1, 5, 7], [False, True, True, False, False])
    assert rates == {0: 0.5, 1: 1.0, CAP: 0.0}
    assert brier_score(rates, [0, 1], [True, True]) == pytest.approx((0.25 + 0.0) / 2)


@pytest.fixture(scope="module")
def scores():
    return join_scores()


def test_the_latest_value_model_looks_best_offline_and_is_worst_in_production(scores):
    # "Offline, the model trained on latest values is the best of the three by far. In
    # production it is no better than predicting the same rate for every order"
    assert scores.latest_offline < 0.9 * scores.as_of_offline
    assert scores.latest_offline < scores.base_rate
    assert scores.latest_production >= scores.base_rate
    assert scores.latest_production > scores.as_of_production


def test_the_as_of_model_scores_the_same_offline_and_in_production(scores):
    # "The as-of model scores the same in both columns"
    assert scores.as_of_offline == scores.as_of_production < scores.base_rate


def test_the_latest_value_model_learns_that_no_returns_means_none_ever():
    # "it learned that a customer with no returns never returns anything"
    orders, rows = order_history()
    train = [o for o in orders if o.time < 300]
    values = latest_join([(o.customer, o.time) for o in train], rows)
    counts = [0 if v is None else v for v in values]
    assert return_rates(counts, [o.returned for o in train])[0] == 0.0
