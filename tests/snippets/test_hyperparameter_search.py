"""Grid search fits candidates x folds models, each costing a training run on its folds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from snippets.hyperparameter_search import FOLDS, fit_ridge, grid_search, mean_squared_error
from snippets.meter import Meter
from snippets.mlops_pipeline import (
    EPOCHS,
    FEATURES,
    ROWS,
    TRAIN_SHARE,
    held_out_rows,
    make_datasets,
    preprocess,
)

TRAIN_ROWS = int(ROWS * TRAIN_SHARE)

PENALTIES = [0.0, 0.01, 0.1, 1.0]


@pytest.fixture(scope="module")
def dataset():
    return preprocess(make_datasets(1)[0], Meter())


@pytest.mark.parametrize("folds", [2, 5])
def test_fits_are_candidates_times_folds(dataset, folds):
    meter = Meter()
    scores = grid_search(dataset, PENALTIES, meter, folds=folds)
    assert meter.calls["fit"] == len(PENALTIES) * folds
    # The folds split the training rows; each fit trains on those outside its fold.
    train_rows_per_fit = TRAIN_ROWS - TRAIN_ROWS // folds
    expected = len(PENALTIES) * folds * EPOCHS * train_rows_per_fit * FEATURES
    assert meter.operations["fit"] == expected
    assert list(scores) == PENALTIES


def test_a_heavy_penalty_scores_worse_on_a_nearly_noiseless_signal(dataset):
    scores = grid_search(dataset, PENALTIES, Meter(), folds=FOLDS)
    assert min(scores, key=scores.get) == 0.0
    assert scores[1.0] > scores[0.0]


def test_fit_ridge_reduces_error_below_predicting_the_mean(dataset):
    x, y = dataset.features, dataset.target
    weights, bias = fit_ridge(x, y, 0.0, Meter())
    assert mean_squared_error(x, y, weights, bias) < float(((y - y.mean()) ** 2).mean()) / 2


def test_the_search_never_sees_the_held_out_rows(dataset):
    """Changing the held-out rows changes no score: they are kept for the gate."""
    features, target = dataset.features.copy(), dataset.target.copy()
    features[TRAIN_ROWS:], target[TRAIN_ROWS:] = 1000.0, -1000.0
    moved = replace(dataset, features=features, target=target)
    assert held_out_rows(moved)[0].min() == 1000.0
    assert grid_search(moved, PENALTIES, Meter()) == grid_search(dataset, PENALTIES, Meter())
