"""Grid search fits candidates x folds models on their folds' rows, then refits the best."""

from __future__ import annotations

from dataclasses import replace

import pytest

from snippets.cost_model import fits_per_dataset
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
    training_rows,
)

TRAIN_ROWS = int(ROWS * TRAIN_SHARE)

PENALTIES = [0.0, 0.01, 0.1, 1.0]


@pytest.fixture(scope="module")
def dataset():
    return preprocess(make_datasets(1)[0], Meter())


@pytest.mark.parametrize("folds", [2, 5])
def test_fits_are_candidates_times_folds_plus_the_refit(dataset, folds):
    meter = Meter()
    scores, model = grid_search(dataset, PENALTIES, meter, folds=folds)
    assert meter.calls["fit"] == len(PENALTIES) * folds + 1 == fits_per_dataset(4, folds)
    # The folds split the training rows; each fit trains on those outside its fold, and
    # the refit on all of them.
    train_rows_per_fit = TRAIN_ROWS - TRAIN_ROWS // folds
    cross_validation = len(PENALTIES) * folds * EPOCHS * train_rows_per_fit * FEATURES
    assert meter.operations["fit"] == cross_validation + EPOCHS * TRAIN_ROWS * FEATURES
    assert list(scores) == PENALTIES and model.name == dataset.name


def test_a_heavy_penalty_scores_worse_on_a_nearly_noiseless_signal(dataset):
    scores, model = grid_search(dataset, PENALTIES, Meter(), folds=FOLDS)
    assert min(scores, key=scores.get) == 0.0
    assert scores[1.0] > scores[0.0]
    # The refit is the best penalty's fit on all the training rows.
    x, y = training_rows(dataset)
    weights, bias = fit_ridge(x, y, 0.0, Meter())
    assert model.weights.tolist() == weights.tolist() and model.bias == bias


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
    assert grid_search(moved, PENALTIES, Meter())[0] == grid_search(dataset, PENALTIES, Meter())[0]
