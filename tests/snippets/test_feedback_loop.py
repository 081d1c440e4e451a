"""A lender that learns only from the loans it made cannot see a change among the
applicants it declines; a small share of exploration lets it see."""

from __future__ import annotations

from statistics import mean

import pytest

from snippets.feedback_loop import AFTER, BEFORE, CUTOFF, simulate, true_rates

SEGMENTS = len(BEFORE)
SAFE_BEFORE = [s for s, rate in enumerate(BEFORE) if rate < CUTOFF]
SAFE_AFTER = [s for s, rate in enumerate(AFTER) if rate < CUTOFF]


def test_the_world_changes_only_among_segments_declined_before():
    changed = [s for s in range(SEGMENTS) if BEFORE[s] != AFTER[s]]
    assert changed and not set(changed) & set(SAFE_BEFORE)
    assert set(changed) <= set(SAFE_AFTER)
    assert true_rates(2, shift_at=3) == BEFORE and true_rates(3, shift_at=3) == AFTER


def test_the_pilot_approves_everyone():
    first = simulate(rounds=1)[0]
    assert first.approved == 1.0 and first.good_declined == 0.0
    assert first.measured_default == pytest.approx(mean(BEFORE), abs=0.03)


def test_without_exploration_the_model_never_sees_the_change():
    history = simulate(explore=0.0, shift_at=3)
    for r in history[1:]:
        assert r.approved == pytest.approx(len(SAFE_BEFORE) / SEGMENTS)
        # what the team measures: the approved segments' rate, the same before and after
        assert r.measured_default == pytest.approx(mean(BEFORE[s] for s in SAFE_BEFORE), abs=0.025)
    good_lost_before = mean(1 - BEFORE[s] for s in range(SEGMENTS) if s not in SAFE_BEFORE)
    good_lost_after = mean(1 - AFTER[s] for s in range(SEGMENTS) if s not in SAFE_BEFORE)
    share_declined = 1 - len(SAFE_BEFORE) / SEGMENTS
    assert history[2].good_declined == pytest.approx(good_lost_before * share_declined, abs=0.03)
    assert history[-1].good_declined == pytest.approx(good_lost_after * share_declined, abs=0.03)
    assert history[-1].good_declined > history[2].good_declined + 0.05


def test_exploration_finds_the_segments_that_became_safe():
    history = simulate(explore=0.05, shift_at=3)
    assert history[2].approved == pytest.approx(len(SAFE_BEFORE) / SEGMENTS)
    assert history[-1].approved == pytest.approx(len(SAFE_AFTER) / SEGMENTS)
    assert history[-1].good_declined < simulate(explore=0.0, shift_at=3)[-1].good_declined / 2


def test_a_change_is_seen_only_in_the_round_after_it_happens():
    history = simulate(explore=1.0, shift_at=3)
    assert history[3].approved == pytest.approx(len(SAFE_BEFORE) / SEGMENTS)
    assert history[4].approved == pytest.approx(len(SAFE_AFTER) / SEGMENTS)


def test_seeded_runs_repeat_and_seeds_differ():
    assert simulate(seed=1) == simulate(seed=1)
    assert simulate(seed=1) != simulate(seed=2)
