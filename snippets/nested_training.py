"""Training as nested loops over datasets, features and rows, so that every unit of work shows.

`train_model` in mlops_pipeline.py already touches every number of every training row
in every epoch: numpy runs those loops out of sight. `train_per_feature` writes the
same kind of work as plain Python loops, one inner iteration per (row, feature)
number, so the count can be seen. Over n datasets of m features and a fixed number
of rows, the work is n x rows x m: O(n·m). Writing the loops by hand changes the
constant per number, not how the work grows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from snippets.meter import Meter

ROWS = 50


@dataclass(frozen=True)
class Table:
    name: str
    rows: list[list[float]]  # ROWS lists of `features` numbers
    targets: list[float]


def make_tables(n: int, features: int, rows: int = ROWS, seed: int = 0) -> list[Table]:
    """Generate `n` small tables; each target is the sum of the row's features plus noise."""
    rng = random.Random(seed)
    tables = []
    for i in range(n):
        data = [[rng.uniform(-1, 1) for _ in range(features)] for _ in range(rows)]
        targets = [sum(row) + rng.gauss(0, 0.01) for row in data]
        tables.append(Table(f"table-{i:04d}", data, targets))
    return tables


# --8<-- [start:nested]
def train_per_feature(table: Table, meter: Meter) -> list[float]:
    """Fit y ~ w * x for each feature on its own: a loop over features, then rows."""
    with meter.step("train_model"):
        weights = []
        for j in range(len(table.rows[0])):  # every feature ...
            xy = xx = 0.0
            for row, target in zip(table.rows, table.targets, strict=True):  # ... every row
                xy += row[j] * target
                xx += row[j] * row[j]
                meter.count("train_model", 1)  # one inner iteration
            weights.append(xy / xx)
    return weights


def run_nested_training(tables: list[Table], meter: Meter) -> None:
    for table in tables:  # every dataset ...
        train_per_feature(table, meter)  # ... costs rows x features


# --8<-- [end:nested]


def nested_run(n: int, meter: Meter, features: int) -> None:
    """n datasets of `features` columns each, in the `measure(run, sizes)` shape."""
    run_nested_training(make_tables(n, features), meter)
