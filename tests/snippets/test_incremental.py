"""Incremental runs skip exactly what did not change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from snippets.devops_pipeline import make_services
from snippets.incremental import RunCache, run_devops_incremental, run_mlops_incremental
from snippets.meter import Meter
from snippets.mlops_pipeline import make_datasets

STAGES = ["preprocess", "train_model", "evaluate_model", "deploy_model"]


def test_devops_rebuilds_only_changed_services(tmp_path):
    services = make_services(10)
    built: dict[str, str] = {}
    assert len(run_devops_incremental(services, tmp_path, Meter(), built)) == 10

    changed = list(services)
    for i in (2, 7):
        changed[i] = replace(services[i], source=services[i].source + "# edited\n")
    meter = Meter()
    rebuilt = run_devops_incremental(changed, tmp_path, meter, built)
    assert rebuilt == ["service-0002", "service-0007"]
    assert meter.total_calls == 3 * 2  # build, test, deploy for each changed service

    meter = Meter()
    assert run_devops_incremental(changed, tmp_path, meter, built) == []
    assert meter.total_calls == 0


@pytest.fixture
def warm_cache(tmp_path):
    cache = RunCache()
    datasets = make_datasets(3)
    run_mlops_incremental(datasets, tmp_path, Meter(), cache)
    assert cache.ran == STAGES * 3
    cache.ran.clear()
    return cache, datasets, tmp_path


def test_mlops_unchanged_inputs_rerun_nothing(warm_cache):
    cache, _, target = warm_cache
    meter = Meter()
    run_mlops_incremental(make_datasets(3), target, meter, cache)  # regenerated, same content
    assert cache.ran == []
    assert meter.total_operations == 0


def test_mlops_new_hyperparameters_rerun_training_not_preprocessing(warm_cache):
    cache, datasets, target = warm_cache
    meter = Meter()
    run_mlops_incremental(datasets, target, meter, cache, epochs=40)
    assert cache.ran == ["train_model", "evaluate_model", "deploy_model"] * 3
    assert meter.calls["preprocess"] == 0
    assert meter.calls["train_model"] == 3


def test_mlops_changed_data_reruns_only_that_dataset(warm_cache):
    cache, datasets, target = warm_cache
    edited = datasets[1].features.copy()
    edited[0, 0] += 1.0
    changed = [datasets[0], replace(datasets[1], features=edited), datasets[2]]
    meter = Meter()
    run_mlops_incremental(changed, target, meter, cache)
    assert cache.ran == STAGES
    assert meter.total_calls == 4


def test_gates_hold_in_incremental_runs(tmp_path):
    [service] = make_services(1)
    broken = replace(service, source=service.source.replace("x *", "x -", 1))
    built: dict[str, str] = {}
    assert run_devops_incremental([broken], tmp_path, Meter(), built) == [service.name]
    assert built == {} and not list(tmp_path.glob("*.zip"))  # not deployed, not recorded
    meter = Meter()
    run_devops_incremental([broken], tmp_path, meter, built)
    assert meter.calls["build"] == 1  # a failed build is tried again

    [dataset] = make_datasets(1)
    shuffled = replace(dataset, target=dataset.target[::-1].copy())
    cache = RunCache()
    run_mlops_incremental([shuffled], tmp_path, Meter(), cache)
    assert cache.ran == ["preprocess", "train_model", "evaluate_model"]  # rejected: no deploy
