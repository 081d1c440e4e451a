"""Nested training does rows x features inner iterations per dataset: O(n·m) overall."""

from __future__ import annotations

from functools import partial

import pytest

from snippets.growth import fit_exponent, measure
from snippets.meter import Meter
from snippets.nested_training import ROWS, make_tables, nested_run, train_per_feature


@pytest.mark.parametrize(("n", "features"), [(1, 1), (3, 4), (5, 7)])
def test_inner_iterations_are_datasets_times_rows_times_features(n, features):
    meter = Meter()
    nested_run(n, meter, features=features)
    assert meter.operations["train_model"] == n * ROWS * features
    assert meter.calls["train_model"] == n


def test_it_really_learns_the_weights():
    # Targets are the sum of the features, so every weight should come out near 1;
    # the other features act as noise, which 2000 rows average away to within 0.1.
    [table] = make_tables(1, features=3, rows=2000)
    weights = train_per_feature(table, Meter())
    assert weights == pytest.approx([1.0, 1.0, 1.0], abs=0.1)


def test_exponent_is_one_in_datasets_when_features_are_fixed():
    runs = measure(partial(nested_run, features=5), [4, 8, 16, 32])
    k = fit_exponent([r.n for r in runs], [r.operations for r in runs])
    assert abs(k - 1) < 0.05  # tolerance on operation counts, which are exact


def test_exponent_is_two_when_datasets_and_features_grow_together():
    sizes = [4, 8, 16, 32]
    work = []
    for k in sizes:
        meter = Meter()
        nested_run(k, meter, features=k)
        work.append(meter.total_operations)
    assert abs(fit_exponent(sizes, work) - 2) < 0.05
    # Doubling both quadruples the work.
    assert work[1] == 4 * work[0]


def test_tables_are_deterministic_and_shaped():
    first, again = make_tables(2, features=3, seed=7), make_tables(2, features=3, seed=7)
    assert first == again
    assert [len(t.rows) for t in first] == [ROWS, ROWS]
    assert {len(row) for t in first for row in t.rows} == {3}
