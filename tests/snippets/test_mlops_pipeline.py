"""The MLOps pipeline: four steps per dataset, no leakage, and a gate before deploying."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from snippets.meter import Meter
from snippets.mlops_pipeline import (
    EPOCHS,
    FEATURES,
    MIN_GAIN,
    ROWS,
    TRAIN_SHARE,
    deploy_model,
    evaluate_model,
    held_out_rows,
    load_model,
    make_datasets,
    passes_gate,
    predict,
    preprocess,
    run_mlops_pipeline,
    train_model,
    training_rows,
)

TRAIN_ROWS = int(ROWS * TRAIN_SHARE)


def shuffled_target(dataset):
    """The same rows with the target shuffled: no feature says anything about it."""
    target = np.random.default_rng(1).permutation(dataset.target)
    return replace(dataset, name=dataset.name + "-shuffled", target=target)


@pytest.mark.parametrize("n", [1, 3, 10])
def test_four_step_runs_per_dataset_and_exact_operations(tmp_path, n):
    meter = Meter()
    assert run_mlops_pipeline(make_datasets(n), tmp_path, meter) == []
    assert meter.total_calls == 4 * n
    assert meter.operations == {
        "preprocess": n * ROWS * FEATURES,
        "train_model": n * EPOCHS * TRAIN_ROWS * FEATURES,
        "evaluate_model": n * (ROWS - TRAIN_ROWS) * FEATURES,
        # Each feature's mean, spread and weight, and the bias: every number written.
        "deploy_model": n * (3 * FEATURES + 1),
    }
    saved = json.loads((tmp_path / "dataset-0000.json").read_text())
    assert [len(saved[key]) for key in ("mean", "spread", "weights")] == [FEATURES] * 3


def test_the_deployed_file_predicts_raw_rows_with_the_error_the_gate_measured(tmp_path):
    """Training-serving skew: the file holds the scaling, so raw rows are served right."""
    for dataset in make_datasets(3):
        prepared = preprocess(dataset, Meter())
        model = train_model(prepared, Meter())
        gated = evaluate_model(model, prepared, Meter())
        served = load_model(deploy_model(model, tmp_path, Meter()))
        raw_x, y = held_out_rows(dataset)  # as a service receives them: never scaled
        error = float(((predict(served, raw_x) - y) ** 2).mean())
        assert error == pytest.approx(gated.model_error, rel=1e-4)
        assert passes_gate(error, gated.baseline_error)
        # The weights alone, on raw rows, are the skew this file prevents.
        unscaled = raw_x @ served.weights + served.bias
        assert ((unscaled - y) ** 2).mean() > gated.baseline_error


def test_the_saved_scaling_is_the_training_rows_own():
    [dataset] = make_datasets(1)
    model = train_model(preprocess(dataset, Meter()), Meter())
    train_x, _ = training_rows(dataset)
    assert np.allclose(model.mean, train_x.mean(axis=0))
    assert np.allclose(model.spread, train_x.std(axis=0))
    # A model trained on raw rows scales nothing: served on raw rows, it predicts as
    # it was trained.
    raw = train_model(dataset, Meter())
    assert np.array_equal(predict(raw, train_x), train_x @ raw.weights + raw.bias)


@pytest.mark.parametrize(("epochs", "features"), [(5, 3), (20, 8), (40, 2)])
def test_training_operations_are_epochs_times_rows_times_features(epochs, features):
    meter = Meter()
    [dataset] = make_datasets(1, features=features)
    train_model(dataset, meter, epochs=epochs)
    assert meter.operations["train_model"] == epochs * TRAIN_ROWS * features


def test_the_split_keeps_every_row_once_in_order():
    [dataset] = make_datasets(1)
    (train_x, train_y), (held_x, held_y) = training_rows(dataset), held_out_rows(dataset)
    assert len(train_y) == TRAIN_ROWS and len(held_y) == ROWS - TRAIN_ROWS
    assert np.array_equal(np.vstack([train_x, held_x]), dataset.features)
    assert np.array_equal(np.concatenate([train_y, held_y]), dataset.target)


def test_preprocessing_is_fitted_on_the_training_rows_only():
    [dataset] = make_datasets(1)
    train_x, _ = training_rows(preprocess(dataset, Meter()))
    assert np.allclose(train_x.mean(axis=0), 0) and np.allclose(train_x.std(axis=0), 1)
    # Change the held-out rows wildly: the training rows must not move (no leakage),
    # and the held-out rows are scaled with the training rows' mean and spread.
    features = dataset.features.copy()
    features[TRAIN_ROWS:] = features[TRAIN_ROWS:] * 100 + 50
    moved = preprocess(replace(dataset, features=features), Meter())
    assert np.array_equal(training_rows(moved)[0], train_x)
    raw_train = dataset.features[:TRAIN_ROWS]
    expected = (features[TRAIN_ROWS:] - raw_train.mean(axis=0)) / raw_train.std(axis=0)
    assert np.allclose(held_out_rows(moved)[0], expected)


def test_evaluation_scores_the_model_and_the_training_mean_on_held_out_rows():
    [dataset] = make_datasets(1)
    prepared = preprocess(dataset, Meter())
    result = evaluate_model(train_model(prepared, Meter(), epochs=200), prepared, Meter())
    _, train_y = training_rows(dataset)
    _, held_y = held_out_rows(dataset)
    assert result.baseline_error == pytest.approx(((held_y - train_y.mean()) ** 2).mean())
    assert result.model_error < 0.05 * result.baseline_error  # the signal is learnt


@pytest.mark.parametrize(
    ("model_error", "baseline_error", "min_gain", "passes"),
    [
        (1.0, 10.0, 0.1, True),  # 90% less error
        (9.0, 10.0, 0.1, True),  # exactly the 10% asked for
        (9.5, 10.0, 0.1, False),  # better, but not by enough
        (10.0, 10.0, 0.0, True),  # no margin asked: matching the baseline is enough
        (12.0, 10.0, 0.0, False),  # worse than predicting the mean
        (0.0, 0.0, 0.5, True),  # a constant target, predicted exactly
    ],
)
def test_gate_asks_for_min_gain_less_error_than_the_baseline(
    model_error, baseline_error, min_gain, passes
):
    assert passes_gate(model_error, baseline_error, min_gain) is passes


@pytest.mark.parametrize(
    ("model_error", "baseline_error", "min_gain"),
    [(-1, 1, 0.1), (1, -1, 0.1), (1, 1, 1.0), (1, 1, -0.1)],
)
def test_gate_rejects_impossible_inputs(model_error, baseline_error, min_gain):
    with pytest.raises(ValueError):
        passes_gate(model_error, baseline_error, min_gain)


def test_pipeline_rejects_a_model_that_does_not_beat_the_baseline(tmp_path):
    good, other = make_datasets(2)
    noise = shuffled_target(other)
    meter = Meter()
    assert run_mlops_pipeline([good, noise], tmp_path, meter) == [noise.name]
    # Both were trained and evaluated; only the good model was deployed.
    assert meter.calls["evaluate_model"] == 2 and meter.calls["deploy_model"] == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"{good.name}.json"]
    prepared = preprocess(noise, Meter())
    result = evaluate_model(train_model(prepared, Meter()), prepared, Meter())
    assert not passes_gate(result.model_error, result.baseline_error, MIN_GAIN)
