"""Whole-suite CI grows with the square of the changes; testing only what changed, linearly."""

from __future__ import annotations

import pytest

from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import fit_exponent
from snippets.suite_growth import checks_per_change

CHECKS = LINES_PER_SERVICE // 2  # one check per function of a service


def test_whole_suite_tests_every_service_at_every_change():
    assert checks_per_change(5, incremental=False) == [CHECKS * c for c in range(1, 6)]


def test_incremental_runs_test_only_the_new_service():
    assert checks_per_change(5, incremental=True) == [CHECKS] * 5


def test_totals_grow_quadratically_and_linearly():
    whole, changed = checks_per_change(16, False), checks_per_change(16, True)
    totals = [(sum(whole[:c]), sum(changed[:c])) for c in (4, 8, 16)]
    assert [t for t, _ in totals] == [CHECKS * c * (c + 1) // 2 for c in (4, 8, 16)]
    assert [t for _, t in totals] == [CHECKS * c for c in (4, 8, 16)]
    # The per-change cost grows linearly, so the total's exponent heads for 2.
    assert fit_exponent([4, 8, 16], [t for t, _ in totals]) > 1.8
    assert fit_exponent([4, 8, 16], [t for _, t in totals]) == pytest.approx(1.0)
