"""Every table a page shows holds the counts the snippets really make, or the recorded seconds."""

from __future__ import annotations

import math

import pytest

from snippets import tables
from snippets.charts.wall_time import load
from snippets.cost_model import pipeline_costs
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.flaky_reruns import GOOGLE_FLAKY_SHARE, rerun_failed, rerun_suite
from snippets.growth import fit_exponent
from snippets.mlops_pipeline import EPOCHS, FEATURES, ROWS, TRAIN_SHARE
from snippets.nested_training import ROWS as NESTED_ROWS

TRAIN_ROWS = int(ROWS * TRAIN_SHARE)
# Per service: build hashes every line, test runs one check per function, deploy writes once.
DEVOPS = LINES_PER_SERVICE + LINES_PER_SERVICE // 2 + 1
# Per dataset: preprocess scales every number, training touches the training rows every
# epoch, evaluation the held-out rows once, deploy one weight per feature.
TRAINING = EPOCHS * TRAIN_ROWS * FEATURES
MLOPS = ROWS * FEATURES + TRAINING + (ROWS - TRAIN_ROWS) * FEATURES + FEATURES


def cells(markdown: str) -> list[list[str]]:
    """The body rows of a Markdown table, as lists of cell text (commas removed)."""
    lines = markdown.splitlines()
    assert lines[1].startswith("|:---|")  # labels left, numbers right
    return [[c.strip().replace(",", "") for c in line.strip("|").split("|")] for line in lines[2:]]


def test_growth_table_has_exact_counts_per_item():
    rows = cells(tables.growth_table())
    assert [int(r[0]) for r in rows] == [10, 100, 1000]
    for n, devops_runs, mlops_runs, devops_ops, mlops_ops in ([int(c) for c in r] for r in rows):
        assert (devops_runs, mlops_runs) == (3 * n, 4 * n)
        assert (devops_ops, mlops_ops) == (DEVOPS * n, MLOPS * n)


def test_exponents_table_finds_linear_and_quadratic_growth():
    rows = cells(tables.exponents_table())
    # Longer services: build and test grow with the lines, deploy (one file) does not.
    lines = [2 * n for n in tables.FIT_SIZES]
    longer = fit_exponent(tables.FIT_SIZES, [10 * (n + n // 2 + 1) for n in lines])
    assert [(r[1], r[2]) for r in rows] == [
        ("1.00", "2.0"),
        (f"{longer:.2f}", f"{2**longer:.1f}"),
        ("1.00", "2.0"),
        ("1.00", "2.0"),
        ("2.00", "4.0"),
    ]


def test_nested_table_is_datasets_times_rows_times_features():
    rows = cells(tables.nested_table())
    for n, *counts in ([int(c) for c in r] for r in rows):
        assert counts == [n * NESTED_ROWS * m for m in (5, 10, 20)]


def test_per_item_table_shows_the_recorded_milliseconds_and_both_shares():
    rows = cells(tables.per_item_table())
    stages = load()["stages"]
    recorded = [*stages["DevOps"], *stages["MLOps"]]
    assert len(rows) == len(recorded)
    for row, entry in zip(rows, recorded, strict=True):
        seconds = entry["seconds"]
        slowest = max(seconds, key=seconds.get)
        assert row[1] == slowest
        assert float(row[2]) == pytest.approx(1000 * sum(seconds.values()), abs=0.005)
        assert row[3] == f"{seconds[slowest] / sum(seconds.values()):.0%}"
    # The operations' shares come from the meters, for one item of each size.
    devops_20, mlops_8 = rows[0], rows[len(stages["DevOps"])]
    devops_shares = {"build": 20 / 31, "test": 10 / 31, "deploy": 1 / 31}
    assert devops_20[4] == f"{devops_shares[devops_20[1]]:.0%}"
    mlops_shares = {
        "preprocess": ROWS * FEATURES / MLOPS,
        "train_model": TRAINING / MLOPS,
        "evaluate_model": (ROWS - TRAIN_ROWS) * FEATURES / MLOPS,
        "deploy_model": FEATURES / MLOPS,
    }
    assert mlops_8[4] == f"{mlops_shares[mlops_8[1]]:.0%}"


def test_search_table_multiplies_training_by_the_fits():
    rows = cells(tables.search_table())
    fits = [int(r[1]) for r in rows]
    assert fits == [1, 10, 30, 90]
    assert int(rows[0][2]) == TRAINING
    # A search fit trains on 4 of the 5 folds of the training rows.
    per_fit = EPOCHS * (TRAIN_ROWS - TRAIN_ROWS // 5) * FEATURES
    assert [int(r[2]) for r in rows[1:]] == [f * per_fit for f in fits[1:]]
    assert [float(r[3]) for r in rows[1:]] == [f * per_fit / TRAINING for f in fits[1:]]


def test_cache_table_redoes_only_what_changed():
    rows = cells(tables.cache_table())
    devops_changed_service = DEVOPS + 1  # the edit adds one line to hash
    retrain = EPOCHS * TRAIN_ROWS * FEATURES * 30 // 20  # 30 epochs instead of 20
    redone_after_training = retrain + (ROWS - TRAIN_ROWS) * FEATURES + FEATURES
    assert [[int(r[1]), int(r[2])] for r in rows] == [
        [0, 0],
        [15, 5 * devops_changed_service],
        [300, 100 * devops_changed_service],
        [0, 0],
        [4, MLOPS],
        [60, 20 * redone_after_training],  # preprocessing is not redone
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
    per_run = pipeline_costs(0, 1, tables.CT_DATASETS, FEATURES, 1, 1).mlops.total_seconds
    assert [float(r[2]) for r in rows] == [round(runs * per_run, 2) for runs in expected]


def test_whole_runs_table_compares_seconds_and_names_the_longer_run():
    rows = cells(tables.whole_runs_table())
    assert [r[:4] for r in rows] == [
        ["100", "1", "100", "none"],
        ["100", "1", "100", "18 x 5 + 1 = 91 fits"],
        ["100", "12", "100", "none"],
        ["1000", "12", "10", "none"],
    ]
    for row in rows:
        devops, mlops = float(row[4]), float(row[5])
        assert row[6].startswith("MLOps" if mlops > devops else "DevOps")
    # A search multiplies only the MLOps side; a matrix only the DevOps side.
    assert rows[1][4] == rows[0][4] and float(rows[1][5]) > float(rows[0][5])
    assert rows[2][5] == rows[0][5] and float(rows[2][4]) > float(rows[0][4])


def test_matrix_table_multiplies_by_each_axis_and_subtracts_exclusions():
    assert [int(r[1]) for r in cells(tables.matrix_table())] == [1, 3, 9, 27, 27 - 3]


def test_flaky_table_uses_the_rerun_models():
    rows = cells(tables.flaky_table())
    assert [r[0] for r in rows] == ["10", "100", "1000"]
    assert rows[1][1] == f"{rerun_suite(100, GOOGLE_FLAKY_SHARE).executions:.0f}"
    assert rows[1][2] == f"{rerun_failed(100, GOOGLE_FLAKY_SHARE).executions:.0f}"
    assert rows[2][1] == "3.7 x 10^9"  # whole-suite reruns of 1,000 tests
    assert rows[1][3] == f"{100 * rerun_suite(100, GOOGLE_FLAKY_SHARE, 3).false_alarm:.3g}%"


def test_suite_growth_table_is_quadratic_for_the_whole_suite():
    rows = [[int(c) for c in r] for r in cells(tables.suite_growth_table())]
    checks = LINES_PER_SERVICE // 2
    for changes, last_whole, last_changed, all_whole, all_changed in rows:
        assert (last_whole, last_changed) == (checks * changes, checks)
        assert (all_whole, all_changed) == (checks * changes * (changes + 1) // 2, checks * changes)


def test_learners_table_fits_the_recorded_seconds():
    rows = cells(tables.learners_table())
    fits = load()["learners"]["fits"]
    assert [r[0] for r in rows] == [name.replace(",", "") for name in fits]
    for row, fit in zip(rows, fits.values(), strict=True):
        k = fit_exponent(fit["rows"], fit["seconds"])
        assert (row[3], row[4]) == (f"{k:.2f}", f"{2**k:.1f}")


def test_render_table_knows_every_table_and_rejects_unknown_names():
    assert tables.render_table("nested") == tables.nested_table()
    with pytest.raises(KeyError):
        tables.render_table("growht")
