"""Incremental runs skip exactly what did not change, code included, never restore a
deployment from a cache but deploy what differs from what is in service, and read
everything to find out what changed."""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import replace

import pytest

from snippets import devops_pipeline, incremental, mlops_pipeline
from snippets.data_versioning import content_digest
from snippets.devops_pipeline import make_services
from snippets.incremental import (
    HASH,
    RunCache,
    run_devops_incremental,
    run_mlops_incremental,
    step_code,
)
from snippets.meter import Meter
from snippets.mlops_pipeline import (
    evaluate_model,
    make_datasets,
    preprocess,
    train_model,
    training_rows,
)

PURE = ["preprocess", "train_model", "evaluate_model"]


def test_devops_rebuilds_only_changed_services_and_hashes_every_one(tmp_path):
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
    # Every service's source was read (as its repr: quotes and escaped newlines) to find
    # the two that changed, each with the code that builds and tests it.
    _, tools = content_digest(*step_code(devops_pipeline.build), *step_code(devops_pipeline.test))
    assert meter.operations[HASH] == sum(len(repr(s.source)) + tools for s in changed)

    meter = Meter()
    assert run_devops_incremental(changed, tmp_path, meter, built) == []
    assert meter.total_calls == 0 and meter.operations[HASH] > 0


@pytest.fixture
def warm_cache(tmp_path):
    cache = RunCache()
    datasets = make_datasets(3)
    run_mlops_incremental(datasets, tmp_path, Meter(), cache)
    assert cache.ran == PURE * 3
    cache.ran.clear()
    return cache, datasets, tmp_path


def test_mlops_unchanged_inputs_rerun_and_redeploy_nothing(warm_cache):
    cache, _, target = warm_cache
    meter = Meter()
    run_mlops_incremental(make_datasets(3), target, meter, cache)  # regenerated, same content
    assert cache.ran == []
    assert dict(meter.calls) == {}  # these models are the ones in service: no deploy
    assert meter.operations[HASH] > 0  # but every input was hashed to know it


def test_mlops_new_hyperparameters_rerun_training_not_preprocessing(warm_cache):
    cache, datasets, target = warm_cache
    meter = Meter()
    run_mlops_incremental(datasets, target, meter, cache, epochs=40)
    assert cache.ran == ["train_model", "evaluate_model"] * 3
    assert meter.calls["preprocess"] == 0
    assert meter.calls["train_model"] == 3 == meter.calls["deploy_model"]


def test_mlops_changed_data_reruns_only_that_dataset(warm_cache):
    cache, datasets, target = warm_cache
    edited = datasets[1].features.copy()
    edited[0, 0] += 1.0
    changed = [datasets[0], replace(datasets[1], features=edited), datasets[2]]
    meter = Meter()
    run_mlops_incremental(changed, target, meter, cache)
    assert cache.ran == PURE
    assert meter.total_calls == 3 + 1  # the changed dataset's pure stages and its deploy
    assert meter.calls["deploy_model"] == 1


def test_mlops_a_number_in_the_middle_of_a_dataset_reruns_its_stages(warm_cache):
    """The key holds the stage's inputs as a tuple; numpy's repr of a long array shows
    only its ends, so an edit in the middle must reach the key through the bytes."""
    cache, datasets, target = warm_cache
    assert datasets[0].features.size > 1000  # past the length numpy's repr summarises
    edited = datasets[0].features.copy()
    edited[100, 3] += 1.0
    run_mlops_incremental([replace(datasets[0], features=edited)], target, Meter(), cache)
    assert cache.ran == PURE


def test_a_reverted_parameter_restores_training_and_deploys_the_restored_model(tmp_path):
    """20 -> 30 -> 20 epochs: the third run restores every pure stage, and deploys, since
    the 30-epoch model is in service: the file holds the 20-epoch model again."""
    [dataset] = make_datasets(1)
    cache = RunCache()
    deployed = tmp_path / f"{dataset.name}.json"
    contents, deploys = [], []
    for epochs in (20, 30, 20):
        cache.ran.clear()
        meter = Meter()
        run_mlops_incremental([dataset], tmp_path, meter, cache, epochs=epochs)
        contents.append(json.loads(deployed.read_text()))
        deploys.append(meter.calls["deploy_model"])
    assert cache.ran == []
    assert deploys == [1, 1, 1]
    assert contents[2] == contents[0] != contents[1]


def test_the_key_holds_the_steps_code(tmp_path, monkeypatch):
    """A changed step is not served from the cache: DVC keys a stage by its command too."""
    [dataset] = make_datasets(1)
    cache = RunCache()
    run_mlops_incremental([dataset], tmp_path, Meter(), cache)
    cache.ran.clear()

    def slower_training(dataset, meter, epochs):  # new code, same stage name and inputs
        return train_model(dataset, meter, epochs=epochs)

    monkeypatch.setattr(incremental, "train_model", slower_training)
    run_mlops_incremental([dataset], tmp_path, Meter(), cache)
    # It trains again; its model is the same as before, so evaluation is restored.
    assert cache.ran == ["train_model"]


def test_a_constant_the_stages_read_reruns_them_and_nothing_is_stale(warm_cache, monkeypatch):
    """The review's experiment: TRAIN_SHARE, read by the helpers that split the rows,
    changed between two runs. Every stage re-runs, and each evaluation the cache holds
    under the new key is the one a fresh run computes, not the old split's."""
    cache, datasets, target = warm_cache
    monkeypatch.setattr(mlops_pipeline, "TRAIN_SHARE", 0.5)
    assert len(training_rows(datasets[0])[1]) == mlops_pipeline.ROWS // 2
    run_mlops_incremental(datasets, target, Meter(), cache)
    assert cache.ran == PURE * len(datasets)
    for dataset in datasets:
        prepared = preprocess(dataset, Meter())
        model = train_model(prepared, Meter())
        fresh = evaluate_model(model, prepared, Meter())
        cache.ran.clear()
        assert cache.run("evaluate_model", evaluate_model, (model, prepared), Meter()) == fresh
        assert cache.ran == []  # restored, and equal to the fresh evaluation


def test_the_code_a_step_calls_is_in_its_key(warm_cache, monkeypatch):
    """A new helper (here, one that trains on the first half of the rows) re-runs every
    stage that calls it, although no step's own source changed."""
    cache, datasets, target = warm_cache

    def first_half(dataset):
        cut = len(dataset.target) // 2
        return dataset.features[:cut], dataset.target[:cut]

    monkeypatch.setattr(mlops_pipeline, "training_rows", first_half)
    run_mlops_incremental(datasets, target, Meter(), cache)
    assert cache.ran == PURE * len(datasets)


def test_what_no_stage_reads_reruns_nothing(warm_cache, monkeypatch):
    """ROWS sizes generated datasets and MIN_GAIN is the gate's default: no cached stage
    reads either, so changing them restores every stage."""
    cache, datasets, target = warm_cache
    monkeypatch.setattr(mlops_pipeline, "ROWS", 50)
    monkeypatch.setattr(mlops_pipeline, "MIN_GAIN", 0.5)
    run_mlops_incremental(datasets, target, Meter(), cache)
    assert cache.ran == []


def test_a_steps_key_holds_its_code_the_code_it_calls_and_the_constants_they_read():
    code = step_code(train_model)
    names = ("train_model", "training_rows", "Model", "TRAIN_SHARE", "passes_gate", "np")
    assert [name for name in names if name in code] == list(names[:4])  # no gate, no library
    assert code[code.index("TRAIN_SHARE") + 1] == mlops_pipeline.TRAIN_SHARE
    assert code[code.index("train_model") + 2] == (mlops_pipeline.EPOCHS,)  # its defaults
    assert code[code.index("Model") + 1].startswith("@dataclass")  # a class by its source


def test_the_key_follows_the_code_that_runs_not_the_file(tmp_path, monkeypatch):
    """A file edited but not imported again still runs its old code: the stage is
    restored. Imported again, the new code runs, under a new key: nothing stale."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.syspath_prepend(str(tmp_path))
    source = tmp_path / "edited_stage.py"
    source.write_text("def step(x, meter):\n    return x + 1\n", encoding="utf-8")
    try:
        module = importlib.import_module("edited_stage")
        cache = RunCache()
        assert cache.run("step", module.step, (1,), Meter()) == 2
        source.write_text("def step(x, meter):\n    return x + 100\n", encoding="utf-8")
        assert cache.run("step", module.step, (1,), Meter()) == 2  # the old code runs
        assert cache.ran == ["step"]
        importlib.invalidate_caches()
        module = importlib.reload(module)
        assert cache.run("step", module.step, (1,), Meter()) == 101
        assert cache.ran == ["step", "step"]
    finally:
        sys.modules.pop("edited_stage", None)


def test_a_value_a_step_closes_over_is_in_its_key(tmp_path):
    def scaled_by(factor):
        def step(dataset, meter):
            return float(dataset.target.sum()) * factor

        return step

    [dataset] = make_datasets(1)
    cache = RunCache()
    for factor in (1.0, 2.0, 1.0):
        cache.run("sum", scaled_by(factor), (dataset,), Meter())
    assert cache.ran == ["sum", "sum"]  # the third is the first's key again


def test_devops_rebuilds_every_service_when_its_build_or_test_code_changes(tmp_path, monkeypatch):
    services = make_services(3)
    built: dict[str, str] = {}
    run_devops_incremental(services, tmp_path, Meter(), built)
    monkeypatch.setattr(devops_pipeline, "LINES_PER_SERVICE", 40)  # read by no step
    assert run_devops_incremental(services, tmp_path, Meter(), built) == []

    original = devops_pipeline.test

    def stricter_test(artifact, meter):  # a new test step, the same services
        return original(artifact, meter) and "assert" in artifact.source

    monkeypatch.setattr(incremental, "test", stricter_test)
    assert len(run_devops_incremental(services, tmp_path, Meter(), built)) == 3


def test_content_digest_counts_the_bytes_it_reads():
    [dataset] = make_datasets(1)
    _, read = content_digest(dataset)
    numbers = dataset.features.size + dataset.target.size
    assert read > 8 * numbers  # eight bytes per number, and the name, dtypes and shapes
    assert read < 8 * numbers + 100


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
    meter = Meter()
    run_mlops_incremental([shuffled], tmp_path, meter, cache)
    assert cache.ran == PURE and meter.calls["deploy_model"] == 0  # rejected: no deploy
    assert cache.in_service == {}  # and the model in service, if any, stays recorded
