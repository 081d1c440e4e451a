"""The learners are timed on one generated problem, one thread, the fastest fit kept."""

from __future__ import annotations

import math

from snippets import learners


def test_every_learner_has_rows_and_a_cost():
    assert set(learners.LEARNERS) == set(learners.ROWS) == set(learners.COST)
    for rows in learners.ROWS.values():
        assert list(rows) == sorted(rows) and len(rows) >= 4


def test_one_problem_for_every_learner():
    x, y = learners.problem(50)
    assert x.shape == (50, learners.FEATURES) and y.shape == (50,)
    again, _ = learners.problem(50)
    assert (x == again).all()


def test_fit_once_times_one_fit(monkeypatch):
    ticks = iter([0.0, 2.5])
    monkeypatch.setattr(learners.time, "perf_counter", lambda: next(ticks))
    x, y = learners.problem(30)
    assert learners.fit_once(learners.LEARNERS["Linear regression (least squares)"], x, y) == 2.5


def test_fit_seconds_keeps_the_fastest_run(monkeypatch):
    ticks = iter([0.0, 5.0, 10.0, 11.0, 20.0, 23.0])  # runs of 5, 1 and 3 seconds
    monkeypatch.setattr(learners.time, "perf_counter", lambda: next(ticks))
    assert learners.fit_seconds(learners.LEARNERS["Decision tree"], 30, repeats=3) == 1.0


def test_the_trees_grown_are_near_balanced():
    """Depth grows by a few levels per doubling of the rows: about log2(rows) times a
    small factor, never near rows - 1 (a tree that cuts off one row per split)."""
    for rows in (500, 2000):
        depth = learners.tree_depth(rows)
        assert math.log2(rows) <= depth <= 4 * math.log2(rows)
