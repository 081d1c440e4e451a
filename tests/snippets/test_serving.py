"""Serving: nearest-rank percentiles and the SLO check, fan-out, batching and the
serving-versus-training cost model."""

from __future__ import annotations

import math
import statistics

import pytest

from snippets.serving import (
    Batching,
    ServingLoad,
    fanned_out,
    meets_slo,
    percentile,
    request_latencies,
    slow_share_after_fan_out,
)


@pytest.mark.parametrize(
    ("latencies", "p", "expected"),
    [
        ([5.0], 50, 5.0),
        ([5.0], 99, 5.0),
        ([3.0, 1.0, 2.0], 50, 2.0),  # unsorted input
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),  # exactly on a sample: rank 2, no interpolation
        ([1.0, 2.0, 3.0, 4.0], 51, 3.0),
        ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
        ([7.0, 7.0, 7.0, 9.0], 75, 7.0),  # ties
        (list(range(1, 1001)), 99.9, 999),  # 99.9 * 1000 / 100 is 999 exactly, not 1000
        (list(range(1, 101)), 99, 99),
        (list(range(1, 101)), 0.5, 1),
    ],
)
def test_percentile_by_nearest_rank(latencies, p, expected):
    assert percentile(latencies, p) == expected


def test_percentile_is_an_observed_value_where_statistics_interpolates():
    latencies = [10.0, 20.0, 30.0, 40.0]
    assert percentile(latencies, 50) in latencies
    assert statistics.quantiles(latencies, n=4)[1] == 25.0  # the median, interpolated


@pytest.mark.parametrize(
    ("latencies", "p"), [([], 50), ([1.0], 0), ([1.0], 101), ([1.0, math.nan], 50)]
)
def test_percentile_refuses(latencies, p):
    with pytest.raises(ValueError):
        percentile(latencies, p)


def test_slo_boundary_and_tail():
    hundred = [10.0] * 99 + [500.0]
    assert meets_slo(hundred, 10.0, p=99)  # exactly on the threshold meets it
    assert not meets_slo(hundred, 9.9, p=99)
    assert not meets_slo(hundred, 100.0, p=100)
    two_slow = [10.0] * 98 + [500.0, 500.0]
    assert not meets_slo(two_slow, 100.0, p=99)  # 2% slow: the p99 is slow
    assert meets_slo(two_slow, 100.0, p=98)
    with pytest.raises(ValueError):
        meets_slo([], 100.0)


def test_simulated_latencies_have_a_tail_the_mean_hides():
    latencies = request_latencies(10_000)
    assert latencies == request_latencies(10_000)  # seeded
    slow = sum(latency >= 150 for latency in latencies) / len(latencies)
    assert 0.015 < slow < 0.025
    assert percentile(latencies, 50) < 25 < statistics.fmean(latencies) < 30
    assert percentile(latencies, 95) < 50 < 150 <= percentile(latencies, 99)


def test_fan_out_waits_for_the_slowest_call():
    assert slow_share_after_fan_out(0.02, 1) == pytest.approx(0.02)
    assert slow_share_after_fan_out(0.02, 100) == pytest.approx(1 - 0.98**100)
    assert slow_share_after_fan_out(0.0, 50) == 0
    one, hundred = fanned_out(500, 1), fanned_out(500, 100)
    assert percentile(hundred, 50) > 5 * percentile(one, 50)
    slowed = sum(latency >= 150 for latency in hundred) / len(hundred)
    assert slowed == pytest.approx(slow_share_after_fan_out(0.02, 100), abs=0.05)


def test_batching_trades_latency_for_throughput():
    replicas = [Batching(size) for size in (1, 4, 16, 64)]
    throughputs = [replica.throughput for replica in replicas]
    assert throughputs == sorted(throughputs)
    assert not replicas[0].keeps_up and all(replica.keeps_up for replica in replicas[1:])
    latencies = [replica.latency_ms for replica in replicas[1:]]
    assert latencies == sorted(latencies)
    assert Batching(1).wait_ms == 0
    assert Batching(3, per_second=1000).wait_ms == pytest.approx(1.0)
    assert Batching(10).compute_ms == 8 + 2 * 10


def test_online_serving_pays_for_replicas_not_requests():
    quiet, busy = ServingLoad(10_000), ServingLoad(10_000_000)
    assert quiet.replicas == busy.min_replicas == 2
    assert quiet.online_gpu_hours_per_week == 2 * 7 * 24
    assert busy.replicas > 2
    assert busy.online_gpu_hours_per_week == busy.replicas * 168
    assert ServingLoad(1_000_000).busy_gpu_hours_per_week == pytest.approx(
        1_000_000 * 7 * 0.020 / 3600
    )
    for load in (quiet, busy):
        assert load.online_gpu_hours_per_week > load.busy_gpu_hours_per_week
