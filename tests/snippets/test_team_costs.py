"""The team cost model: billing by whole minutes per job, each driver's formula, the
dated prices behind it, and the page's words about the three teams."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import pytest

from snippets import team_costs as tc
from snippets.team_costs import (
    CPU,
    DEVOPS,
    GPU,
    ML_HEAVY,
    MLOPS,
    SCENARIOS,
    SERVICE_HEAVY,
    SMALL_TEAM,
    CIWork,
    Rates,
    TrainingWork,
    billed_minutes,
    month,
)

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
# Round numbers, so that each expected dollar figure below is worked by hand.
RATES = Rates(
    linux_minute=0.01,
    windows_minute=0.02,
    macos_minute=0.1,
    gpu_minute=0.05,
    storage_gb_month=0.02,
    label_task=0.01,
)
NO_CI = replace(SERVICE_HEAVY.ci, services=0, image_builds_per_service=0, stored_gb_per_service=0)
NO_TRAINING = replace(SERVICE_HEAVY.training, models=0)


def one_job(**changes) -> CIWork:
    """One service, 10 runs a month of one Linux job, no cache, no re-runs, no images."""
    base = CIWork(
        services=1,
        runs_per_service=10,
        linux_jobs=1,
        windows_jobs=0,
        macos_jobs=0,
        test_minutes=7,
        install_minutes=3,
        cached_install_minutes=0.5,
        cache_hit_rate=0,
        rerun_rate=0,
        image_builds_per_service=0,
        image_build_minutes=0,
        stored_gb_per_service=0,
    )
    return replace(base, **changes)


def training(**changes) -> TrainingWork:
    """One model retrained 4 times a month, 2 GPU-hours a run, nothing else."""
    base = TrainingWork(
        models=1,
        retrains_per_model=4,
        gpu_hours_per_run=2,
        runs_per_retrain=1,
        cpu_hours_per_retrain=0,
        labels_per_month=0,
        workers_per_label=1,
        gb_per_version=0,
        versions_kept=0,
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
        m = month(one_job(cache_hit_rate=hit_rate), NO_TRAINING, RATES)
        linux = next(d for d in m.drivers if d.name == "Linux jobs")
        assert linux.hours == pytest.approx(10 * per_job / 60)
        assert linux.dollars == pytest.approx(10 * per_job * RATES.linux_minute)


def test_each_operating_system_is_priced_at_its_own_rate():
    work = one_job(linux_jobs=2, windows_jobs=1, macos_jobs=1)
    spent = dollars_of(month(work, NO_TRAINING, RATES))
    minutes = 10 * 10  # 10 runs of 10 billed minutes per job
    assert spent["Linux jobs"] == pytest.approx(2 * minutes * RATES.linux_minute)
    assert spent["Windows jobs"] == pytest.approx(minutes * RATES.windows_minute)
    assert spent["macOS jobs"] == pytest.approx(minutes * RATES.macos_minute)


def test_reruns_repeat_a_share_of_every_job_at_its_own_price():
    work = one_job(linux_jobs=2, macos_jobs=1, rerun_rate=0.1)
    m = month(work, NO_TRAINING, RATES)
    rerun = next(d for d in m.drivers if d.name == "Re-runs after flaky failures")
    first = 10 * 10  # minutes of one job's first runs
    assert rerun.hours == pytest.approx(0.1 * 3 * first / 60)
    assert rerun.dollars == pytest.approx(
        0.1 * first * (2 * RATES.linux_minute + RATES.macos_minute)
    )


def test_image_builds_round_up_each_build_and_storage_is_priced_per_gb():
    work = one_job(
        services=3,
        runs_per_service=0,
        image_builds_per_service=5,
        image_build_minutes=4.2,
        stored_gb_per_service=10,
    )
    spent = dollars_of(month(work, NO_TRAINING, RATES))
    assert spent["Image builds"] == pytest.approx(3 * 5 * 5 * RATES.linux_minute)
    assert spent["Storage of images and artifacts"] == pytest.approx(30 * RATES.storage_gb_month)


def test_a_search_multiplies_the_gpu_runs_of_each_retraining():
    plain = dollars_of(month(NO_CI, training(), RATES))
    searched = dollars_of(month(NO_CI, training(runs_per_retrain=3 * 5 + 1), RATES))
    assert plain["GPU training"] == pytest.approx(4 * 120 * RATES.gpu_minute)
    assert plain["Hyperparameter search"] == 0
    assert searched["GPU training"] == plain["GPU training"]  # the run that ships
    assert searched["Hyperparameter search"] == pytest.approx(15 * plain["GPU training"])


def test_labelling_pays_every_labeller_of_every_object_and_storage_every_version():
    work = training(
        labels_per_month=20_000, workers_per_label=3, gb_per_version=50, versions_kept=12
    )
    spent = dollars_of(month(NO_CI, work, RATES))
    assert spent["Labelling"] == pytest.approx(60_000 * RATES.label_task)
    assert spent["Storage of data and model versions"] == pytest.approx(
        600 * RATES.storage_gb_month
    )


def test_hours_are_kept_apart_by_kind_of_runner():
    m = month(one_job(), training(cpu_hours_per_retrain=0.5), RATES)
    assert m.hours(MLOPS, GPU) == pytest.approx(4 * 2)
    assert m.hours(MLOPS, CPU) == pytest.approx(4 * 0.5)
    assert m.hours(DEVOPS, CPU) == pytest.approx(10 * 10 / 60)
    assert m.hours(DEVOPS, GPU) == 0


def test_the_largest_driver_and_the_shares_of_the_month():
    m = month(one_job(macos_jobs=1), training(), RATES)
    assert m.largest() == max(m.drivers, key=lambda d: d.dollars)
    assert m.largest(DEVOPS).name == "macOS jobs"  # 100 minutes at 0.1 beat 100 at 0.01
    assert sum(m.share(d) for d in m.drivers) == pytest.approx(1)


@pytest.mark.parametrize(
    ("work", "message"),
    [
        (one_job(services=-1), "services must be 0 or more"),
        (one_job(cache_hit_rate=1.5), "cache_hit_rate is a share"),
        (training(runs_per_retrain=0), "runs_per_retrain must be 1 or more"),
    ],
)
def test_impossible_inputs_are_rejected(work, message):
    ci, ml = (work, NO_TRAINING) if isinstance(work, CIWork) else (NO_CI, work)
    with pytest.raises(ValueError, match=message):
        month(ci, ml)


def test_every_price_is_dated_cited_and_its_value_is_in_the_quoted_text():
    prices = tc.load_prices()
    assert {f.name for f in fields(Rates)} <= set(prices)
    for price in prices.values():
        assert f"{price.value:.3f}" in price.quote, price.key
        assert f"{{ #{price.reference} }}" in REFERENCES, price.reference
        assert f"read {price.read.isoformat()}" in REFERENCES, price.key


def test_published_training_runs_are_cited_and_their_device_hours_computed():
    runs = tc.load_training_runs()
    for run in runs:
        low, high = run.devices
        assert low <= high and run.device_hours == (low * run.hours, high * run.hours)
        assert f"{{ #{run.reference} }}" in REFERENCES, run.reference
        assert str(low) in run.quote or "single" in run.quote, run.key


def test_more_devices_shorten_a_run_but_the_two_resnet_runs_bill_the_same_device_hours():
    resnet = [r for r in tc.load_training_runs() if r.model.startswith("ResNet-50")]
    assert len(resnet) == 2
    assert resnet[0].devices < resnet[1].devices and resnet[0].hours > resnet[1].hours
    assert resnet[0].device_hours == resnet[1].device_hours


def test_doubling_one_input_changes_only_it():
    changed = tc.doubled(ML_HEAVY, "labels_per_month")
    assert changed.training.labels_per_month == 2 * ML_HEAVY.training.labels_per_month
    assert replace(changed.training, labels_per_month=ML_HEAVY.training.labels_per_month) == (
        ML_HEAVY.training
    )
    assert changed.ci == ML_HEAVY.ci
    assert (
        tc.doubled(
            replace(ML_HEAVY, ci=replace(ML_HEAVY.ci, rerun_rate=0.7)), "rerun_rate"
        ).ci.rerun_rate
        == 1
    )
    with pytest.raises(KeyError):
        tc.doubled(ML_HEAVY, "no_such_input")


def test_the_pages_words_hold_for_the_three_teams():
    """docs/real-costs.md describes each team's month in words; they hold at today's
    prices, and this fails when a price change makes one of them wrong."""
    services = month(SERVICE_HEAVY.ci, SERVICE_HEAVY.training)
    # "CI is almost the whole bill, and its largest driver is the one macOS job in each
    # run, not the many Linux jobs"; "trains on CPUs and pays almost nothing for it".
    assert services.dollars(MLOPS) < 0.01 * services.dollars(DEVOPS)
    assert services.largest().name == "macOS jobs"
    assert SERVICE_HEAVY.ci.macos_jobs == 1 < SERVICE_HEAVY.ci.linux_jobs
    assert SERVICE_HEAVY.training.gpu_hours_per_run == 0
    models = month(ML_HEAVY.ci, ML_HEAVY.training)
    spent = dollars_of(models)
    # "GPU runs dominate, and most of them are the search's ...; labelling comes next.
    # The CI of its services is small beside them."
    ranked = sorted((d for d in models.drivers), key=lambda d: d.dollars, reverse=True)
    assert [d.name for d in ranked[:2]] == ["Hyperparameter search", "Labelling"]
    assert spent["Hyperparameter search"] > spent["GPU training"]
    assert models.dollars(DEVOPS) < 0.05 * models.dollars(MLOPS)
    small = month(SMALL_TEAM.ci, SMALL_TEAM.training)
    # "Its largest driver is labelling, and a plan's included minutes could cover its
    # CI entirely": the smallest included quota in GitHub's plan table is 2,000 minutes.
    assert small.largest().name == "Labelling"
    ci_minutes = 60 * small.hours(DEVOPS, CPU)
    assert ci_minutes < 2_000


def test_the_scenarios_are_valid_months():
    for scenario in SCENARIOS:
        m = month(scenario.ci, scenario.training)
        assert len(m.drivers) == 11 and all(d.dollars >= 0 for d in m.drivers)
        assert re.fullmatch(r"[A-Z][\w ,-]+", scenario.name)
