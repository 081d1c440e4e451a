"""Data validation: check a batch against a schema before a pipeline trains on it, and
compare the features training computed with those serving computed for the same rows.

A batch is a dict from column name to its list of values (one value per row). A schema
is a plain dict, so that it can live in a reviewed file beside the code:

    {"min_rows": 100,
     "columns": {"age": {"kind": "number", "min": 0, "max": 120, "max_missing": 0.0},
                 "country": {"kind": "category", "values": {"DE", "FR"}, "max_missing": 0.01}}}

`validate_batch` returns the problems it finds as (column, problem) pairs, each once;
an empty list means the batch may be used. Standard library only: it is also the
reference solution of a hands-on step that runs in the browser's Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any


# --8<-- [start:validate]
def is_missing(value: Any) -> bool:
    """None and NaN both mean "no value": an upstream job may write either."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate_batch(
    batch: Mapping[str, Sequence[Any]], schema: Mapping[str, Any]
) -> list[tuple[str | None, str]]:
    """The batch's problems as (column, problem) pairs, each pair once; [] if none.
    A problem with the whole batch has the column None. A number column's "min" and
    "max" are inclusive and default to no bound; "max_missing" defaults to 0."""
    lengths = {len(values) for values in batch.values()}
    if len(lengths) > 1:
        raise ValueError(f"the columns have different lengths {sorted(lengths)}: not a table")
    rows = lengths.pop() if lengths else 0
    problems = []
    if rows < schema["min_rows"]:
        problems.append((None, "too few rows"))
    columns = schema["columns"]
    problems += [(name, "unexpected column") for name in batch if name not in columns]
    for name, rule in columns.items():
        if name not in batch:
            problems.append((name, "missing column"))
            continue
        present = [v for v in batch[name] if not is_missing(v)]
        # An empty batch has no missing values; its problem is its size, reported above.
        if rows and (rows - len(present)) / rows > rule.get("max_missing", 0.0):
            problems.append((name, "too many missing values"))
        if rule["kind"] == "number":
            if not all(is_number(v) for v in present):
                problems.append((name, "wrong type"))  # e.g. "12" from a CSV read as text
            elif not all(
                rule.get("min", -math.inf) <= v <= rule.get("max", math.inf) for v in present
            ):
                problems.append((name, "out of range"))  # infinities included
        elif not all(v in rule["values"] for v in present):
            problems.append((name, "unknown category"))
    return problems


# --8<-- [end:validate]


# --8<-- [start:skew]
def feature_skew(
    training: Mapping[Any, Mapping[str, float]],
    serving: Mapping[Any, Mapping[str, float]],
    tolerance: float = 1e-6,
) -> dict[str, float]:
    """For each feature, the share of rows whose value differs between the two
    pipelines by more than `tolerance` (relative), over the rows both have."""
    shared = sorted(training.keys() & serving.keys())
    if not shared:
        raise ValueError("no row is in both logs: join them on a key they share")
    skew = {}
    for feature in training[shared[0]]:
        differ = sum(
            not math.isclose(training[key][feature], serving[key][feature], rel_tol=tolerance)
            for key in shared
        )
        skew[feature] = differ / len(shared)
    return skew


# --8<-- [end:skew]
