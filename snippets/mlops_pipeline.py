"""An MLOps pipeline: for each dataset, preprocess, train, evaluate, and deploy if good enough.

Each step does real work on generated tabular data: `preprocess` standardises the
columns with statistics of the training rows only, `train_model` fits a linear
model by gradient descent on those rows, `evaluate_model` scores it and a baseline
on the held-out rows, and `deploy_model` saves it, but only when `passes_gate`
accepts the score: a model that does not beat the baseline is rejected, as a DevOps
`test` blocks a bad build. The saved file holds the training rows' mean and spread
beside the weights, so whoever loads it (`load_model`) scales raw rows as training
did (`predict`): a model saved without its scaling would be served on rows it was
never trained on. A `Meter` counts the unit operations (one per number touched or
written) of each step.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from snippets.meter import Meter

ROWS = 200
FEATURES = 8
EPOCHS = 20
TRAIN_SHARE = 0.8  # the first 80% of rows train the model; the rest are held out
MIN_GAIN = 0.1  # the gate's default: beat the baseline's held-out error by 10%


@dataclass(frozen=True)
class Dataset:
    name: str
    features: np.ndarray  # shape (rows, features)
    target: np.ndarray  # shape (rows,)
    scaling: tuple[np.ndarray, np.ndarray] | None = None
    """The (mean, spread) per column that `preprocess` scaled the features with; None
    for raw rows."""


@dataclass(frozen=True)
class Model:
    """A linear model and the scaling its inputs need: the training rows' mean and
    spread of each feature, saved with the weights as one artefact."""

    name: str
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    spread: np.ndarray


@dataclass(frozen=True)
class Evaluation:
    """Mean squared errors on the held-out rows: the model's, and the baseline's."""

    model_error: float
    baseline_error: float
    """The error of predicting, for every row, the mean target of the training rows."""


def make_datasets(
    n: int, rows: int = ROWS, features: int = FEATURES, seed: int = 0
) -> list[Dataset]:
    """Generate `n` regression datasets with a known linear signal plus noise."""
    datasets = []
    for i in range(n):
        rng = np.random.default_rng(seed + i)
        x = rng.normal(loc=5.0, scale=3.0, size=(rows, features))
        true_weights = rng.normal(size=features)
        y = x @ true_weights + rng.normal(scale=0.1, size=rows)
        datasets.append(Dataset(f"dataset-{i:04d}", x, y))
    return datasets


def training_rows(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(features, target) of the rows the model learns from."""
    cut = int(len(dataset.target) * TRAIN_SHARE)
    return dataset.features[:cut], dataset.target[:cut]


def held_out_rows(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(features, target) of the rows kept back to evaluate the model."""
    cut = int(len(dataset.target) * TRAIN_SHARE)
    return dataset.features[cut:], dataset.target[cut:]


# --8<-- [start:preprocess]
def standardise(rows: np.ndarray, learnt_from: np.ndarray) -> np.ndarray:
    """Scale each column of `rows` by the mean and spread of the rows `learnt_from`."""
    mean, spread = learnt_from.mean(axis=0), learnt_from.std(axis=0)
    return (rows - mean) / spread


def preprocess(dataset: Dataset, meter: Meter) -> Dataset:
    """Standardise every column with the mean and spread of the training rows only.

    The held-out rows stand for data the model has never seen, so they are scaled
    with the training rows' numbers, not their own: nothing about them leaks into
    training.
    """
    with meter.step("preprocess"):
        train_x, _ = training_rows(dataset)
        scaled = standardise(dataset.features, learnt_from=train_x)
        # Kept with the rows, so that the model is saved with the scaling it needs.
        scaling = (train_x.mean(axis=0), train_x.std(axis=0))
        meter.count("preprocess", dataset.features.size)
    return Dataset(dataset.name, scaled, dataset.target, scaling)


# --8<-- [end:preprocess]


def train_model(dataset: Dataset, meter: Meter, epochs: int = EPOCHS) -> Model:
    """Fit a linear model by full-batch gradient descent on the training rows."""
    with meter.step("train_model"):
        x, y = training_rows(dataset)
        weights, bias = np.zeros(x.shape[1]), float(y.mean())
        for _ in range(epochs):
            error = x @ weights + bias - y
            weights -= 0.1 * (x.T @ error) / len(y)
            bias -= 0.1 * float(error.mean())
        # Each epoch touches every number of the training rows once.
        meter.count("train_model", epochs * x.size)
    # Rows that were never scaled: the model scales nothing (mean 0, spread 1).
    mean, spread = dataset.scaling or (np.zeros(x.shape[1]), np.ones(x.shape[1]))
    return Model(dataset.name, weights, bias, mean, spread)


def evaluate_model(model: Model, dataset: Dataset, meter: Meter) -> Evaluation:
    """Score the model and the baseline (the training rows' mean) on the held-out rows."""
    with meter.step("evaluate_model"):
        x, y = held_out_rows(dataset)
        _, train_y = training_rows(dataset)
        predicted = x @ model.weights + model.bias
        model_error = float(((y - predicted) ** 2).mean())
        baseline_error = float(((y - train_y.mean()) ** 2).mean())
        meter.count("evaluate_model", x.size)
    return Evaluation(model_error, baseline_error)


# --8<-- [start:deploy]
def deploy_model(model: Model, target: Path, meter: Meter) -> Path:
    """Save the model as JSON in the target folder: its weights and bias, and the mean
    and spread its inputs are scaled with, in one file."""
    with meter.step("deploy_model"):
        path = target / f"{model.name}.json"
        payload = {
            "mean": model.mean.round(6).tolist(),
            "spread": model.spread.round(6).tolist(),
            "weights": model.weights.round(6).tolist(),
            "bias": round(model.bias, 6),
        }
        path.write_text(json.dumps(payload))
        # One operation per number written: three per feature, and the bias.
        meter.count("deploy_model", 3 * len(model.weights) + 1)
    return path


def load_model(path: Path) -> Model:
    """The model a deployed file holds, scaling included."""
    saved = json.loads(path.read_text())
    arrays = {key: np.array(saved[key]) for key in ("weights", "mean", "spread")}
    return Model(path.stem, bias=saved["bias"], **arrays)


def predict(model: Model, rows: np.ndarray) -> np.ndarray:
    """Predictions for raw rows, scaled first as the training rows were."""
    return (rows - model.mean) / model.spread @ model.weights + model.bias


# --8<-- [end:deploy]


# --8<-- [start:gate]
def passes_gate(model_error: float, baseline_error: float, min_gain: float = MIN_GAIN) -> bool:
    """True when the model's held-out error is at least `min_gain` below the baseline's.

    `min_gain` is a share: 0.1 asks for 10% less error than predicting the mean. A
    model error that is NaN or infinite (a training that diverged) never passes. This
    is the minimal gate; a production gate also compares with the model in service.
    """
    if model_error < 0 or baseline_error < 0:
        raise ValueError("errors are never negative")
    if not 0 <= min_gain < 1:
        raise ValueError(f"min_gain must be in [0, 1), not {min_gain}")
    # inf <= 0.9 * inf is True, so the rule alone would pass a diverged model.
    return math.isfinite(model_error) and model_error <= (1 - min_gain) * baseline_error


# --8<-- [end:gate]


# --8<-- [start:pipeline]
def run_mlops_pipeline(datasets: list[Dataset], target: Path, meter: Meter) -> list[str]:
    """Train a model per dataset and deploy it if it passes the gate; return the rejected."""
    rejected = []
    for dataset in datasets:
        prepared = preprocess(dataset, meter)
        model = train_model(prepared, meter)
        result = evaluate_model(model, prepared, meter)
        if passes_gate(result.model_error, result.baseline_error):
            deploy_model(model, target, meter)
        else:
            rejected.append(dataset.name)  # the model in service stays
    return rejected


# --8<-- [end:pipeline]
