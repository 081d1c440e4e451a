"""Triggers decide how many times the ML pipeline runs over a horizon; labels decide
what a run can train on, and so what a cache can skip."""

from __future__ import annotations

import numpy as np

from snippets.continuous_training import (
    BATCH_ROWS,
    LABELS_EVERY,
    Run,
    daily_batches,
    labelled_through,
    runs_that_train,
    triggered_runs,
)


def test_labels_arrive_in_batches_for_the_days_since_the_last():
    assert [labelled_through(day, 30) for day in (1, 29, 30, 31, 59, 60, 90)] == [
        0,
        0,
        30,
        30,
        30,
        60,
        90,
    ]
    # Labels that arrive daily, as a click's does: every day is labelled on its day.
    assert [labelled_through(day, 1) for day in (1, 7, 45)] == [1, 7, 45]
    assert labelled_through(45) == 30 and LABELS_EVERY == 30


def test_schedule_and_new_labels_fire_on_their_days():
    batches = daily_batches(30)
    runs = triggered_runs(batches, schedule_every=7, on_new_labels=True, labels_every=10)
    assert [run.day for run in runs] == [7, 10, 14, 20, 21, 28, 30]
    assert Run(30, ("new labels",)) in runs


def test_both_triggers_on_one_day_make_one_run():
    runs = triggered_runs(daily_batches(14), schedule_every=7, on_new_labels=True, labels_every=14)
    assert runs == [Run(7, ("schedule",)), Run(14, ("schedule", "new labels"))]


def test_with_labels_on_the_day_drift_fires_once_then_the_retrained_model_resets_it():
    batches = daily_batches(90, drift_day=40, shift=2.0)
    assert triggered_runs(batches, drift_threshold=0.5, labels_every=1) == [Run(40, ("drift",))]


def test_without_labels_of_the_shifted_days_drift_fires_daily_until_they_arrive():
    batches = daily_batches(90, drift_day=45, shift=2.0)
    runs = triggered_runs(batches, drift_threshold=0.5, labels_every=30)
    # Day 45 can retrain only on the labels of days 1 to 30, from before the shift, so
    # the alarm rings on. The batch of day 60 is half shifted, its mean still too far
    # from the shifted inputs; the batch of day 90 is all shifted, and the alarm stops.
    assert [run.day for run in runs] == list(range(45, 91))
    assert {run.reasons for run in runs} == {("drift",)}
    half = np.concatenate(batches[30:60]).mean()
    assert abs(batches[60].mean() - half) > 0.5 > abs(batches[89].mean() - 2.0)
    # One more quarter of shifted inputs: the model trained on day 90 sees no drift.
    longer = daily_batches(180, drift_day=45, shift=2.0)
    assert triggered_runs(longer, drift_threshold=0.5)[-1].day == 90


def test_no_triggers_no_runs_and_stable_data_never_drifts():
    batches = daily_batches(60)
    assert triggered_runs(batches) == []
    assert triggered_runs(batches, drift_threshold=0.5) == []
    assert {len(batch) for batch in batches} == {BATCH_ROWS}


def test_a_cache_trains_only_the_runs_with_labels_the_last_training_lacked():
    batches = daily_batches(90, drift_day=45)
    # Schedule every 10 days, labels every 30: only the runs on the days labels land
    # train; the six between them restore the last results.
    scheduled = triggered_runs(batches, schedule_every=10)
    assert [run.day for run in runs_that_train(scheduled, labels_every=30)] == [30, 60, 90]
    # Drift alone: day 45 trains on the labels of day 30, which no model has seen; the
    # drift runs after it find the same labels, until the next batch lands.
    drift = triggered_runs(batches, drift_threshold=0.5)
    assert [run.day for run in runs_that_train(drift)] == [45, 60, 90]
    # With the day-30 run before it, the day-45 drift run has nothing new: restored.
    every = triggered_runs(batches, schedule_every=10, on_new_labels=True, drift_threshold=0.5)
    assert 45 in [run.day for run in every]
    assert [run.day for run in runs_that_train(every)] == [30, 60, 90]
    # Labels arriving every day: every run has new labels, so none is skipped.
    assert runs_that_train(scheduled, labels_every=1) == scheduled
    assert runs_that_train([], labels_every=30) == []
