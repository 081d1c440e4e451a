"""Real learners, timed: how scikit-learn's training time grows with the number of rows.

`make measure` calls `time_learners`, which fits each learner on growing numbers of
rows of one generated regression problem and keeps the fastest of a few runs; the
seconds are stored in data/wall_times.json, and the site fits the exponent k in
seconds ~ rows^k from them. scikit-learn's user guide states each learner's cost:
ordinary least squares O(n_samples n_features^2); a balanced decision tree
O(n_features n_samples^2 log(n_samples)) in the worst case, and
O(n_features n_samples log(n_samples)) as scikit-learn implements it; libsvm's SVMs
between O(n_features n_samples^2) and O(n_features n_samples^3).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from sklearn.base import RegressorMixin
from sklearn.datasets import make_friedman1
from sklearn.linear_model import LinearRegression
from sklearn.svm import SVR
from sklearn.tree import DecisionTreeRegressor
from threadpoolctl import threadpool_limits

FEATURES = 10
# The learners, and rows to time each on: doubling, from where the fit takes
# milliseconds (so start-up costs do not dominate) to where it takes seconds at most.
LEARNERS: dict[str, Callable[[], RegressorMixin]] = {
    "Linear regression (least squares)": LinearRegression,
    "Decision tree": lambda: DecisionTreeRegressor(random_state=0),
    "SVM (SVR, RBF kernel)": SVR,
}
# What scikit-learn's user guide says each costs ("Ordinary Least Squares Complexity",
# "Decision Trees: Complexity" as revised in October 2025, "Support Vector Machines:
# Complexity"; the dates read are in docs/references.md).
GUIDE = {
    "Linear regression (least squares)": "O(n_samples n_features²)",
    "Decision tree": (
        "O(n_features n_samples² log n_samples) in the worst case for a balanced tree; "
        "O(n_features n_samples log n_samples) as scikit-learn implements it"
    ),
    "SVM (SVR, RBF kernel)": "between O(n_features n_samples²) and O(n_features n_samples³)",
}
ROWS: dict[str, tuple[int, ...]] = {
    "Linear regression (least squares)": (20_000, 40_000, 80_000, 160_000, 320_000),
    "Decision tree": (1_000, 2_000, 4_000, 8_000, 16_000),
    "SVM (SVR, RBF kernel)": (500, 1_000, 2_000, 4_000, 8_000),
}


# --8<-- [start:time]
def fit_seconds(make_learner: Callable[[], RegressorMixin], rows: int, repeats: int) -> float:
    """The fastest of `repeats` fits on `rows` rows: slower runs measure other programs.

    On one thread, so the seconds measure the algorithm, not how the cores were shared.
    """
    x, y = make_friedman1(n_samples=rows, n_features=FEATURES, noise=1.0, random_state=0)
    fastest = float("inf")
    with threadpool_limits(limits=1):
        for _ in range(repeats):
            learner = make_learner()
            start = time.perf_counter()
            learner.fit(x, y)
            fastest = min(fastest, time.perf_counter() - start)
    return fastest


def time_learners(rows: Mapping[str, Sequence[int]] = ROWS, repeats: int = 3) -> dict:
    """{learner: {"rows": [...], "seconds": [...]}} for each learner named in `rows`."""
    return {
        name: {
            "rows": list(sizes),
            "seconds": [round(fit_seconds(LEARNERS[name], n, repeats), 6) for n in sizes],
        }
        for name, sizes in rows.items()
    }


# --8<-- [end:time]
