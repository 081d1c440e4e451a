"""What a run of each pipeline costs, in seconds on one machine, for any mix of growth factors.

The seconds per item are not guessed: `make measure` timed every step of the real
pipelines on one machine (snippets/wall_times.py reads them), over a fixed number of
items as one item grows. The model scales them: every job of a CI test matrix builds
and tests every service, a hyperparameter search trains each dataset once per
candidate and fold and once more for the best candidate, and workers share each
stage's pieces. Two figures come out: all the work (seconds of compute, what a bill
for machine time counts) and the time from start to finish.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.mlops_pipeline import ROWS
from snippets.wall_times import load, per_item_seconds

FOLDS = 5


@dataclass(frozen=True)
class StageSeconds:
    """Seconds per item of each step, as `make measure` recorded them."""

    devops: Mapping[int, Mapping[str, float]]
    """By lines per service: build, test, deploy."""
    mlops: Mapping[int, Mapping[str, float]]
    """By rows per dataset: preprocess, train_model, evaluate_model, deploy_model."""


def recorded_stage_seconds(data: dict | None = None) -> StageSeconds:
    """The per-item step seconds `make measure` recorded (or those of `data`)."""
    data = data or load()
    return StageSeconds(
        devops=per_item_seconds(data, "DevOps"), mlops=per_item_seconds(data, "MLOps")
    )


@dataclass(frozen=True)
class Stage:
    """`pieces` independent pieces of work of `seconds` each: workers can run them at
    once, and the next stage starts when this one's last piece ends."""

    pieces: int
    seconds: float


# --8<-- [start:model]
def fits_per_dataset(candidates: int, folds: int = FOLDS) -> int:
    """Training runs per dataset: one without a search; with one, a fit per candidate
    and fold, then the final fit of the best candidate on all the training rows."""
    return 1 if candidates == 1 else candidates * folds + 1


def devops_stages(services: int, steps: Mapping[str, float], jobs: int) -> list[Stage]:
    """Every job of the CI matrix builds and tests every service, each job on its own
    runner; then each service is deployed once."""
    return [
        Stage(services * jobs, steps["build"] + steps["test"]),
        Stage(services, steps["deploy"]),
    ]


def mlops_stages(datasets: int, steps: Mapping[str, float], candidates: int) -> list[Stage]:
    """Each dataset is preprocessed, trained once per fit (a search's fits can run at
    once; the refit of the best waits for them), evaluated and deployed. A
    cross-validation fit trains on (folds - 1) / folds of the rows but is charged a
    whole training's seconds: an upper bound."""
    train = steps["train_model"]
    searches = fits_per_dataset(candidates) - 1  # 0 without a search
    fits = [Stage(datasets * searches, train)] if searches else []
    return [
        Stage(datasets, steps["preprocess"]),
        *fits,
        Stage(datasets, train),
        Stage(datasets, steps["evaluate_model"] + steps["deploy_model"]),
    ]


def work_seconds(stages: Sequence[Stage]) -> float:
    """All the work, whatever the workers: seconds of compute."""
    return sum(stage.pieces * stage.seconds for stage in stages)


def finish_seconds(stages: Sequence[Stage], workers: int) -> float:
    """Start to finish when `workers` share each stage's pieces: ceil(pieces / workers)
    rounds per stage, one stage after another."""
    return sum(math.ceil(stage.pieces / workers) * stage.seconds for stage in stages)


# --8<-- [end:model]


@dataclass(frozen=True)
class PipelineCost:
    """The cost of one pipeline's run over all its items, in seconds."""

    items: int
    seconds_per_item: float
    """All the work for one item, every matrix job or search fit included."""
    total_seconds: float
    """All the work: seconds of compute, whatever the workers."""
    wall_seconds: float
    """From start to finish, with the workers sharing each stage's pieces."""


@dataclass(frozen=True)
class PipelineCosts:
    devops: PipelineCost
    mlops: PipelineCost


def run_cost(stages_of: Callable[[int], list[Stage]], items: int, workers: int) -> PipelineCost:
    """The cost of a run over `items` items, whose stages `stages_of(items)` gives."""
    stages = stages_of(items)
    return PipelineCost(
        items, work_seconds(stages_of(1)), work_seconds(stages), finish_seconds(stages, workers)
    )


def pipeline_costs(
    services: int,
    jobs: int,
    datasets: int,
    candidates: int,
    workers: int,
    lines: int = LINES_PER_SERVICE,
    rows: int = ROWS,
    stages: StageSeconds | None = None,
) -> PipelineCosts:
    """Both pipelines' seconds: `services` of `lines` lines, built and tested by `jobs`
    matrix jobs; `datasets` of `rows` rows, each searched over `candidates` settings
    (1 = no search); `workers` share each stage of each pipeline."""
    if min(services, datasets) < 0 or min(jobs, candidates, workers) < 1:
        raise ValueError("need services, datasets >= 0 and jobs, candidates, workers >= 1")
    stages = stages or recorded_stage_seconds()
    for unit, size, recorded in (
        ("lines", lines, stages.devops),
        ("rows", rows, stages.mlops),
    ):
        if size not in recorded:
            raise ValueError(f"no recorded step times for {size} {unit}: {sorted(recorded)}")
    devops, mlops = stages.devops[lines], stages.mlops[rows]
    return PipelineCosts(
        devops=run_cost(lambda n: devops_stages(n, devops, jobs), services, workers),
        mlops=run_cost(lambda n: mlops_stages(n, mlops, candidates), datasets, workers),
    )
