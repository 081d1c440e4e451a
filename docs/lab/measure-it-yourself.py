# ---
# description: "Run both pipelines over growing sizes, measure time and operations, and fit the growth exponents yourself."
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab: measure it yourself
#
# The other pages make claims about how each pipeline's cost grows. This lab lets you
# check them instead of taking them on trust. It runs both pipelines from the site's
# `snippets` package over growing inputs, and counts their operations and times them.
# It fits how fast the work grows, times real scikit-learn learners, and plots it all.
#
# Every number and chart below was computed when this page was built, on the machine
# that built it. This lab is the one place on the site where seconds are measured
# during the build; the other pages show seconds recorded beforehand
# ([About this site](../../about/#how-the-tables-and-charts-are-computed) says why). Run the lab yourself and your machine's
# seconds will differ.
#
# ## Run it yourself
#
# <a href="measure-it-yourself.py" download>Download the notebook</a>: a plain Python
# file in jupytext's percent format, `docs/lab/measure-it-yourself.py` in the
# repository. It imports the site's `snippets` package, so run it in a clone of the
# repository with the README's environment (`make serve` or `make test` creates
# `.venv/` with everything installed). From the repository's root:
#
# - as a script, which prints every number: `.venv/bin/python docs/lab/measure-it-yourself.py`
# - as a notebook, executed cell by cell into a copy with its outputs, for any Jupyter
#   to open:
#   `.venv/bin/jupytext --to ipynb --execute -o measure-it-yourself.ipynb docs/lab/measure-it-yourself.py`
#
# Charts appear on this page; elsewhere each one shows as its caption and a table of
# its data (in Jupyter, `figure.show()` draws it with Plotly's own renderer).

# %%
import time
from itertools import pairwise

import plotly.graph_objects as go
from IPython import get_ipython
from IPython.display import HTML, display

from snippets.charts.html import figure_html
from snippets.charts.style import DEVOPS, MLOPS, hover, loglog_layout, relative
from snippets.growth import (
    devops_run,
    fit_exponent,
    grown,
    measure,
    measure_together,
    mlops_run,
    sized_run,
)
from snippets.hyperparameter_search import grid_search
from snippets.meter import Meter
from snippets.mlops_pipeline import make_datasets
from snippets.wall_times import FILE_WRITE, ordering

lab_started = time.perf_counter()  # the last cell says how long the whole lab took


def show(figure: go.Figure, chart_id: str, caption: str) -> None:
    """Display a chart as the site's pages do: drawn by the site's own plotly.js."""
    if get_ipython() is None:  # a plain script has nowhere to draw: name the chart
        print(f"[chart] {caption}")
        return
    display(HTML(figure_html(figure, chart_id, caption)))


# %% [markdown]
# ## 1. Run both pipelines over growing sizes
#
# `measure_together(runs, sizes, repeats)` runs each pipeline at each size `repeats`
# times. Each run gets a fresh `Meter`, which records three things: the step runs
# (`calls`: one per call of a step), the operations the code says each step did, and
# the seconds.
#
# Every repeat runs every size of both pipelines once: first from the smallest size
# up, then from the largest down. So a slow spell of the machine falls on every size
# and both sides alike. Each measurement keeps the fastest repeat, and every repeat's
# seconds, in all and step by step. The counts are the same every time; the slower
# repeats' extra seconds belong to other programs on the machine.
#
# The size differs by side:
#
# - DevOps: the number of services (build, test and deploy each).
# - MLOps: the number of datasets (preprocess, train, evaluate, and deploy if the
#   model passes the evaluation gate).
#
# The seconds below leave out each side's deploy, which writes one small file per
# item. A file's seconds depend more on where it is written than on the code (the
# [performance page](../../performance/#in-seconds-on-one-machine) shows how). What is
# left is each side's own work: building and testing, or preprocessing, training and
# evaluating.

# %%
SIZES = [25, 50, 100, 200, 400]
REPEATS = 5

measured = measure_together({"DevOps": devops_run, "MLOps": mlops_run}, SIZES, REPEATS)
devops, mlops = measured["DevOps"], measured["MLOps"]


def own_seconds(run, side):
    """Every repeat's seconds without the deploy's file write."""
    writes = run.steps[FILE_WRITE[side]]
    return [total - write for total, write in zip(run.repeats, writes, strict=True)]


own = {side: [min(own_seconds(run, side)) for run in measured[side]] for side in measured}
print("    n | DevOps ops |    MLOps ops | DevOps s |  MLOps s")
for i, (d, m) in enumerate(zip(devops, mlops, strict=True)):
    print(
        f"{d.n:>5} | {d.operations:>10,} | {m.operations:>12,} "
        f"| {own['DevOps'][i]:>8.4f} | {own['MLOps'][i]:>8.4f}"
    )

# %% [markdown]
# The two columns of operations are in different units. A DevOps operation is a line
# of source hashed or checked, or a package written; an MLOps operation is one number
# touched. So compare how each column *grows*, not the two columns with each other.
# The two columns of seconds are in one unit, measured on one machine: those you can
# compare directly.
#
# ## 2. Fit the growth exponents
#
# If work grows like c · n<sup>k</sup>, then log(work) = log(c) + k · log(n): the
# slope of the log-log line is the exponent k, and `fit_exponent` fits that line.
# k = 1 means doubling the input doubles the work; k = 2 means it quadruples it.

# %%
exponents = {
    "DevOps operations": fit_exponent(SIZES, [r.operations for r in devops]),
    "MLOps operations": fit_exponent(SIZES, [r.operations for r in mlops]),
    "DevOps seconds": fit_exponent(SIZES, own["DevOps"]),
    "MLOps seconds": fit_exponent(SIZES, own["MLOps"]),
}
for name, k in exponents.items():
    print(f"{name:<18} k = {k:.2f}")
per_item = {side: seconds[-1] / SIZES[-1] for side, seconds in own.items()}
print(f"Seconds per item at {SIZES[-1]} items: {ordering(per_item)}")

# %% [markdown]
# The operations' exponents come out exactly 1 because the code counts the same
# operations for every item. They restate the
# [operation count](../../glossary/#operation-count): a model which assumes every
# counted operation always takes the same time. The seconds' exponents test that
# assumption on whatever machine runs the lab, and need not match:
#
# - Fixed costs (starting a step, calling numpy) weigh most on the smallest sizes,
#   and pull an exponent below 1.
# - Other programs competing for the machine push single runs up or down. The fastest
#   of a few repeats only partly removes that.
#
# Read the seconds' exponents as what this machine did this time. The last line
# compares the two sides per item. It calls them too close to order unless one takes
# at least twice as long as the other.

# %%
ITEMS = "Items (services or datasets)"
RELATIVE = f"Work relative to {SIZES[0]} items"
figure = go.Figure(layout=loglog_layout(ITEMS, RELATIVE, SIZES))
for name, runs, colour, dash in (
    ("DevOps", devops, DEVOPS, "solid"),
    ("MLOps", mlops, MLOPS, "dash"),
):
    operations = relative([r.operations for r in runs])
    figure.add_scatter(
        x=SIZES,
        y=operations,
        name=name,
        line={"color": colour, "dash": dash},
        hovertemplate=hover("%{x:,} items", f"%{{y:.3g}} x its work at {SIZES[0]} items"),
    )
show(
    figure,
    "lab-operations",
    "How each side's operations grow with its items, counted while this page was built, "
    f"each relative to its own count at {SIZES[0]} items (log-log axes; a DevOps "
    "operation and an MLOps one are different things, so only their growth compares): "
    f"fitted slopes {exponents['DevOps operations']:.2f} (DevOps) and "
    f"{exponents['MLOps operations']:.2f} (MLOps).",
)

figure = go.Figure(layout=loglog_layout(ITEMS, "Seconds (log scale)", SIZES))
for side, colour in (("DevOps", DEVOPS), ("MLOps", MLOPS)):
    repeats = [own_seconds(run, side) for run in measured[side]]
    figure.add_scatter(
        x=SIZES,
        y=own[side],
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [max(r) - min(r) for r in repeats],
            "arrayminus": [0] * len(repeats),
        },
        name=f"{side}: every step but the file write",
        line={"color": colour},
        hovertemplate=hover("%{x:,} items", "%{y:.3g} s (the fastest repeat)"),
    )


def out_of_order(seconds):
    """Pairs of neighbouring sizes whose fastest repeats came out in reverse order."""
    return [(a, b) for (a, s), (b, t) in pairwise(zip(SIZES, seconds, strict=True)) if t <= s]


reversed_pairs = {side: out_of_order(seconds) for side, seconds in own.items()}
if not any(reversed_pairs.values()):
    order_words = "on both sides every size took longer than the one before"
else:
    pairs = "; ".join(
        f"{side} at {a} and {b} items" for side, found in reversed_pairs.items() for a, b in found
    )
    order_words = (
        f"some sizes came out in reverse order ({pairs}): the work doubled, so the seconds "
        "of those runs were mostly other programs sharing the machine; the bars, from the "
        "fastest to the slowest repeat, show how much the machine moved them"
    )
show(
    figure,
    "lab-seconds",
    f"Each side's steps (all but the deploy's file write) against its items, measured "
    f"while this page was built: "
    f"{order_words}. Fitted slopes {exponents['DevOps seconds']:.2f} (DevOps) and "
    f"{exponents['MLOps seconds']:.2f} (MLOps), where the counts' slope is 1; each point is "
    f"the fastest of {REPEATS} repeats, with a bar up to the slowest. Per item at "
    f"{SIZES[-1]} items, {ordering(per_item)}.",
)

# %% [markdown]
# ## 3. Grow each pipeline along two axes
#
# Items are not the only thing that grows. Each item also has a size:
#
# - A dataset's training touches every number of every row in every epoch, so its
#   work grows with the number of features.
# - A service's build hashes every line and its test runs every check, so its work
#   grows with the number of lines.
#
# The work is a product, items &times; size, linear in each. First, the MLOps pipeline
# runs over a fixed 20 datasets with more and more features. Then each pipeline's item
# size grows with the number of items, to show what happens to the exponent when two
# sizes grow at once. Nothing in a real team ties the two: services can gain lines
# without new services, and datasets can gain columns without new datasets.


# %%
def grown_together(pipeline: str, size_per_n: int):
    """`run(n, meter)`: n items of `size_per_n * n` features (MLOps) or lines (DevOps)."""
    size = "lines" if pipeline == "DevOps" else "features"
    return grown(pipeline, lambda n: n, **{size: lambda n: size_per_n * n})


FEATURES = [4, 8, 16, 32, 64]
by_features = [measure(sized_run("MLOps", features=f), [20])[0] for f in FEATURES]
k_features = fit_exponent(FEATURES, [r.operations for r in by_features])
print(f"MLOps, 20 datasets, features growing:  k = {k_features:.2f}")

TOGETHER = [5, 10, 20, 40, 80]
together = {
    "MLOps: n datasets of n features": measure(grown_together("MLOps", 1), TOGETHER),
    "DevOps: n services of 4n lines": measure(grown_together("DevOps", 4), TOGETHER),
}
slopes = {
    name: fit_exponent(TOGETHER, [r.operations for r in runs]) for name, runs in together.items()
}
for name, k in slopes.items():
    print(f"{name:<32} k = {k:.2f}")

figure = go.Figure(layout=loglog_layout("n", f"Work relative to n = {TOGETHER[0]}", TOGETHER))
for (name, runs), colour, dash in zip(
    together.items(), (MLOPS, DEVOPS), ("dash", "solid"), strict=True
):
    figure.add_scatter(
        x=TOGETHER,
        y=relative([r.operations for r in runs]),
        name=f"{name} (slope {slopes[name]:.2f})",
        line={"color": colour, "dash": dash},
        hovertemplate=hover("n = %{x}", f"%{{y:.3g}} x its work at n = {TOGETHER[0]}"),
    )
show(
    figure,
    "lab-two-axes",
    "Each pipeline with the size of its items made to grow with their number, each "
    f"relative to its own work at n = {TOGETHER[0]} (log-log axes): fitted slopes "
    + " and ".join(f"{k:.2f}" for k in slopes.values())
    + ", the two exponents of 1 added, so doubling n about quadruples the work; grow "
    "one size alone and the slope stays 1.",
)

# %% [markdown]
# ## 4. Search the hyperparameters
#
# A grid search trains every candidate setting once per cross-validation fold. The
# search tools "evaluate each parameter combination on each data fold independently"
# ([scikit-learn's user guide](../../references/#sklearn-grid-search)).
# `GridSearchCV`'s own log says "Fitting 5 folds for each of 18 candidates, totalling
# 90 fits". With its default `refit=True`, it then fits the best candidate once more.
#
# Here is `grid_search` from `snippets/hyperparameter_search.py` on one dataset, with
# more and more candidate penalties. Its folds split the dataset's training rows only,
# and it refits the best candidate on all of them. It takes the raw dataset: each fit
# learns its scaling from the rows it trains on. So the rows it is scored on stay
# unseen, as they would in a scikit-learn `Pipeline` of a scaler and a model.

# %%
dataset = make_datasets(1)[0]
CANDIDATES = [1, 2, 4, 8, 16]
searches = []
for candidates in CANDIDATES:
    meter = Meter()
    grid_search(dataset, [0.01 * i for i in range(candidates)], meter)
    searches.append(meter)
    print(
        f"{candidates:>2} candidates: {meter.calls['fit']:>3} fits, "
        f"{meter.total_operations:>9,} operations"
    )
k_search = fit_exponent(CANDIDATES, [m.total_operations for m in searches])
print(f"candidates growing: k = {k_search:.2f}")

# %% [markdown]
# Each of these factors alone multiplies the work in proportion to itself. Grow
# several at once and they multiply, and their exponents add up:
#
# - MLOps: datasets &times; features &times; candidates &times; folds.
# - DevOps: services &times; lines &times; matrix jobs.
#
# Some factors are not proportional at all. Re-running a whole test suite until it
# passes grows faster than the suite. So does training some real learners as their
# rows grow. The [cost drivers](../../cost-drivers/) page measures both.
#
# ## 5. Time real learners
#
# The pipeline's linear model is linear in its rows by construction. Some real learners
# are not. Time a decision tree and a support vector machine on growing numbers of
# rows, with `fit_seconds` from `snippets/learners.py`: the code `make measure` uses,
# here at smaller sizes so the lab stays quick.

# %%
from snippets.learners import LEARNERS, fit_seconds
from snippets.wall_times import learner_slopes, load

ROWS = [250, 500, 1000, 2000]
recorded = load()
for name in ("Decision tree", "SVM (SVR, RBF kernel)"):
    seconds = [fit_seconds(LEARNERS[name], n, repeats=2) for n in ROWS]
    timed = recorded["learners"]["fits"][name]["rows"]
    print(
        f"{name:<22} k = {fit_exponent(ROWS, seconds):.2f} here; "
        f"{learner_slopes(recorded)[name].k:.2f} recorded by make measure "
        f"({timed[0]:,} to {timed[-1]:,} rows)"
    )

# %% [markdown]
# At these small sizes, fixed start-up costs weigh more on each fit and pull a fitted
# slope down. The tree's fits here take only milliseconds, so its slope comes out
# lower than the one `make measure` recorded. The SVM's fits take long enough that
# its slope stays close to the recorded one, and it stays the steeper of the two. Try
# larger rows to see the tree's slope approach the recorded one.

# %%
print(f"The lab ran in {time.perf_counter() - lab_started:.1f} s.")

# %% [markdown]
# ## Exercises
#
# Change the code above, or paste these into new cells below it. Each solution
# opens on demand; try first.
#
# ### Exercise 1: change the number of features
#
# The pipeline's datasets have 8 features by default. Run the MLOps pipeline over
# 50 datasets with 8, 16 and 32 features. How do the operations change, and which
# step accounts for most of them?
#
# <details class="solution"><summary>Solution</summary>
#
# ```python
# runs = {}
# for features in (8, 16, 32):
#     runs[features] = meter = Meter()
#     sized_run("MLOps", features=features)(50, meter)  # 50 datasets of that many columns
#     share = meter.operations["train_model"] / meter.total_operations
#     print(f"{features:>2} features: {meter.total_operations:>10,} operations, {share:.0%} in training")
#
# # Doubling the features doubles the work, all but the bias each of the 50 models
# # saves; training is nearly all of it.
# assert runs[16].total_operations == 2 * runs[8].total_operations - 50
# assert runs[32].total_operations == 2 * runs[16].total_operations - 50
# ```
#
# </details>
#
# ### Exercise 2: add a cache
#
# Most datasets do not change between two runs of a pipeline. Keep a cache of trained
# models keyed by the content hash of the prepared data (`content_hash` in
# `snippets/data_versioning.py`), so that a second run over 50 datasets, of which 5
# are new, trains only the 5 new ones.
#
# <details class="solution"><summary>Solution</summary>
#
# ```python
# from snippets.data_versioning import content_hash
# from snippets.mlops_pipeline import evaluate_model, preprocess, train_model
#
#
# def run_with_cache(datasets, cache, meter):
#     """Preprocess and evaluate everything; train only data the cache has not seen."""
#     for dataset in datasets:
#         prepared = preprocess(dataset, meter)
#         key = content_hash(prepared)
#         if key not in cache:
#             cache[key] = train_model(prepared, meter)
#         evaluate_model(cache[key], prepared, meter)
#
#
# cache = {}
# datasets = make_datasets(50)
# first, second = Meter(), Meter()
# run_with_cache(datasets, cache, first)
# run_with_cache(datasets[5:] + make_datasets(5, seed=1000), cache, second)
# print("trainings:", first.calls["train_model"], "then", second.calls["train_model"])
# print(f"operations: {first.total_operations:,} then {second.total_operations:,}")
# assert (first.calls["train_model"], second.calls["train_model"]) == (50, 5)
# ```
#
# The cache skips the costly step, not the cheap ones: preprocessing still runs, to
# compute the key. Its key is the data alone. So a change to `train_model`, to its
# epochs or to `TRAIN_SHARE` would hand back models trained the old way.
#
# `RunCache` in `snippets/incremental.py` keys every pure stage by its inputs, its
# parameters and its code: the compiled code of the step and of the project's
# functions it uses, and the values of the constants they read. `dvc repro` keys a
# stage by its command, the contents of the files it lists as dependencies and its
# parameters. Deploying is never restored from a cache: it runs when the model
# differs from the one in service.
#
# </details>
#
# ### Exercise 3: add workers
#
# Run the MLOps pipeline over 400 datasets with 1, 2 and 4 worker threads
# (`run_parallel` in `snippets/parallel.py`). Does the total number of operations
# change? What about the busiest worker's share, and the wall time?
#
# <details class="solution"><summary>Solution</summary>
#
# ```python
# import tempfile
# from pathlib import Path
#
# from snippets.parallel import makespan, run_parallel
#
# datasets = make_datasets(400)
# with tempfile.TemporaryDirectory() as target:
#     for workers in (1, 2, 4):
#         start = time.perf_counter()
#         total, per_dataset = run_parallel(datasets, Path(target), workers)
#         seconds = time.perf_counter() - start
#         busiest = makespan(per_dataset, workers)
#         print(f"{workers} worker(s): {total.total_operations:,} operations, "
#               f"busiest worker {busiest:,}, {seconds:.2f} s")
#         assert total.total_operations == mlops[SIZES.index(400)].operations
#         assert busiest == total.total_operations // workers
# ```
#
# Workers never reduce the work, only the busiest worker's share of it. That share
# saves wall time only when the machine has idle cores and the steps can really run
# at once. Python threads share one interpreter lock, and on arrays this small most
# of each step is Python code that holds it. So threads barely help here; processes,
# or one CI runner per shard, do.
#
# </details>
