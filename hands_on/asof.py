"""Step 14: an as-of join. The checks follow the starter's rules: for each event (entity,
time), in order, the value of its entity's latest feature row from strictly before the
event's time; None if there is no such row, or if that row is more than `max_age` older
than the event (exactly max_age is allowed); of two rows of one entity at the same time,
the later in the list wins; the caller's lists stay unchanged.

The expected values are worked out by hand in each check's reason, and the last check
compares with the rules applied literally, row by row, on seeded random rows. Standard
library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "as_of_join"

# A customer's returns so far: (customer, day the count changed, the count).
ROWS = [("anna", 1, 10), ("anna", 5, 20), ("anna", 9, 30), ("ben", 3, 7)]


def by_the_rules(events: list[Any], rows: list[Any], max_age: float | None = None) -> list[Any]:
    """The join as the rules say it, row by row: every earlier row of the entity, the
    latest time, the later in the list at equal times."""
    found: list[Any] = []
    for entity, time in events:
        earlier = [(t, i) for i, (e, t, _) in enumerate(rows) if e == entity and t < time]
        if not earlier:
            found.append(None)
            continue
        row_time, index = max(earlier)
        found.append(None if max_age is not None and time - row_time > max_age else rows[index][2])
    return found


def shown(value: list[Any]) -> str:
    if value is ROWS:
        return "ROWS"
    if len(value) > 6:
        return f"[{value[0]!r}, {value[1]!r}, ... ({len(value)} items)]"
    return repr(value)


def expect(events: list[Any], rows: list[Any], expected: list[Any], why: str, **kwargs: Any):
    """A check that as_of_join(events, rows, **kwargs) returns `expected`."""
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    called = f"{FUNCTION}({shown(events)}, {shown(rows)}{extra})"

    def problem(join: Callable[..., Any]) -> str | None:
        outcome = call(lambda: join(copy.deepcopy(events), copy.deepcopy(rows), **kwargs))
        returned = outcome.error is None and isinstance(outcome.value, list | tuple)
        if returned and list(outcome.value) == expected:
            return None
        return f"{called} {outcome}\nexpected {expected!r}: {why}"

    return problem


def leaves_lists_alone(join: Callable[..., Any]) -> str | None:
    events = [("anna", 7), ("ben", 4)]
    rows = [("anna", 9, 30), ("ben", 3, 7), ("anna", 1, 10)]
    before = copy.deepcopy((events, rows))
    call(join, events, rows)
    if (events, rows) == before:
        return None
    return (
        f"{FUNCTION}({before[0]!r}, {before[1]!r}) changed its arguments into {events!r} and "
        f"{rows!r}\nexpected them unchanged: sort a copy (sorted(...)), not the caller's list"
    )


def matches_the_rules(join: Callable[..., Any]) -> str | None:
    rng = random.Random(14)
    rows = [(rng.choice("abc"), rng.randint(0, 30), rng.randint(0, 99)) for _ in range(60)]
    events = [(rng.choice("abcd"), rng.randint(0, 35)) for _ in range(80)]
    for max_age in (None, 4):
        expected = by_the_rules(events, rows, max_age)
        outcome = call(lambda m=max_age: join(list(events), list(rows), max_age=m))
        returned = outcome.error is None and isinstance(outcome.value, list | tuple)
        if returned and list(outcome.value) == expected:
            continue
        what = f"returned {shown(list(outcome.value))}" if returned else str(outcome)
        return (
            f"{FUNCTION}(80 random events, 60 random rows of 3 customers, max_age={max_age!r}) "
            f"{what}\nexpected {shown(expected)}, the rules applied row by row"
        )
    return None


STEP = Step(
    name="asof",
    title="step 14, an as-of join",
    function=FUNCTION,
    file="my_asof.py",
    checks=(
        Check(
            "each event gets the latest value from before it",
            expect([("anna", 7)], ROWS, [20], "anna's rows before day 7 are days 1 and 5: day 5's"),
        ),
        Check(
            "a value from after the event is never used",
            expect(
                [("anna", 4)],
                ROWS,
                [10],
                "day 5 is nearer to day 4 than day 1 is, but on day 4 nobody knew it yet",
            ),
        ),
        Check(
            "a row at the event's exact time is left out",
            expect(
                [("anna", 5)],
                ROWS,
                [10],
                "the row of day 5 may have been written by the event of day 5 itself, after "
                "the prediction was made: only day 1's value was surely known",
            ),
        ),
        Check(
            "an event before any row of its entity gets None",
            expect([("anna", 1)], ROWS, [None], "anna's first row is of day 1, not before it"),
        ),
        Check(
            "an entity never gets another entity's value",
            expect(
                [("ben", 8), ("carl", 8)],
                ROWS,
                [7, None],
                "ben's only row is day 3's; carl has none",
            ),
        ),
        Check(
            "the rows may come in any order",
            expect(
                [("anna", 8)],
                [("anna", 5, 20), ("anna", 9, 30), ("anna", 1, 10)],
                [20],
                "sorted by time, the rows before day 8 are days 1 and 5",
            ),
        ),
        Check(
            "of two rows at one time, the later in the list wins",
            expect(
                [("anna", 6)],
                [("anna", 5, 20), ("anna", 5, 21), ("anna", 2, 10)],
                [21],
                "the second row of day 5 corrects the first",
            ),
        ),
        Check(
            "events keep their order, and equal events get the same value",
            expect(
                [("anna", 6), ("ben", 4), ("anna", 6)],
                ROWS,
                [20, 7, 20],
                "one value per event, in the events' order",
            ),
        ),
        Check(
            "a row exactly max_age old is still used",
            expect([("anna", 7)], ROWS, [20], "day 5 is 2 days before day 7", max_age=2),
        ),
        Check(
            "a row older than max_age gives None",
            expect(
                [("anna", 8)],
                ROWS,
                [None],
                "anna's latest row before day 8 is day 5's, 3 days old: too old, and older "
                "rows are older still",
                max_age=2,
            ),
        ),
        Check(
            "a value of 0 is a value, not a missing one",
            expect([("anna", 2)], [("anna", 1, 0)], [0], "anna's count was 0 from day 1 on"),
        ),
        Check(
            "no events give no values, no rows give None for every event",
            lambda join: (
                expect([], ROWS, [], "no events")(join)
                or expect([("anna", 7), ("ben", 4)], [], [None, None], "no rows at all")(join)
            ),
        ),
        Check("the caller's lists are left as they were", leaves_lists_alone),
        Check("on many random rows the values match the rules", matches_the_rules),
    ),
)
