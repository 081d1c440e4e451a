"""The count's exponents come from the pipelines' own counts, and meet the
measured ones step by step."""

from __future__ import annotations

import pytest

from snippets.count_check import CLOSE, STEP_WORDS, checks, count_slopes, counts, follows
from snippets.devops_pipeline import LINES_PER_SERVICE
from snippets.mlops_pipeline import EPOCHS, FEATURES, TRAIN_SHARE


def test_counts_are_what_the_code_counts() -> None:
    lines = LINES_PER_SERVICE
    assert counts("DevOps", 3, lines) == {"build": 3 * lines, "test": 3 * lines // 2, "deploy": 3}
    training = counts("MLOps", 2, 100)["train_model"]
    assert training == 2 * EPOCHS * int(100 * TRAIN_SHARE) * FEATURES


def test_the_count_is_linear_in_items_and_counts_no_growth_in_the_write() -> None:
    along_items = count_slopes("DevOps", "items", [(2, 20), (4, 20), (8, 20)])
    assert along_items == pytest.approx({"build": 1, "test": 1, "deploy": 1, "own": 1})
    # One package per service and three numbers per feature, whatever the item's size.
    along_size = count_slopes("MLOps", "size", [(4, 200), (4, 400), (4, 800)])
    assert along_size["own"] == pytest.approx(1)
    assert along_size["deploy_model"] == pytest.approx(0, abs=1e-9)
    assert count_slopes("DevOps", "size", [(4, 20), (4, 40)])["deploy"] == pytest.approx(
        0, abs=1e-9
    )


def test_checks_set_each_step_beside_its_measured_slope(data) -> None:
    found = checks(data, "DevOps", "size")
    assert [c.step for c in found] == ["own", "build", "test", "deploy"]
    test = found[2]
    assert test.counted == pytest.approx(1) and test.measured.k == pytest.approx(1.5)
    assert test.words == STEP_WORDS["DevOps"]["test"]
    mlops = checks(data, "MLOps", "items")
    assert mlops[0].step == "own" and all(c.words for c in mlops)


@pytest.mark.parametrize(
    ("k", "close"), [(1.0, True), (1 + CLOSE, True), (1.3, False), (0.7, False)]
)
def test_follows_the_count_within_close(k, close) -> None:
    assert follows(k) is close
