"""The ML Test Score: a production-readiness rubric for ML systems.

Breck, Cai, Nielsen, Salib and Sculley, "The ML Test Score: A Rubric for ML
Production Readiness and Technical Debt Reduction", IEEE BigData 2017. The rubric
has 28 tests in four sections of seven. This module implements the 2017 paper's
scoring (the 2016 workshop version scored differently; do not mix the two).
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("data", "model", "infrastructure", "monitoring")
TESTS_PER_SECTION = 7

# --8<-- [start:score]
# A test run by hand, with its results written down and shared, earns half a
# point; a test a system runs automatically and repeatedly earns a full point.
POINTS = {"missing": 0.0, "manual": 0.5, "automated": 1.0}

# The paper's reading of the final score: (highest score in the band, reading).
BANDS = (
    (0.0, "more of a research project than a productionized system"),
    (1.0, "not totally untested, but there may be serious holes in reliability"),
    (2.0, "a first pass at basic productionization; more investment may be needed"),
    (3.0, "reasonably tested; more tests and procedures may be automated"),
    (5.0, "strong automated testing and monitoring, fit for mission-critical systems"),
    (float("inf"), "exceptional levels of automated testing and monitoring"),
)


@dataclass(frozen=True)
class Score:
    sections: dict[str, float]  # points per section, in SECTIONS order
    final: float  # the weakest section's points
    band: str


def band(final: float) -> str:
    """The paper's reading of a final score (each band includes its upper edge)."""
    return next(reading for upper, reading in BANDS if final <= upper)


def ml_test_score(results: dict[str, list[str]]) -> Score:
    """Score a system from each section's seven test results.

    `results` maps every section in SECTIONS to seven statuses, each a key of
    POINTS. The final score is the minimum of the section sums, not their total:
    a system is only as ready as its least-tested area.
    """
    if set(results) != set(SECTIONS):
        raise ValueError(f"expected the sections {SECTIONS}, got {tuple(results)}")
    sections = {}
    for section in SECTIONS:
        statuses = results[section]
        if len(statuses) != TESTS_PER_SECTION:
            raise ValueError(f"{section}: expected {TESTS_PER_SECTION} results")
        unknown = set(statuses) - set(POINTS)
        if unknown:
            raise ValueError(f"{section}: unknown status {sorted(unknown)}")
        sections[section] = sum(POINTS[status] for status in statuses)
    final = min(sections.values())
    return Score(sections, final, band(final))


# --8<-- [end:score]
