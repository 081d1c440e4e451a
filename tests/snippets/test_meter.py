"""The Meter counts calls per step, operations per step, and time per step."""

from __future__ import annotations

import pytest

from snippets.meter import Meter


def test_counts_calls_operations_and_time_per_step():
    meter = Meter()
    for _ in range(3):
        with meter.step("build"):
            meter.count("build", 20)
    with meter.step("test"):
        meter.count("test", 10)
    assert meter.calls == {"build": 3, "test": 1}
    assert meter.operations == {"build": 60, "test": 10}
    assert (meter.total_calls, meter.total_operations) == (4, 70)
    assert meter.total_seconds == pytest.approx(sum(meter.seconds.values()))
    assert set(meter.seconds) == {"build", "test"}


def test_a_failing_step_is_still_counted_and_timed():
    meter = Meter()
    with pytest.raises(ZeroDivisionError), meter.step("train_model"):
        1 / 0  # noqa: B018
    assert meter.calls["train_model"] == 1
    assert "train_model" in meter.seconds
