"""Tables of the serving-and-llms page, computed at build time from snippets/serving.py
(seeded simulations and stated models).
snippets/tables.py registers `SERVING_TABLES` in its `TABLES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from snippets.serving import (
    Batching,
    ServingLoad,
    fanned_out,
    percentile,
    slow_share_after_fan_out,
)

FAN_OUTS = (1, 10, 100)
FAN_OUT_REQUESTS = 2000
SLOW_SHARE = 0.02  # request_latencies' default: the share of calls on the slow path
SLOW_MS = 150.0  # the slow path's shortest latency
BATCH_SIZES = (1, 4, 16, 64)
REQUESTS_PER_DAY = (10_000, 1_000_000, 10_000_000)


def _markdown(header: list[str], rows: Sequence[Sequence[object]], text_columns: int = 1) -> str:
    """The site's table format (imported when a table is drawn: snippets.tables imports
    this module to register its tables)."""
    from snippets.tables import _table

    return _table(header, rows, text_columns)


# --8<-- [start:fan-out]
@cache
def fan_out_table() -> str:
    """How fan-out turns a rare slow call into a common slow request."""
    rows = []
    for n in FAN_OUTS:
        latencies = fanned_out(FAN_OUT_REQUESTS, n)
        simulated = sum(latency >= SLOW_MS for latency in latencies) / len(latencies)
        expected = slow_share_after_fan_out(SLOW_SHARE, n)
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        rows.append([n, f"{expected:.1%}", f"{simulated:.1%}", f"{p50:.0f}", f"{p99:.0f}"])
    waiting = "Requests that wait on a slow call"
    header = ["Backends called", waiting, "Simulated", "p50, ms", "p99, ms"]
    return _markdown(header, rows)


# --8<-- [end:fan-out]


# --8<-- [start:batching]
@cache
def batching_table() -> str:
    """What batch size does to one replica's throughput and each request's latency."""
    rows = []
    for size in BATCH_SIZES:
        replica = Batching(size)
        latency = f"{replica.latency_ms:.0f}" if replica.keeps_up else "grows without end"
        rows.append([size, f"{replica.compute_ms:g}", f"{replica.throughput:.0f}", latency])
    arrival = f"{Batching(1).per_second:g}"
    header = ["Batch size", "Compute per batch, ms", "Capacity, requests/s", "Mean latency, ms"]
    header[2] += f" ({arrival} arrive)"
    return _markdown(header, rows)


# --8<-- [end:batching]


# --8<-- [start:serving-cost]
@cache
def serving_cost_table() -> str:
    """GPU hours a week: serving a model online, the same predictions as a batch job,
    and its weekly training. One unit for all three: any hourly price scales them alike."""
    rows = []
    for per_day in REQUESTS_PER_DAY:
        load = ServingLoad(per_day)
        online = load.online_gpu_hours_per_week
        ratio = online / load.training_gpu_hours_per_week
        rows.append(
            [
                per_day,
                load.replicas,
                f"{online:,.0f}",
                f"{load.busy_gpu_hours_per_week:,.1f}",
                f"{load.training_gpu_hours_per_week:,.0f}",
                f"{ratio:.1f}",
            ]
        )
    header = ["Requests a day", "Replicas", "Online, GPU h/week", "Batch job, GPU h/week"]
    header += ["Training, GPU h/week", "Online ÷ training"]
    return _markdown(header, rows)


# --8<-- [end:serving-cost]


SERVING_TABLES = {
    "fan-out": fan_out_table,
    "batching": batching_table,
    "serving-cost": serving_cost_table,
}
