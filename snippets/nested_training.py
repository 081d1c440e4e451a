"""The seed's question, answered with code: training as nested loops over datasets and features.

`train_per_feature` fits one weight per feature with plain Python loops, so every
unit of work is visible: one inner iteration per (row, feature) number. Over n
datasets of m features each, the work is n x rows x m: O(n·m), not O(n).
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
