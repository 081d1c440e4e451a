"""measure() records what the meter saw; fit_exponent() recovers k in work ~ n**k."""

from __future__ import annotations

import pytest

from snippets.growth import (
    devops_run,
    fit_exponent,
    grown,
    measure,
    measure_together,
    mlops_run,
    sized_run,
)
from snippets.meter import Meter
from snippets.mlops_pipeline import FEATURES


@pytest.mark.parametrize("k", [0.5, 1.0, 2.0, 3.0])
def test_fit_exponent_recovers_a_known_power(k):
    sizes = [10, 20, 40, 80]
    assert fit_exponent(sizes, [3 * n**k for n in sizes]) == pytest.approx(k)


def test_measure_records_calls_and_operations_per_size():
    def run(n: int, meter: Meter) -> None:
        for _ in range(n):
            with meter.step("step"):
                meter.count("step", 2)

    runs = measure(run, [1, 5])
    assert [(r.n, r.calls, r.operations) for r in runs] == [(1, 1, 2), (5, 5, 10)]
    assert all(r.seconds >= 0 for r in runs)


def test_both_pipelines_grow_linearly_in_items():
    sizes = [5, 10, 20, 40]
    for run, steps in ((devops_run, 3), (mlops_run, 4)):
        runs = measure(run, sizes)
        assert [r.calls for r in runs] == [steps * n for n in sizes]
        k = fit_exponent(sizes, [r.operations for r in runs])
        assert abs(k - 1) < 0.05  # tolerance on operation counts


def test_measure_keeps_the_fastest_of_the_repeats(monkeypatch):
    """Three runs whose meters read 3 s, 1 s and 2 s: the 1 s run is kept."""
    ticks = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0])
    monkeypatch.setattr("snippets.meter.time.perf_counter", lambda: next(ticks))

    def run(n: int, meter: Meter) -> None:
        with meter.step("step"):
            meter.count("step", n)

    [result] = measure(run, [4], repeats=3)
    assert (result.calls, result.operations, result.seconds) == (1, 4, 1.0)


def test_grown_runs_grow_the_items_and_their_size_as_asked():
    meter = Meter()
    grown("DevOps", lambda n: n + 1, lines=lambda n: 2 * n)(10, meter)  # 11 services, 20 lines
    assert meter.calls["build"] == 11 and meter.operations["build"] == 11 * 20
    meter = Meter()
    sized_run("MLOps", features=4)(3, meter)  # 3 datasets of 4 features, each saving
    assert meter.operations["deploy_model"] == 3 * (3 * 4 + 1)  # 4 means, spreads, weights, a bias
    meter = Meter()
    sized_run("MLOps", rows=50)(2, meter)  # 2 datasets of 50 rows: preprocess every number
    assert meter.operations["preprocess"] == 2 * 50 * FEATURES


def test_measure_together_runs_every_size_of_every_run_in_each_repeat():
    calls = []

    def run_of(name):
        def run(n, meter):
            calls.append((name, n))
            with meter.step("step"):
                meter.count("step", n)

        return run

    measured = measure_together({"a": run_of("a"), "b": run_of("b")}, [1, 2], repeats=2)
    forward = [("a", 1), ("b", 1), ("a", 2), ("b", 2)]
    assert calls == forward + forward[::-1]
    [_, two] = measured["b"]
    assert (two.n, two.calls, two.operations) == (2, 1, 2)
    assert len(two.repeats) == 2 and two.seconds == min(two.repeats)
