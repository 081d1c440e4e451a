"""Step 7: the test matrix. The checks follow the starter's rules: one job per
combination of the axes' values, the last axis varying fastest; a job that has every
key and value of an exclude entry is left out; more than 256 jobs left raise ValueError.

The jobs a check expects are counted out from those rules (job number i is i written
in the mixed radix of the axes' sizes), not produced by the reference solution.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hands_on.runner import Check, Step, call

FUNCTION = "matrix_jobs"
LIMIT = 256  # GitHub Actions' jobs per matrix and workflow run

Axes = Mapping[str, Sequence[Any]]
Rules = Sequence[Mapping[str, Any]]


def job_number(axes: Axes, number: int) -> dict[str, Any]:
    """The job at position `number` (from 0) when the last axis varies fastest."""
    job = {}
    for name in reversed(list(axes)):
        number, index = divmod(number, len(axes[name]))
        job[name] = axes[name][index]
    return {name: job[name] for name in axes}


def matches(job: Mapping[str, Any], rule: Mapping[str, Any]) -> bool:
    return all(key in job and job[key] == value for key, value in rule.items())


def expected_jobs(axes: Axes, exclude: Rules) -> list[dict[str, Any]]:
    every = (job_number(axes, i) for i in range(math.prod(len(v) for v in axes.values())))
    return [job for job in every if not any(matches(job, rule) for rule in exclude)]


def brief(value: Any) -> str:
    """repr, with long lists shortened so a message stays readable."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k!r}: {brief(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and len(value) > 6:
        return f"[{value[0]!r}, {value[1]!r}, ..., {value[-1]!r}] ({len(value)} values)"
    if isinstance(value, list):
        return "[" + ", ".join(brief(v) for v in value) + "]"
    return repr(value)


def shown(axes: Axes, exclude: Rules) -> str:
    return f"{FUNCTION}({brief(axes)}" + (f", exclude={brief(list(exclude))})" if exclude else ")")


def jobs_problem(returned: Any, axes: Axes, exclude: Rules, why: str, ordered: bool) -> str | None:
    """What is wrong with `returned` as the jobs of this matrix, or None."""
    expected = expected_jobs(axes, exclude)
    if not isinstance(returned, list) or not all(isinstance(job, dict) for job in returned):
        # A wrong type, whatever the jobs: say what to return, not why the count differs.
        return f"returned {brief(returned)}\nexpected a list with one dict {{axis: value}} per job"
    for position, job in enumerate(returned, start=1):
        if set(job) != set(axes):
            return (
                f"returned {job!r} as job {position}\nexpected each job to hold one value "
                f"of each axis: {', '.join(axes)}"
            )
    repeated = [job for job, times in Counter(map(repr, returned)).items() if times > 1]
    if repeated:
        return f"returned {repeated[0]} more than once\nexpected each combination once: {why}"
    extra = [job for job in returned if job not in expected]
    missing = [job for job in expected if job not in returned]
    if extra or missing:
        if len(returned) != len(expected):
            lines = [f"returned {len(returned)} jobs", f"expected {len(expected)}: {why}"]
        else:
            lines = [f"returned {len(returned)} jobs, but not the ones expected ({why})"]
        if missing:
            lines.append(f"missing: {missing[0]!r}" + (" and others" if len(missing) > 1 else ""))
        for job in extra[:1]:
            rule = next((rule for rule in exclude if matches(job, rule)), None)
            reason = (
                f"it has every key and value of the exclude entry {rule!r}"
                if rule
                else "it is not a combination of the axes' values"
            )
            lines.append(f"should not be there: {job!r}, because {reason}")
        return "\n".join(lines)
    if ordered:
        for position, (got, want) in enumerate(zip(returned, expected, strict=True), start=1):
            if got != want:
                return (
                    f"returned {got!r} as job {position}\nexpected {want!r}: the last "
                    f"axis ({list(axes)[-1]}) varies fastest, then the one before it"
                )
    return None


def expect_jobs(axes: Axes, why: str, exclude: Rules = (), ordered: bool = False):
    """A check that matrix_jobs(axes, exclude) returns the jobs the rules give."""

    def problem(expand: Callable[..., Any]) -> str | None:
        # A copy each: a function that edits its arguments must not change later checks.
        outcome = call(expand, *copy.deepcopy((axes, exclude)))
        if outcome.error is not None:
            return f"{shown(axes, exclude)} {outcome}\nexpected jobs: {why}"
        found = jobs_problem(outcome.value, axes, exclude, why, ordered)
        return found and f"{shown(axes, exclude)} {found}"

    return problem


def expect_too_many(axes: Axes):
    jobs = math.prod(len(values) for values in axes.values())

    def problem(expand: Callable[..., Any]) -> str | None:
        outcome = call(expand, copy.deepcopy(axes), ())
        if isinstance(outcome.error, ValueError):
            return None
        returned = (
            f"returned {len(outcome.value)} jobs" if isinstance(outcome.value, list) else outcome
        )
        return (
            f"{shown(axes, ())} {returned}\nexpected it to raise ValueError: {jobs} jobs "
            f"is more than the {LIMIT} a matrix may generate per workflow run"
        )

    return problem


def leaves_inputs_alone(expand: Callable[..., Any]) -> str | None:
    axes = {"os": ["ubuntu", "macos", "windows"], "python": ["3.13", "3.12"]}
    exclude = [{"os": "windows", "python": "3.12"}]
    before = copy.deepcopy((axes, exclude))
    call(expand, axes, exclude)
    if (axes, exclude) == before:
        return None
    return (
        f"{shown(*before)} changed its arguments into {brief(axes)} and {brief(exclude)}\n"
        "expected them unchanged: the caller's matrix is read, not edited"
    )


GITHUB: Axes = {"version": [10, 12, 14], "os": ["ubuntu-latest", "windows-latest"]}
TWO: Axes = {"os": ["linux", "macos"], "python": ["3.11", "3.12", "3.13"]}
THREE: Axes = {**TWO, "deps": ["pinned", "newest"]}

STEP = Step(
    name="matrix",
    title="step 7, the test matrix",
    function=FUNCTION,
    file="my_matrix.py",
    checks=(
        Check(
            "one job per combination",
            expect_jobs(GITHUB, "3 versions x 2 operating systems = 6 combinations"),
        ),
        Check(
            "the last axis varies fastest",
            expect_jobs(GITHUB, "the order GitHub Actions documents", ordered=True),
        ),
        Check(
            "a third axis multiplies the jobs again",
            expect_jobs(THREE, "2 x 3 x 2 = 12 combinations"),
        ),
        Check(
            "one axis gives one job per value",
            expect_jobs({"python": ["3.11", "3.12", "3.13"]}, "3 values, 3 jobs"),
        ),
        Check(
            "an exclude entry naming every axis removes one job",
            expect_jobs(TWO, "6 - 1 = 5", exclude=[{"os": "macos", "python": "3.11"}]),
        ),
        Check(
            "an exclude entry naming some axes removes every job it matches",
            expect_jobs(
                THREE,
                "it names no Python version, so it removes macos with the newest "
                "dependencies on each of the 3 Pythons: 12 - 3 = 9",
                exclude=[{"os": "macos", "deps": "newest"}],
            ),
        ),
        Check(
            "an exclude entry that matches no job removes nothing",
            expect_jobs(TWO, "no job runs on windows: 6 jobs", exclude=[{"os": "windows"}]),
        ),
        Check(
            "overlapping exclude entries remove each job once",
            expect_jobs(
                TWO,
                "macos matches 3 jobs and 3.11 matches 2, one job (macos, 3.11) by both "
                "entries: 6 - 3 - 2 + 1 = 2",
                exclude=[{"os": "macos"}, {"python": "3.11"}],
            ),
        ),
        Check(
            f"more than {LIMIT} jobs raise ValueError",
            expect_too_many({"a": list(range(16)), "b": list(range(17))}),
        ),
        Check(
            f"exactly {LIMIT} jobs are allowed",
            expect_jobs({"a": list(range(16)), "b": list(range(16))}, "16 x 16 = 256"),
        ),
        Check(
            "the limit counts the jobs left after excluding",
            expect_jobs(
                {"shard": list(range(257))},
                "257 - 1 excluded = 256, which is allowed",
                exclude=[{"shard": 0}],
            ),
        ),
        Check("the axes and exclude entries are left as they were", leaves_inputs_alone),
    ),
)
