"""What a team's pipelines cost in a month, in runner hours and US dollars: a model.

Two sides. DevOps is the CI of a team's services: runs per month x matrix jobs x billed
minutes, re-runs after flaky failures, container image builds, and the storage of
images and artifacts. MLOps is what continuous training adds: GPU training runs (more
of them with a hyperparameter search), CPU work around them, labelling, and the storage
of data and model versions. An ML team runs CI for its code as well; that is the first
side's model again.

The prices are public and dated, read at their sources (data/prices.toml); the amounts
of work are inputs, which the page's scenarios and explorer set. Nothing here is
measured: it is arithmetic on stated assumptions, and the page says so.

docs/assets/javascripts/team-costs.js computes the same months in the reader's browser;
a browser test holds the two to the same numbers. Keep their formulas, and the order of
their arithmetic, alike.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
PRICES = DATA / "prices.toml"
RUNS = DATA / "training_runs.toml"

DEVOPS, MLOPS = "DevOps", "MLOps"
# Floating-point sums can land a hair above a whole minute (2.2 + 0.8 is
# 3.0000000000000004); a job that took 3 minutes is billed 3, not 4.
MINUTE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Price:
    """One public price, as read at its source."""

    key: str
    label: str
    value: float
    unit: str
    source: str  # the source's name, as the page cites it
    reference: str
    read: date
    quote: str
    context: str


@cache
def load_prices(path: Path = PRICES) -> dict[str, Price]:
    """The prices in data/prices.toml, by key."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {key: Price(key=key, **entry) for key, entry in data.items()}


@dataclass(frozen=True)
class TrainingRun:
    """A published training run: what, on how many devices, for how long."""

    key: str
    model: str
    devices: tuple[int, int]  # low, high (equal when the source gives one number)
    hardware: str
    hours: float
    bound: str  # "about" or "at most": how the source states the time
    source: str
    reference: str
    read: date
    quote: str

    @property
    def device_hours(self) -> tuple[float, float]:
        low, high = self.devices
        return low * self.hours, high * self.hours


@cache
def load_training_runs(path: Path = RUNS) -> tuple[TrainingRun, ...]:
    """The published runs in data/training_runs.toml, in file order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        TrainingRun(key=key, **{**entry, "devices": tuple(entry["devices"])})
        for key, entry in data.items()
    )


# --8<-- [start:inputs]
@dataclass(frozen=True)
class Rates:
    """What the model charges: each a price from data/prices.toml, or the reader's own."""

    linux_minute: float  # USD per minute of a Linux runner (also the CPU work of training)
    windows_minute: float
    macos_minute: float
    gpu_minute: float  # USD per minute of a GPU runner
    storage_gb_month: float  # USD per GB stored for a month
    label_task: float  # USD paid to one worker for labelling one object


@dataclass(frozen=True)
class CIWork:
    """A month of CI for a team's services."""

    services: int
    runs_per_service: float  # CI runs a month: pushes, pull requests, schedules
    linux_jobs: int  # matrix jobs per run, by operating system
    windows_jobs: int
    macos_jobs: int
    test_minutes: float  # building and testing, per job
    install_minutes: float  # installing dependencies, per job, when the cache misses
    cached_install_minutes: float  # the same, when the cache hits
    cache_hit_rate: float  # share of jobs whose cache hits, 0 to 1
    rerun_rate: float  # share of runs re-run in full after a flaky failure, 0 to 1
    image_builds_per_service: float  # container image builds a month
    image_build_minutes: float
    stored_gb_per_service: float  # images and artifacts kept


@dataclass(frozen=True)
class TrainingWork:
    """A month of continuous training for a team's models."""

    models: int
    retrains_per_model: float  # retraining runs a month: schedule, new data, drift
    gpu_hours_per_run: float  # one training run
    runs_per_retrain: int  # 1; with a search, candidates x folds + 1
    cpu_hours_per_retrain: float  # preparing and validating data, evaluating the model
    labels_per_month: float  # objects sent to labellers
    workers_per_label: int  # labellers who see each object
    gb_per_version: float  # one version of a model's data and model
    versions_kept: int  # per model


# --8<-- [end:inputs]


CPU, GPU, NO_RUNNER = "CPU runner", "GPU runner", ""


@dataclass(frozen=True)
class Driver:
    """One cost driver's month: the runner hours it bills, on which kind of runner (none
    for labels and storage), and its US dollars."""

    side: str
    name: str
    runner: str
    hours: float
    dollars: float


# --8<-- [start:model]
def billed_minutes(minutes: float) -> int:
    """GitHub bills each job's minutes rounded up to a whole minute (none for no job)."""
    return max(0, math.ceil(minutes - MINUTE_TOLERANCE))


def ci_month(work: CIWork, rates: Rates) -> list[Driver]:
    """A month of CI: first runs by operating system, re-runs, image builds, storage."""
    hit = billed_minutes(work.test_minutes + work.cached_install_minutes)
    miss = billed_minutes(work.test_minutes + work.install_minutes)
    per_job = work.cache_hit_rate * hit + (1 - work.cache_hit_rate) * miss
    runs = work.services * work.runs_per_service
    by_os = [
        ("Linux jobs", work.linux_jobs, rates.linux_minute),
        ("Windows jobs", work.windows_jobs, rates.windows_minute),
        ("macOS jobs", work.macos_jobs, rates.macos_minute),
    ]
    drivers = []
    rerun_minutes = rerun_dollars = 0.0
    for name, jobs, rate in by_os:
        minutes = runs * jobs * per_job
        drivers.append(Driver(DEVOPS, name, CPU, minutes / 60, minutes * rate))
        rerun_minutes += work.rerun_rate * minutes
        rerun_dollars += work.rerun_rate * minutes * rate
    drivers.append(
        Driver(DEVOPS, "Re-runs after flaky failures", CPU, rerun_minutes / 60, rerun_dollars)
    )
    images = work.services * work.image_builds_per_service
    image_minutes = images * billed_minutes(work.image_build_minutes)
    drivers.append(
        Driver(DEVOPS, "Image builds", CPU, image_minutes / 60, image_minutes * rates.linux_minute)
    )
    stored = work.services * work.stored_gb_per_service
    storage = stored * rates.storage_gb_month
    drivers.append(Driver(DEVOPS, "Storage of images and artifacts", NO_RUNNER, 0.0, storage))
    return drivers


def training_month(work: TrainingWork, rates: Rates) -> list[Driver]:
    """A month of continuous training: the training runs that ship, the extra runs of a
    search, CPU work, labelling, storage of versions."""
    retrains = work.models * work.retrains_per_model
    run_minutes = billed_minutes(work.gpu_hours_per_run * 60)
    final = retrains * run_minutes
    search = retrains * (work.runs_per_retrain - 1) * run_minutes
    cpu = retrains * billed_minutes(work.cpu_hours_per_retrain * 60)
    tasks = work.labels_per_month * work.workers_per_label
    stored = work.models * work.gb_per_version * work.versions_kept
    return [
        Driver(MLOPS, "GPU training", GPU, final / 60, final * rates.gpu_minute),
        Driver(MLOPS, "Hyperparameter search", GPU, search / 60, search * rates.gpu_minute),
        Driver(MLOPS, "CPU work", CPU, cpu / 60, cpu * rates.linux_minute),
        Driver(MLOPS, "Labelling", NO_RUNNER, 0.0, tasks * rates.label_task),
        Driver(
            MLOPS,
            "Storage of data and model versions",
            NO_RUNNER,
            0.0,
            stored * rates.storage_gb_month,
        ),
    ]


# --8<-- [end:model]


@dataclass(frozen=True)
class Month:
    """Both sides' drivers for one month."""

    drivers: tuple[Driver, ...]

    def dollars(self, side: str) -> float:
        return sum(d.dollars for d in self.drivers if d.side == side)

    def hours(self, side: str, runner: str) -> float:
        """Runner hours of one side on one kind of runner: hours compare only with hours
        of the same kind."""
        return sum(d.hours for d in self.drivers if d.side == side and d.runner == runner)

    def largest(self, side: str | None = None) -> Driver:
        """The driver with the most dollars, of one side or of both (the first on a tie)."""
        candidates = [d for d in self.drivers if side in (None, d.side)]
        return max(candidates, key=lambda d: d.dollars)

    def share(self, driver: Driver) -> float:
        """The driver's part of both sides' dollars."""
        total = self.dollars(DEVOPS) + self.dollars(MLOPS)
        return driver.dollars / total if total else 0.0


def check(work: CIWork | TrainingWork) -> None:
    """Reject amounts a month cannot have: negative counts, shares outside 0 to 1, no run."""
    for field in fields(work):
        if getattr(work, field.name) < 0:
            raise ValueError(f"{field.name} must be 0 or more, not {getattr(work, field.name)}")
    for name in ("cache_hit_rate", "rerun_rate"):
        if getattr(work, name, 0) > 1:
            raise ValueError(f"{name} is a share: between 0 and 1")
    if isinstance(work, TrainingWork) and work.runs_per_retrain < 1:
        raise ValueError("runs_per_retrain must be 1 or more: a retraining trains once")


def month(ci: CIWork, training: TrainingWork, rates: Rates | None = None) -> Month:
    """Both sides' month, at the published prices unless `rates` says otherwise."""
    check(ci)
    check(training)
    rates = rates or published_rates()
    return Month((*ci_month(ci, rates), *training_month(training, rates)))


def published_rates() -> Rates:
    """The rates as data/prices.toml has them."""
    prices = load_prices()
    return Rates(**{field.name: prices[field.name].value for field in fields(Rates)})


@dataclass(frozen=True)
class Scenario:
    name: str
    ci: CIWork
    training: TrainingWork


# Three illustrative teams: the amounts of work are assumptions, chosen to show where
# each kind of driver takes over; only the prices come from sources. The ML-heavy
# team's training run, three GPU-hours, stands for a fine-tuning that takes "a few
# hours on a GPU" (the BERT README, data/training_runs.toml).
SERVICE_HEAVY = Scenario(
    "Many services, a little ML",
    CIWork(
        services=40,
        runs_per_service=250,
        linux_jobs=4,
        windows_jobs=1,
        macos_jobs=1,
        test_minutes=9,
        install_minutes=4,
        cached_install_minutes=1,
        cache_hit_rate=0.8,
        rerun_rate=0.05,
        image_builds_per_service=20,
        image_build_minutes=6,
        stored_gb_per_service=20,
    ),
    TrainingWork(
        models=2,
        retrains_per_model=4,
        gpu_hours_per_run=0,
        runs_per_retrain=1,
        cpu_hours_per_retrain=1,
        labels_per_month=0,
        workers_per_label=1,
        gb_per_version=10,
        versions_kept=10,
    ),
)
ML_HEAVY = Scenario(
    "A few services, many models",
    CIWork(
        services=5,
        runs_per_service=120,
        linux_jobs=2,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=6,
        install_minutes=3,
        cached_install_minutes=1,
        cache_hit_rate=0.8,
        rerun_rate=0.05,
        image_builds_per_service=10,
        image_build_minutes=6,
        stored_gb_per_service=10,
    ),
    TrainingWork(
        models=8,
        retrains_per_model=4,
        gpu_hours_per_run=3,
        runs_per_retrain=11,
        cpu_hours_per_retrain=2,
        labels_per_month=30_000,
        workers_per_label=3,
        gb_per_version=50,
        versions_kept=12,
    ),
)
SMALL_TEAM = Scenario(
    "A small team",
    CIWork(
        services=3,
        runs_per_service=60,
        linux_jobs=1,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=5,
        install_minutes=2,
        cached_install_minutes=0.5,
        cache_hit_rate=0.8,
        rerun_rate=0.05,
        image_builds_per_service=8,
        image_build_minutes=4,
        stored_gb_per_service=2,
    ),
    TrainingWork(
        models=1,
        retrains_per_model=1,
        gpu_hours_per_run=0.5,
        runs_per_retrain=1,
        cpu_hours_per_retrain=0.5,
        labels_per_month=1_000,
        workers_per_label=1,
        gb_per_version=5,
        versions_kept=6,
    ),
)
SCENARIOS = (SERVICE_HEAVY, ML_HEAVY, SMALL_TEAM)


def doubled(scenario: Scenario, name: str) -> Scenario:
    """The scenario with one input doubled (a share is doubled up to 1)."""
    for side in ("ci", "training"):
        work = getattr(scenario, side)
        if name in {f.name for f in fields(work)}:
            value = getattr(work, name) * 2
            if name.endswith("_rate"):
                value = min(value, 1.0)
            return replace(scenario, **{side: replace(work, **{name: value})})
    raise KeyError(f"no input named {name!r}")
