"""time_learners fits each learner on the rows asked for and reports positive seconds."""

from __future__ import annotations

from snippets import learners


def test_every_learner_has_rows_and_a_guide_statement():
    assert set(learners.LEARNERS) == set(learners.ROWS) == set(learners.GUIDE)
    for rows in learners.ROWS.values():
        assert list(rows) == sorted(rows) and len(rows) >= 4


def test_times_each_learner_on_the_rows_asked_for():
    rows = {name: (50, 100) for name in learners.LEARNERS}
    timed = learners.time_learners(rows, repeats=2)
    assert list(timed) == list(learners.LEARNERS)
    for fit in timed.values():
        assert fit["rows"] == [50, 100]
        assert len(fit["seconds"]) == 2 and all(s > 0 for s in fit["seconds"])


def test_fit_seconds_keeps_the_fastest_run(monkeypatch):
    ticks = iter([0.0, 5.0, 10.0, 11.0, 20.0, 23.0])  # runs of 5, 1 and 3 seconds
    monkeypatch.setattr(learners.time, "perf_counter", lambda: next(ticks))
    assert learners.fit_seconds(learners.LEARNERS["Decision tree"], 30, repeats=3) == 1.0
