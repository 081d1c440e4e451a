"""matrix_jobs expands a test matrix the way GitHub Actions documents it."""

from __future__ import annotations

import math

import pytest

from snippets.ci_matrix import MAX_JOBS, matrix_jobs


def test_one_job_per_combination_last_axis_fastest():
    # GitHub's own example: version [10, 12, 14] x os [ubuntu-latest, windows-latest]
    # gives six jobs, in this order.
    jobs = matrix_jobs({"version": [10, 12, 14], "os": ["ubuntu-latest", "windows-latest"]})
    assert jobs == [
        {"version": 10, "os": "ubuntu-latest"},
        {"version": 10, "os": "windows-latest"},
        {"version": 12, "os": "ubuntu-latest"},
        {"version": 12, "os": "windows-latest"},
        {"version": 14, "os": "ubuntu-latest"},
        {"version": 14, "os": "windows-latest"},
    ]


@pytest.mark.parametrize("sizes", [(1,), (3,), (3, 3), (2, 3, 4), (3, 3, 3, 3)])
def test_jobs_are_the_product_of_the_axis_sizes(sizes):
    axes = {f"axis{i}": list(range(size)) for i, size in enumerate(sizes)}
    assert len(matrix_jobs(axes)) == math.prod(sizes)


def test_an_exclude_entry_needs_only_a_partial_match():
    axes = {"os": ["linux", "macos"], "python": ["3.11", "3.12"], "deps": ["old", "new"]}
    jobs = matrix_jobs(axes, exclude=[{"os": "macos", "deps": "old"}])
    assert len(jobs) == 8 - 2  # both Pythons on macOS with the old dependencies
    assert all(not (j["os"] == "macos" and j["deps"] == "old") for j in jobs)
    assert len(matrix_jobs(axes, exclude=[{"os": "windows"}])) == 8  # matches nothing


def test_at_most_256_jobs():
    assert len(matrix_jobs({"a": range(16), "b": range(16)})) == MAX_JOBS == 256
    with pytest.raises(ValueError, match="257 jobs"):
        matrix_jobs({"a": range(257)})
    # Excluding brings a too-large matrix back under the limit.
    assert len(matrix_jobs({"a": range(257)}, exclude=[{"a": 0}])) == 256
