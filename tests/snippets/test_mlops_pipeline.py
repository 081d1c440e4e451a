"""The MLOps pipeline: four steps per dataset; training touches every number per epoch."""

from __future__ import annotations

import json

import numpy as np
import pytest

from snippets.meter import Meter
from snippets.mlops_pipeline import (
    EPOCHS,
    FEATURES,
    ROWS,
    evaluate_model,
    make_datasets,
    preprocess,
    run_mlops_pipeline,
    train_model,
)

TRAIN_ROWS = int(ROWS * 0.8)


@pytest.mark.parametrize("n", [1, 3, 10])
def test_four_step_runs_per_dataset_and_exact_operations(tmp_path, n):
    meter = Meter()
    run_mlops_pipeline(make_datasets(n), tmp_path, meter)
    assert meter.total_calls == 4 * n
    assert meter.operations == {
        "preprocess": n * ROWS * FEATURES,
        "train_model": n * EPOCHS * TRAIN_ROWS * FEATURES,
        "evaluate_model": n * (ROWS - TRAIN_ROWS) * FEATURES,
        "deploy_model": n * FEATURES,
    }
    saved = json.loads((tmp_path / "dataset-0000.json").read_text())
    assert len(saved["weights"]) == FEATURES


@pytest.mark.parametrize(("epochs", "features"), [(5, 3), (20, 8), (40, 2)])
def test_training_operations_are_epochs_times_rows_times_features(epochs, features):
    meter = Meter()
    [dataset] = make_datasets(1, features=features)
    train_model(dataset, meter, epochs=epochs)
    assert meter.operations["train_model"] == epochs * TRAIN_ROWS * features


def test_preprocess_standardises_and_training_learns():
    [dataset] = make_datasets(1)
    prepared = preprocess(dataset, Meter())
    assert np.allclose(prepared.features.mean(axis=0), 0)
    assert np.allclose(prepared.features.std(axis=0), 1)
    model = train_model(prepared, Meter(), epochs=200)
    assert evaluate_model(model, prepared, Meter()) > 0.95
