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
