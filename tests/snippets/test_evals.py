"""The eval harness and the prompt gate: same cases, pass-rate floor, no regressions."""

from __future__ import annotations

import pytest

from snippets.evals import (
    CASES,
    MIN_PASS_RATE,
    Case,
    prompt_gate,
    prompt_v1,
    prompt_v2,
    prompt_v3,
    run_eval,
)


def test_run_eval_scores_each_case_in_order():
    cases = [Case("a", "x"), Case("b", "y")]
    assert run_eval(lambda message: "x", cases) == [True, False]
    assert run_eval(lambda message: "x", []) == []


@pytest.mark.parametrize(
    ("champion", "challenger", "ships"),
    [
        ([True] * 8 + [False] * 2, [True] * 10, True),
        ([True] * 10, [True] * 10, True),  # a tie on a full pass: no regression, ships
        ([True] * 8 + [False] * 2, [True] * 8 + [False] * 2, True),  # exactly the floor
        ([True] * 7 + [False] * 3, [True] * 7 + [False] * 3, False),  # below the floor
        ([True] * 9 + [False], [True] * 8 + [False] * 2, False),  # worse than the champion
        ([False] + [True] * 8 + [False], [True, False] + [True] * 8, False),  # one regression
    ],
)
def test_the_gate(champion, challenger, ships):
    assert prompt_gate(champion, challenger) is ships


def test_the_gate_counts_regressions_not_only_rates():
    champion = [True, True, False, False, True]
    challenger = [False, True, True, True, True]  # more passes, and one case lost
    assert not prompt_gate(champion, challenger, min_pass_rate=0.5)
    assert prompt_gate(champion, challenger, min_pass_rate=0.5, max_regressions=1)


@pytest.mark.parametrize(("champion", "challenger"), [([], []), ([True], [True, True])])
def test_the_gate_refuses(champion, challenger):
    with pytest.raises(ValueError):
        prompt_gate(champion, challenger)


def test_the_three_versions():
    v1, v2, v3 = (run_eval(version, CASES) for version in (prompt_v1, prompt_v2, prompt_v3))
    assert sum(v1) < sum(v2) < sum(v3) == len(CASES)
    assert sum(v2) >= MIN_PASS_RATE * len(CASES)
    assert any(old and not new for old, new in zip(v1, v2, strict=True))
    assert not prompt_gate(v1, v2)  # better on the whole, but it breaks cases v1 got right
    assert prompt_gate(v1, v3)
