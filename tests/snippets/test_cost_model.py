"""The cost model scales recorded step seconds as its docstrings say, and reads the data file."""

from __future__ import annotations

import math

import pytest

from snippets.cost_model import (
    FOLDS,
    StageSeconds,
    devops_stages,
    finish_seconds,
    fits_per_dataset,
    mlops_stages,
    pipeline_costs,
    recorded_stage_seconds,
    work_seconds,
)
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.mlops_pipeline import ROWS

DEVOPS_STEPS = {"build": 0.002, "test": 0.003, "deploy": 0.005}
MLOPS_STEPS = {
    "preprocess": 0.001,
    "train_model": 0.004,
    "evaluate_model": 0.002,
    "deploy_model": 0.003,
}
STAGES = StageSeconds(
    devops={LINES_PER_SERVICE: DEVOPS_STEPS, 200: {k: 3 * v for k, v in DEVOPS_STEPS.items()}},
    mlops={ROWS: MLOPS_STEPS, 2000: {k: 2 * v for k, v in MLOPS_STEPS.items()}},
)


def costs(**changes):
    arguments = {
        "services": 10,
        "jobs": 1,
        "datasets": 10,
        "candidates": 1,
        "workers": 1,
    }
    return pipeline_costs(**{**arguments, **changes}, stages=STAGES)


def test_one_item_is_the_sum_of_its_steps():
    one = costs(services=1, datasets=1)
    assert one.devops.seconds_per_item == pytest.approx(sum(DEVOPS_STEPS.values()))
    assert one.mlops.seconds_per_item == pytest.approx(sum(MLOPS_STEPS.values()))


def test_a_search_fits_each_candidate_once_per_fold_then_the_best_once_more():
    assert fits_per_dataset(1) == 1  # one candidate is no search: train once
    assert fits_per_dataset(18) == 18 * FOLDS + 1 == 91
    assert fits_per_dataset(6, folds=3) == 19
    searched = costs(candidates=18).mlops.seconds_per_item
    assert searched == pytest.approx(0.001 + 91 * 0.004 + 0.002 + 0.003)
    assert work_seconds(mlops_stages(1, MLOPS_STEPS, 18)) == pytest.approx(searched)


def test_every_matrix_job_builds_and_tests_and_the_service_is_deployed_once():
    assert costs(jobs=12).devops.seconds_per_item == pytest.approx(12 * 0.005 + 0.005)
    assert work_seconds(devops_stages(1, DEVOPS_STEPS, 1)) == pytest.approx(0.01)
    assert costs(jobs=12).mlops == costs().mlops  # the matrix is DevOps only


def test_rows_change_only_the_mlops_side_and_lines_only_the_devops_side():
    small, big = costs(), costs(rows=2000)
    assert big.devops == small.devops
    assert big.mlops.total_seconds == pytest.approx(2 * small.mlops.total_seconds)
    short, long = costs(), costs(lines=200)
    assert long.mlops == short.mlops
    assert long.devops.total_seconds == pytest.approx(3 * short.devops.total_seconds)
    with pytest.raises(ValueError, match="no recorded step times for 400 rows"):
        costs(rows=400)
    with pytest.raises(ValueError, match="no recorded step times for 40 lines"):
        costs(lines=40)


@pytest.mark.parametrize(
    ("items", "workers", "rounds"), [(10, 3, 4), (12, 4, 3), (5, 8, 1), (0, 2, 0)]
)
def test_workers_cut_start_to_finish_not_the_work(items, workers, rounds):
    alone = costs(services=items, datasets=items)
    shared = costs(services=items, datasets=items, workers=workers)
    for side in ("devops", "mlops"):
        a, s = getattr(alone, side), getattr(shared, side)
        assert (
            s.total_seconds
            == pytest.approx(a.total_seconds)
            == pytest.approx(items * a.seconds_per_item)
            == pytest.approx(a.wall_seconds)  # one worker does it all
        )
        # Without a matrix or a search, every stage has one piece per item.
        assert s.wall_seconds == pytest.approx(rounds * s.seconds_per_item)
        assert rounds == math.ceil(items / workers)


def test_matrix_jobs_and_search_fits_run_at_once_on_the_workers():
    """A stage's pieces are shared: 10 services x 12 jobs on 4 workers take 30 rounds of
    build and test, then 3 rounds of deploy; 10 datasets x 91 fits on 4 workers take 3
    rounds of preprocessing, 225 rounds of the 900 search fits, 3 of the refit, 3 of the
    rest."""
    shared = costs(services=10, datasets=10, jobs=12, candidates=18, workers=4)
    assert shared.devops.wall_seconds == pytest.approx(30 * 0.005 + 3 * 0.005)
    assert shared.mlops.wall_seconds == pytest.approx(3 * 0.001 + (225 + 3) * 0.004 + 3 * 0.005)
    assert shared.devops.total_seconds == pytest.approx(10 * (12 * 0.005 + 0.005))
    stages = mlops_stages(10, MLOPS_STEPS, 18)
    assert [stage.pieces for stage in stages] == [10, 900, 10, 10]
    assert finish_seconds(stages, 4) == pytest.approx(shared.mlops.wall_seconds)


@pytest.mark.parametrize(
    "change", [{"services": -1}, {"datasets": -1}, {"jobs": 0}, {"candidates": 0}, {"workers": 0}]
)
def test_rejects_impossible_inputs(change):
    with pytest.raises(ValueError):
        costs(**change)


def test_reads_the_step_seconds_make_measure_recorded(data):
    """Seconds per item come from the runs over `per_item_at` items, the fastest repeat of
    each step; other runs (the other counts of items) are not read."""
    recorded = recorded_stage_seconds(data)
    assert sorted(recorded.devops) == [20, 40, 80] and sorted(recorded.mlops) == [200, 400, 800]
    # The fixture's build takes 0.001 s per service at 20 lines, in its faster repeat.
    assert recorded.devops[20]["build"] == pytest.approx(0.001)
    assert recorded.mlops[200]["deploy_model"] == pytest.approx(0.003)
    # The committed file has the pipelines' default sizes, which pipeline_costs reads.
    recorded = recorded_stage_seconds()
    assert LINES_PER_SERVICE in recorded.devops and ROWS in recorded.mlops
    default = pipeline_costs(1, 1, 1, 1, 1)
    assert default.devops.seconds_per_item == pytest.approx(
        sum(recorded.devops[LINES_PER_SERVICE].values())
    )
