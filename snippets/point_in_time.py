"""Point-in-time correct features: join each training row to the feature value it could
have seen when the prediction was made, not to the value the feature has today.

A feature is kept as a history of (entity, time, value) rows: a customer's count of
returned orders goes up each time a return is processed. A training row is an event,
(entity, time): an order, for which the model predicts whether it will be returned. The
as-of join gives each event the value of the latest row of its entity from strictly
before the event's time. The latest-value join, the usual mistake, gives every event the
entity's value today, which counts returns processed after the order, its own among them:
the label leaks into the feature. `join_scores` trains the same small model on both joins
and scores it as the offline evaluation sees it and as production sees it.

Standard library only: `as_of_join` is also the reference solution of a hands-on step
that runs in the browser's Python.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

Event = tuple[Hashable, float]  # (entity, time): a prediction, or a training row
FeatureRow = tuple[Hashable, float, Any]  # (entity, time, value): known from `time` on
CAP = 3  # the model groups customers with 3 returns or more


# --8<-- [start:as-of]
def as_of_join(
    events: Sequence[Event], feature_rows: Sequence[FeatureRow], max_age: float | None = None
) -> list[Any]:
    """For each event (entity, time), in order: the value of its entity's latest feature
    row from strictly before the event's time, or None if there is none or if that row is
    older than `max_age`. A row at the event's exact time is left out: it may have been
    written by the event itself. Of two rows of one entity at the same time, the later in
    `feature_rows` wins (a correction)."""
    history: dict[Hashable, list[tuple[float, int, Any]]] = {}
    for position, (entity, time, value) in enumerate(feature_rows):
        history.setdefault(entity, []).append((time, position, value))
    for rows in history.values():
        rows.sort(key=lambda row: row[:2])  # by time, then by position in feature_rows
    joined: list[Any] = []
    for entity, time in events:
        rows = history.get(entity, [])
        before = bisect_left(rows, time, key=lambda row: row[0])  # rows[:before] are earlier
        if before == 0:
            joined.append(None)
            continue
        row_time, _, value = rows[before - 1]
        joined.append(None if max_age is not None and time - row_time > max_age else value)
    return joined


# --8<-- [end:as-of]


# --8<-- [start:latest]
def latest_join(events: Sequence[Event], feature_rows: Sequence[FeatureRow]) -> list[Any]:
    """The mistake: each event gets its entity's latest value, whenever it was written."""
    latest = {entity: value for entity, _, value in sorted(feature_rows, key=lambda r: r[1])}
    return [latest.get(entity) for entity, _ in events]


# --8<-- [end:latest]


# --8<-- [start:orders]
@dataclass(frozen=True)
class Order:
    customer: str
    time: float  # in days
    returned: bool  # the label


def order_history(
    customers: int = 3000, days: float = 365, seed: int = 0
) -> tuple[list[Order], list[FeatureRow]]:
    """A year of orders and returns. Each customer places one to eight orders and returns
    each with a propensity of their own; a return is processed 3 to 14 days after its
    order, and then the customer's feature row "returns so far" goes up by one."""
    rng = random.Random(seed)
    orders = []
    for number in range(customers):
        propensity = rng.betavariate(1.5, 4)  # most customers rarely return, a few often
        for _ in range(rng.randint(1, 8)):
            orders.append(Order(f"c{number}", rng.uniform(0, days), rng.random() < propensity))
    orders.sort(key=lambda order: order.time)
    processed = sorted(
        (order.time + rng.uniform(3, 14), order.customer) for order in orders if order.returned
    )
    counts: dict[str, int] = {}
    feature_rows: list[FeatureRow] = []
    for time, customer in processed:
        counts[customer] = counts.get(customer, 0) + 1
        feature_rows.append((customer, time, counts[customer]))
    return orders, feature_rows


# --8<-- [end:orders]


# --8<-- [start:score]
def return_rates(returns_so_far: Sequence[int], labels: Sequence[bool]) -> dict[int, float]:
    """The model: the share of orders returned, for each count of earlier returns (counts
    of CAP or more form one group)."""
    groups: dict[int, list[bool]] = {}
    for count, label in zip(returns_so_far, labels, strict=True):
        groups.setdefault(min(count, CAP), []).append(label)
    return {count: fmean(group) for count, group in sorted(groups.items())}


def brier_score(rates: dict[int, float], returns_so_far: Sequence[int], labels: Sequence[bool]):
    """The mean squared error of the predicted chance of a return: 0 is perfect, and
    predicting the base rate for every order scores the base rate times its complement."""
    predicted = [rates[min(count, CAP)] for count in returns_so_far]
    return fmean((p - label) ** 2 for p, label in zip(predicted, labels, strict=True))


@dataclass(frozen=True)
class JoinScores:
    base_rate: float  # Brier score of predicting the training return rate for every order
    latest_offline: float  # trained on latest values, tested on latest values
    latest_production: float  # ... tested on the values production sees: as of each order
    as_of_offline: float  # trained and tested as of each order
    as_of_production: float


def join_scores(split_day: float = 300, seed: int = 0) -> JoinScores:
    """Train on the orders before `split_day`, test on the orders after it, with each join."""
    orders, feature_rows = order_history(seed=seed)
    train = [o for o in orders if o.time < split_day]
    test = [o for o in orders if o.time >= split_day]

    def counts(join: Callable[..., list[Any]], rows: list[Order]) -> list[int]:
        # No row yet means no return yet: a counter's missing value is 0.
        values = join([(o.customer, o.time) for o in rows], feature_rows)
        return [0 if value is None else value for value in values]

    train_labels = [o.returned for o in train]
    labels = [o.returned for o in test]
    base = fmean(train_labels)
    scores = []
    for join in (latest_join, as_of_join):
        rates = return_rates(counts(join, train), train_labels)
        scores.append(brier_score(rates, counts(join, test), labels))
        scores.append(brier_score(rates, counts(as_of_join, test), labels))
    return JoinScores(fmean((base - label) ** 2 for label in labels), *scores)


# --8<-- [end:score]
