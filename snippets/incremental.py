"""Incremental runs: redo only what changed, keyed by the content hash of the inputs.

DevOps: a service whose source has the same hash as at its last build is not
rebuilt. MLOps: each pure stage's key is the hash of its code, its inputs and its
parameters, as DVC keys a stage by its command, dependencies and parameters; a stage
whose key was seen before is restored instead of re-run, as `dvc repro` and DVC's
run-cache do. Changing a hyperparameter re-runs training and what follows it, never
preprocessing. Deploying is not pure (it changes what is in service), so it is never
restored from a cache. On both sides it runs when what passed the gate differs from
what is in service: DevOps deploys the services it rebuilt, MLOps a model whose
content hash differs from the one in service, which it records as DVC's lock file
records the outputs of the last run. Both sides keep their gate: a service whose
tests fail, or a model that does not beat the baseline, is not deployed. Finding what
changed still reads everything: the meter counts the bytes each side hashes, as the
step "hash".
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from snippets.data_versioning import content_digest
from snippets.devops_pipeline import Service, build, deploy, test
from snippets.meter import Meter
from snippets.mlops_pipeline import (
    EPOCHS,
    Dataset,
    deploy_model,
    evaluate_model,
    passes_gate,
    preprocess,
    train_model,
)

HASH = "hash"  # the meter's name for hashing, counted in bytes read


# --8<-- [start:devops]
def run_devops_incremental(
    services: list[Service], target: Path, meter: Meter, built: dict[str, str]
) -> list[str]:
    """Build and test only services whose source changed (deploy those that pass); return
    the names of the services it built."""
    rebuilt = []
    for service in services:
        key, read = content_digest(service.source)
        meter.count(HASH, read)  # every service is read to learn whether it changed
        if built.get(service.name) == key:
            continue  # unchanged since its last build: its artifact still stands
        artifact = build(service, meter)
        if test(artifact, meter):
            deploy(artifact, target, meter)
            built[service.name] = key  # a failed build is tried again next run
        rebuilt.append(service.name)
    return rebuilt


# --8<-- [end:devops]


# --8<-- [start:mlops]
class RunCache:
    """Outputs of pure stages keyed by (stage, hash of the step's code, its inputs and its
    parameters), like DVC's run-cache; and the content hash of the model each dataset
    has in service, like the outputs DVC's lock file records for the last run."""

    def __init__(self) -> None:
        self.outputs: dict[tuple[str, str], Any] = {}
        self.ran: list[str] = []  # the stages that really ran, in order
        self.in_service: dict[str, str] = {}  # dataset name -> its deployed model's hash

    def run(
        self, stage: str, step: Callable[..., Any], inputs: tuple, meter: Meter, **params: Any
    ) -> Any:
        code = inspect.getsource(step)  # a changed step is a new stage, as in DVC
        digest, read = content_digest(code, inputs, sorted(params.items()))
        meter.count(HASH, read)
        key = (stage, digest)
        if key not in self.outputs:
            self.outputs[key] = step(*inputs, meter, **params)
            self.ran.append(stage)
        return self.outputs[key]


def run_mlops_incremental(
    datasets: list[Dataset], target: Path, meter: Meter, cache: RunCache, epochs: int = EPOCHS
) -> None:
    for dataset in datasets:
        prepared = cache.run("preprocess", preprocess, (dataset,), meter)
        model = cache.run("train_model", train_model, (prepared,), meter, epochs=epochs)
        result = cache.run("evaluate_model", evaluate_model, (model, prepared), meter)
        if not passes_gate(result.model_error, result.baseline_error):
            continue  # the model in service stays
        key, read = content_digest(model)
        meter.count(HASH, read)
        # Deploying changes what is in service, so it is never restored from the cache
        # (that would hand back an old file's path and leave another model serving); it
        # runs when the model differs from the one in service, as after a reverted change.
        if cache.in_service.get(dataset.name) != key:
            deploy_model(model, target, meter)
            cache.in_service[dataset.name] = key


# --8<-- [end:mlops]
