"""The serving page's tables: their rows follow from the code and the dated price."""

from __future__ import annotations

from snippets.serving import Batching, ServingLoad, slow_share_after_fan_out
from snippets.serving_tables import (
    BATCH_SIZES,
    FAN_OUTS,
    REQUESTS_PER_DAY,
    SERVING_TABLES,
    SLOW_SHARE,
    batching_table,
    fan_out_table,
    serving_cost_table,
)
from snippets.tables import TABLES


def rows(table: str) -> list[list[str]]:
    lines = table.splitlines()[2:]  # under the header and its alignment row
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_registered():
    for name, table in SERVING_TABLES.items():
        assert TABLES[name] is table


def test_fan_out_rows():
    table = rows(fan_out_table())
    assert [row[0] for row in table] == [f"{n:,}" for n in FAN_OUTS]
    for n, row in zip(FAN_OUTS, table, strict=True):
        assert row[1] == f"{slow_share_after_fan_out(SLOW_SHARE, n):.1%}"
        assert abs(float(row[2].rstrip("%")) - float(row[1].rstrip("%"))) < 5
    p50s = [float(row[3]) for row in table]
    assert p50s == sorted(p50s) and p50s[-1] > 10 * p50s[0]


def test_batching_rows():
    table = rows(batching_table())
    assert [row[0] for row in table] == [f"{size:,}" for size in BATCH_SIZES]
    for size, row in zip(BATCH_SIZES, table, strict=True):
        replica = Batching(size)
        assert row[2] == f"{replica.throughput:.0f}"
        assert (row[3] == "grows without end") is (not replica.keeps_up)


def test_serving_cost_rows():
    table = rows(serving_cost_table())
    assert len(table) == len(REQUESTS_PER_DAY)
    for per_day, row in zip(REQUESTS_PER_DAY, table, strict=True):
        load = ServingLoad(per_day)
        assert row[1] == str(load.replicas)
        online = load.online_gpu_hours_per_week
        assert row[2] == f"{online:,.0f}"
        assert row[3] == f"{load.busy_gpu_hours_per_week:,.1f}"
        assert float(row[5]) == round(online / load.training_gpu_hours_per_week, 1)
