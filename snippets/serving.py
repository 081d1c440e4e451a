"""Serving a model: latency percentiles and an SLO check, the tail a fan-out adds,
batching's trade of latency for throughput, and what serving costs beside training.

Latencies are simulated, seeded: most requests take the fast path, a few hit a slow
one (a cache miss, a pause), which gives the long right tail real services show. The
batching and cost figures are models whose assumptions are named where they are set.

Standard library only: `percentile` and `meets_slo` are also the reference solution of
a hands-on step that runs in the browser's Python.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal


# --8<-- [start:slo]
def percentile(latencies: Sequence[float], p: float) -> float:
    """The p-th percentile by nearest rank: the smallest latency that at least p% of
    the requests did not exceed. It is always a latency that was observed, so "p99 <=
    300 ms" means exactly "at least 99% of requests took 300 ms or less"."""
    if not latencies:
        raise ValueError("no latencies: nothing to summarise")
    if not 0 < p <= 100:
        raise ValueError("p is a percentage in (0, 100]")
    if any(math.isnan(value) for value in latencies):
        raise ValueError("a latency is NaN: a broken measurement, not a time")
    ordered = sorted(latencies)
    # ceil(p * n / 100) in exact decimal arithmetic: 99.9 * 1000 / 100 is 999, not 999.0000001
    rank = int((Decimal(str(p)) * len(ordered) / 100).to_integral_value(ROUND_CEILING))
    return ordered[max(rank, 1) - 1]


def meets_slo(latencies: Sequence[float], threshold_ms: float, p: float = 99) -> bool:
    """True when the p-th percentile latency is at most `threshold_ms` (SLI <= target)."""
    return percentile(latencies, p) <= threshold_ms


# --8<-- [end:slo]


# --8<-- [start:latencies]
def request_latencies(n: int, slow_share: float = 0.02, seed: int = 0) -> list[float]:
    """n simulated request latencies in ms: a fast path around 20 ms and, for a
    `slow_share` of requests, a slow path of 150 to 400 ms."""
    rng = random.Random(seed)
    return [
        rng.uniform(150.0, 400.0) if rng.random() < slow_share else rng.lognormvariate(3.0, 0.25)
        for _ in range(n)
    ]


# --8<-- [end:latencies]


# --8<-- [start:fanout]
def fanned_out(n_requests: int, fan_out: int, seed: int = 0) -> list[float]:
    """The latency of each of n requests that call `fan_out` backends in parallel and
    wait for all of them: the slowest call's latency."""
    rng_seeds = random.Random(seed)
    return [
        max(request_latencies(fan_out, seed=rng_seeds.randrange(2**32))) for _ in range(n_requests)
    ]


def slow_share_after_fan_out(per_call_slow_share: float, fan_out: int) -> float:
    """The share of requests that wait for at least one slow call, when each of
    `fan_out` independent calls is slow with probability `per_call_slow_share`."""
    return 1 - (1 - per_call_slow_share) ** fan_out


# --8<-- [end:fanout]


# --8<-- [start:batching]
@dataclass(frozen=True)
class Batching:
    """One replica serving batches of `batch` requests, arriving `per_second`."""

    batch: int
    fixed_ms: float = 8.0  # per batch, whatever its size (assumed): reading weights, launching work
    per_item_ms: float = 2.0  # per request in the batch (assumed)
    per_second: float = 150.0  # requests arriving at this replica

    @property
    def compute_ms(self) -> float:
        return self.fixed_ms + self.per_item_ms * self.batch

    @property
    def throughput(self) -> float:
        """Requests per second the replica can serve when it is always busy."""
        return self.batch * 1000 / self.compute_ms

    @property
    def wait_ms(self) -> float:
        """The mean wait for the batch to fill: the first request waits for the
        other batch - 1, the last for none."""
        return (self.batch - 1) / 2 * 1000 / self.per_second

    @property
    def keeps_up(self) -> bool:
        """Whether it serves requests as fast as they arrive; if not, a queue grows
        without end and so does every request's latency."""
        return self.throughput >= self.per_second

    @property
    def latency_ms(self) -> float:
        """A request's mean latency, waiting and computing, with no queue behind."""
        return self.wait_ms + self.compute_ms


# --8<-- [end:batching]


# --8<-- [start:cost]
@dataclass(frozen=True)
class ServingLoad:
    """A model served online, beside the training that produces it (all assumed)."""

    requests_per_day: int
    gpu_ms_per_request: float = 20.0  # the GPU time one prediction takes
    peak_factor: float = 3.0  # the busiest hour's rate, as a multiple of the day's mean
    target_utilisation: float = 0.5  # replicas are sized so the peak keeps them half busy
    min_replicas: int = 2  # two, so one can fail or be updated while the other serves
    training_gpu_hours_per_week: float = 40.0  # one retraining a week, with its search

    @property
    def busy_gpu_hours_per_week(self) -> float:
        """The GPU time the predictions themselves take: the cost of the same
        predictions computed in one batch job, where nothing waits idle."""
        return self.requests_per_day * 7 * self.gpu_ms_per_request / 3_600_000

    @property
    def replicas(self) -> int:
        peak_per_second = self.requests_per_day / 86_400 * self.peak_factor
        busy_share = peak_per_second * self.gpu_ms_per_request / 1000 / self.target_utilisation
        return max(self.min_replicas, math.ceil(busy_share))

    @property
    def online_gpu_hours_per_week(self) -> float:
        """The GPU hours billed for online serving: every replica, all week, busy or not."""
        return self.replicas * 7 * 24


# --8<-- [end:cost]
