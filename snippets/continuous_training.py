"""Continuous training: triggers re-run the ML pipeline, so its cost is per run x runs.

Both kinds of pipeline run on code changes, on schedules and by hand. An ML
pipeline also runs when the world changes with no change to the code: when new
training data arrives, and when the live data drifts away from the data the model
was trained on. One rule says when data arrives, and every function here follows it:
live inputs arrive every day; their labels arrive in a batch every `LABELS_EVERY`
days, holding the labels of the days since the last batch. A model can train only on
labelled data, so a run trains on the latest labelled batch, whatever triggered it.
`triggered_runs` walks day by day over a horizon and records which triggers fired.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BATCH_ROWS = 200
QUARTER = 90  # days
LABELS_EVERY = 30  # days between two batches of labels, each for the days since the last
DRIFT_DAY = 45  # not a multiple of a 10-day schedule: drift adds runs of its own


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
def labelled_through(day: int, labels_every: int = LABELS_EVERY) -> int:
    """The last day whose inputs have their labels on `day`: a run can train on the
    days up to it, and on no later day, whatever triggered the run."""
    return day // labels_every * labels_every


def triggered_runs(
    batches: list[np.ndarray],
    schedule_every: int | None = None,
    on_new_labels: bool = False,
    drift_threshold: float | None = None,
    labels_every: int = LABELS_EVERY,
) -> list[Run]:
    """The days the pipeline re-runs, and why, over one batch of live inputs per day.
    Drift compares today's inputs with those the model in service was trained on."""
    runs = []
    reference = float(batches[0].mean())  # the first model was trained on inputs like these
    for day, batch in enumerate(batches, start=1):
        reasons = []
        if schedule_every and day % schedule_every == 0:
            reasons.append("schedule")
        if on_new_labels and day % labels_every == 0:
            reasons.append("new labels")
        if drift_threshold is not None and abs(batch.mean() - reference) > drift_threshold:
            reasons.append("drift")
        if reasons:
            runs.append(Run(day, tuple(reasons)))
            last = labelled_through(day, labels_every)
            if last:  # retrained on the latest labelled batch: its inputs are the reference
                reference = float(np.concatenate(batches[last - labels_every : last]).mean())
    return runs


# --8<-- [end:triggers]


# --8<-- [start:cache]
def runs_that_train(runs: list[Run], labels_every: int = LABELS_EVERY) -> list[Run]:
    """The runs a run-cache cannot skip: those with labels that the last run that trained
    did not have. Any other run, whatever triggered it, drift included, finds the same
    data and code, and restores the last run's results."""
    trained = []
    last = 0  # the first model was trained on data from before day 1
    for run in runs:
        through = labelled_through(run.day, labels_every)
        if through > last:
            trained.append(run)
            last = through
    return trained


# --8<-- [end:cache]
