"""The cost model must agree with the pipelines' own meters and scale as documented."""

from __future__ import annotations

import pytest

from snippets import cost_model
from snippets.cost_model import FOLDS, pipeline_costs, training_runs
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import devops_run, measure, mlops_run
from snippets.mlops_pipeline import EPOCHS, ROWS

# Per service: build hashes every line, test runs one check per function (half
# the lines), deploy writes one file.
DEVOPS_PER_SERVICE = LINES_PER_SERVICE + LINES_PER_SERVICE // 2 + 1


def mlops_per_dataset(features: int, fits: int = 1) -> int:
    train_rows = int(ROWS * 0.8)
    preprocess = ROWS * features
    train = EPOCHS * train_rows * features
    evaluate = (ROWS - train_rows) * features
    deploy = features
    return preprocess + fits * train + evaluate + deploy


def test_per_item_counts_match_the_documented_steps():
    costs = pipeline_costs(items=1, features=8, candidates=1, cache_hit_rate=0, workers=1)
    assert costs.devops.operations_per_item == DEVOPS_PER_SERVICE == 31
    assert costs.mlops.operations_per_item == mlops_per_dataset(8)


@pytest.mark.parametrize("n", [1, 7, 30])
def test_totals_agree_with_the_pipelines_meters(n):
    costs = pipeline_costs(items=n, features=8, candidates=1, cache_hit_rate=0, workers=1)
    [devops] = measure(devops_run, [n])
    [mlops] = measure(mlops_run, [n])
    assert costs.devops.total_operations == devops.operations
    assert costs.mlops.total_operations == mlops.operations
    # One worker: wall-clock work is all the work.
    assert costs.devops.wall_operations == costs.devops.total_operations
    assert costs.mlops.wall_operations == costs.mlops.total_operations


def test_mlops_cost_grows_with_features_devops_does_not():
    narrow = pipeline_costs(10, features=4, candidates=1, cache_hit_rate=0, workers=1)
    wide = pipeline_costs(10, features=40, candidates=1, cache_hit_rate=0, workers=1)
    assert wide.devops == narrow.devops
    assert wide.mlops.total_operations == 10 * narrow.mlops.total_operations


def test_search_multiplies_training_by_candidates_times_folds():
    costs = pipeline_costs(3, features=8, candidates=6, cache_hit_rate=0, workers=1)
    assert training_runs(6) == 6 * FOLDS
    assert costs.mlops.operations_per_item == mlops_per_dataset(8, fits=6 * FOLDS)
    assert training_runs(6, folds=3) == 18
    assert training_runs(1) == 1  # one candidate is no search: train once


def test_cache_skips_the_given_share_of_items():
    costs = pipeline_costs(100, features=8, candidates=1, cache_hit_rate=0.25, workers=1)
    assert costs.devops.items_run == costs.mlops.items_run == 75
    assert costs.devops.total_operations == 75 * DEVOPS_PER_SERVICE
    everything_cached = pipeline_costs(100, 8, 1, cache_hit_rate=1.0, workers=4)
    assert everything_cached.mlops.total_operations == 0
    assert everything_cached.mlops.wall_operations == 0


@pytest.mark.parametrize(("items", "workers", "rounds"), [(10, 3, 4), (12, 4, 3), (5, 8, 1)])
def test_workers_cut_wall_work_not_total_work(items, workers, rounds):
    alone = pipeline_costs(items, 8, 1, cache_hit_rate=0, workers=1)
    shared = pipeline_costs(items, 8, 1, cache_hit_rate=0, workers=workers)
    assert shared.mlops.total_operations == alone.mlops.total_operations
    assert shared.mlops.wall_operations == rounds * shared.mlops.operations_per_item
    assert shared.devops.wall_operations == rounds * DEVOPS_PER_SERVICE


def test_counts_are_measured_once_per_feature_count():
    cost_model.mlops_operations_per_dataset.cache_clear()
    for _ in range(3):
        pipeline_costs(5, features=9, candidates=2, cache_hit_rate=0.5, workers=2)
    assert cost_model.mlops_operations_per_dataset.cache_info().misses == 1


@pytest.mark.parametrize(
    "arguments",
    [
        {"items": -1},
        {"features": 0},
        {"candidates": 0},
        {"workers": 0},
        {"folds": 1},
        {"cache_hit_rate": 1.5},
        {"cache_hit_rate": -0.1},
    ],
)
def test_rejects_impossible_inputs(arguments):
    valid = {"items": 1, "features": 1, "candidates": 1, "cache_hit_rate": 0.0, "workers": 1}
    with pytest.raises(ValueError):
        pipeline_costs(**{**valid, **arguments})
