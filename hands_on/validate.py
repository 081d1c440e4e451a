"""Step 8: validate a batch. The checks follow the starter's rules: the problems of a
batch (a dict from column name to its values) against a schema, as (column, problem)
pairs, each once; None and NaN are missing values; True and False are no numbers; a
number column's range is inclusive; a problem with the whole batch has the column None.

Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "validate_batch"
NAN, INF = math.nan, math.inf

SCHEMA = {
    "min_rows": 4,
    "columns": {
        "age": {"kind": "number", "min": 0, "max": 120, "max_missing": 0.25},
        "country": {"kind": "category", "values": {"DE", "FR", "IT"}, "max_missing": 0.0},
    },
}


def batch(age: list[Any], country: list[Any] | None = None, **more: list[Any]) -> dict:
    """A batch of the schema's two columns (country filled with "DE" unless given)."""
    return {"age": age, "country": country or ["DE"] * len(age), **more}


def shown(value: Any) -> str:
    """repr, with the schema written as SCHEMA and long lists shortened."""
    if value is SCHEMA:
        return "SCHEMA"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and len(value) > 6:
        return f"[{value[0]!r}, {value[1]!r}, ... ({len(value)} values)]"
    return repr(value)


def expect(data: dict, expected: set[tuple[str | None, str]], why: str, schema: dict = SCHEMA):
    """A check that validate_batch(data, schema) returns exactly the `expected` pairs."""
    called = f"{FUNCTION}({shown(data)}, {shown(schema)})"

    def problem(validate: Callable[..., Any]) -> str | None:
        outcome = call(validate, copy.deepcopy(data), copy.deepcopy(schema))
        wanted = sorted(expected, key=repr) or "[] (no problems)"
        if outcome.error is not None:
            return f"{called} {outcome}\nexpected {wanted}: {why}"
        found = outcome.value
        if not isinstance(found, list) or not all(
            isinstance(p, tuple) and len(p) == 2 for p in found
        ):
            return f"{called} returned {found!r}\nexpected a list of (column, problem) pairs"
        if set(found) == expected:
            return None
        lines = [f"{called} returned {found!r}", f"expected {wanted}: {why}"]
        lines += [f"not expected: {p!r}" for p in sorted(set(found) - expected, key=repr)]
        lines += [f"missing: {p!r}" for p in sorted(expected - set(found), key=repr)]
        return "\n".join(lines)

    return problem


def reports_each_problem_once(validate: Callable[..., Any]) -> str | None:
    data = batch([130, 140, 150, 40])
    outcome = call(validate, copy.deepcopy(data), copy.deepcopy(SCHEMA))
    found = outcome.value
    if outcome.error is None and isinstance(found, list) and len(found) == len(set(found)):
        return None
    return (
        f"{FUNCTION}({shown(data)}, SCHEMA) {outcome}\nexpected [('age', 'out of range')] "
        "once: three rows out of range are one problem with the column, and a report "
        "that repeats it per row buries the other problems"
    )


def leaves_inputs_alone(validate: Callable[..., Any]) -> str | None:
    data, schema = batch([30, None, 40, 50]), copy.deepcopy(SCHEMA)
    before = copy.deepcopy((data, schema))
    call(validate, data, schema)
    if (data, schema) == before:
        return None
    return (
        f"{FUNCTION}({shown(before[0])}, SCHEMA) changed its arguments\n"
        "expected them unchanged: a validation step reads the batch, it must not edit it"
    )


STEP = Step(
    name="validate",
    title="step 8, validate a batch",
    function=FUNCTION,
    file="my_validate.py",
    checks=(
        Check(
            "a batch that fits the schema has no problems",
            expect(batch([30, 41, 7, 99], ["DE", "FR", "IT", "DE"]), set(), "every value fits"),
        ),
        Check(
            "too few rows are reported for the whole batch",
            expect(
                batch([30, 41, 52]),
                {(None, "too few rows")},
                "3 rows, and the schema asks for at least 4 (min_rows)",
            ),
        ),
        Check(
            "an empty batch has too few rows, and nothing else",
            expect(
                batch([], []),
                {(None, "too few rows")},
                "with no rows there is no share of missing values to compute: a rule that "
                "divides by the number of rows must not run",
            ),
        ),
        Check(
            "a column the schema expects must be there",
            expect({"age": [30, 41, 52, 63]}, {("country", "missing column")}, "no country"),
        ),
        Check(
            "a column the schema does not know is reported",
            expect(
                batch([30, 41, 52, 63], income=[1, 2, 3, 4]),
                {("income", "unexpected column")},
                "an upstream change added a column the model was not trained on",
            ),
        ),
        Check(
            "None and NaN both count as missing, and NaN is not out of range",
            expect(
                batch([30, None, NAN, 52]),
                {("age", "too many missing values")},
                "2 of 4 ages are missing (None and NaN), a share of 0.5, above max_missing "
                "0.25; NaN is a missing value, not a number outside [0, 120]",
            ),
        ),
        Check(
            "exactly the allowed share of missing values passes",
            expect(
                batch([30, None, 41, 52]),
                set(),
                "1 of 4 missing is a share of 0.25, and max_missing allows up to 0.25",
            ),
        ),
        Check(
            "a missing value where none is allowed is reported",
            expect(
                batch([30, 41, 52, 63], ["DE", None, "FR", "IT"]),
                {("country", "too many missing values")},
                "country allows no missing values (max_missing 0.0)",
            ),
        ),
        Check(
            "the range includes its ends",
            expect(batch([0, 120, 60, 1]), set(), "min 0 and max 120 are allowed values"),
        ),
        Check(
            "a value outside the range is reported",
            expect(
                batch([30, 41, 1750, 63]),
                {("age", "out of range")},
                "1750 is above max 120: a unit changed upstream (months, not years)",
            ),
        ),
        Check(
            "infinity is out of range",
            expect(batch([30, INF, 41, 52]), {("age", "out of range")}, "inf is above 120"),
        ),
        Check(
            "a number written as text is the wrong type, not a crash",
            expect(
                batch(["30", 41, 52, 63]),
                {("age", "wrong type")},
                "'30' is a string: a CSV column read as text. Comparing it with 0 raises "
                "TypeError in Python, so check the type before the range",
            ),
        ),
        Check(
            "True and False are the wrong type in a number column",
            expect(
                batch([30, True, 41, 52]),
                {("age", "wrong type")},
                "True is a bool, not an age: a flag written into the wrong column. Python "
                "counts it as 1 (bool is a subclass of int), so isinstance(True, int) is "
                "True and 0 <= True <= 120 passes: test for bool before int",
            ),
        ),
        Check(
            "an unseen category is reported",
            expect(
                batch([30, 41, 52, 63], ["DE", "FR", "ES", "IT"]),
                {("country", "unknown category")},
                "ES is not one of the schema's values DE, FR, IT",
            ),
        ),
        Check(
            "every problem of a batch is reported",
            expect(
                {"age": [None, None, 200], "region": ["n", "s", "e"]},
                {
                    (None, "too few rows"),
                    ("age", "too many missing values"),
                    ("age", "out of range"),
                    ("country", "missing column"),
                    ("region", "unexpected column"),
                },
                "one report with all of them, so one run of the pipeline shows what to fix",
            ),
        ),
        Check(
            "each problem is reported once, however many rows show it",
            reports_each_problem_once,
        ),
        Check("the batch and the schema are left as they were", leaves_inputs_alone),
    ),
)
