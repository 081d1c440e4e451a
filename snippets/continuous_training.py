"""Continuous training: triggers re-run the ML pipeline, so its cost is per run x runs.

Both kinds of pipeline run on code changes, on schedules and by hand. An ML
pipeline also runs when the world changes with no change to the code: when new
data arrives, and when the live data drifts away from the data the model was
trained on. `triggered_runs` walks day by day over a horizon and records which
triggers fired; retraining makes the latest data the new reference for drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BATCH_ROWS = 200
QUARTER = 90  # days
DATA_EVERY = 30  # days between two arrivals of new training data
DRIFT_DAY = 45  # not a multiple of a 10-day schedule: drift adds a run of its own


@dataclass(frozen=True)
class Run:
    day: int
    reasons: tuple[str, ...]  # the triggers that fired that day


def daily_batches(
    days: int, drift_day: int | None = None, shift: float = 2.0, seed: int = 0
) -> list[np.ndarray]:
    """One batch of a live feature per day; from `drift_day` on, its mean moves by `shift`."""
    rng = np.random.default_rng(seed)
    batches = []
    for day in range(1, days + 1):
        mean = shift if drift_day is not None and day >= drift_day else 0.0
        batches.append(rng.normal(loc=mean, scale=1.0, size=BATCH_ROWS))
    return batches


# --8<-- [start:triggers]
def triggered_runs(
    batches: list[np.ndarray],
    schedule_every: int | None = None,
    new_data_every: int | None = None,
    drift_threshold: float | None = None,
) -> list[Run]:
    """The days the pipeline re-runs, and why, over one batch of live data per day."""
    runs = []
    reference = float(batches[0].mean())  # the data the current model was trained on
    for day, batch in enumerate(batches, start=1):
        reasons = []
        if schedule_every and day % schedule_every == 0:
            reasons.append("schedule")
        if new_data_every and day % new_data_every == 0:
            reasons.append("new data")
        if drift_threshold is not None and abs(batch.mean() - reference) > drift_threshold:
            reasons.append("drift")
        if reasons:
            runs.append(Run(day, tuple(reasons)))
            reference = float(batch.mean())  # retrained on today's data
    return runs


# --8<-- [end:triggers]


# --8<-- [start:cache]
def runs_that_train(runs: list[Run], data_every: int = DATA_EVERY) -> list[Run]:
    """The runs a run-cache cannot skip: new data has landed (every `data_every` days)
    since the last run that trained, or drift fired (the run trains on the drifted data).
    Any other run finds the same data and code, and restores the last run's results."""
    trained = []
    last = 0  # the day of the data the model in service was trained on
    for run in runs:
        landed = run.day // data_every * data_every  # the last day new data landed
        if landed > last or "drift" in run.reasons:
            trained.append(run)
            last = run.day
    return trained


# --8<-- [end:cache]
