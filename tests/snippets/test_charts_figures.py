"""The charts show what the snippets compute; the expected counts are derived from the
pipelines' definitions (lines, asserts, rows, features, epochs), not copied from output."""

from __future__ import annotations

import html
import itertools
import json
import math
import re
from pathlib import Path

import plotly.offline
import pytest

import snippets.charts.growth_charts as growth_charts
from snippets import devops_pipeline, mlops_pipeline, nested_training
from snippets.charts import CHARTS, driver_charts, explorer, wall_time
from snippets.cost_model import fits_per_dataset, pipeline_costs
from snippets.flaky_reruns import GOOGLE_FLAKY_SHARE, powers_of_ten, rerun_failed, rerun_suite
from snippets.growth import fit_exponent

ROOT = Path(__file__).resolve().parents[2]
FIGURE = re.compile(r'<div class="chart__figure" hidden data-search-exclude>(.*?)</div>')
STATES = re.compile(r'<div class="chart__states" hidden data-search-exclude>(.*?)</div>')

# Per service: build counts its source lines, test its asserts, deploy one write.
DEVOPS_PER_ITEM = devops_pipeline.LINES_PER_SERVICE + devops_pipeline.LINES_PER_SERVICE // 2 + 1
# Per dataset: preprocess and evaluate touch every number once (all rows / the 20%
# held out), training touches the 80% training rows once per epoch, deploy writes each
# feature's mean, spread and weight, and the bias.
ROWS, FEATURES = mlops_pipeline.ROWS, mlops_pipeline.FEATURES
MLOPS_PER_ITEM = (
    ROWS * FEATURES
    + mlops_pipeline.EPOCHS * int(ROWS * 0.8) * FEATURES
    + int(ROWS * 0.2) * FEATURES
    + 3 * FEATURES
    + 1
)


def figure_of(name: str) -> dict:
    return json.loads(FIGURE.search(CHARTS[name]()).group(1))


def traces(name: str) -> dict[str, dict]:
    return {t["name"]: t for t in figure_of(name)["data"]}


def test_at_least_six_charts_including_the_explorer() -> None:
    assert len(CHARTS) >= 6 and "explorer" in CHARTS


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_renders_a_figure_with_its_id_and_caption(name: str) -> None:
    out = CHARTS[name]()
    assert out.startswith(f'<figure class="chart" id="chart-{name.replace("_", "-")}"')
    assert re.search(r"<figcaption [^>]*>[^<]{40,}</figcaption>", out)
    assert figure_of(name)["data"], "a chart with no trace"


def test_pipeline_growth_shows_each_sides_counts_relative_to_its_own_first() -> None:
    shown = traces("pipeline_growth")
    sizes = list(growth_charts.PIPELINE_SIZES)
    assert shown["DevOps"]["x"] == sizes
    # DEVOPS_PER_ITEM * n over DEVOPS_PER_ITEM * sizes[0]: the constant per item cancels,
    # so each side's own unit drops out and the two are ratios of one kind.
    assert shown["DevOps"]["y"] == shown["MLOps"]["y"] == [n / sizes[0] for n in sizes]
    caption = re.search(r"<figcaption [^>]*>([^<]*)</figcaption>", CHARTS["pipeline_growth"]())
    fold = f"{MLOPS_PER_ITEM * sizes[-1] // (MLOPS_PER_ITEM * sizes[0])}-fold"
    assert fold in caption.group(1) and "not which run is longer" in caption.group(1)
    assert "a file written" in caption.group(1)  # the growth table counts it too


def test_nested_case_grows_with_rows_times_features() -> None:
    linear, nested = traces("nested_vs_linear").values()
    rows, fixed = nested_training.ROWS, growth_charts.FIXED_FEATURES
    assert linear["y"] == [n * rows * fixed for n in linear["x"]]
    assert nested["y"] == [n * rows * n for n in nested["x"]]
    # The caption names both counts at the largest n, the quadratic one as a supposition.
    caption = caption_of(CHARTS["nested_vs_linear"]())
    n = linear["x"][-1]
    assert f"{n} datasets of {fixed} features cost {linear['y'][-1]:,} iterations" in caption
    assert f"would cost {nested['y'][-1]:,} if each had as many features" in caption


def test_loglog_chart_shows_the_fitted_slopes() -> None:
    figure = figure_of("growth_loglog")
    assert figure["layout"]["xaxis"]["type"] == figure["layout"]["yaxis"]["type"] == "log"
    linear, nested = (t["name"] for t in figure["data"])
    # n * rows * fixed is a slope-1 line; n * rows * n a slope-2 line.
    assert linear.endswith("(slope 1.00)") and nested.endswith("(slope 2.00)")
    assert "slope k: 1.00 with fixed features (linear), 2.00 if" in CHARTS["growth_loglog"]()


def test_rendering_again_from_scratch_gives_the_same_bytes() -> None:
    first = CHARTS["pipeline_growth"]()
    growth_charts.pipeline_measurements.cache_clear()
    assert CHARTS["pipeline_growth"]() == first


def caption_of(out: str) -> str:
    return html.unescape(re.search(r"<figcaption [^>]*>([^<]*)</figcaption>", out).group(1))


def note_of(out: str) -> str:
    return html.unescape(re.search(r'<p class="chart__note">([^<]*)</p>', out).group(1))


def test_wall_time_chart_draws_the_fastest_repeat_with_the_spread(data_file) -> None:
    out = wall_time.wall_time(data_file)
    shown = json.loads(FIGURE.search(out).group(1))["data"]
    assert [(t["name"], t["line"]["dash"]) for t in shown] == [
        ("DevOps: building and testing", "solid"),
        ("DevOps: writing the deployed file", "dot"),
        ("MLOps: preprocessing, training and evaluating", "solid"),
        ("MLOps: writing the deployed file", "dot"),
    ]
    devops = shown[0]
    # Steps before the deploy: 0.003 x n in the faster repeat, 1.5 times that in the slower.
    assert devops["x"] == [2, 4, 8] and devops["y"] == pytest.approx([0.006, 0.012, 0.024])
    assert devops["error_y"]["array"] == pytest.approx([0.003, 0.006, 0.012])
    assert devops["customdata"] == pytest.approx([0.009, 0.018, 0.036])
    caption = caption_of(out)
    # DevOps 0.003 x n against MLOps 0.002 x n: 1.5 times, within a factor of two.
    assert caption.startswith(
        "Both sides' steps before the deploy grow in step with their items, as their counts "
        "do, and per item they come within a factor of two of each other. Fitted slopes "
        "1.00 and 1.00"
    )
    assert "DevOps's took 1.50 to 1.50 times MLOps's" in caption
    assert "grow with slopes 1.50 and 1.00." in caption
    # How and where it was measured goes with the data, not in the caption.
    assert "load average" not in caption and "2026-01-02" in note_of(out)
    assert "The data in this chart, and how it was made" in out


def test_the_caption_names_a_side_only_at_twice_the_other_at_every_count(data) -> None:
    for run in data["pipelines"]["MLOps"]:
        run["seconds"] = {step: [s / 4 for s in v] for step, v in run["seconds"].items()}
    assert "per item DevOps's take at least twice as long at every count" in (
        wall_time.wall_time_caption(data)
    )


def test_stage_charts_draw_each_steps_milliseconds_per_item(data_file) -> None:
    out = wall_time.devops_stages(data_file)
    spec = json.loads(FIGURE.search(out).group(1))
    lines = {t["name"]: t for t in spec["data"]}
    assert list(lines) == [
        "build",
        "test (compile, run the checks)",
        "deploy (write the package file)",
    ]
    test = lines["test (compile, run the checks)"]
    # test ~ items x lines^1.5: 2 ms per service at 20 lines, 2 x 2^1.5 at 40.
    assert test["x"] == [20, 40, 80] and test["y"][:2] == pytest.approx([2.0, 2 * 2**1.5])
    assert lines["deploy (write the package file)"]["line"]["dash"] == "dot"
    assert spec["layout"]["xaxis"]["type"] == spec["layout"]["yaxis"]["type"] == "log"
    caption = caption_of(out)
    assert caption.startswith("Testing a service grows faster than its lines at the large sizes")
    assert "building grows more slowly" in caption and "Slopes: test 1.50" in caption
    assert "build 0.50 over the whole range" in caption
    # Its table gives what is drawn, and the steps before the deploy together, which the
    # captions read.
    table = re.search(r"<table>(.*)</table>", out).group(1)
    assert table.startswith("<caption>Milliseconds per service, the fastest repeat</caption>")
    first = re.findall(r"<td>([^<]*)</td>", table.split("</tr>")[1])
    build, test_, _, own = (float(v) for v in first[1:])
    assert own == pytest.approx(build + test_) and test_ == pytest.approx(2.0)
    mlops = caption_of(wall_time.mlops_stages(data_file))
    assert "hardly grow with the rows at the small sizes" in mlops
    assert "hardly faster at the large ones. Slopes 0.50" in mlops


def test_learner_chart_shows_each_learners_fitted_slope(data_file) -> None:
    out = wall_time.learner_times(data_file)
    spec = json.loads(FIGURE.search(out).group(1))
    names = [t["name"] for t in spec["data"]]
    assert names == ["Quadratic (slope 2.00)", "Linear (slope 1.00)"]
    assert spec["layout"]["xaxis"]["type"] == spec["layout"]["yaxis"]["type"] == "log"
    assert caption_of(out).startswith(
        "The fit time of the quadratic grows fastest with the rows, slope 2.00, and that of "
        "the linear slowest, 1.00"
    )
    assert "10 features" in note_of(out)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_tooltip_names_its_series_in_full_with_units(name: str) -> None:
    """plotly cuts a series' name at 15 characters and shows raw numbers unless told."""
    figure = figure_of(name)
    assert figure["layout"]["hoverlabel"]["namelength"] == -1
    for trace in figure["data"]:
        template = trace["hovertemplate"]
        assert template.startswith("%{fullData.name}<br>") and template.endswith("<extra></extra>")
        # The value (y, or x on a horizontal bar) is formatted: rounded, or grouped in
        # thousands; only the other axis may be shown as it is.
        value, other = ("x", "y") if trace.get("orientation") == "h" else ("y", "x")
        assert re.findall(r"%\{[xy]\}", template) in ([], [f"%{{{other}}}"]), template
        assert re.search(rf"%\{{{value}:[^}}]+\}}", template), template


def test_captions_lead_with_what_to_see_and_keep_provenance_out() -> None:
    for name in CHARTS:
        caption = caption_of(CHARTS[name]())
        assert "load average" not in caption and "make measure" not in caption, name
        assert len(caption.split(". ")[0].split()) <= 60, f"{name}: a long first sentence"


def test_matrix_and_search_multiply_by_each_axis_each_relative_to_itself() -> None:
    shown = traces("search_and_matrix")
    jobs, fits = shown.values()
    assert jobs["x"] == [1, 2, 3, 4]
    assert jobs["y"] == [3**k / 3 for k in (1, 2, 3, 4)]  # three values per matrix axis
    assert fits["y"] == [
        round(fits_per_dataset(3**k) / fits_per_dataset(3), 4) for k in (1, 2, 3, 4)
    ]
    out = CHARTS["search_and_matrix"]()
    assert "3, 9, 27, 81 times" in out
    # The data table gives the runs the caption names, and beside them what is drawn.
    table = re.search(r"<tbody>(.*)</tbody>", out).group(1)
    rows = [re.findall(r"<td>([^<]*)</td>", row) for row in table.split("</tr>") if row]
    assert [row[1] for row in rows] == ["3", "9", "27", "81"]
    assert [row[2] for row in rows] == ["1", "3", "9", "27"]
    assert [row[3] for row in rows] == [f"{fits_per_dataset(3**k):,}" for k in (1, 2, 3, 4)]
    assert "<th>CI matrix: jobs per service</th><th>relative to one axis</th>" in out


def test_flaky_chart_draws_both_rerun_strategies() -> None:
    suite, failed = traces("flaky_reruns").values()
    sizes = list(driver_charts.SUITE_SIZES)
    assert suite["x"] == failed["x"] == sizes
    assert failed["y"] == [round(rerun_failed(n, GOOGLE_FLAKY_SHARE).executions, 1) for n in sizes]
    assert suite["y"] == [round(rerun_suite(n, GOOGLE_FLAKY_SHARE).executions, 1) for n in sizes]
    assert fit_exponent(sizes, failed["y"]) == pytest.approx(1.0, abs=0.01)
    assert "3.7 x 10^9 test executions" in CHARTS["flaky_reruns"]()


@pytest.mark.parametrize(("value", "text"), [(3.66e9, "3.7 x 10^9"), (2.7e-7, "2.7 x 10^-7")])
def test_powers_of_ten(value, text) -> None:
    assert powers_of_ten(value) == text


def ms(seconds: float) -> float:
    """Milliseconds to the microsecond, as the explorer's states hold them."""
    return round(1000 * seconds, 3)


def test_explorer_embeds_every_state_of_the_cost_model() -> None:
    out = CHARTS["explorer"]()
    payload = json.loads(STATES.search(out).group(1))
    controls = explorer.CONTROLS
    assert [c["name"] for c in payload["controls"]] == [c.name for c in controls]
    combos = list(itertools.product(*(c.values for c in controls)))
    assert len(payload["states"]) == len(combos) == math.prod(len(c.values) for c in controls)
    # Row-major order: the index charts.js computes from the inputs' positions.
    for index in (0, 1, 17, len(combos) // 2, len(combos) - 1):
        values = combos[index]
        costs = pipeline_costs(**{c.name: v for c, v in zip(controls, values, strict=True)})
        assert payload["states"][index] == [
            [ms(costs.devops.total_seconds), ms(costs.mlops.total_seconds)],
            [ms(costs.devops.wall_seconds), ms(costs.mlops.wall_seconds)],
        ]
        positions = [c.values.index(v) for c, v in zip(controls, values, strict=True)]
        flat = 0
        for position, c in zip(positions, controls, strict=True):
            flat = flat * len(c.values) + position
        assert flat == index


def test_explorer_controls_are_labelled_range_inputs_at_the_defaults() -> None:
    out = CHARTS["explorer"]()
    inputs = re.findall(r'<input type="range" id="([\w-]+)" name="(\w+)"[^>]*value="(\d+)"', out)
    names = {c.name: c for c in explorer.CONTROLS}
    assert [name for _, name, _ in inputs] == list(names)
    # One input per <label> (HTML allows one labelable element in a label, and an
    # <output> is one): each label names its input by id, and the output beside it.
    labels = re.findall(r'<label for="([\w-]+)">([^<]+)</label>', out)
    assert labels == [(i, names[name].label) for i, name, _ in inputs]
    assert len({i for i, _, _ in inputs}) == len(inputs), "ids are not unique"
    assert re.findall(r'<output for="([\w-]+)">', out) == [i for i, _, _ in inputs]
    assert not re.search(r"<label[^>]*>(?:(?!</label>).)*<(?:input|output)", out, re.S)
    inputs = [(name, value) for _, name, value in inputs]
    for name, value in inputs:
        assert names[name].values[int(value)] == names[name].default
    # One fixed y range (powers of ten) holds every state, so the axis never moves.
    states = json.loads(STATES.search(out).group(1))["states"]
    values = [v for one in states for trace in one for v in trace]
    assert min(values) > 0, "a state that rounds to 0 has no bar on a log axis"
    low, high = figure_of("explorer")["layout"]["yaxis"]["range"]
    assert 10**low <= min(values) < 10 ** (low + 1) and 10 ** (high - 1) < max(values) <= 10**high
    # The initial figure is the default state, in seconds.
    default = pipeline_costs(**{c.name: c.default for c in explorer.CONTROLS})
    shown = [t["y"] for t in figure_of("explorer")["data"]]
    assert shown[0] == [
        ms(default.devops.total_seconds),
        ms(default.mlops.total_seconds),
    ]
    # Its table holds the state on show, written as charts.js writes it (toLocaleString).
    d, m = default.devops, default.mlops
    cells = [explorer.number_text(ms(v)) for v in (d.total_seconds, d.wall_seconds)]
    assert f"<tr><td>DevOps</td><td>{cells[0]}</td><td>{cells[1]}</td></tr>" in out
    assert f"<tr><td>MLOps</td><td>{explorer.number_text(ms(m.total_seconds))}" in out


@pytest.mark.parametrize(
    ("value", "text"), [(1234.5, "1,234.5"), (2.0, "2"), (0.221, "0.221"), (0.1, "0.1")]
)
def test_explorer_cells_read_as_charts_js_writes_them(value, text) -> None:
    assert explorer.number_text(value) == text


def test_the_vendored_bundle_is_the_basic_partial_at_the_targeted_version() -> None:
    bundle = ROOT / "docs" / "assets" / "vendor" / "plotly" / "plotly-basic.min.js"
    head = bundle.read_text(encoding="utf-8")[:200]
    version = plotly.offline.get_plotlyjs_version()
    assert f"plotly.js (basic - minified) v{version}" in head
    assert (bundle.parent / "LICENSE").read_text().startswith("MIT License")
    assert version in (bundle.parent / "README.txt").read_text()
