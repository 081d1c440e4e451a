"""The GitHub Actions workflow docs/releasing-models.md shows (snippets/workflows/two-loops.yml):
both loops' triggers, a cron GitHub accepts, a training job that cannot overlap itself,
caches on the data's hash and registers a model only after a gate that fails the job."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / "snippets" / "workflows" / "two-loops.yml"

# GitHub's cron: five fields of POSIX cron, names allowed for months and weekdays; no
# @daily-style shorthands.
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
FIELDS = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of the month", 1, 31, {}),
    ("month", 1, 12, {month: number for number, month in enumerate(MONTHS, 1)}),
    ("day of the week", 0, 6, {day: number for number, day in enumerate(DAYS)}),
)


def cron_problems(expression: str) -> list[str]:
    """What makes `expression` a cron GitHub's schedule event would not accept."""
    fields = expression.split()
    if len(fields) != 5:
        return [f"{expression!r} has {len(fields)} fields, GitHub's cron has 5"]
    problems = []
    for text, (name, low, high, names) in zip(fields, FIELDS, strict=True):
        for part in text.split(","):
            base, _, step = part.partition("/")
            values = [] if base == "*" else base.split("-")
            if step and not (step.isdigit() and int(step) > 0):
                problems.append(f"{name}: step {step!r}")
            if len(values) > 2 or (base != "*" and not all(values)):
                problems.append(f"{name}: {part!r}")
                continue
            for value in values:
                number = names.get(value.upper(), int(value) if value.isdigit() else None)
                if number is None or not low <= number <= high:
                    problems.append(f"{name}: {value!r} is not in {low}-{high}")
    return problems


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # PyYAML reads YAML 1.1, where a bare `on` key is the boolean True.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def index(job_steps: list[dict], name_part: str) -> int:
    found = [i for i, step in enumerate(job_steps) if name_part in step.get("name", "")]
    assert len(found) == 1, f"one step named with {name_part!r}, found {len(found)}"
    return found[0]


def test_code_ci_runs_on_every_push_and_training_on_a_schedule_or_by_hand():
    workflow = load()
    on = triggers(workflow)
    assert {"push", "schedule", "workflow_dispatch"} <= set(on)
    jobs = workflow["jobs"]
    assert "'push'" in jobs["code-ci"]["if"] and "'schedule'" not in jobs["code-ci"]["if"]
    assert "'schedule'" in jobs["train"]["if"] and "'workflow_dispatch'" in jobs["train"]["if"]
    assert "'push'" not in jobs["train"]["if"]
    runs = [step.get("run", "") for step in steps(workflow, "code-ci")]
    assert any("ruff check" in run for run in runs) and any(run == "pytest" for run in runs)


def test_the_schedule_is_a_cron_github_accepts_off_the_hour():
    (entry,) = triggers(load())["schedule"]
    assert cron_problems(entry["cron"]) == []
    # GitHub names the start of every hour as its busiest time for scheduled runs.
    assert entry["cron"].split()[0] not in {"0", "*"}


@pytest.mark.parametrize(
    "expression",
    [
        "17 3 * *",
        "17 3 * * * *",
        "@daily",
        "60 3 * * *",
        "17 24 * * *",
        "17 3 0 * *",
        "17 3 * 13 *",
        "17 3 * * 7",
        "17 3 * FOO *",
        "*/0 * * * *",
        "1-2-3 * * * *",
        "17, * * * *",
    ],
)
def test_the_cron_check_refuses_what_github_refuses(expression):
    assert cron_problems(expression)


@pytest.mark.parametrize("expression", ["*/15 * * * *", "30 5,17 * * 1-5", "0 3 * JAN-MAR SUN"])
def test_the_cron_check_accepts_githubs_own_examples(expression):
    assert cron_problems(expression) == []


def test_two_training_runs_never_overlap():
    concurrency = load()["jobs"]["train"]["concurrency"]
    # A fixed group: every training run, whatever started it, waits for the one running.
    assert "${{" not in concurrency["group"]
    assert concurrency["cancel-in-progress"] is False


def test_the_cache_key_hashes_the_data_the_feature_code_and_the_packages():
    job_steps = steps(load(), "train")
    uses = [step.get("uses", "") for step in job_steps]
    cache = next(i for i, action in enumerate(uses) if action.startswith("actions/cache@"))
    key = job_steps[cache]["with"]["key"]
    match = re.search(r"hashFiles\(([^)]*)\)", key)
    assert match, key
    patterns = re.findall(r"'([^']+)'", match.group(1))
    assert any(p.startswith("data/snapshot/") for p in patterns), patterns
    assert "scripts/features.py" in patterns and "requirements.txt" in patterns, patterns
    assert cache > index(job_steps, "Fetch the data")


def test_the_model_is_registered_with_its_commit_and_data_hash():
    register = steps(load(), "train")[-1]
    assert "register.py" in register["run"]
    assert "$GITHUB_SHA" in register["run"] and "hashFiles('data/snapshot/**')" in register["run"]


def test_the_model_is_registered_only_after_a_gate_that_fails_the_job():
    job_steps = steps(load(), "train")
    names = ("Validate", "Train", "Evaluate", "Stop unless", "Register")
    order = [index(job_steps, name) for name in names]
    assert order == sorted(order)
    evaluate, gate, register = (job_steps[i] for i in order[2:])
    assert gate["if"] == f"steps.{evaluate['id']}.outputs.wins != 'true'"
    assert gate["run"].strip().endswith("exit 1")
    # No `if` on the register step: it runs only when every step before it succeeded.
    assert "if" not in register and "continue-on-error" not in gate
