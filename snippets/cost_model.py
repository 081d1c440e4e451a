"""What a run of each pipeline costs, in unit operations, for any mix of growth factors.

The per-item counts are not a second formula: they are read from a `Meter` after
running the real pipelines on one generated item. The model then scales them:
a cache skips part of the items, hyperparameter search repeats training, and
workers share the items so the wall-clock work (the makespan) shrinks.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from snippets.devops_pipeline import make_services, run_devops_pipeline
from snippets.meter import Meter
from snippets.mlops_pipeline import make_datasets, run_mlops_pipeline

FOLDS = 5


@dataclass(frozen=True)
class PipelineCost:
    """The cost of one pipeline's run over all its items."""

    items_run: int
    """Items the pipeline processed: the ones the cache did not skip."""
    operations_per_item: int
    """Unit operations for one item, as the pipeline's `Meter` counts them."""
    total_operations: int
    """All the work: `items_run * operations_per_item`, whatever the workers."""
    wall_operations: int
    """Wall-clock work in operation units: the makespan when workers share the items."""


@dataclass(frozen=True)
class PipelineCosts:
    """The DevOps and MLOps pipelines' costs for the same inputs."""

    devops: PipelineCost
    """build, test, deploy per service (no features, no training)."""
    mlops: PipelineCost
    """preprocess, train (repeated by the search), evaluate, deploy per dataset."""


@lru_cache
def devops_operations_per_service() -> int:
    """Run the real DevOps pipeline on one generated service and read its meter."""
    meter = Meter()
    with tempfile.TemporaryDirectory() as target:
        run_devops_pipeline(make_services(1), Path(target), meter)
    return meter.total_operations


@lru_cache
def mlops_operations_per_dataset(features: int) -> tuple[int, int]:
    """(training operations, all other operations) of the real MLOps pipeline on one dataset."""
    meter = Meter()
    with tempfile.TemporaryDirectory() as target:
        run_mlops_pipeline(make_datasets(1, features=features), Path(target), meter)
    training = meter.operations["train_model"]
    return training, meter.total_operations - training


def _cost(items_run: int, per_item: int, workers: int) -> PipelineCost:
    # Equal items shared by `workers`: the busiest worker gets ceil(n / w) of them.
    rounds = math.ceil(items_run / workers)
    return PipelineCost(items_run, per_item, items_run * per_item, rounds * per_item)


# --8<-- [start:model]
def training_runs(candidates: int, folds: int = FOLDS) -> int:
    """Fits per dataset: one without a search, candidates x folds with one.

    Each fit is counted at the cost of a full training run, an upper bound:
    a cross-validation fit trains on (folds - 1) / folds of the rows.
    """
    return 1 if candidates == 1 else candidates * folds


def pipeline_costs(
    items: int,
    features: int,
    candidates: int,
    cache_hit_rate: float,
    workers: int,
    folds: int = FOLDS,
) -> PipelineCosts:
    """Both pipelines' costs over `items` services or datasets.

    `features` is the number of columns per dataset, `candidates` the
    hyperparameter settings tried (1 = no search), `cache_hit_rate` the share of
    items a cache skips (0 to 1), `workers` the items processed in parallel.
    """
    if items < 0 or features < 1 or candidates < 1 or workers < 1 or folds < 2:
        raise ValueError("need items >= 0, features, candidates, workers >= 1, folds >= 2")
    if not 0.0 <= cache_hit_rate <= 1.0:
        raise ValueError(f"cache_hit_rate must be between 0 and 1, not {cache_hit_rate}")
    items_run = items - round(items * cache_hit_rate)
    training, other = mlops_operations_per_dataset(features)
    mlops_per_item = other + training * training_runs(candidates, folds)
    return PipelineCosts(
        devops=_cost(items_run, devops_operations_per_service(), workers),
        mlops=_cost(items_run, mlops_per_item, workers),
    )


# --8<-- [end:model]
