"""Step 14, an as-of join: the mistakes a learner makes, and what the checker says."""

from __future__ import annotations

from hands_on import asof
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/point_in_time.py"

# A learner's solution: rows grouped by entity and sorted, each event scanning its rows.
PARTS = {
    "group": "history.setdefault(entity, []).append((time, position, value))",
    "order": "rows.sort()",
    "earlier": "row_time < time",
    "same_entity": "history.get(entity, [])",
    "too_old": "max_age is not None and time - found[0] > max_age",
    "value": "found[2]",
}

TEMPLATE = """\
def as_of_join(events, feature_rows, max_age=None):
    history = {{}}
    for position, (entity, time, value) in enumerate(feature_rows):
        {group}
    for rows in history.values():
        {order}
    joined = []
    for entity, time in events:
        found = None
        for row_time, position, value in {same_entity}:
            if {earlier}:
                found = (row_time, position, value)
        if found is None or {too_old}:
            joined.append(None)
        else:
            joined.append({value})
    return joined
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


RANDOM = "on many random rows the values match the rules"

MISTAKES = {
    "the latest value, whenever it was written": (
        solution(earlier="True"),
        {
            "each event gets the latest value from before it",
            "a value from after the event is never used",
            "a row at the event's exact time is left out",
            "an event before any row of its entity gets None",
            "the rows may come in any order",
            "events keep their order, and equal events get the same value",
            "a row exactly max_age old is still used",
            # Day 9's row is taken for day 8: "-1 days old" is within any max_age.
            "a row older than max_age gives None",
            RANDOM,
        },
    ),
    "a row at the event's own time is used": (
        solution(earlier="row_time <= time"),
        {
            "a row at the event's exact time is left out",
            "an event before any row of its entity gets None",
            RANDOM,
        },
    ),
    "assumes the rows come sorted": (
        solution(order="pass"),
        {
            "the rows may come in any order",
            "of two rows at one time, the later in the list wins",
            RANDOM,
        },
    ),
    "the first of two rows at one time wins": (
        solution(order="rows.sort(key=lambda row: (row[0], -row[1]))"),
        {"of two rows at one time, the later in the list wins", RANDOM},
    ),
    "mixes entities": (
        solution(same_entity="sorted(r for rs in history.values() for r in rs)"),
        # Wherever ben's row of day 3 is the latest earlier row of anyone.
        {
            "a value from after the event is never used",
            "a row at the event's exact time is left out",
            "an entity never gets another entity's value",
            RANDOM,
        },
    ),
    "a row exactly max_age old is too old": (
        solution(too_old="max_age is not None and time - found[0] >= max_age"),
        {"a row exactly max_age old is still used", RANDOM},
    ),
    "ignores max_age": (
        solution(too_old="False"),
        {"a row older than max_age gives None", RANDOM},
    ),
    "treats a value of 0 as missing": (
        solution(value="found[2] or None"),
        {"a value of 0 is a value, not a missing one", RANDOM},
    ),
    "sorts the caller's rows": (
        solution(group="pass").replace(
            "    for rows in history.values():",
            "    feature_rows.sort(key=lambda row: row[1])\n"
            "    for position, (entity, time, value) in enumerate(feature_rows):\n"
            "        history.setdefault(entity, []).append((time, position, value))\n"
            "    for rows in history.values():",
        ),
        {"the caller's lists are left as they were"},
    ),
    "no rows means no answer": (
        solution().replace(
            "    history = {}", "    if not feature_rows:\n        return []\n    history = {}"
        ),
        {"no events give no values, no rows give None for every event"},
    ),
}


def test_a_join_that_looks_ahead_is_shown_the_row_it_took(tmp_path):
    code, _ = MISTAKES["the latest value, whenever it was written"]
    _, lines = run(asof.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a value from after the event is never used")
    assert lines[at + 1] == "      as_of_join([('anna', 4)], ROWS) returned [30]"
    assert lines[at + 2].startswith("      expected [10]: day 5 is nearer to day 4")


def test_the_rules_applied_row_by_row_agree_with_the_hand_worked_checks():
    assert asof.by_the_rules([("anna", 7), ("anna", 5), ("carl", 3)], asof.ROWS) == [20, 10, None]
    rows = [("anna", 5, 20), ("anna", 5, 21)]
    assert asof.by_the_rules([("anna", 6)], rows) == [21]
    assert asof.by_the_rules([("anna", 8)], asof.ROWS, max_age=2) == [None]


def test_an_answer_that_is_not_a_list_is_shown_as_it_is(tmp_path):
    code = "def as_of_join(events, feature_rows, max_age=None):\n    return 3\n"
    _, lines = run(asof.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  on many random rows the values match the rules")
    assert lines[at + 1].endswith("max_age=None) returned 3")
