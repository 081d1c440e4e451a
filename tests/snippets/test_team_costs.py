"""The team cost model: billing by whole minutes per job, each driver's formula, the
dated prices behind it, scaling efficiency, and the page's words about the three teams."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import pytest

from snippets import team_costs as tc
from snippets.team_costs import (
    CI_RUNNER,
    CPU,
    DAYS_PER_MONTH,
    DEVOPS,
    GPU,
    HOURS_PER_MONTH,
    ML_HEAVY,
    MLOPS,
    PRODUCT,
    SCENARIOS,
    SERVICE_HEAVY,
    SMALL_TEAM,
    ModelWork,
    Rates,
    ServiceWork,
    billed_minutes,
    month,
    scaled_run,
)

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
# Round numbers, so that each expected dollar figure below is worked by hand.
RATES = Rates(
    linux_minute=0.01,
    windows_minute=0.02,
    macos_minute=0.1,
    gpu_hour=0.6,
    gpu_serving_hour=1.5,
    cpu_machine_hour=0.3,
    storage_gb_month=0.02,
    label_task=0.01,
)
NO_SERVICES = replace(SERVICE_HEAVY.services, services=0)
NO_MODELS = replace(SERVICE_HEAVY.models, models=0, feature_hours_per_day=0)


def one_job(**changes) -> ServiceWork:
    """One service, 10 runs a month of one Linux job, no cache, no re-runs, no images,
    no integration suite, no serving."""
    base = ServiceWork(
        services=1,
        runs_per_service=10,
        linux_jobs=1,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=7,
        integration_minutes=0,
        install_minutes=3,
        cached_install_minutes=0.5,
        cache_hit_rate=0,
        rerun_rate=0,
        image_builds_per_service=0,
        image_build_minutes=0,
        stored_gb_per_service=0,
        environment_machines_per_service=0,
        serving_machines_per_service=0,
    )
    return replace(base, **changes)


def training(**changes) -> ModelWork:
    """One model retrained 4 times a month, 2 GPU-hours a run, nothing else."""
    base = ModelWork(
        models=1,
        retrains_per_model=4,
        gpu_hours_per_run=2,
        runs_per_retrain=1,
        cpu_hours_per_retrain=0,
        feature_hours_per_day=0,
        backfills_per_month=0,
        backfill_days=0,
        labels_per_month=0,
        workers_per_label=1,
        gb_per_version=0,
        versions_kept=0,
        staging_gpus_per_model=0,
        gpu_serving_per_model=0,
        cpu_serving_per_model=0,
    )
    return replace(base, **changes)


def dollars_of(m: tc.Month) -> dict[str, float]:
    return {d.name: d.dollars for d in m.drivers}


@pytest.mark.parametrize(
    ("minutes", "billed"), [(0.3, 1), (1.0, 1), (1.2, 2), (4.5, 5), (2.2 + 0.8, 3), (0, 0)]
)
def test_each_job_is_billed_in_whole_minutes_rounded_up(minutes, billed):
    assert billed_minutes(minutes) == billed
    assert str(billed_minutes(minutes)) == str(billed)  # no -0 for no job


def test_a_cache_shortens_the_jobs_it_hits_and_each_job_rounds_on_its_own():
    # A hit runs 7.5 minutes, billed 8; a miss 10, billed 10.
    for hit_rate, per_job in ((0, 10), (1, 8), (0.8, 0.8 * 8 + 0.2 * 10)):
        m = month(one_job(cache_hit_rate=hit_rate), NO_MODELS, RATES)
        linux = next(d for d in m.drivers if d.name == "Linux jobs")
        assert linux.hours == pytest.approx(10 * per_job / 60)
        assert linux.dollars == pytest.approx(10 * per_job * RATES.linux_minute)


def test_each_operating_system_is_priced_at_its_own_rate():
    work = one_job(linux_jobs=2, windows_jobs=1, macos_jobs=1)
    spent = dollars_of(month(work, NO_MODELS, RATES))
    minutes = 10 * 10  # 10 runs of 10 billed minutes per job
    assert spent["Linux jobs"] == pytest.approx(2 * minutes * RATES.linux_minute)
    assert spent["Windows jobs"] == pytest.approx(minutes * RATES.windows_minute)
    assert spent["macOS jobs"] == pytest.approx(minutes * RATES.macos_minute)


def test_the_integration_suite_is_one_more_linux_job_per_run_with_its_own_install():
    work = one_job(integration_minutes=20.5)
    spent = dollars_of(month(work, NO_MODELS, RATES))
    # No cache: 20.5 + 3 install minutes, billed 24, in each of the 10 runs.
    assert spent["Integration suite"] == pytest.approx(10 * 24 * RATES.linux_minute)
    none = dollars_of(month(one_job(), NO_MODELS, RATES))
    assert none["Integration suite"] == 0  # no suite: no job, not an install alone


def test_reruns_repeat_a_share_of_every_job_at_its_own_price():
    work = one_job(linux_jobs=2, macos_jobs=1, integration_minutes=17, rerun_rate=0.1)
    m = month(work, NO_MODELS, RATES)
    rerun = next(d for d in m.drivers if d.name == "Re-runs after flaky failures")
    first = 10 * 10  # minutes of one matrix job's first runs
    suite = 10 * 20  # the integration suite's: 17 + 3 minutes a run
    assert rerun.hours == pytest.approx(0.1 * (3 * first + suite) / 60)
    assert rerun.dollars == pytest.approx(
        0.1 * (first * (2 * RATES.linux_minute + RATES.macos_minute) + suite * RATES.linux_minute)
    )


def test_image_builds_round_up_each_build_and_storage_is_priced_per_gb():
    work = one_job(
        services=3,
        runs_per_service=0,
        image_builds_per_service=5,
        image_build_minutes=4.2,
        stored_gb_per_service=10,
    )
    spent = dollars_of(month(work, NO_MODELS, RATES))
    assert spent["Image builds"] == pytest.approx(3 * 5 * 5 * RATES.linux_minute)
    assert spent["Storage of images and artifacts"] == pytest.approx(30 * RATES.storage_gb_month)


def test_machines_that_serve_are_paid_every_hour_of_the_month():
    services = one_job(services=4, runs_per_service=0, serving_machines_per_service=1.5)
    models = training(retrains_per_model=0, gpu_serving_per_model=2, cpu_serving_per_model=0.5)
    m = month(services, replace(models, models=3), RATES)
    spent = dollars_of(m)
    assert HOURS_PER_MONTH == 730  # the serving prices' own example month
    assert spent["Serving the services"] == pytest.approx(6 * 730 * RATES.cpu_machine_hour)
    assert spent["Serving models on GPUs"] == pytest.approx(6 * 730 * RATES.gpu_serving_hour)
    assert spent["Serving models on CPUs"] == pytest.approx(1.5 * 730 * RATES.cpu_machine_hour)
    # Serving does not depend on how often anything runs: no run, the same bill.
    assert m.hours(PRODUCT, CPU) == 6 * 730 + 1.5 * 730 and m.hours(PRODUCT, GPU) == 6 * 730
    # Hosting the product is a cost of neither practice.
    assert m.hours(DEVOPS, CPU) == 0 and m.hours(MLOPS, GPU) == 0
    assert {d.side for d in m.drivers if "Serving" in d.name} == {PRODUCT}


def test_staging_and_preview_environments_run_all_month_and_belong_to_devops():
    work = one_job(services=4, runs_per_service=0, environment_machines_per_service=0.25)
    m = month(work, NO_MODELS, RATES)
    environments = next(d for d in m.drivers if d.name == "Staging and preview environments")
    assert (environments.side, environments.machine) == (DEVOPS, CPU)
    assert environments.hours == 4 * 0.25 * HOURS_PER_MONTH  # no run, still a month of them
    assert environments.dollars == pytest.approx(730 * RATES.cpu_machine_hour)
    assert m.hours(DEVOPS, CPU) == environments.hours and m.dollars(PRODUCT) == 0


def test_models_in_staging_or_shadow_are_gpu_machines_all_month_charged_to_mlops():
    models = training(retrains_per_model=0, models=3, staging_gpus_per_model=0.5)
    m = month(NO_SERVICES, models, RATES)
    staging = next(d for d in m.drivers if d.name == "Models in staging or shadow")
    assert (staging.side, staging.machine) == (MLOPS, GPU)
    assert staging.hours == 3 * 0.5 * HOURS_PER_MONTH
    assert staging.dollars == pytest.approx(staging.hours * RATES.gpu_serving_hour)
    assert m.hours(MLOPS, GPU) == staging.hours and m.dollars(PRODUCT) == 0


def test_one_retraining_costs_its_runs_gpu_hours_and_its_cpu_hours():
    work = training(runs_per_retrain=11, gpu_hours_per_run=3, cpu_hours_per_retrain=2)
    gpu_hours, dollars = tc.retraining(work, RATES)
    assert gpu_hours == 11 * 3
    assert dollars == pytest.approx(33 * RATES.gpu_hour + 2 * RATES.cpu_machine_hour)
    # The month's training drivers are its retrainings, one model at a time.
    m = month(NO_SERVICES, replace(work, models=2), RATES)
    training_drivers = {"GPU training", "Hyperparameter search", "Validation and evaluation"}
    spent = sum(d.dollars for d in m.drivers if d.name in training_drivers)
    assert spent == pytest.approx(2 * 4 * dollars)
    # Each run is billed in whole minutes, as the month's drivers are.
    assert tc.retraining(training(gpu_hours_per_run=1 / 120), RATES)[0] == 1 / 60


def test_a_search_multiplies_the_gpu_runs_of_each_retraining():
    plain = dollars_of(month(NO_SERVICES, training(), RATES))
    searched = dollars_of(month(NO_SERVICES, training(runs_per_retrain=3 * 5 + 1), RATES))
    assert plain["GPU training"] == pytest.approx(4 * 2 * RATES.gpu_hour)
    assert plain["Hyperparameter search"] == 0
    assert searched["GPU training"] == plain["GPU training"]  # the run that ships
    assert searched["Hyperparameter search"] == pytest.approx(15 * plain["GPU training"])


def test_the_cpu_work_of_a_retraining_runs_on_the_cpu_machine():
    spent = dollars_of(month(NO_SERVICES, training(cpu_hours_per_retrain=0.75), RATES))
    assert spent["Validation and evaluation"] == pytest.approx(4 * 0.75 * RATES.cpu_machine_hour)


def test_a_backfill_costs_what_its_days_of_history_cost_the_daily_pipeline():
    daily = training(retrains_per_model=0, feature_hours_per_day=1.5)
    spent = dollars_of(month(NO_SERVICES, daily, RATES))
    a_day = 1.5 * RATES.cpu_machine_hour
    assert spent["Feature pipelines"] == pytest.approx(DAYS_PER_MONTH * a_day)
    assert spent["Backfills"] == 0
    backfill = replace(daily, backfills_per_month=2, backfill_days=365)
    refilled = dollars_of(month(NO_SERVICES, backfill, RATES))
    assert refilled["Backfills"] == pytest.approx(2 * 365 * a_day)
    # A year recomputed once costs as much as twelve months of the daily pipeline.
    months = refilled["Backfills"] / 2 / spent["Feature pipelines"]
    assert months == pytest.approx(365 / DAYS_PER_MONTH) == pytest.approx(12)


def test_labelling_pays_every_labeller_of_every_object_and_storage_every_version():
    work = training(
        labels_per_month=20_000, workers_per_label=3, gb_per_version=50, versions_kept=12
    )
    spent = dollars_of(month(NO_SERVICES, work, RATES))
    assert spent["Labelling"] == pytest.approx(60_000 * RATES.label_task)
    assert spent["Storage of data and model versions"] == pytest.approx(
        600 * RATES.storage_gb_month
    )


def test_hours_are_kept_apart_by_kind_of_machine():
    m = month(one_job(), training(cpu_hours_per_retrain=0.5), RATES)
    assert m.hours(MLOPS, GPU) == pytest.approx(4 * 2)
    assert m.hours(MLOPS, CPU) == pytest.approx(4 * 0.5)
    assert m.hours(DEVOPS, CI_RUNNER) == pytest.approx(10 * 10 / 60)
    assert m.hours(DEVOPS, GPU) == 0 and m.hours(DEVOPS, CPU) == 0


def test_the_largest_driver_and_the_shares_of_the_month():
    m = month(one_job(macos_jobs=1), training(), RATES)
    assert m.largest() == max(m.drivers, key=lambda d: d.dollars)
    assert m.largest(DEVOPS).name == "macOS jobs"  # 100 minutes at 0.1 beat 100 at 0.01
    # A driver's share is of its own group: each group's shares add up to 1.
    for side in (DEVOPS, MLOPS):
        assert sum(m.share(d) for d in m.drivers if d.side == side) == pytest.approx(1)
    # Nothing serves in this month: no product dollars, and no share of nothing.
    assert m.dollars(PRODUCT) == 0
    assert all(m.share(d) == 0 for d in m.drivers if d.side == PRODUCT)
    assert m.total() == pytest.approx(m.dollars(DEVOPS) + m.dollars(MLOPS) + m.dollars(PRODUCT))


@pytest.mark.parametrize(
    ("work", "message"),
    [
        (one_job(services=-1), "services must be 0 or more"),
        (one_job(cache_hit_rate=1.5), "cache_hit_rate is a share"),
        (training(backfill_days=-3), "backfill_days must be 0 or more"),
        (training(runs_per_retrain=0), "runs_per_retrain must be 1 or more"),
    ],
)
def test_impossible_inputs_are_rejected(work, message):
    services, models = (work, NO_MODELS) if isinstance(work, ServiceWork) else (NO_SERVICES, work)
    with pytest.raises(ValueError, match=message):
        month(services, models)


def numbers_in(text: str) -> set[float]:
    """The numbers a text states, as written ($0.5, 0.012, 8,192)."""
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def test_every_price_is_dated_cited_and_its_value_is_in_the_quoted_text():
    prices = tc.load_prices()
    assert {f.name for f in fields(Rates)} <= set(prices)
    for price in prices.values():
        assert price.value in numbers_in(price.quote), price.key
        assert f"{{ #{price.reference} }}" in REFERENCES, price.reference
        assert f"read {price.read.isoformat()}" in REFERENCES, price.key


def test_the_cpu_machines_price_is_its_vcpus_and_memory_at_the_per_unit_prices():
    """The quoted machine price agrees with the per-vCPU and per-GB prices its context
    cites: 8 vCPUs and 30 GB."""
    price = tc.load_prices()["cpu_machine_hour"]
    vcpu, gb = 0.031611, 0.004237
    assert {vcpu, gb} <= numbers_in(price.context)
    assert price.value == pytest.approx(8 * vcpu + 30 * gb, abs=1e-9)


def test_published_training_runs_are_cited_and_their_device_hours_computed():
    runs = tc.load_training_runs()
    for run in runs:
        low, high = run.devices
        assert low <= high and run.device_hours == (low * run.hours, high * run.hours)
        assert f"{{ #{run.reference} }}" in REFERENCES, run.reference
        assert str(low) in run.quote or "single" in run.quote, run.key


@pytest.mark.parametrize(("gpus", "hours", "to_gpus"), [(8, 30, 256), (1, 12, 4), (16, 2, 16)])
def test_perfect_scaling_keeps_the_gpu_hours_and_shortens_the_wait(gpus, hours, to_gpus):
    wall, gpu_hours = scaled_run(gpus, hours, to_gpus, efficiency=1.0)
    assert wall == pytest.approx(hours * gpus / to_gpus)
    assert gpu_hours == pytest.approx(gpus * hours)


def test_below_perfect_scaling_the_gpu_hours_grow_by_one_over_the_efficiency():
    # Goyal et al.: "~90% scaling efficiency when moving from 8 to 256 GPUs".
    wall, gpu_hours = scaled_run(8, 30, 256, efficiency=0.9)
    assert gpu_hours == pytest.approx(8 * 30 / 0.9)
    assert gpu_hours > 8 * 30 and wall > 30 * 8 / 256  # more GPU-hours, a longer wait
    assert gpu_hours / wall == pytest.approx(256)


def test_doubling_one_input_changes_only_it():
    changed = tc.doubled(ML_HEAVY, "labels_per_month")
    assert changed.models.labels_per_month == 2 * ML_HEAVY.models.labels_per_month
    assert replace(changed.models, labels_per_month=ML_HEAVY.models.labels_per_month) == (
        ML_HEAVY.models
    )
    assert changed.services == ML_HEAVY.services
    assert (
        tc.doubled(
            replace(ML_HEAVY, services=replace(ML_HEAVY.services, rerun_rate=0.7)), "rerun_rate"
        ).services.rerun_rate
        == 1
    )
    with pytest.raises(KeyError):
        tc.doubled(ML_HEAVY, "no_such_input")


def test_the_teams_are_what_their_names_say():
    """Backend services build on Linux only; no team trains on the CI's GPU runner."""
    for scenario in SCENARIOS:
        assert scenario.services.windows_jobs == scenario.services.macos_jobs == 0
    heavy = SERVICE_HEAVY.services
    assert heavy.linux_jobs >= 6 and heavy.integration_minutes >= 20 and heavy.rerun_rate >= 0.1
    assert SERVICE_HEAVY.models.gpu_hours_per_run == 0
    assert ML_HEAVY.models.runs_per_retrain > 1 and ML_HEAVY.models.backfills_per_month > 0


def test_the_pages_words_hold_for_the_three_teams():
    """docs/real-costs.md describes each team's month in words; they hold at today's
    prices, and this fails when a price change makes one of them wrong."""
    services = month(SERVICE_HEAVY.services, SERVICE_HEAVY.models)
    spent = dollars_of(services)
    # "Its DevOps practice costs far more than its MLOps practice. CI is most of it,
    # and the test matrix and the integration suite make most of CI"; "The staging and
    # preview environments are the rest"; "Its ML practice costs almost nothing";
    # "Running its product costs more than both practices together".
    ci = [d for d in services.drivers if d.machine == CI_RUNNER]
    environments = spent["Staging and preview environments"]
    assert (
        0.5 * services.dollars(DEVOPS)
        < sum(d.dollars for d in ci)
        < 0.9 * (services.dollars(DEVOPS))
    )
    assert spent["Linux jobs"] + spent["Integration suite"] > 0.8 * sum(d.dollars for d in ci)
    assert environments > 0.9 * (services.dollars(DEVOPS) - sum(d.dollars for d in ci))
    assert services.dollars(MLOPS) < 0.05 * services.dollars(DEVOPS)
    assert services.dollars(PRODUCT) > services.dollars(DEVOPS) + services.dollars(MLOPS)
    models = month(ML_HEAVY.services, ML_HEAVY.models)
    spent = dollars_of(models)
    # "Its MLOps practice costs more than five times its DevOps practice. The data work,
    # the daily feature pipelines and above all the month's backfill, is the largest
    # part of it, then labelling; ... training and the search cost less than either.
    # Its DevOps practice is mostly its staging and preview environments, not CI.
    # Running its product, above all the models served on GPUs, costs about as much as
    # both practices together."
    assert models.dollars(MLOPS) > 5 * models.dollars(DEVOPS)
    assert models.largest(MLOPS).name == "Backfills"
    data = spent["Feature pipelines"] + spent["Backfills"]
    rest = [
        d
        for d in models.drivers
        if d.side == MLOPS and d.name not in {"Feature pipelines", "Backfills"}
    ]
    assert max(rest, key=lambda d: d.dollars).name == "Labelling"
    assert data > spent["Labelling"] > spent["Hyperparameter search"] + spent["GPU training"]
    assert spent["Staging and preview environments"] > 0.5 * models.dollars(DEVOPS)
    assert models.largest(PRODUCT).name == "Serving models on GPUs"
    assert spent["Serving models on GPUs"] > 0.5 * models.dollars(PRODUCT)
    practices = models.dollars(DEVOPS) + models.dollars(MLOPS)
    assert models.dollars(PRODUCT) == pytest.approx(practices, rel=0.1)
    # "its models tried in staging or shadow on GPUs" cost less than its labelling.
    assert 0 < spent["Models in staging or shadow"] < spent["Labelling"]
    # The Correct box: "A team with many services can pay more for its DevOps practice
    # than a team with a few services and many models pays for its MLOps practice."
    assert services.dollars(DEVOPS) > models.dollars(MLOPS)
    small = month(SMALL_TEAM.services, SMALL_TEAM.models)
    # "Machines that run all month, its staging environments and the machines that
    # serve, are nearly all of its month, and a plan's included minutes could cover its
    # CI entirely": the smallest included quota in GitHub's plan table is 2,000 minutes.
    standing = small.dollars(PRODUCT) + dollars_of(small)["Staging and preview environments"]
    assert standing > 0.9 * small.total()
    assert 60 * small.hours(DEVOPS, CI_RUNNER) < 2_000
    # "on a quarter as many machines as serve its services, and the second tries its
    # new models in staging or shadow on a quarter as many GPUs as serve them"
    for scenario in SCENARIOS:
        work = scenario.services
        assert work.environment_machines_per_service == work.serving_machines_per_service / 4
        models = scenario.models
        assert models.staging_gpus_per_model == models.gpu_serving_per_model / 4


def test_the_scenarios_are_valid_months():
    for scenario in SCENARIOS:
        m = month(scenario.services, scenario.models)
        assert len(m.drivers) == 19 and all(d.dollars >= 0 for d in m.drivers)
        assert re.fullmatch(r"[A-Z][\w ,-]+", scenario.name)


def test_the_pages_words_about_prices_and_the_macos_job_hold():
    """docs/real-costs.md: GitHub's GPU runner costs "several times" the cloud GPU
    machine's hour; a 2-core Linux runner "about as much an hour as" the CPU machine;
    "a macOS minute costs about ten Linux minutes"; one macOS job a run "costs more than
    its six Linux jobs and its integration suite together"; the first team's CI is more
    than the second's, and its machines that serve cost more than the second's training."""
    prices = tc.load_prices()
    rates = tc.published_rates()
    assert 60 * prices["github_gpu_minute"].value >= 3 * rates.gpu_hour
    assert 60 * rates.linux_minute == pytest.approx(rates.cpu_machine_hour, rel=0.2)
    assert rates.macos_minute / rates.linux_minute == pytest.approx(10, abs=1)
    assert SERVICE_HEAVY.services.linux_jobs == 6
    with_macos = replace(SERVICE_HEAVY.services, macos_jobs=1)
    spent = dollars_of(month(with_macos, SERVICE_HEAVY.models))
    assert spent["macOS jobs"] > spent["Linux jobs"] + spent["Integration suite"]
    first, second = (month(s.services, s.models) for s in (SERVICE_HEAVY, ML_HEAVY))
    assert first.hours(DEVOPS, CI_RUNNER) > second.hours(DEVOPS, CI_RUNNER)
    training = {"GPU training", "Hyperparameter search"}
    assert dollars_of(first)["Serving the services"] > sum(
        d.dollars for d in second.drivers if d.name in training
    )
    # "in all three teams, one of them [serving, feature pipelines, backfills] is the
    # largest line".
    for scenario in SCENARIOS:
        largest = month(scenario.services, scenario.models).largest().name
        assert "Serving" in largest or largest in {"Feature pipelines", "Backfills"}
