"""Hyperparameter search: every candidate is trained once per fold, then the best once more.

A grid search over the ridge penalty of the pipeline's linear model, scored by
k-fold cross-validation and refitted, as scikit-learn's `GridSearchCV` does with its
default `refit=True`: candidates x folds fits on (folds - 1) / folds of the training
rows each, then one fit of the best candidate on all of them. Each fit learns its
scaling from the rows it trains on, as a scikit-learn `Pipeline` of a scaler and the
model does inside a search, so no fold's validation rows shape the numbers it is
scored with. Each fit is the same gradient descent as `train_model`, plus the penalty,
and the `Meter` counts its operations, so a page can show how the search multiplies
the training work.
"""

from __future__ import annotations

import numpy as np

from snippets.meter import Meter
from snippets.mlops_pipeline import EPOCHS, Dataset, Model, standardise, training_rows

FOLDS = 5


def fit_ridge(
    x: np.ndarray, y: np.ndarray, penalty: float, meter: Meter, epochs: int = EPOCHS
) -> tuple[np.ndarray, float]:
    """Gradient descent on squared error plus `penalty` x the squared weights."""
    with meter.step("fit"):
        weights, bias = np.zeros(x.shape[1]), float(y.mean())
        for _ in range(epochs):
            error = x @ weights + bias - y
            weights -= 0.1 * ((x.T @ error) / len(y) + penalty * weights)
            bias -= 0.1 * float(error.mean())
        meter.count("fit", epochs * x.size)  # every number of the training rows, per epoch
    return weights, bias


def mean_squared_error(x: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    return float(((x @ weights + bias - y) ** 2).mean())


def contiguous_folds(rows: int, folds: int) -> np.ndarray:
    """The fold of each row: blocks of consecutive rows, in the rows' order, as
    scikit-learn's `KFold` splits them when not shuffled (the first rows % folds
    blocks one row longer).

    The rows are in time order (the gate scores the last ones), so a fold is a stretch
    of time, never every k-th row: interleaved folds would score each row beside its
    neighbours in time, on which the fit trained. Every fit still trains on
    (folds - 1) / folds of the rows. These rows are independent draws; for a forecast,
    where only later rows are unseen, the folds must chain forward instead, as
    scikit-learn's `TimeSeriesSplit` does, so that no fit trains on the future.
    """
    sizes = np.full(folds, rows // folds)
    sizes[: rows % folds] += 1
    return np.repeat(np.arange(folds), sizes)


# --8<-- [start:search]
def grid_search(
    dataset: Dataset, penalties: list[float], meter: Meter, folds: int = FOLDS
) -> tuple[dict[float, float], Model]:
    """Mean validation error of each penalty over `folds` folds (one fit per penalty and
    fold), and the best penalty refitted on all the training rows.

    `dataset` is raw, not preprocessed: each fit standardises with the mean and spread
    of the rows it trains on, and scales the rows it is scored on with those. The folds
    split the training rows only: the held-out rows stay unseen, for the gate.
    """
    x, y = training_rows(dataset)
    fold_of_row = contiguous_folds(len(y), folds)  # blocks of consecutive rows, in order
    scores = {}
    for penalty in penalties:  # every candidate ...
        errors = []
        for fold in range(folds):  # ... is trained once per fold, on the other folds' rows
            train, held_out = fold_of_row != fold, fold_of_row == fold
            # Both scaled by the training folds' mean and spread, never the scored rows'.
            fit_x = standardise(x[train], learnt_from=x[train])
            scored_x = standardise(x[held_out], learnt_from=x[train])
            weights, bias = fit_ridge(fit_x, y[train], penalty, meter)
            errors.append(mean_squared_error(scored_x, y[held_out], weights, bias))
        scores[penalty] = float(np.mean(errors))
    best = min(scores, key=scores.__getitem__)
    # The refit: once more, on every training row, scaled as `preprocess` scales them.
    weights, bias = fit_ridge(standardise(x, learnt_from=x), y, best, meter)
    return scores, Model(dataset.name, weights, bias, x.mean(axis=0), x.std(axis=0))


# --8<-- [end:search]
