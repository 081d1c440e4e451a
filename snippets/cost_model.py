"""What a run of each pipeline costs, in seconds on one machine, for any mix of growth factors.

The seconds per item are not guessed: `make measure` timed every step of the real
pipelines on one machine and stored them, with the date and the machine, in
data/wall_times.json. The model scales them: a CI test matrix repeats a service's
build and test once per job, a hyperparameter search repeats a dataset's training
once per fit, and workers share the items, so the wall-clock seconds (the makespan)
shrink while the total does not.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from snippets.devops_pipeline import LINES_PER_SERVICE

FOLDS = 5
RECORDED = Path(__file__).resolve().parents[1] / "data" / "wall_times.json"


@dataclass(frozen=True)
class StageSeconds:
    """Seconds per item of each step, as `make measure` recorded them."""

    devops: Mapping[int, Mapping[str, float]]
    """By lines per service: build, test, deploy."""
    mlops: Mapping[int, Mapping[str, float]]
    """By features per dataset: preprocess, train_model, evaluate_model, deploy_model."""


@cache
def recorded_stage_seconds(path: Path = RECORDED) -> StageSeconds:
    """The per-item step seconds stored in data/wall_times.json (read once)."""
    stages = json.loads(path.read_text(encoding="utf-8"))["stages"]
    return StageSeconds(
        devops={row["lines"]: row["seconds"] for row in stages["DevOps"]},
        mlops={row["features"]: row["seconds"] for row in stages["MLOps"]},
    )


@dataclass(frozen=True)
class PipelineCost:
    """The cost of one pipeline's run over all its items, in seconds."""

    items: int
    seconds_per_item: float
    total_seconds: float
    """All the work: `items * seconds_per_item`, whatever the workers."""
    wall_seconds: float
    """From start to finish when workers share the items: the busiest worker's share."""


@dataclass(frozen=True)
class PipelineCosts:
    devops: PipelineCost
    mlops: PipelineCost


# --8<-- [start:model]
def fits_per_dataset(candidates: int, folds: int = FOLDS) -> int:
    """Training runs per dataset: one without a search; with one, a fit per candidate
    and fold, then the final fit of the best candidate on all the training rows."""
    return 1 if candidates == 1 else candidates * folds + 1


def seconds_per_service(steps: Mapping[str, float], jobs: int) -> float:
    """Every job of the CI matrix builds and tests the service; it is deployed once."""
    return jobs * (steps["build"] + steps["test"]) + steps["deploy"]


def seconds_per_dataset(steps: Mapping[str, float], fits: int) -> float:
    """Training runs once per fit; the other steps once per dataset."""
    once = steps["preprocess"] + steps["evaluate_model"] + steps["deploy_model"]
    return once + fits * steps["train_model"]


# --8<-- [end:model]


def run_cost(items: int, seconds_per_item: float, workers: int) -> PipelineCost:
    """Equal items shared by `workers`: the busiest worker gets ceil(items / workers)."""
    rounds = math.ceil(items / workers)
    return PipelineCost(
        items, seconds_per_item, items * seconds_per_item, rounds * seconds_per_item
    )


def pipeline_costs(
    services: int,
    jobs: int,
    datasets: int,
    features: int,
    candidates: int,
    workers: int,
    stages: StageSeconds | None = None,
) -> PipelineCosts:
    """Both pipelines' seconds: `services` built and tested by `jobs` matrix jobs each;
    `datasets` of `features` columns, each searched over `candidates` settings (1 = no
    search); `workers` share each pipeline's items."""
    if min(services, datasets) < 0 or min(jobs, candidates, workers) < 1:
        raise ValueError("need services, datasets >= 0 and jobs, candidates, workers >= 1")
    stages = stages or recorded_stage_seconds()
    if features not in stages.mlops:
        raise ValueError(f"no recorded step times for {features} features: {sorted(stages.mlops)}")
    per_service = seconds_per_service(stages.devops[LINES_PER_SERVICE], jobs)
    per_dataset = seconds_per_dataset(stages.mlops[features], fits_per_dataset(candidates))
    return PipelineCosts(
        devops=run_cost(services, per_service, workers),
        mlops=run_cost(datasets, per_dataset, workers),
    )
