"""The cost model scales recorded step seconds as its docstrings say, and reads the data file."""

from __future__ import annotations

import json
import math

import pytest

from snippets import cost_model
from snippets.cost_model import (
    FOLDS,
    StageSeconds,
    fits_per_dataset,
    pipeline_costs,
    recorded_stage_seconds,
    seconds_per_dataset,
    seconds_per_service,
)
from snippets.devops_pipeline import LINES_PER_SERVICE

DEVOPS_STEPS = {"build": 0.002, "test": 0.003, "deploy": 0.005}
MLOPS_STEPS = {
    "preprocess": 0.001,
    "train_model": 0.004,
    "evaluate_model": 0.002,
    "deploy_model": 0.003,
}
STAGES = StageSeconds(
    devops={LINES_PER_SERVICE: DEVOPS_STEPS},
    mlops={8: MLOPS_STEPS, 32: {k: 2 * v for k, v in MLOPS_STEPS.items()}},
)


def costs(**changes):
    arguments = {
        "services": 10,
        "jobs": 1,
        "datasets": 10,
        "features": 8,
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
    assert seconds_per_dataset(MLOPS_STEPS, 91) == pytest.approx(searched)


def test_every_matrix_job_builds_and_tests_and_the_service_is_deployed_once():
    assert costs(jobs=12).devops.seconds_per_item == pytest.approx(12 * 0.005 + 0.005)
    assert seconds_per_service(DEVOPS_STEPS, 1) == pytest.approx(0.01)
    assert costs(jobs=12).mlops == costs().mlops  # the matrix is DevOps only


def test_features_change_only_the_mlops_side():
    narrow, wide = costs(features=8), costs(features=32)
    assert wide.devops == narrow.devops
    assert wide.mlops.total_seconds == pytest.approx(2 * narrow.mlops.total_seconds)
    with pytest.raises(ValueError, match="no recorded step times for 16 features"):
        costs(features=16)


@pytest.mark.parametrize(
    ("items", "workers", "rounds"), [(10, 3, 4), (12, 4, 3), (5, 8, 1), (0, 2, 0)]
)
def test_workers_cut_wall_seconds_not_total_seconds(items, workers, rounds):
    alone = costs(services=items, datasets=items)
    shared = costs(services=items, datasets=items, workers=workers)
    for side in ("devops", "mlops"):
        a, s = getattr(alone, side), getattr(shared, side)
        assert (
            s.total_seconds
            == pytest.approx(a.total_seconds)
            == pytest.approx(items * a.seconds_per_item)
        )
        assert s.wall_seconds == pytest.approx(rounds * s.seconds_per_item)
        assert rounds == math.ceil(items / workers)


@pytest.mark.parametrize(
    "change", [{"services": -1}, {"datasets": -1}, {"jobs": 0}, {"candidates": 0}, {"workers": 0}]
)
def test_rejects_impossible_inputs(change):
    with pytest.raises(ValueError):
        costs(**change)


def test_reads_the_step_seconds_make_measure_recorded(tmp_path):
    data = {
        "stages": {
            "DevOps": [{"lines": 20, "seconds": DEVOPS_STEPS}],
            "MLOps": [{"features": 8, "seconds": MLOPS_STEPS}],
        }
    }
    path = tmp_path / "wall_times.json"
    path.write_text(json.dumps(data))
    assert recorded_stage_seconds(path) == StageSeconds({20: DEVOPS_STEPS}, {8: MLOPS_STEPS})
    # The committed file has the pipelines' default sizes, which pipeline_costs reads.
    recorded = recorded_stage_seconds()
    assert LINES_PER_SERVICE in recorded.devops and 8 in recorded.mlops
    default = pipeline_costs(1, 1, 1, 8, 1, 1)
    assert default.devops.seconds_per_item == pytest.approx(
        sum(recorded.devops[LINES_PER_SERVICE].values())
    )
    assert cost_model.RECORDED.name == "wall_times.json"
