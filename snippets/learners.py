"""Real learners, timed: how scikit-learn's training time grows with the number of rows.

`make measure` fits each learner on growing numbers of rows of one generated
regression problem, on one thread, several times each, and stores every repeat's
seconds with its other measurements; the site fits the exponent k in seconds ~ rows^k.
How each learner's cost grows (n rows, p features): ordinary least squares
O(n p^2) and libsvm's SVMs between O(p n^2) and O(p n^3), as scikit-learn's user
guide gives them. The decision tree's cost follows from scikit-learn 1.9.1's source:
its best splitter sorts a node's samples again for every feature at every node
(`node_split` in sklearn/tree/_splitter.pyx calls `sort_samples_and_feature_values`),
O(p m log m) at a node of m samples; a balanced tree sorts all n samples once per
level over log n levels, O(p n log^2 n), and a tree that splits one sample off at a
time sorts n, n - 1, ... samples, O(p n^2 log n).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
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
# How each learner's training cost grows, n rows and p features (the module's docstring
# says where each comes from).
COST = {
    "Linear regression (least squares)": "O(n p²)",
    "Decision tree": "O(p n log² n) balanced; O(p n² log n) if each split cuts off one row",
    "SVM (SVR, RBF kernel)": "between O(p n²) and O(p n³)",
}
ROWS: dict[str, tuple[int, ...]] = {
    "Linear regression (least squares)": (20_000, 40_000, 80_000, 160_000, 320_000),
    "Decision tree": (1_000, 2_000, 4_000, 8_000, 16_000),
    "SVM (SVR, RBF kernel)": (500, 1_000, 2_000, 4_000, 8_000),
}


# --8<-- [start:time]
def problem(rows: int) -> tuple[np.ndarray, np.ndarray]:
    """`rows` rows of one generated regression problem (the same for every learner)."""
    return make_friedman1(n_samples=rows, n_features=FEATURES, noise=1.0, random_state=0)


def one_thread() -> threadpool_limits:
    """Fits inside run on one thread: the seconds measure the algorithm, not how the
    machine's cores were shared."""
    return threadpool_limits(limits=1)


def fit_once(make_learner: Callable[[], RegressorMixin], x: np.ndarray, y: np.ndarray) -> float:
    """Seconds to fit a new learner on (x, y)."""
    learner = make_learner()
    start = time.perf_counter()
    learner.fit(x, y)
    return time.perf_counter() - start


def fit_seconds(make_learner: Callable[[], RegressorMixin], rows: int, repeats: int) -> float:
    """The fastest of `repeats` fits on `rows` rows: slower runs measure other programs."""
    x, y = problem(rows)
    with one_thread():
        return min(fit_once(make_learner, x, y) for _ in range(repeats))


# --8<-- [end:time]


def tree_depth(rows: int) -> int:
    """The depth of the decision tree fitted on `rows` rows: about log2(rows) levels if
    the splits are balanced, up to rows - 1 if each split cuts off one row."""
    x, y = problem(rows)
    return int(LEARNERS["Decision tree"]().fit(x, y).get_depth())
