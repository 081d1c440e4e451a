"""What a team's pipelines and production cost in a month, in machine hours and US
dollars: a model.

Two practices, and the product they run. DevOps is what a team's practice for its
services costs: the CI of each run (matrix jobs x billed minutes, an integration suite,
re-runs after flaky failures), container image builds, the storage of images and
artifacts, and staging and preview environments. MLOps is what the practice for its
models adds: GPU training runs (more of them with a hyperparameter search), CPU work
around them, feature pipelines and backfills, labelling, the storage of data and model
versions, and new models tried in staging or shadow. An ML team runs CI for its code as
well; that is the first practice's model again. Running the product, the
machines that serve the services and the models, is a third group, kept apart: hosting
is not a cost of either practice, so it is never summed into one.

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

DEVOPS, MLOPS, PRODUCT = "DevOps", "MLOps", "Running the product"
# The two practices compare like with like; running the product is shown apart.
PRACTICES = (DEVOPS, MLOPS)
GROUPS = (*PRACTICES, PRODUCT)
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

    linux_minute: float  # USD per minute of a hosted CI runner, by operating system
    windows_minute: float
    macos_minute: float
    gpu_hour: float  # USD per hour of a cloud machine with one GPU, for training
    gpu_serving_hour: float  # USD per hour of a machine with one GPU, serving a model
    cpu_machine_hour: float  # USD per hour of a cloud CPU machine (serving, data, evaluation)
    storage_gb_month: float  # USD per GB stored for a month
    label_task: float  # USD paid to one worker for labelling one object


@dataclass(frozen=True)
class ServiceWork:
    """A month of a team's services: their CI, and the machines that serve them."""

    services: int
    runs_per_service: float  # CI runs a month: pushes, pull requests, schedules
    linux_jobs: int  # matrix jobs per run, by operating system
    windows_jobs: int
    macos_jobs: int
    test_minutes: float  # building and testing, per matrix job
    integration_minutes: float  # the integration suite, one more Linux job per run (0: none)
    install_minutes: float  # installing dependencies, per job, when the cache misses
    cached_install_minutes: float  # the same, when the cache hits
    cache_hit_rate: float  # share of jobs whose cache hits, 0 to 1
    rerun_rate: float  # share of runs re-run in full after a flaky failure, 0 to 1
    image_builds_per_service: float  # container image builds a month
    image_build_minutes: float
    stored_gb_per_service: float  # images and artifacts kept
    environment_machines_per_service: float  # CPU machines in staging and preview, all month
    serving_machines_per_service: float  # CPU machines running all month, on average


@dataclass(frozen=True)
class ModelWork:
    """A month of a team's models: training, data pipelines, labels, versions, serving."""

    models: int
    retrains_per_model: float  # retraining runs a month: schedule, new data, drift
    gpu_hours_per_run: float  # one training run, on one GPU
    runs_per_retrain: int  # 1; with a search, candidates x folds + 1
    cpu_hours_per_retrain: float  # validating the data, evaluating the model
    feature_hours_per_day: float  # CPU machine hours to turn one day of data into features
    backfills_per_month: float  # recomputations of past features (a fix, a new feature)
    backfill_days: float  # days of history one backfill recomputes
    labels_per_month: float  # objects sent to labellers
    workers_per_label: int  # labellers who see each object
    gb_per_version: float  # one version of a model's data and model
    versions_kept: int  # per model
    staging_gpus_per_model: float  # GPU machines per model in staging or shadow, all month
    gpu_serving_per_model: float  # GPU machines serving each model, on average
    cpu_serving_per_model: float  # CPU machines serving each model, on average


# --8<-- [end:inputs]


CI_RUNNER, CPU, GPU, NO_MACHINE = "CI runner", "CPU machine", "GPU machine", ""
# Machines that serve run all month; a month of them is 730 hours, as the serving
# prices' own example counts it (Hugging Face's Inference Endpoints pricing).
HOURS_PER_MONTH = 730
DAYS_PER_MONTH = HOURS_PER_MONTH / 24


@dataclass(frozen=True)
class Driver:
    """One cost driver's month: its group (a practice, or running the product), the
    machine hours it bills, on which kind of machine (none for labels and storage), and
    its US dollars."""

    side: str
    name: str
    machine: str
    hours: float
    dollars: float


# --8<-- [start:model]
def billed_minutes(minutes: float) -> int:
    """Each job or run is billed in whole minutes, rounded up (none for no job)."""
    return max(0, math.ceil(minutes - MINUTE_TOLERANCE))


def per_job(minutes: float, work: ServiceWork) -> float:
    """A job's billed minutes, on average: the cache hits in a share of the jobs."""
    hit = billed_minutes(minutes + work.cached_install_minutes)
    miss = billed_minutes(minutes + work.install_minutes)
    return work.cache_hit_rate * hit + (1 - work.cache_hit_rate) * miss


def services_month(work: ServiceWork, rates: Rates) -> list[Driver]:
    """A month of services: CI jobs by operating system, the integration suite, re-runs,
    image builds, storage, staging and preview environments, and serving."""
    runs = work.services * work.runs_per_service
    matrix = per_job(work.test_minutes, work)
    integration = per_job(work.integration_minutes, work) if work.integration_minutes else 0
    jobs = [
        ("Linux jobs", work.linux_jobs * matrix, rates.linux_minute),
        ("Integration suite", integration, rates.linux_minute),
        ("Windows jobs", work.windows_jobs * matrix, rates.windows_minute),
        ("macOS jobs", work.macos_jobs * matrix, rates.macos_minute),
    ]
    drivers = []
    rerun_minutes = rerun_dollars = 0.0
    for name, minutes_per_run, rate in jobs:
        minutes = runs * minutes_per_run
        drivers.append(Driver(DEVOPS, name, CI_RUNNER, minutes / 60, minutes * rate))
        rerun_minutes += work.rerun_rate * minutes
        rerun_dollars += work.rerun_rate * minutes * rate
    drivers.append(
        Driver(DEVOPS, "Re-runs after flaky failures", CI_RUNNER, rerun_minutes / 60, rerun_dollars)
    )
    images = work.services * work.image_builds_per_service
    image_minutes = images * billed_minutes(work.image_build_minutes)
    image_dollars = image_minutes * rates.linux_minute
    drivers.append(Driver(DEVOPS, "Image builds", CI_RUNNER, image_minutes / 60, image_dollars))
    stored = work.services * work.stored_gb_per_service
    drivers.append(
        Driver(
            DEVOPS,
            "Storage of images and artifacts",
            NO_MACHINE,
            0.0,
            stored * rates.storage_gb_month,
        )
    )
    environments = work.services * work.environment_machines_per_service * HOURS_PER_MONTH
    drivers.append(
        Driver(
            DEVOPS,
            "Staging and preview environments",
            CPU,
            environments,
            environments * rates.cpu_machine_hour,
        )
    )
    serving = work.services * work.serving_machines_per_service * HOURS_PER_MONTH
    drivers.append(
        Driver(PRODUCT, "Serving the services", CPU, serving, serving * rates.cpu_machine_hour)
    )
    return drivers


def models_month(work: ModelWork, rates: Rates) -> list[Driver]:
    """A month of models: the training runs that ship, the extra runs of a search, CPU
    work, feature pipelines, backfills, labelling, storage of versions, and serving."""
    retrains = work.models * work.retrains_per_model
    run_minutes = billed_minutes(work.gpu_hours_per_run * 60)
    final = retrains * run_minutes
    search = retrains * (work.runs_per_retrain - 1) * run_minutes
    cpu = retrains * billed_minutes(work.cpu_hours_per_retrain * 60)
    day = billed_minutes(work.feature_hours_per_day * 60)  # one day of data, one run
    features = DAYS_PER_MONTH * day
    backfills = work.backfills_per_month * work.backfill_days * day
    tasks = work.labels_per_month * work.workers_per_label
    stored = work.models * work.gb_per_version * work.versions_kept
    staging = work.models * work.staging_gpus_per_model * HOURS_PER_MONTH
    gpu_serving = work.models * work.gpu_serving_per_model * HOURS_PER_MONTH
    cpu_serving = work.models * work.cpu_serving_per_model * HOURS_PER_MONTH
    gpu_minute = rates.gpu_hour / 60
    cpu_minute = rates.cpu_machine_hour / 60
    return [
        Driver(MLOPS, "GPU training", GPU, final / 60, final * gpu_minute),
        Driver(MLOPS, "Hyperparameter search", GPU, search / 60, search * gpu_minute),
        Driver(MLOPS, "Validation and evaluation", CPU, cpu / 60, cpu * cpu_minute),
        Driver(MLOPS, "Feature pipelines", CPU, features / 60, features * cpu_minute),
        Driver(MLOPS, "Backfills", CPU, backfills / 60, backfills * cpu_minute),
        Driver(MLOPS, "Labelling", NO_MACHINE, 0.0, tasks * rates.label_task),
        Driver(
            MLOPS,
            "Storage of data and model versions",
            NO_MACHINE,
            0.0,
            stored * rates.storage_gb_month,
        ),
        Driver(
            MLOPS,
            "Models in staging or shadow",
            GPU,
            staging,
            staging * rates.gpu_serving_hour,
        ),
        Driver(
            PRODUCT,
            "Serving models on GPUs",
            GPU,
            gpu_serving,
            gpu_serving * rates.gpu_serving_hour,
        ),
        Driver(
            PRODUCT,
            "Serving models on CPUs",
            CPU,
            cpu_serving,
            cpu_serving * rates.cpu_machine_hour,
        ),
    ]


# --8<-- [end:model]


# --8<-- [start:retraining]
def retraining(work: ModelWork, rates: Rates) -> tuple[float, float]:
    """One retraining of one model: its GPU hours (every run of the search, and the run
    that ships) and its US dollars, the CPU hours of validation and evaluation included."""
    gpu_minutes = work.runs_per_retrain * billed_minutes(work.gpu_hours_per_run * 60)
    cpu_minutes = billed_minutes(work.cpu_hours_per_retrain * 60)
    dollars = gpu_minutes * rates.gpu_hour / 60 + cpu_minutes * rates.cpu_machine_hour / 60
    return gpu_minutes / 60, dollars


# --8<-- [end:retraining]


# --8<-- [start:scaling]
def scaled_run(gpus: int, hours: float, to_gpus: int, efficiency: float) -> tuple[float, float]:
    """The wall hours and GPU-hours of a run that took `hours` on `gpus` GPUs, moved to
    `to_gpus` GPUs. Scaling efficiency is the speed-up divided by the growth in GPUs:
    at 1 (perfect), the GPU-hours stay the same; below 1, they grow by 1 / efficiency."""
    wall = hours * gpus / (to_gpus * efficiency)
    return wall, wall * to_gpus


# --8<-- [end:scaling]


@dataclass(frozen=True)
class Month:
    """A team's drivers for one month: each practice's, then running the product's."""

    drivers: tuple[Driver, ...]

    def dollars(self, side: str) -> float:
        """The dollars of one group: a practice, or running the product."""
        return sum(d.dollars for d in self.drivers if d.side == side)

    def total(self) -> float:
        """The team's whole month: both practices and running the product."""
        return sum(self.dollars(side) for side in GROUPS)

    def hours(self, side: str, machine: str) -> float:
        """Hours of one side on one kind of machine: hours compare only with hours of the
        same kind."""
        return sum(d.hours for d in self.drivers if d.side == side and d.machine == machine)

    def largest(self, side: str | None = None) -> Driver:
        """The driver with the most dollars, of one group or of all (the first on a tie)."""
        candidates = [d for d in self.drivers if side in (None, d.side)]
        return max(candidates, key=lambda d: d.dollars)

    def share(self, driver: Driver) -> float:
        """The driver's part of its own group's dollars: a practice's driver is compared
        with that practice, never with the machines that serve."""
        total = self.dollars(driver.side)
        return driver.dollars / total if total else 0.0


def check(work: ServiceWork | ModelWork) -> None:
    """Reject amounts a month cannot have: negative counts, shares outside 0 to 1, no run."""
    for field in fields(work):
        if getattr(work, field.name) < 0:
            raise ValueError(f"{field.name} must be 0 or more, not {getattr(work, field.name)}")
    for name in ("cache_hit_rate", "rerun_rate"):
        if getattr(work, name, 0) > 1:
            raise ValueError(f"{name} is a share: between 0 and 1")
    if isinstance(work, ModelWork) and work.runs_per_retrain < 1:
        raise ValueError("runs_per_retrain must be 1 or more: a retraining trains once")


def grouped(drivers: list[Driver]) -> tuple[Driver, ...]:
    """The drivers by group, DevOps, MLOps, then running the product, each in model order."""
    return tuple(d for side in GROUPS for d in drivers if d.side == side)


def month(services: ServiceWork, models: ModelWork, rates: Rates | None = None) -> Month:
    """A team's month, at the published prices unless `rates` says otherwise."""
    check(services)
    check(models)
    rates = rates or published_rates()
    return Month(grouped([*services_month(services, rates), *models_month(models, rates)]))


def published_rates() -> Rates:
    """The rates as data/prices.toml has them."""
    prices = load_prices()
    return Rates(**{field.name: prices[field.name].value for field in fields(Rates)})


@dataclass(frozen=True)
class Scenario:
    name: str
    services: ServiceWork
    models: ModelWork


# Three illustrative teams: the amounts of work are assumptions, chosen to show where
# each kind of driver takes over; only the prices come from sources. The ML-heavy
# team's training run, three GPU-hours, stands for a fine-tuning that takes "a few
# hours on a GPU" (the BERT README, data/training_runs.toml).
SERVICE_HEAVY = Scenario(
    "Many services, a little ML",
    # Forty backend services on Linux: a matrix of six jobs (three runtime versions x
    # two databases), a long integration suite, many pushes, and flaky re-runs. Every
    # team keeps a staging copy of its services, and preview environments for open pull
    # requests, on a quarter as many machines as serve them.
    ServiceWork(
        services=40,
        runs_per_service=250,
        linux_jobs=6,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=8,
        integration_minutes=25,
        install_minutes=4,
        cached_install_minutes=1,
        cache_hit_rate=0.8,
        rerun_rate=0.1,
        image_builds_per_service=20,
        image_build_minutes=6,
        stored_gb_per_service=20,
        environment_machines_per_service=0.25,
        serving_machines_per_service=1,
    ),
    # Two models trained on CPUs from a small daily feature pipeline, served on CPUs.
    ModelWork(
        models=2,
        retrains_per_model=4,
        gpu_hours_per_run=0,
        runs_per_retrain=1,
        cpu_hours_per_retrain=1,
        feature_hours_per_day=1,
        backfills_per_month=0,
        backfill_days=0,
        labels_per_month=0,
        workers_per_label=1,
        gb_per_version=10,
        versions_kept=10,
        staging_gpus_per_model=0,
        gpu_serving_per_model=0,
        cpu_serving_per_model=0.5,
    ),
)
ML_HEAVY = Scenario(
    "A few services, many models",
    ServiceWork(
        services=5,
        runs_per_service=120,
        linux_jobs=2,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=6,
        integration_minutes=10,
        install_minutes=3,
        cached_install_minutes=1,
        cache_hit_rate=0.8,
        rerun_rate=0.05,
        image_builds_per_service=10,
        image_build_minutes=6,
        stored_gb_per_service=10,
        environment_machines_per_service=0.25,
        serving_machines_per_service=1,
    ),
    # Eight deep models, each retrained weekly with a search, fed by a feature pipeline
    # that takes 20 machine hours a day and is recomputed over six months once a month,
    # labelled three times over, and each served on one GPU, with a quarter of one in
    # staging or shadow.
    ModelWork(
        models=8,
        retrains_per_model=4,
        gpu_hours_per_run=3,
        runs_per_retrain=11,
        cpu_hours_per_retrain=2,
        feature_hours_per_day=20,
        backfills_per_month=1,
        backfill_days=180,
        labels_per_month=30_000,
        workers_per_label=3,
        gb_per_version=50,
        versions_kept=12,
        staging_gpus_per_model=0.25,
        gpu_serving_per_model=1,
        cpu_serving_per_model=0,
    ),
)
SMALL_TEAM = Scenario(
    "A small team",
    ServiceWork(
        services=3,
        runs_per_service=60,
        linux_jobs=1,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=5,
        integration_minutes=0,
        install_minutes=2,
        cached_install_minutes=0.5,
        cache_hit_rate=0.8,
        rerun_rate=0.05,
        image_builds_per_service=8,
        image_build_minutes=4,
        stored_gb_per_service=2,
        environment_machines_per_service=0.125,
        serving_machines_per_service=0.5,
    ),
    ModelWork(
        models=1,
        retrains_per_model=1,
        gpu_hours_per_run=0.5,
        runs_per_retrain=1,
        cpu_hours_per_retrain=0.5,
        feature_hours_per_day=0.5,
        backfills_per_month=0,
        backfill_days=0,
        labels_per_month=1_000,
        workers_per_label=1,
        gb_per_version=5,
        versions_kept=6,
        staging_gpus_per_model=0,
        gpu_serving_per_model=0,
        cpu_serving_per_model=0.5,
    ),
)
SCENARIOS = (SERVICE_HEAVY, ML_HEAVY, SMALL_TEAM)


def a100_rates() -> Rates:
    """The published rates, with training on one NVIDIA A100 of 80 GB instead of a T4:
    the fourth team's GPU (data/prices.toml, `gpu_a100_hour`)."""
    return replace(published_rates(), gpu_hour=load_prices()["gpu_a100_hour"].value)


def published_run(key: str) -> TrainingRun:
    """One published run of data/training_runs.toml, by its key."""
    return {run.key: run for run in load_training_runs()}[key]


# A fourth team, which trains on current GPUs: it fine-tunes open language models of
# seven billion parameters, each run as long as Alpaca's, "3 hours on 8 80GB A100s"
# (data/training_runs.toml): its device-hours, on one A100 each, priced at Hugging Face
# Jobs' A100 (a100_rates). The amounts of work are assumptions, like the other teams'.
# It is kept out of SCENARIOS: the three teams' tables, explorer and other pages use
# one GPU price, and this team needs its own.
LLM_TEAM = Scenario(
    "Fine-tuning open LLMs",
    # Its services and their CI are the second team's.
    ML_HEAVY.services,
    # Four fine-tuned models, each retrained weekly on new instruction data, with a
    # search of eight candidates (no folds) plus the run that ships; prompts and
    # answers labelled by three people each; served on GPUs.
    ModelWork(
        models=4,
        retrains_per_model=4,
        gpu_hours_per_run=published_run("alpaca_finetuning").device_hours[0],
        runs_per_retrain=9,
        cpu_hours_per_retrain=2,
        feature_hours_per_day=2,
        backfills_per_month=0,
        backfill_days=0,
        labels_per_month=10_000,
        workers_per_label=3,
        gb_per_version=30,
        versions_kept=12,
        staging_gpus_per_model=0,
        gpu_serving_per_model=1,
        cpu_serving_per_model=0,
    ),
)


def doubled(scenario: Scenario, name: str) -> Scenario:
    """The scenario with one input doubled (a share is doubled up to 1)."""
    for side in ("services", "models"):
        work = getattr(scenario, side)
        if name in {f.name for f in fields(work)}:
            value = getattr(work, name) * 2
            if name.endswith("_rate"):
                value = min(value, 1.0)
            return replace(scenario, **{side: replace(work, **{name: value})})
    raise KeyError(f"no input named {name!r}")
