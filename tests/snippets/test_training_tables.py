"""The training-for-production tables: registered, labelled from the simulations'
settings, and holding the numbers the simulations compute."""

from __future__ import annotations

from snippets import backtest, training_tables
from snippets.backtest import evaluation_errors
from snippets.point_in_time import join_scores
from snippets.tables import TABLES
from tests.snippets.test_tables import cells


def test_the_tables_are_registered_with_the_sites_tables():
    for name, table in training_tables.TRAINING_TABLES.items():
        assert TABLES[name] is table


def test_the_backtest_table_shows_each_evaluation_against_production():
    rows = cells(training_tables.backtest_table())
    found = evaluation_errors()
    errors = [found.random_split, found.backtest_no_gap, found.backtest, found.production]
    assert [float(r[1]) for r in rows] == [round(e, 1) for e in errors]
    assert [r[2] for r in rows] == [f"{e / found.production:.0%}" for e in errors]
    assert f"{backtest.TEST_SHARE:.0%} of the days" in rows[0][0]
    assert f"a gap of {backtest.LEAD} days" in rows[2][0]
    assert f"the {backtest.FUTURE // backtest.HORIZON} weeks" in rows[3][0]


def test_the_point_in_time_table_shows_each_model_offline_and_in_production():
    rows = cells(training_tables.point_in_time_table())
    found = join_scores()
    expected = [
        (found.base_rate, found.base_rate),
        (found.latest_offline, found.latest_production),
        (found.as_of_offline, found.as_of_production),
    ]
    assert [(float(r[1]), float(r[2])) for r in rows] == [
        (round(a, 3), round(b, 3)) for a, b in expected
    ]
