"""Data validation: a batch's problems against a schema, and skew between the features
training and serving computed."""

from __future__ import annotations

import math

import pytest

from snippets.data_validation import feature_skew, is_missing, validate_batch

SCHEMA = {
    "min_rows": 3,
    "columns": {
        "amount": {"kind": "number", "min": 0, "max": 100, "max_missing": 0.0},
        "age": {"kind": "number", "max_missing": 0.5},  # no bounds given
        "country": {"kind": "category", "values": {"DE", "FR"}, "max_missing": 0.0},
    },
}


def batch(**columns):
    base = {"amount": [1.0, 2.0, 3.0], "age": [20, 30, 40], "country": ["DE", "FR", "DE"]}
    return {**base, **columns}


def test_a_good_batch_has_no_problems():
    assert validate_batch(batch(), SCHEMA) == []


@pytest.mark.parametrize(
    ("columns", "problems"),
    [
        ({"amount": [1.0, math.nan, 3.0]}, [("amount", "too many missing values")]),
        (
            {"amount": [1.0, None, math.inf]},
            [("amount", "too many missing values"), ("amount", "out of range")],
        ),
        ({"amount": [0, 100, 50]}, []),  # the bounds are allowed
        ({"amount": [-0.5, 2.0, 3.0]}, [("amount", "out of range")]),
        ({"amount": ["1", 2.0, 3.0]}, [("amount", "wrong type")]),
        ({"amount": [True, 2.0, 3.0]}, [("amount", "wrong type")]),
        ({"age": [None, 1e9, -5]}, []),  # one of three missing, within 0.5; no bounds
        ({"age": [None, None, 5]}, [("age", "too many missing values")]),
        (
            {"country": ["DE", "IT", None]},
            [("country", "too many missing values"), ("country", "unknown category")],
        ),
        ({"extra": [1, 2, 3]}, [("extra", "unexpected column")]),
    ],
)
def test_each_rule(columns, problems):
    assert validate_batch(batch(**columns), SCHEMA) == problems


def test_a_missing_column_and_too_few_rows():
    data = {"amount": [1.0, 2.0], "age": [20, 30]}
    assert validate_batch(data, SCHEMA) == [(None, "too few rows"), ("country", "missing column")]


def test_an_empty_batch_has_only_too_few_rows():
    assert validate_batch({"amount": [], "age": [], "country": []}, SCHEMA) == [
        (None, "too few rows")
    ]
    assert validate_batch({}, {"min_rows": 0, "columns": {}}) == []


def test_columns_of_different_lengths_are_not_a_batch():
    with pytest.raises(ValueError, match="different lengths"):
        validate_batch(batch(amount=[1.0]), SCHEMA)


def test_missing_is_none_or_nan_and_nothing_else():
    assert is_missing(None) and is_missing(math.nan)
    assert not any(map(is_missing, [0, 0.0, "", math.inf, "nan"]))


def test_feature_skew_counts_the_rows_that_differ_on_the_shared_keys():
    training = {1: {"x": 1.0, "y": 2.0}, 2: {"x": 3.0, "y": 4.0}, 3: {"x": 5.0, "y": 6.0}}
    serving = {2: {"x": 3.0, "y": 40.0}, 3: {"x": 5.0 + 1e-9, "y": 6.0}, 9: {"x": 0.0, "y": 0.0}}
    assert feature_skew(training, serving) == {"x": 0.0, "y": 0.5}


def test_feature_skew_needs_shared_rows():
    with pytest.raises(ValueError, match="no row is in both"):
        feature_skew({1: {"x": 1.0}}, {2: {"x": 1.0}})
