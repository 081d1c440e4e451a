"""Triggers decide how many times the ML pipeline runs over a horizon."""

from __future__ import annotations

from snippets.continuous_training import BATCH_ROWS, Run, daily_batches, triggered_runs


def test_schedule_and_new_data_fire_on_their_days():
    batches = daily_batches(30)
    runs = triggered_runs(batches, schedule_every=7, new_data_every=10)
    assert [run.day for run in runs] == [7, 10, 14, 20, 21, 28, 30]
    assert Run(30, ("new data",)) in runs


def test_both_triggers_on_one_day_make_one_run():
    runs = triggered_runs(daily_batches(14), schedule_every=7, new_data_every=14)
    assert runs == [Run(7, ("schedule",)), Run(14, ("schedule", "new data"))]


def test_drift_fires_once_when_the_data_moves_then_retraining_resets_the_reference():
    batches = daily_batches(90, drift_day=40, shift=2.0)
    assert triggered_runs(batches, drift_threshold=0.5) == [Run(40, ("drift",))]


def test_no_triggers_no_runs_and_stable_data_never_drifts():
    batches = daily_batches(60)
    assert triggered_runs(batches) == []
    assert triggered_runs(batches, drift_threshold=0.5) == []
    assert {len(batch) for batch in batches} == {BATCH_ROWS}


def test_a_cache_skips_the_runs_that_find_no_new_data_and_never_a_drift_run():
    from snippets.continuous_training import runs_that_train

    batches = daily_batches(90, drift_day=45)
    # Schedule every 10 days, new data every 30: only the runs on the days the data
    # lands train; the six between them restore the last results.
    scheduled = triggered_runs(batches, schedule_every=10)
    assert [run.day for run in runs_that_train(scheduled, data_every=30)] == [30, 60, 90]
    # Drift trains on the drifted data, and the next arrival of data trains again.
    every = triggered_runs(batches, schedule_every=10, new_data_every=30, drift_threshold=0.5)
    assert [run.day for run in runs_that_train(every, data_every=30)] == [30, 45, 60, 90]
    # Data arriving every day: every run has new data, so none is skipped.
    assert runs_that_train(scheduled, data_every=1) == scheduled
    assert runs_that_train([], data_every=30) == []
