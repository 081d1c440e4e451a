"""An MLOps pipeline: for each dataset, preprocess, train, evaluate and deploy a model.

Each step does real work on generated tabular data: `preprocess` standardises the
columns, `train_model` fits a linear model by gradient descent, `evaluate_model`
scores it on held-out rows, `deploy_model` saves its weights. A `Meter` counts the
unit operations (one per number touched) of each step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from snippets.meter import Meter

ROWS = 200
FEATURES = 8
EPOCHS = 20


@dataclass(frozen=True)
class Dataset:
    name: str
    features: np.ndarray  # shape (rows, features)
    target: np.ndarray  # shape (rows,)


@dataclass(frozen=True)
class Model:
    name: str
    weights: np.ndarray
    bias: float


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


def preprocess(dataset: Dataset, meter: Meter) -> Dataset:
    """Standardise every column to mean 0 and standard deviation 1."""
    with meter.step("preprocess"):
        x = dataset.features
        scaled = (x - x.mean(axis=0)) / x.std(axis=0)
        meter.count("preprocess", x.size)
    return Dataset(dataset.name, scaled, dataset.target)


def train_model(dataset: Dataset, meter: Meter, epochs: int = EPOCHS) -> Model:
    """Fit a linear model by full-batch gradient descent on the first 80% of rows."""
    with meter.step("train_model"):
        x, y = _train_rows(dataset)
        weights, bias = np.zeros(x.shape[1]), float(y.mean())
        for _ in range(epochs):
            error = x @ weights + bias - y
            weights -= 0.1 * (x.T @ error) / len(y)
            bias -= 0.1 * float(error.mean())
        # Each epoch touches every number of the training rows once.
        meter.count("train_model", epochs * x.size)
    return Model(dataset.name, weights, bias)


def evaluate_model(model: Model, dataset: Dataset, meter: Meter) -> float:
    """Score the model on the held-out 20% of rows (R squared, 1.0 is perfect)."""
    with meter.step("evaluate_model"):
        x, y = _held_out_rows(dataset)
        predicted = x @ model.weights + model.bias
        score = 1.0 - float(((y - predicted) ** 2).sum() / ((y - y.mean()) ** 2).sum())
        meter.count("evaluate_model", x.size)
    return score


def deploy_model(model: Model, target: Path, meter: Meter) -> Path:
    """Save the model's weights as JSON in the target folder."""
    with meter.step("deploy_model"):
        path = target / f"{model.name}.json"
        payload = {"weights": model.weights.round(6).tolist(), "bias": round(model.bias, 6)}
        path.write_text(json.dumps(payload))
        meter.count("deploy_model", len(model.weights))
    return path


# --8<-- [start:pipeline]
def run_mlops_pipeline(datasets: list[Dataset], target: Path, meter: Meter) -> None:
    for dataset in datasets:
        prepared = preprocess(dataset, meter)
        model = train_model(prepared, meter)
        evaluate_model(model, prepared, meter)
        deploy_model(model, target, meter)


# --8<-- [end:pipeline]


def _split(dataset: Dataset) -> int:
    return int(len(dataset.target) * 0.8)


def _train_rows(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    cut = _split(dataset)
    return dataset.features[:cut], dataset.target[:cut]


def _held_out_rows(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    cut = _split(dataset)
    return dataset.features[cut:], dataset.target[cut:]
