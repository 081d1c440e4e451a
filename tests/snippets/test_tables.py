"""Every table a page shows holds the counts the snippets really make, or the recorded seconds."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from snippets import flaky_reruns as flaky
from snippets import tables
from snippets.cost_model import pipeline_costs
from snippets.count_check import checks
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.growth import fit_exponent
from snippets.mlops_pipeline import EPOCHS, FEATURES, ROWS, TRAIN_SHARE
from snippets.nested_training import ROWS as NESTED_ROWS
from snippets.team_costs import SCENARIOS, month
from snippets.wall_times import (
    TOO_CLOSE,
    compile_profile,
    file_writes,
    learner_slopes,
    load,
    per_item_seconds,
)

TRAIN_ROWS = int(ROWS * TRAIN_SHARE)
# Per service: build hashes every line, test runs one check per function, deploy writes once.
DEVOPS = LINES_PER_SERVICE + LINES_PER_SERVICE // 2 + 1
# Per dataset: preprocess scales every number, training touches the training rows every
# epoch, evaluation the held-out rows once, deploy writes each feature's mean, spread and
# weight, and the bias.
TRAINING = EPOCHS * TRAIN_ROWS * FEATURES
DEPLOY = 3 * FEATURES + 1
MLOPS = ROWS * FEATURES + TRAINING + (ROWS - TRAIN_ROWS) * FEATURES + DEPLOY


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


def test_exponents_table_grows_each_side_along_one_axis_and_along_two():
    rows = cells(tables.exponents_table())
    sizes = tables.FIT_SIZES

    def devops_work(services, lines):  # build hashes the lines, test runs a check per
        return services * (lines + lines // 2 + 1)  # function, deploy writes once

    def mlops_work(datasets, features):
        return datasets * MLOPS // FEATURES * features  # every step is linear in features

    expected = [
        [devops_work(n, LINES_PER_SERVICE) for n in sizes],
        [devops_work(tables.TEN, 4 * n) for n in sizes],
        [devops_work(n, 4 * n) for n in sizes],
        [mlops_work(n, FEATURES) for n in sizes],
        [mlops_work(tables.TEN, 2 * n) for n in sizes],
        [mlops_work(n, 2 * n) for n in sizes],
    ]
    assert len(rows) == len(expected)
    for row, work in zip(rows, expected, strict=True):
        k = fit_exponent(sizes, work)
        assert (row[1], row[2]) == (f"{k:.2f}", f"{2**k:.1f}"), row[0]
    # Each side grows about quadratically only when its items' size is made to follow them.
    assert [float(r[1]) for r in rows if " grew with " in r[0]] == [pytest.approx(2, abs=0.05)] * 2


def test_nested_table_is_datasets_times_rows_times_features():
    rows = cells(tables.nested_table())
    for n, *counts in ([int(c) for c in r] for r in rows):
        assert counts == [n * NESTED_ROWS * m for m in (5, 10, 20)]


def test_per_item_table_shows_own_steps_and_the_file_write_apart_and_both_shares():
    rows = cells(tables.per_item_table())
    data = load()
    recorded = [
        (pipeline, size, seconds)
        for pipeline in ("DevOps", "MLOps")
        for size, seconds in per_item_seconds(data, pipeline).items()
    ]
    assert len(rows) == len(recorded)
    for row, (pipeline, size, seconds) in zip(rows, recorded, strict=True):
        write = seconds["deploy" if pipeline == "DevOps" else "deploy_model"]
        assert str(size) in row[0]
        assert float(row[1]) == pytest.approx(1000 * (sum(seconds.values()) - write), abs=0.005)
        assert float(row[2]) == pytest.approx(1000 * write, abs=0.005)
        assert row[3] == f"{write / sum(seconds.values()):.0%}"
    # The operations' shares come from the meters: one file per service of 20 lines
    # (20 hashed, 10 checks), three numbers per feature and the bias for a dataset of 200 rows.
    devops_20, mlops_200 = rows[0], rows[len(per_item_seconds(data, "DevOps"))]
    assert devops_20[4] == f"{100 / DEVOPS:.3g}%"
    assert mlops_200[4] == f"{100 * DEPLOY / MLOPS:.3g}%"


def test_count_tables_set_the_models_k_beside_the_measured_one():
    data = load()
    for name, along in (("count-items", "items"), ("count-size", "size")):
        rows = cells(tables.TABLES[name]())
        expected = [c for side in ("DevOps", "MLOps") for c in checks(data, side, along)]
        assert len(rows) == len(expected)
        for row, check in zip(rows, expected, strict=True):
            words = tables.BEFORE_DEPLOY[check.pipeline] if check.step == "own" else check.words
            assert row[0] == words.replace(",", "")
            assert float(row[1]) == pytest.approx(check.counted, abs=0.005)
            assert float(row[2]) == pytest.approx(check.measured.k, abs=0.005)
            low, high = (float(v) for v in row[3].split(" to "))
            assert (low, high) == pytest.approx(
                (check.measured.low, check.measured.high), abs=0.005
            )
    # The count takes every step along the items as linear, and no growth in the file
    # write along one item's size.
    sizes = cells(tables.TABLES["count-size"]())
    assert [r[1] for r in sizes if r[0].startswith("deploy")] == ["0.00", "0.00"]


def test_test_step_table_takes_the_step_apart_per_line():
    rows = cells(tables.test_step_table())
    runs = compile_profile(load())
    assert [int(r[0]) for r in rows] == [run.lines for run in runs]
    for row, run in zip(rows, runs, strict=True):
        assert row[1] == f"{min(run.one_module) / run.lines * 1e6:.1f}"
        assert row[3] == f"{min(run.pieces) / run.lines * 1e6:.1f}"
        assert row[5].endswith("iB")


def test_file_writes_table_gives_the_fastest_and_slowest_per_file():
    rows = cells(tables.file_writes_table())
    runs = file_writes(load())
    for row, run in zip(rows, runs, strict=True):
        fastest, slowest = (float(v) for v in row[1].split(" to "))
        assert fastest == pytest.approx(min(run.disk) / run.files * 1000, abs=5e-4)
        assert fastest <= slowest


def test_search_table_multiplies_training_by_the_fits_on_their_rows():
    rows = cells(tables.search_table())
    fits = [int(r[1]) for r in rows]
    assert fits == [1, 2 * 5 + 1, 6 * 5 + 1, 18 * 5 + 1]
    assert int(rows[0][2]) == TRAINING
    # A search fit trains on 4 of the 5 folds of the training rows; the refit on all.
    fold_rows = TRAIN_ROWS - TRAIN_ROWS // 5
    per_fit = EPOCHS * fold_rows * FEATURES
    assert [int(r[2]) for r in rows[1:]] == [(f - 1) * per_fit + TRAINING for f in fits[1:]]
    # 2 candidates: 10 x 128 / 160 + 1 = 9.0 times training once.
    assert [float(r[3]) for r in rows[1:]] == [
        round((f - 1) * fold_rows / TRAIN_ROWS + 1, 1) for f in fits[1:]
    ]
    assert f"on {fold_rows} rows + 1 refit on {TRAIN_ROWS}" in rows[1][0]  # commas dropped


def test_cache_table_redoes_only_what_changed_and_hashes_everything():
    rows = cells(tables.cache_table())
    devops_changed_service = DEVOPS + 1  # the edit adds one line to hash
    retrain = EPOCHS * TRAIN_ROWS * FEATURES * 30 // 20  # 30 epochs instead of 20
    # The deploy, for each model unlike the one in service.
    after_training = retrain + (ROWS - TRAIN_ROWS) * FEATURES + DEPLOY
    assert [[int(r[1]), int(r[2])] for r in rows] == [
        [0, 0],
        [15, 5 * devops_changed_service],
        [300, 100 * devops_changed_service],
        [0, 0],  # as on the DevOps side: nothing redone, nothing redeployed
        [4, MLOPS],  # one dataset's four steps
        [3 * 20, 20 * after_training],  # preprocessing is not redone
    ]
    # Finding what changed reads every item, changed or not: at least its bytes.
    hashed = [int(r[3]) for r in rows]
    assert all(h > 100 * LINES_PER_SERVICE * 10 for h in hashed[:3])  # 100 services' text
    # Each of a dataset's three stages hashes all of its numbers (its data, then the
    # prepared data), not a summary of them.
    assert all(h > 3 * 20 * ROWS * FEATURES * 8 for h in hashed[3:])


def test_parallel_table_keeps_total_work_and_cuts_wall_work():
    rows = [[int(c) if c.isdigit() else c for c in r] for r in cells(tables.parallel_table())]
    for workers, total, wall, speed_up in rows:
        assert speed_up == f"{total / wall:.1f}"
        assert total == 20 * MLOPS
        assert wall == math.ceil(20 / workers) * MLOPS


def test_whole_runs_table_compares_seconds_of_work_and_orders_only_clear_gaps():
    rows = cells(tables.whole_runs_table())
    # Commas are dropped from the cells.
    assert [r[:2] for r in rows] == [
        ["100 services of 20 lines", "100 datasets"],
        ["100 services of 20 lines", "100 datasets 18 x 5 + 1 = 91 fits each"],
        ["100 services of 20 lines 9 CI jobs each", "100 datasets"],
        ["100 services of 200 lines", "100 datasets"],
        ["1000 services of 20 lines 9 CI jobs each", "10 datasets"],
    ]
    # 9 jobs is a row of the matrix table: 3 operating systems x 3 Pythons.
    assert "9" in [r[1] for r in cells(tables.matrix_table())]
    for row, (services, lines, jobs, datasets, candidates) in zip(
        rows, tables.WHOLE_RUNS, strict=True
    ):
        costs = pipeline_costs(services, jobs, datasets, candidates, 1, lines=lines)
        devops, mlops = costs.devops.total_seconds, costs.mlops.total_seconds
        assert (row[2], row[3]) == (f"{devops * 1000:.1f}", f"{mlops * 1000:.1f}")
        ratio = max(devops, mlops) / min(devops, mlops)
        if ratio < TOO_CLOSE:
            assert row[4] == f"too close to order ({ratio:.2f} x apart)"
        else:  # the table's commas are dropped
            assert row[4] == f"{'MLOps' if mlops > devops else 'DevOps'} {ratio:.1f} x the work"
    # A search multiplies only the MLOps side; a matrix and longer services only DevOps.
    assert rows[1][2] == rows[0][2] and float(rows[1][3]) > float(rows[0][3])
    assert rows[2][3] == rows[0][3] and float(rows[2][2]) > float(rows[0][2])
    assert rows[3][3] == rows[0][3] and float(rows[3][2]) > float(rows[0][2])


def test_matrix_table_multiplies_by_each_axis_and_subtracts_exclusions():
    assert [int(r[1]) for r in cells(tables.matrix_table())] == [1, 3, 9, 27, 27 - 3]


def test_flaky_table_uses_the_rerun_models():
    rows = cells(tables.flaky_table())
    assert [r[0] for r in rows] == ["10", "100", "1000"]
    assert rows[1][1] == f"{flaky.rerun_suite(100, flaky.GOOGLE_FLAKY_SHARE).executions:.0f}"
    assert rows[1][2] == f"{flaky.rerun_failed(100, flaky.GOOGLE_FLAKY_SHARE).executions:.0f}"
    assert rows[2][1] == "3.7 x 10^9"  # whole-suite reruns of 1,000 tests
    assert (
        rows[1][3]
        == f"{100 * flaky.rerun_suite(100, flaky.GOOGLE_FLAKY_SHARE, 3).false_alarm:.3g}%"
    )


def test_flaky_mixture_table_sets_the_mixed_suite_beside_the_uniform_one():
    rows = cells(tables.flaky_mixture_table())
    assert [(r[0], r[1]) for r in rows] == [
        (n, model) for n in ("10", "100", "1000") for model in ("uniform", "mixed")
    ]
    mixed = flaky.mixture(flaky.GOOGLE_FLAKY_TESTS, flaky.GOOGLE_FLAKY_SHARE)
    assert rows[2][2] == f"{flaky.rerun_suite(100, flaky.GOOGLE_FLAKY_SHARE).executions:.0f}"
    assert rows[3][2] == f"{flaky.mixed_suite(100, mixed).executions:.0f}"
    capped = flaky.rerun_failed(1000, flaky.GOOGLE_FLAKY_SHARE, 3)
    assert rows[4][3] == f"{100 * capped.false_alarm:.3g}%"
    assert rows[5][3] == f"{100 * flaky.mixed_failed(1000, mixed, 3).false_alarm:.3g}%"


def test_magnitudes_table_adds_up_the_teams_runs():
    rows = {r[0]: r[1:] for r in cells(tables.magnitudes_table())}
    assert len(rows) == 6
    for i, scenario in enumerate(SCENARIOS):
        ci, ml = scenario.services, scenario.models
        assert rows["CI runs a month"][i] == str(ci.services * ci.runs_per_service)
        assert float(rows["One training run: GPU hours"][i]) == ml.gpu_hours_per_run
        runs = ml.models * ml.retrains_per_model * ml.runs_per_retrain
        assert rows["Training runs a month"][i] == str(runs)
        whole = month(ci, ml)
        assert int(rows["CI runner hours a month"][i]) == round(whole.hours("DevOps", "CI runner"))
        gpu = float(rows["GPU training hours a month"][i])
        trains = [d for d in whole.drivers if d.name in tables.TRAINING]
        assert {(d.side, d.machine) for d in trains} == {("MLOps", "GPU machine")}
        assert gpu == pytest.approx(sum(d.hours for d in trains), abs=0.05)
        assert gpu == pytest.approx(runs * ml.gpu_hours_per_run)
        # One run's minutes: every job's, at least the matrix's build and test.
        jobs = ci.linux_jobs + ci.windows_jobs + ci.macos_jobs
        minutes = int(rows["One CI run: runner minutes"][i])
        assert minutes >= jobs * (ci.test_minutes + ci.cached_install_minutes) - 1


def test_suite_growth_table_is_quadratic_for_the_whole_suite():
    rows = [[int(c) for c in r] for r in cells(tables.suite_growth_table())]
    checks = LINES_PER_SERVICE // 2
    for changes, last_whole, last_changed, all_whole, all_changed in rows:
        assert (last_whole, last_changed) == (checks * changes, checks)
        assert (all_whole, all_changed) == (checks * changes * (changes + 1) // 2, checks * changes)


def test_learners_table_fits_the_recorded_seconds():
    rows = cells(tables.learners_table())
    slopes = learner_slopes(load())
    assert [r[0] for r in rows] == [name.replace(",", "") for name in slopes]
    for row, slope in zip(rows, slopes.values(), strict=True):
        assert row[3] == f"{slope.k:.2f} ({slope.low:.2f} to {slope.high:.2f})"
        assert row[4] == f"{2**slope.k:.1f}"
    assert "tree depth" in rows[1][2]


def test_tables_import_no_chart_module():
    """A table needs the snippets and the recorded data, never a chart's code."""
    tree = ast.parse(Path(tables.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.startswith("snippets.charts")]
