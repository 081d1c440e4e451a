"""Every table a page shows holds the counts the snippets really make."""

from __future__ import annotations

import math

import pytest

from snippets import tables
from snippets.cost_model import pipeline_costs
from snippets.nested_training import ROWS

ONE = pipeline_costs(1, features=8, candidates=1, cache_hit_rate=0, workers=1)
DEVOPS, MLOPS = ONE.devops.operations_per_item, ONE.mlops.operations_per_item


def cells(markdown: str) -> list[list[str]]:
    """The body rows of a Markdown table, as lists of cell text (commas removed)."""
    lines = markdown.splitlines()
    assert lines[1].startswith("|:---|")  # labels left, numbers right
    return [[c.strip().replace(",", "") for c in line.strip("|").split("|")] for line in lines[2:]]


def test_growth_table_has_the_seed_sizes_and_exact_counts():
    rows = cells(tables.growth_table())
    assert [int(r[0]) for r in rows] == [10, 100, 1000]
    for n, devops_runs, mlops_runs, devops_ops, mlops_ops in ([int(c) for c in r] for r in rows):
        assert (devops_runs, mlops_runs) == (3 * n, 4 * n)
        assert (devops_ops, mlops_ops) == (DEVOPS * n, MLOPS * n)


def test_exponents_table_finds_linear_and_quadratic_growth():
    rows = cells(tables.exponents_table())
    assert [(r[1], r[2]) for r in rows] == [("1.00", "2.0")] * 3 + [("2.00", "4.0")]


def test_nested_table_is_datasets_times_rows_times_features():
    rows = cells(tables.nested_table())
    for n, *counts in ([int(c) for c in r] for r in rows):
        assert counts == [n * ROWS * m for m in (5, 10, 20)]


def test_per_item_table_reads_the_cost_model():
    rows = cells(tables.per_item_table())
    assert rows[0][1:] == [str(DEVOPS), str(MLOPS)]
    assert rows[1][1:] == [str(DEVOPS), str(10 * MLOPS)]  # ten times the features
    assert len(rows) == 2


def test_search_table_multiplies_training_by_the_fits():
    rows = cells(tables.search_table())
    fits = [int(r[1]) for r in rows]
    assert fits == [1, 10, 30, 90]
    base = int(rows[0][2])
    # A fold's training set (4/5 of 200 rows) is as large as the pipeline's 80% split.
    assert [int(r[2]) for r in rows] == [f * base for f in fits]
    assert [float(r[3]) for r in rows] == fits


def test_cache_table_redoes_only_what_changed():
    rows = cells(tables.cache_table())
    devops_changed_service = DEVOPS + 1  # the edit adds one line to hash
    retrain = MLOPS - 20 * 160 * 8 + 30 * 160 * 8  # training at 30 epochs, the rest cached
    assert [[int(r[1]), int(r[2])] for r in rows] == [
        [0, 0],
        [15, 5 * devops_changed_service],
        [300, 100 * devops_changed_service],
        [0, 0],
        [4, MLOPS],
        [60, 20 * (retrain - 200 * 8)],  # preprocessing is not redone
    ]


def test_parallel_table_keeps_total_work_and_cuts_wall_work():
    rows = [[int(c) if c.isdigit() else c for c in r] for r in cells(tables.parallel_table())]
    for workers, total, wall, _speed_up in rows:
        assert total == 20 * MLOPS
        assert wall == math.ceil(20 / workers) * MLOPS


def test_continuous_training_table_counts_runs_per_trigger():
    rows = cells(tables.continuous_training_table())
    weekly, monthly = set(range(7, 91, 7)), {30, 60, 90}
    expected = [0, len(weekly), len(monthly), 1, len(weekly | monthly | {40})]
    assert [int(r[1]) for r in rows] == expected
    assert [int(r[2]) for r in rows] == [runs * 10 * MLOPS for runs in expected]


def test_constant_factors_table_turns_on_item_counts_and_search():
    rows = cells(tables.constant_factors_table())
    searched = MLOPS + (18 * 5 - 1) * 20 * 160 * 8  # 90 fits instead of one training run
    assert [r[:5] for r in rows] == [
        ["100", "100", "none", str(100 * DEVOPS), str(100 * MLOPS)],
        ["100", "100", "18 x 5 = 90 fits", str(100 * DEVOPS), str(100 * searched)],
        ["10000", "10", "none", str(10_000 * DEVOPS), str(10 * MLOPS)],
    ]
    ratios = [float(r[5]) for r in rows]
    assert ratios[1] > ratios[0] > 1 > ratios[2]  # search widens the gap; counts reverse it


def test_render_table_knows_every_table_and_rejects_unknown_names():
    assert tables.render_table("nested") == tables.nested_table()
    with pytest.raises(KeyError):
        tables.render_table("growht")
