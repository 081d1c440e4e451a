"""The numbers in the banks' questions, worked out by the site's own code: each test reads
the figures its question's stem states, computes the answer with the code the pages
teach (the ML Test Score, billed minutes, a test matrix, PSI, the training step's count),
and holds the keyed option to it. A question whose stem or key is edited apart from the
other fails here, naming the question."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pytest

from content_markers import quizzes
from snippets.ci_matrix import matrix_jobs
from snippets.continuous_training import triggered_runs
from snippets.drift import ks_critical_gap, psi
from snippets.evals import prompt_gate
from snippets.meter import Meter
from snippets.ml_test_score import ml_test_score
from snippets.mlops_pipeline import TRAIN_SHARE, make_datasets, train_model
from snippets.parallel import makespan
from snippets.serving import meets_slo
from snippets.team_costs import billed_minutes

REAL = quizzes.load_banks(Path(__file__).resolve().parents[2] / "quizzes")
QUESTIONS = {q.id: q for bank in REAL.questions.values() for q in bank}


def question(question_id: str) -> quizzes.Question:
    if REAL.errors:
        pytest.skip("a bank is broken: see test_every_real_bank_is_well_formed")
    return QUESTIONS[question_id]


def plain(text: str) -> str:
    """Lower case, one space between words, so that a line break in a stem matches."""
    return " ".join(text.lower().split())


def states(task: quizzes.Question, *facts: str) -> None:
    """The question still gives the figures this test computes from."""
    text = plain(task.stem + " " + " ".join(task.steps))
    missing = [fact for fact in facts if plain(fact) not in text]
    assert not missing, f"{task.where} '{task.id}' no longer states {missing}: update this test"


def key(task: quizzes.Question) -> str:
    return next(option.text for option in task.options if option.correct)


def test_ml_test_score_tie_keys_the_plan_that_raises_the_score_most() -> None:
    task = question("trade-ml-test-score-tie")
    states(task, "data 5.5", "model 3", "infrastructure 6", "monitoring 3")
    today = {
        "data": ["automated"] * 5 + ["manual"] + ["missing"],
        "model": ["automated"] * 3 + ["missing"] * 4,
        "infrastructure": ["automated"] * 6 + ["missing"],
        "monitoring": ["automated"] * 2 + ["manual"] * 2 + ["missing"] * 3,
    }
    assert ml_test_score(today).sections == {
        "data": 5.5,
        "model": 3.0,
        "infrastructure": 6.0,
        "monitoring": 3.0,
    }

    def after(*changes: tuple[str, str]) -> float:
        results = {section: list(statuses) for section, statuses in today.items()}
        for section, status in changes:  # one test of that status becomes automated
            results[section][results[section].index(status)] = "automated"
        return ml_test_score(results).final

    plans = {  # the options, in order
        "A": after(("monitoring", "manual"), ("monitoring", "manual")),
        "B": after(("model", "missing"), ("model", "missing")),
        "C": after(("model", "missing"), ("monitoring", "manual")),
        "D": after(("model", "missing"), ("monitoring", "missing")),
    }
    best = max(plans.values())
    assert [letter for letter, final in plans.items() if final == best] == [task.correct], plans
    assert plans == {"A": 3.0, "B": 3.0, "C": 3.5, "D": 4.0}  # the solution's figures


def test_sharded_tests_bill_what_each_job_rounds_up_to() -> None:
    task = question("bill-sharded-tests")
    states(task, "half a minute installing", "12 minutes running tests", "4 equal shards")
    before = billed_minutes(0.5 + 12)
    after = 4 * billed_minutes(0.5 + 12 / 4)
    assert key(task).startswith(f"{before}, then {after}:"), (before, after)


def test_gpu_hours_grow_when_scaling_falls_short() -> None:
    task = question("bill-gpus-scaling-efficiency")
    states(task, "24 hours on one GPU", "8 GPUs", "75%")
    hours = 24 / (8 * 0.75)
    assert key(task) == f"{hours:g} hours; {8 * hours:g} GPU-hours"


def test_dollars_rank_the_sides_that_hours_cannot() -> None:
    task = question("bill-compare-in-dollars")
    states(task, "9,000 hours of CPU runners at $0.50", "300 hours of GPU runners at $4")
    ci, training = 9000 * 0.50, 300 * 4
    assert f"${ci:,.0f} against ${training:,.0f}" in key(task)
    assert 3.5 <= ci / training < 4, "'nearly four times'"


def test_overlapping_excludes_leave_the_jobs_step_7_returns() -> None:
    task = question("hands-matrix-overlapping-excludes")
    axes = {
        "os": ["linux", "macos", "windows"],
        "python": ["3.11", "3.12", "3.13"],
        "deps": ["pinned", "newest"],
    }
    exclude = [{"os": "windows"}, {"os": "windows", "deps": "newest"}]
    exclude.append({"python": "3.11", "deps": "newest"})
    states(task, "linux, macos, windows", "3.11, 3.12, 3.13", "pinned, newest")
    states(task, '{"os": "windows"}, {"os": "windows", "deps": "newest"}')
    states(task, '{"python": "3.11", "deps": "newest"}')
    assert key(task).startswith(f"{len(matrix_jobs(axes, exclude))}:")


def test_a_reshaped_table_changes_the_training_count_as_the_key_says() -> None:
    task = question("perf-numpy-reshaped-table")
    states(task, "1,000 rows of 10 features", "4,000 rows of 5 features")

    def counted(training_rows: int, features: int) -> int:
        rows = math.ceil(training_rows / TRAIN_SHARE)
        meter = Meter()
        train_model(make_datasets(1, rows=rows, features=features)[0], meter)
        return meter.operations["train_model"]

    assert counted(4000, 5) == 2 * counted(1000, 10)
    assert key(task).startswith("It doubles:")


def test_a_psi_threshold_calibrated_on_large_days_fires_on_small_quiet_days() -> None:
    """Quiet days drawn from the reference's own distribution: a threshold passed by one
    day in fifty at 5,000 rows is passed by far more days of 300 rows."""
    task = question("drift-psi-traffic-falls")
    states(task, "5,000 requests each", "one quiet day in fifty", "300 requests a day")
    rng = random.Random(11)
    reference = [rng.gauss(0, 1) for _ in range(20_000)]

    def quiet_days(rows: int, days: int) -> list[float]:
        return [psi(reference, [rng.gauss(0, 1) for _ in range(rows)]) for _ in range(days)]

    large = sorted(quiet_days(5000, 100))
    threshold = large[-3]  # passed by 2 days in 100
    small = quiet_days(300, 100)
    assert sum(value > threshold for value in small) > 50
    assert key(task).startswith("More false alarms")


def test_the_ci_bill_scenario_factors_its_minutes_and_its_wait() -> None:
    """Twice the jobs, runs twice as long, half the runs green: the minutes follow the
    average job (2 runs), the wait the slowest of 24 (the median of their maximum)."""
    task = question("challenge-scenario-ci-bill")
    states(task, "3 operating systems", "4 Python versions", "(pinned, newest)")
    states(task, "twice as long", "about half the runs pass", "about eightfold")
    states(task, "about twelvefold")
    jobs, length, green = 3 * 4 * 2, 2, 0.5
    runs_per_job = 1 / green
    assert (jobs / 12) * length * runs_per_job == 8

    def all_green_within(runs: int) -> float:
        return (1 - (1 - green) ** runs) ** jobs

    slowest = next(runs for runs in range(1, 100) if all_green_within(runs) >= 0.5)
    assert length * slowest == 12
    solution = plain(" ".join(task.steps))
    for runs in (slowest - 1, slowest):
        assert f"{all_green_within(runs):.2f} at {runs}" in solution, runs
    assert re.search(r"about 4 times the old ones and the wait to about 2", solution)


def test_a_drift_trigger_that_moves_its_reference_fires_once_per_shift() -> None:
    """Day 0 is the training data; the inputs shift on day 1 and stay shifted. Kept, the
    old reference differs from all 30 days; moved by each run, it fires once. Labels on
    the day move it; labels that have not arrived keep it."""
    task = question("runs-drift-reference")
    states(task, "days 1 to 30", "labels arrive the same day")
    rng = np.random.default_rng(5)
    batches = [rng.normal(0.0, 1.0, 500)] + [rng.normal(1.0, 1.0, 500) for _ in range(30)]
    moving = triggered_runs(batches, drift_threshold=0.5, labels_every=1)
    kept = [day for day, batch in enumerate(batches) if abs(batch.mean() - batches[0].mean()) > 0.5]
    unlabelled = triggered_runs(batches, drift_threshold=0.5, labels_every=len(batches) + 1)
    assert len(unlabelled) == len(kept)
    assert key(task).startswith(f"{len(kept)} and {len(moving)}:"), (kept, moving)


def test_parallel_fits_and_the_refit_take_the_rounds_the_key_says() -> None:
    task = question("cost-search-n-jobs")
    states(task, "12 candidates on 5 folds", "`n_jobs=12`")
    fits = 12 * 5
    rounds = makespan([1] * fits, workers=12) + 1  # the refit waits for every score
    assert key(task).startswith(
        f"{fits + 1} fits, as before, and about {round((fits + 1) / rounds)} times sooner"
    )


def test_cache_eviction_goes_by_last_access_until_the_rest_fits() -> None:
    task = question("runs-cache-size-eviction")
    states(task, "A (2 GB, last used an hour ago)", "B (3 GB, used 3 days ago)")
    states(task, "C (4 GB, used 5 days ago)", "D (1 GB, used 2 days ago)", "new 3 GB cache")
    caches = {"A": (2, 1 / 24), "B": (3, 3), "C": (4, 5), "D": (1, 2)}  # GB, days unused
    total, gone = sum(size for size, _ in caches.values()) + 3, []
    for name, (size, _) in sorted(caches.items(), key=lambda item: -item[1][1]):
        if total <= 10:
            break
        total -= size
        gone.append(name)
    assert key(task).startswith("".join(gone) + ":"), gone


def test_a_search_per_retraining_multiplies_the_gpu_hours() -> None:
    task = question("bill-search-per-month")
    states(task, "3 candidates with 4-fold", "2 GPU-hours", "4 times")
    assert key(task) == f"{(3 * 4 + 1) * 2 * 4} GPU-hours"  # candidates x folds + the refit


def test_a_grid_multiplies_with_every_parameter_and_a_random_search_does_not() -> None:
    task = question("challenge-search-budget")
    values, parameters, folds, budget = 4, 5, 5, 60
    states(task, f"{values} values of each of {parameters} hyperparameters on {folds} folds")
    states(task, f"{values**parameters:,} candidates, {values**parameters * folds:,} fits")
    states(task, f"{values**parameters:,} \N{MULTIPLICATION SIGN} 2 = {values**parameters * 2:,}")
    assert f"{budget} candidates on the same {folds} folds: {budget * folds} fits" in key(task)


def test_the_nightly_training_scenario_factors_to_ninefold() -> None:
    task = question("challenge-scenario-nightly-training-cost")
    states(task, "36 regions with 12 candidates", "40 regions with 24 candidates")
    states(task, "multiplies one fit's time by about 4", "took 9 hours", "only 5 regions")
    growth = (40 / 36) * ((24 * 5 + 1) / (12 * 5 + 1)) * 4
    assert round(growth) == 9, growth
    states(task, "retrain the 5 regions whose data changed, about an eighth of tonight's work")


def test_a_whole_suite_on_every_change_quadruples_over_twice_the_changes() -> None:
    task = question("cost-suite-doubling-history")
    states(task, "first 100 changes", "after 200 changes")

    def executions(changes: int) -> int:  # change c runs the tests of the first c changes
        return sum(range(1, changes + 1))

    assert round(executions(200) / executions(100)) == 4
    assert round((executions(200) - executions(100)) / executions(100)) == 3
    assert key(task).startswith("About 4N")


def test_at_two_million_rows_even_p_below_a_thousandth_flags_a_tiny_shift() -> None:
    """Option A's mistake says a lower significance level still flags tiny shifts."""
    task = question("drift-ks-million-rows")
    states(task, "two million reference rows and two million of today's rows")
    gap = ks_critical_gap(2_000_000, 2_000_000, alpha=0.001)
    shift = 2 * NormalDist().inv_cdf((1 + gap) / 2)  # as the data-and-drift page computes it
    assert shift < 0.01, f"a mean shift of {shift:.3f} sd fires"
    assert "even p < 0.001 flags tiny shifts" in plain(" ".join(task.mistakes))


def test_a_window_of_250_with_3_slow_requests_misses_its_p99() -> None:
    task = question("serve-window-percentile")
    states(task, "p99 at most 200 ms", "250 requests", "247 in under 50 ms", "3 in over 200 ms")
    window = [49.0] * 247 + [201.0] * 3
    assert not meets_slo(window, 200, p=99)
    assert meets_slo([49.0] * 248 + [201.0] * 2, 200, p=99)  # two slow ones would pass
    assert key(task).startswith("No: at least 248 of the 250")


def test_a_higher_pass_rate_with_regressions_does_not_pass_the_gate() -> None:
    task = question("llm-prompt-regressions")
    states(task, "200 cases", "from 88% to 93%", "four cases")
    in_service = [True] * 176 + [False] * 24  # 88%
    new = [False] * 4 + [True] * 172 + [True] * 14 + [False] * 10  # 93%, 4 lost
    assert (sum(in_service), sum(new)) == (176, 186)
    assert not prompt_gate(in_service, new)
    assert key(task).startswith("Hold it")


@pytest.mark.parametrize(
    ("question_id", "facts", "answer"),
    [
        # three doublings multiply by each learner's factor three times
        (
            "cost-learner-doubling-rows",
            ("by 2 and the other's by 5", "three years"),
            f"{2**3} minutes and {5**3} minutes",
        ),
        # three independent failures at 1 in 10 each
        ("cost-flaky-three-in-a-row", ("3 times in a row", "1 time in 10"), f"1 time in {10**3:,}"),
    ],
)
def test_repeated_chances_multiply(question_id: str, facts: tuple[str, ...], answer: str) -> None:
    task = question(question_id)
    states(task, *facts)
    assert key(task).startswith(answer)
