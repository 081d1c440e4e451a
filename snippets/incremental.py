"""Incremental runs: redo only what changed, keyed by content hashes.

DevOps: a service is rebuilt when its source, or the code that builds and tests it,
differs from its last build. MLOps: each pure stage's key is the hash of its code, its
inputs and its parameters; a stage whose key was seen before is restored instead of re-
run. A stage's code is `step_code(step)`: the step's compiled code and, in turn, that of
every function of the project it uses (a class by its source), and the value of every
module-level constant they read, so changing TRAIN_SHARE re-runs every stage that splits
the rows, and changing the gate re-runs none. DVC keys a run by a stage's command, the
contents of the files it declares as dependencies and the values of its parameters; it
sees a change to the code only in a file the stage lists. Changing a hyperparameter re-
runs training and what follows it, never preprocessing. Deploying is not pure (it
changes what is in service), so it is never restored from a cache. On both sides it runs
when what passed the gate differs from what is in service: DevOps deploys the services
it rebuilt, MLOps a model whose content hash differs from the one in service, which it
records as DVC's lock file records the outputs of the last run. Both sides keep their
gate: a service whose tests fail, or a model that does not beat the baseline, is not
deployed. Finding what changed still reads everything: the meter counts the bytes each
side hashes, code included, as the step "hash".
"""

from __future__ import annotations

import hashlib
import inspect
import marshal
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


# --8<-- [start:code]
def step_code(step: Callable[..., Any]) -> list[Any]:
    """What a step's result depends on besides its arguments, name after name: the
    step's compiled code, then in turn that of every function of the project it uses
    (a class by its source), their default arguments, and the value of every
    module-level constant they read.

    Compiled code rather than the file's text: a file edited but not imported again
    still runs its old code, and the key must say what runs. The project is the
    `snippets` package and the step's own package; libraries (numpy, the standard
    library) are left out: the requirements file pins them. Only names a function
    reads directly are followed: a function reached as a module's attribute
    (`helpers.scale(x)`) is not, and its changes stay outside the key.
    """
    project = {__name__.split(".")[0], step.__module__.split(".")[0]}
    code: list[Any] = []
    waiting, seen = [step], set()
    while waiting:
        item = waiting.pop(0)
        if item in seen:
            continue
        seen.add(item)
        if inspect.isclass(item):
            code += [item.__qualname__, inspect.getsource(item)]
        for function in _functions(item):
            compiled = hashlib.sha256(marshal.dumps(function.__code__, 2)).hexdigest()
            code += [function.__qualname__, compiled, function.__defaults__]
            code.append(function.__kwdefaults__)
            for name, value in _names_read(function):
                if inspect.isfunction(value) or inspect.isclass(value):
                    if value.__module__.split(".")[0] in project:
                        waiting.append(value)  # the project's code: follow it
                elif not inspect.ismodule(value):
                    code += [name, value]  # a constant, such as TRAIN_SHARE
    return code


def _functions(item: Any) -> list[Any]:
    """A function, or the methods written in a class's source (not those generated)."""
    if inspect.isfunction(item):
        return [item]
    file = inspect.getsourcefile(item)
    return [
        f for f in vars(item).values() if inspect.isfunction(f) and f.__code__.co_filename == file
    ]


def _names_read(function: Any) -> list[tuple[str, Any]]:
    """The module-level names a function's code reads (nested code included), and the
    variables it closes over, with their values."""
    names, codes = [], [function.__code__]
    while codes:
        code = codes.pop()
        names += code.co_names
        codes += [c for c in code.co_consts if inspect.iscode(c)]
    read = [(n, function.__globals__[n]) for n in dict.fromkeys(names) if n in function.__globals__]
    cells = zip(function.__code__.co_freevars, function.__closure__ or (), strict=True)
    return read + [(name, cell.cell_contents) for name, cell in cells]


# --8<-- [end:code]


# --8<-- [start:devops]
def run_devops_incremental(
    services: list[Service], target: Path, meter: Meter, built: dict[str, str]
) -> list[str]:
    """Build and test only services whose source, or the code that builds and tests
    them, changed (deploy those that pass); return the names of the services it built."""
    tools = [*step_code(build), *step_code(test)]  # a new build or test step rebuilds all
    rebuilt = []
    for service in services:
        key, read = content_digest(service.source, *tools)
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
        # A change to the step's code, or to code or a constant it uses, is a new key.
        digest, read = content_digest(*step_code(step), inputs, sorted(params.items()))
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
