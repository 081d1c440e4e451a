"""Grid search fits candidates x folds models on their folds' rows, each scaled by the rows
it trains on, then refits the best."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from snippets.cost_model import fits_per_dataset
from snippets.hyperparameter_search import (
    FOLDS,
    contiguous_folds,
    fit_ridge,
    grid_search,
    mean_squared_error,
)
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
    """Raw, as the search takes it: each of its fits learns its own scaling."""
    return make_datasets(1)[0]


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
    # The refit is the best penalty's fit on all the training rows, scaled as the
    # pipeline's preprocessing scales them.
    x, y = training_rows(preprocess(dataset, Meter()))
    weights, bias = fit_ridge(x, y, 0.0, Meter())
    assert model.weights.tolist() == weights.tolist() and model.bias == bias
    # It carries the scaling it was fitted with, to be saved with it.
    raw_x, _ = training_rows(dataset)
    assert model.mean.tolist() == raw_x.mean(axis=0).tolist()
    assert model.spread.tolist() == raw_x.std(axis=0).tolist()


class GradientRidge(RegressorMixin, BaseEstimator):
    """`fit_ridge` as a scikit-learn estimator, to put it in a Pipeline."""

    def __init__(self, penalty: float = 0.0) -> None:
        self.penalty = penalty

    def fit(self, x, y):
        self.weights_, self.bias_ = fit_ridge(x, y, self.penalty, Meter())
        return self

    def predict(self, x):
        return x @ self.weights_ + self.bias_


@pytest.mark.parametrize("folds", [2, 5])
def test_each_fold_scales_as_a_scikit_learn_pipeline_inside_cross_validation(dataset, folds):
    """scikit-learn's guide against leakage: a Pipeline of the scaler and the model, fitted
    on each fold's training rows, so the rows a fold is scored on never shape its scaling.
    The search's score for each penalty is that Pipeline's cross-validated error."""
    x, y = training_rows(dataset)
    scores, _ = grid_search(dataset, PENALTIES, Meter(), folds=folds)
    for penalty in PENALTIES:
        pipeline = make_pipeline(StandardScaler(), GradientRidge(penalty))
        # scikit-learn's own unshuffled KFold, not the search's folds: they must agree.
        split = KFold(folds)
        errors = -cross_val_score(pipeline, x, y, cv=split, scoring="neg_mean_squared_error")
        assert scores[penalty] == pytest.approx(errors.mean(), rel=1e-9)


def test_a_search_on_rows_scaled_before_the_split_scores_otherwise(dataset):
    """So the Pipeline check above tells the leak apart: scaling every training row first,
    then splitting (each fold's scaling has seen the rows it is scored on), gives another
    score on this dataset."""
    leaky = preprocess(dataset, Meter())
    x, y = training_rows(leaky)
    fold_of_row = contiguous_folds(len(y), FOLDS)
    scores, _ = grid_search(dataset, [0.0], Meter())
    errors = []
    for fold in range(FOLDS):
        train, scored = fold_of_row != fold, fold_of_row == fold
        weights, bias = fit_ridge(x[train], y[train], 0.0, Meter())
        errors.append(mean_squared_error(x[scored], y[scored], weights, bias))
    assert scores[0.0] != pytest.approx(float(np.mean(errors)), rel=1e-3)


def test_fit_ridge_reduces_error_below_predicting_the_mean(dataset):
    prepared = preprocess(dataset, Meter())
    x, y = prepared.features, prepared.target
    weights, bias = fit_ridge(x, y, 0.0, Meter())
    assert mean_squared_error(x, y, weights, bias) < float(((y - y.mean()) ** 2).mean()) / 2


def test_the_search_never_sees_the_held_out_rows(dataset):
    """Changing the held-out rows changes no score: they are kept for the gate."""
    features, target = dataset.features.copy(), dataset.target.copy()
    features[TRAIN_ROWS:], target[TRAIN_ROWS:] = 1000.0, -1000.0
    moved = replace(dataset, features=features, target=target)
    assert held_out_rows(moved)[0].min() == 1000.0
    assert grid_search(moved, PENALTIES, Meter())[0] == grid_search(dataset, PENALTIES, Meter())[0]


@pytest.mark.parametrize(("rows", "folds"), [(160, 5), (160, 2), (10, 4), (7, 3), (5, 5)])
def test_folds_are_blocks_of_consecutive_rows_as_kfold_makes_them(rows, folds):
    fold_of_row = contiguous_folds(rows, folds)
    # Each fold's rows in one stretch, the folds in the rows' order: time is never
    # interleaved, so no fold is scored on the neighbours of rows it trained on.
    assert np.all(np.diff(fold_of_row) >= 0) and set(fold_of_row) == set(range(folds))
    expected = [scored.tolist() for _, scored in KFold(folds).split(np.zeros(rows))]
    assert [np.flatnonzero(fold_of_row == f).tolist() for f in range(folds)] == expected


def test_a_fold_that_is_a_stretch_of_time_sees_a_trend_that_interleaving_hides(dataset):
    """A target that drifts with time: the block folds score each stretch after training
    on other stretches, so the drift between stretches adds to their error; every-k-th-row
    folds score rows among neighbours they trained on, and their error flatters. The
    search uses the first."""
    x, y = training_rows(dataset)
    drifted = y + 0.5 * np.arange(len(y))  # a trend no feature explains
    features = np.vstack([x, held_out_rows(dataset)[0]])
    target = np.concatenate([drifted, held_out_rows(dataset)[1]])
    scores, _ = grid_search(replace(dataset, features=features, target=target), [0.0], Meter())

    def interleaved_error() -> float:
        fold_of_row, errors = np.arange(len(y)) % FOLDS, []
        for fold in range(FOLDS):
            train, scored = fold_of_row != fold, fold_of_row == fold
            fit_x = (x[train] - x[train].mean(axis=0)) / x[train].std(axis=0)
            scored_x = (x[scored] - x[train].mean(axis=0)) / x[train].std(axis=0)
            weights, bias = fit_ridge(fit_x, drifted[train], 0.0, Meter())
            errors.append(mean_squared_error(scored_x, drifted[scored], weights, bias))
        return float(np.mean(errors))

    assert scores[0.0] > 1.2 * interleaved_error()
