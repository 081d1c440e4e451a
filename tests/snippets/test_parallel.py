"""Parallel workers do the same total work; the makespan is the wall-clock work."""

from __future__ import annotations

import math

import pytest

from snippets.growth import measure, mlops_run
from snippets.mlops_pipeline import make_datasets
from snippets.parallel import makespan, run_parallel


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_parallel_run_does_the_same_total_work(tmp_path, workers):
    meter, per_item = run_parallel(make_datasets(6), tmp_path, workers)
    [sequential] = measure(mlops_run, [6])
    assert meter.total_operations == sequential.operations == sum(per_item)
    assert meter.total_calls == sequential.calls == 4 * 6
    assert len(list(tmp_path.iterdir())) == 6  # every model deployed


@pytest.mark.parametrize(("n", "workers"), [(10, 1), (10, 3), (12, 4), (3, 8)])
def test_equal_items_finish_after_ceil_n_over_w_items(n, workers):
    assert makespan([7] * n, workers) == math.ceil(n / workers) * 7


def test_unequal_items_go_to_the_first_free_worker():
    # Worker A takes 5; B takes 3, then 3 (free at 3); A takes 2 (free at 5): 7.
    assert makespan([5, 3, 3, 2], 2) == 7
    assert makespan([], 3) == 0


def test_workers_never_change_the_total_only_the_wall_time():
    costs = [4, 9, 1, 6, 6, 2]
    assert makespan(costs, 1) == sum(costs)
    assert makespan(costs, len(costs)) == max(costs)


def test_needs_a_worker():
    with pytest.raises(ValueError):
        makespan([1], 0)
