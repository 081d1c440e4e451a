"""The ML Test Score scorer follows Breck et al. (2017): half a point for a manual
test, one for an automated one, final score = the weakest section's sum."""

from __future__ import annotations

import re

import pytest

from snippets.ml_test_score import BANDS, SECTIONS, band, ml_test_score


def section(automated: int = 0, manual: int = 0) -> list[str]:
    """Seven results: `automated` automated tests, `manual` manual ones, the rest missing."""
    missing = 7 - automated - manual
    assert missing >= 0
    return ["automated"] * automated + ["manual"] * manual + ["missing"] * missing


def everywhere(automated: int = 0, manual: int = 0) -> dict[str, list[str]]:
    return {name: section(automated, manual) for name in SECTIONS}


def test_a_manual_test_earns_half_a_point_and_an_automated_one_a_full_point() -> None:
    score = ml_test_score(
        {
            "data": section(manual=1),
            "model": section(automated=1),
            "infrastructure": section(automated=1, manual=1),
            "monitoring": section(manual=7),
        }
    )
    assert score.sections == {
        "data": 0.5,
        "model": 1.0,
        "infrastructure": 1.5,
        "monitoring": 3.5,
    }


def test_the_final_score_is_the_weakest_section_not_the_total() -> None:
    # Three fully automated sections (7 points each) cannot lift one weak section.
    results = everywhere(automated=7)
    results["monitoring"] = section(manual=3)
    score = ml_test_score(results)
    assert score.final == 1.5
    assert sum(score.sections.values()) == 22.5
    assert score.band == band(1.5)


def test_sections_come_back_in_the_rubric_order() -> None:
    results = {name: section() for name in reversed(SECTIONS)}
    assert tuple(ml_test_score(results).sections) == SECTIONS


@pytest.mark.parametrize(
    ("final", "band_index"),
    [
        (0.0, 0),  # nothing tested: a research project
        (0.5, 1),
        (1.0, 1),  # upper edges belong to the lower band: (0, 1]
        (1.5, 2),
        (2.0, 2),
        (2.5, 3),
        (3.0, 3),
        (3.5, 4),
        (5.0, 4),  # (3, 5]
        (5.5, 5),  # above 5: exceptional
        (7.0, 5),  # the most a section of seven can score
    ],
)
def test_band_edges_follow_the_paper(final: float, band_index: int) -> None:
    assert band(final) == BANDS[band_index][1]


def test_every_band_is_reachable_from_real_results() -> None:
    readings = {ml_test_score(everywhere(automated=a)).band for a in (0, 1, 2, 3, 5, 6)}
    assert readings == {reading for _, reading in BANDS}


@pytest.mark.parametrize(
    ("results", "message"),
    [
        ({name: section() for name in SECTIONS[:3]}, "expected the sections"),
        ({**everywhere(), "model": ["automated"] * 6}, "model: expected 7 results"),
        ({**everywhere(), "data": ["done"] * 7}, "data: unknown status ['done']"),
    ],
)
def test_malformed_results_are_refused(results, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ml_test_score(results)
