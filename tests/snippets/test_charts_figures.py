"""The charts show what the snippets compute; the expected counts are derived from the
pipelines' definitions (lines, asserts, rows, features, epochs), not copied from output."""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import plotly.offline
import pytest

import snippets.charts.growth_charts as growth_charts
from snippets import devops_pipeline, learners, mlops_pipeline, nested_training
from snippets.charts import CHARTS, benchmark, driver_charts, explorer, render_chart, wall_time
from snippets.cost_model import fits_per_dataset, pipeline_costs
from snippets.flaky_reruns import GOOGLE_FLAKY_SHARE, rerun_failed, rerun_suite
from snippets.growth import fit_exponent

ROOT = Path(__file__).resolve().parents[2]
FIGURE = re.compile(r'<div class="chart__figure" hidden data-search-exclude>(.*?)</div>')
STATES = re.compile(r'<div class="chart__states" hidden data-search-exclude>(.*?)</div>')

# Per service: build counts its source lines, test its asserts, deploy one write.
DEVOPS_PER_ITEM = devops_pipeline.LINES_PER_SERVICE + devops_pipeline.LINES_PER_SERVICE // 2 + 1
# Per dataset: preprocess and evaluate touch every number once (all rows / the 20%
# held out), training touches the 80% training rows once per epoch, deploy one weight
# per feature.
ROWS, FEATURES = mlops_pipeline.ROWS, mlops_pipeline.FEATURES
MLOPS_PER_ITEM = (
    ROWS * FEATURES
    + mlops_pipeline.EPOCHS * int(ROWS * 0.8) * FEATURES
    + int(ROWS * 0.2) * FEATURES
    + FEATURES
)


def figure_of(name: str) -> dict:
    return json.loads(FIGURE.search(render_chart(name)).group(1))


def traces(name: str) -> dict[str, dict]:
    return {t["name"]: t for t in figure_of(name)["data"]}


def test_at_least_six_charts_including_the_explorer() -> None:
    assert len(CHARTS) >= 6 and "explorer" in CHARTS


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_renders_a_figure_with_its_id_and_caption(name: str) -> None:
    out = render_chart(name)
    assert out.startswith(f'<figure class="chart" id="chart-{name.replace("_", "-")}"')
    assert re.search(r"<figcaption [^>]*>[^<]{40,}</figcaption>", out)
    assert figure_of(name)["data"], "a chart with no trace"


def test_unknown_chart_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render_chart("no_such_chart")


def test_pipeline_growth_shows_the_meters_counts() -> None:
    shown = traces("pipeline_growth")
    sizes = list(growth_charts.PIPELINE_SIZES)
    assert shown["DevOps"]["x"] == sizes
    assert shown["DevOps"]["y"] == [DEVOPS_PER_ITEM * n for n in sizes]
    assert shown["MLOps"]["y"] == [MLOPS_PER_ITEM * n for n in sizes]
    # The two lines count different operations: the caption states no ratio of them.
    caption = re.search(r"<figcaption [^>]*>([^<]*)</figcaption>", render_chart("pipeline_growth"))
    assert "times" not in caption.group(1) and "units differ" in caption.group(1)


def test_nested_case_grows_with_rows_times_features() -> None:
    linear, nested = traces("nested_vs_linear").values()
    rows, fixed = nested_training.ROWS, growth_charts.FIXED_FEATURES
    assert linear["y"] == [n * rows * fixed for n in linear["x"]]
    assert nested["y"] == [n * rows * n for n in nested["x"]]


def test_loglog_chart_shows_the_fitted_slopes() -> None:
    figure = figure_of("growth_loglog")
    assert figure["layout"]["xaxis"]["type"] == figure["layout"]["yaxis"]["type"] == "log"
    linear, nested = (t["name"] for t in figure["data"])
    # n * rows * fixed is a slope-1 line; n * rows * n a slope-2 line.
    assert linear.endswith("(slope 1.00)") and nested.endswith("(slope 2.00)")
    assert "Fitted slopes: 1.00 with fixed features" in render_chart("growth_loglog")


def test_rendering_again_from_scratch_gives_the_same_bytes() -> None:
    first = render_chart("pipeline_growth")
    growth_charts.pipeline_measurements.cache_clear()
    assert render_chart("pipeline_growth") == first


def recorded(**more) -> dict:
    """A small data file in the shape `make measure` writes."""
    data = {
        "measured_on": "2026-01-02",
        "command": "make measure",
        "machine": {"cores": 3, "cpu": "Test CPU", "python": "3.99", "system": "Test"},
        "repeats": 7,
        "statistic": "fastest of the repeats",
        "pipelines": {"sizes": [1, 2], "seconds": {"DevOps": [0.5, 1.0], "MLOps": [2.0, 4.0]}},
        "stages": {
            "items": 5,
            "DevOps": [
                {"lines": 20, "seconds": {"build": 0.001, "test": 0.002, "deploy": 0.004}},
                {"lines": 200, "seconds": {"build": 0.002, "test": 0.02, "deploy": 0.004}},
            ],
            "MLOps": [
                {
                    "features": 8,
                    "seconds": {
                        "preprocess": 0.001,
                        "train_model": 0.002,
                        "evaluate_model": 0.001,
                        "deploy_model": 0.003,
                    },
                },
            ],
        },
        "learners": {
            "features": 10,
            "fits": {
                "Quadratic": {"rows": [100, 200, 400], "seconds": [0.01, 0.04, 0.16]},
                "Linear": {"rows": [100, 200, 400], "seconds": [0.01, 0.02, 0.04]},
                "Cubic": {"rows": [100, 200], "seconds": [0.01, 0.08]},
            },
        },
    }
    data.update(more)
    return data


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """The charts draw the data file, never a new measurement."""
    monkeypatch.setattr("snippets.growth.measure", pytest.fail)
    monkeypatch.setattr(benchmark, "measure", pytest.fail)
    path = tmp_path / "w.json"
    path.write_text(json.dumps(recorded()))
    return path


def test_recorded_wall_times_say_when_and_where() -> None:
    data = json.loads((ROOT / "data" / "wall_times.json").read_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["measured_on"])
    assert {"cores", "cpu", "python", "load_average"} <= set(data["machine"])
    runs = data["pipelines"]
    assert runs["sizes"] == sorted(runs["sizes"]) and len(runs["sizes"]) >= 4
    for seconds in runs["seconds"].values():
        assert len(seconds) == len(runs["sizes"]) and all(s > 0 for s in seconds)
    assert [r["lines"] for r in data["stages"]["DevOps"]] == list(benchmark.SERVICE_LINES)
    assert [r["features"] for r in data["stages"]["MLOps"]] == list(benchmark.DATASET_FEATURES)
    assert set(data["learners"]["fits"]) == set(learners.LEARNERS)


def test_the_pages_words_hold_for_the_recorded_data() -> None:
    """The pages describe the recorded seconds in words: a new `make measure` that
    contradicts them fails here, naming the sentence to revisit."""
    data = json.loads((ROOT / "data" / "wall_times.json").read_text())
    runs = data["pipelines"]
    per_item = [seconds[-1] / runs["sizes"][-1] for seconds in runs["seconds"].values()]
    # performance.md: "both sides spend around a millisecond per item", and both "grow
    # in proportion to the items, give or take the noise".
    assert all(0.0002 < s < 0.005 for s in per_item) and max(per_item) < 3 * min(per_item)
    for seconds in runs["seconds"].values():
        assert 0.8 < fit_exponent(runs["sizes"], seconds) < 1.35
    # cost-drivers.md: least squares about linear (a little below 1), the tree close to
    # 1 and far from 2, the SVM the steepest.
    linear, tree, svm = (wall_time.learner_slopes(data)[name] for name in learners.LEARNERS)
    assert 0.75 < linear < 1.1 and 0.9 < tree < 1.5 and svm > max(linear, tree) + 0.4


def test_wall_time_chart_draws_the_data_and_says_where_it_came_from(data_file) -> None:
    out = wall_time.wall_time(data_file)
    shown = json.loads(FIGURE.search(out).group(1))["data"]
    assert [(t["name"], t["x"], t["y"]) for t in shown] == [
        ("DevOps", [1, 2], [0.5, 1.0]),
        ("MLOps", [1, 2], [2.0, 4.0]),
    ]
    # Per item at the largest size: 1.0 s / 2 services, 4.0 s / 2 datasets.
    assert "DevOps 500.0 ms per service, MLOps 2000.0 ms per dataset" in out
    for fact in ("2026-01-02", "fastest of 7 runs", "3 cores", "Test CPU", "Python 3.99"):
        assert fact in out


def test_stage_charts_stack_the_recorded_milliseconds_per_item(data_file) -> None:
    spec = json.loads(FIGURE.search(wall_time.devops_stages(data_file)).group(1))
    bars = {t["name"]: (t["x"], t["y"]) for t in spec["data"]}
    assert list(bars) == ["build", "test", "deploy"]  # pipeline order
    assert bars["test"] == (["20 lines", "200 lines"], [2.0, 20.0])
    assert spec["layout"]["barmode"] == "stack"
    out = wall_time.devops_stages(data_file)
    # deploy is 4 of 7 ms at 20 lines; test 20 of 26 ms at 200 lines.
    assert "&#x27;deploy&#x27; (57%) at 20 lines, &#x27;test&#x27; (77%) at 200 lines" in out
    assert "8 features" in wall_time.mlops_stages(data_file)


def test_learner_chart_shows_each_learners_fitted_slope(data_file) -> None:
    spec = json.loads(FIGURE.search(wall_time.learner_times(data_file)).group(1))
    names = [t["name"] for t in spec["data"]]
    assert names == ["Quadratic (slope 2.00)", "Linear (slope 1.00)", "Cubic (slope 3.00)"]
    assert spec["layout"]["xaxis"]["type"] == spec["layout"]["yaxis"]["type"] == "log"


def test_benchmark_command_writes_the_data_file(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(benchmark, "SERVICE_LINES", (20, 40))
    monkeypatch.setattr(benchmark, "DATASET_FEATURES", (8,))
    monkeypatch.setattr(learners, "ROWS", {name: (30, 60) for name in learners.LEARNERS})
    out = tmp_path / "sub" / "w.json"
    benchmark.main(["--out", str(out), "--sizes", "1", "2", "--repeats", "1"])
    data = json.loads(out.read_text())
    assert data["pipelines"]["sizes"] == [1, 2] and data["repeats"] == 1
    assert set(data["pipelines"]["seconds"]) == {"DevOps", "MLOps"}
    assert all(len(s) == 2 and min(s) > 0 for s in data["pipelines"]["seconds"].values())
    assert [r["lines"] for r in data["stages"]["DevOps"]] == [20, 40]
    assert list(data["stages"]["MLOps"][0]["seconds"]) == [
        "preprocess",
        "train_model",
        "evaluate_model",
        "deploy_model",
    ]
    assert all(fit["rows"] == [30, 60] for fit in data["learners"]["fits"].values())
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]
    assert "wrote" in capsys.readouterr().out


def test_cpu_model_falls_back_without_proc(monkeypatch) -> None:
    monkeypatch.setattr(benchmark, "Path", lambda _: Path("/no/such/cpuinfo"))
    assert benchmark.cpu_model()


def test_matrix_and_search_multiply_by_each_axis() -> None:
    shown = traces("search_and_matrix")
    jobs, fits = shown.values()
    assert jobs["x"] == [1, 2, 3, 4]
    assert jobs["y"] == [3**k for k in (1, 2, 3, 4)]  # three values per matrix axis
    assert fits["y"] == [fits_per_dataset(3**k) for k in (1, 2, 3, 4)]


def test_flaky_chart_draws_both_rerun_strategies() -> None:
    suite, failed = traces("flaky_reruns").values()
    sizes = list(driver_charts.SUITE_SIZES)
    assert suite["x"] == failed["x"] == sizes
    assert failed["y"] == [round(rerun_failed(n, GOOGLE_FLAKY_SHARE).executions, 1) for n in sizes]
    assert suite["y"] == [round(rerun_suite(n, GOOGLE_FLAKY_SHARE).executions, 1) for n in sizes]
    assert fit_exponent(sizes, failed["y"]) == pytest.approx(1.0, abs=0.01)
    assert "3.7 x 10^9 executions" in render_chart("flaky_reruns")


@pytest.mark.parametrize(("value", "text"), [(3.66e9, "3.7 x 10^9"), (2.7e-7, "2.7 x 10^-7")])
def test_powers_of_ten(value, text) -> None:
    assert driver_charts.powers_of_ten(value) == text


def test_explorer_embeds_every_state_of_the_cost_model() -> None:
    out = render_chart("explorer")
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
            [round(costs.devops.total_seconds, 3), round(costs.mlops.total_seconds, 3)],
            [round(costs.devops.wall_seconds, 3), round(costs.mlops.wall_seconds, 3)],
        ]
        positions = [c.values.index(v) for c, v in zip(controls, values, strict=True)]
        flat = 0
        for position, c in zip(positions, controls, strict=True):
            flat = flat * len(c.values) + position
        assert flat == index


def test_explorer_controls_are_labelled_range_inputs_at_the_defaults() -> None:
    out = render_chart("explorer")
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
    # The initial figure is the default state, in seconds.
    default = pipeline_costs(**{c.name: c.default for c in explorer.CONTROLS})
    shown = [t["y"] for t in figure_of("explorer")["data"]]
    assert shown[0] == [
        round(default.devops.total_seconds, 3),
        round(default.mlops.total_seconds, 3),
    ]
    # Its table holds the state on show, written as charts.js writes it (toLocaleString).
    d, m = default.devops, default.mlops
    cells = [explorer.seconds_text(round(v, 3)) for v in (d.total_seconds, d.wall_seconds)]
    assert f"<tr><td>DevOps</td><td>{cells[0]}</td><td>{cells[1]}</td></tr>" in out
    assert f"<tr><td>MLOps</td><td>{explorer.seconds_text(round(m.total_seconds, 3))}" in out


@pytest.mark.parametrize(
    ("value", "text"), [(1234.5, "1,234.5"), (2.0, "2"), (0.221, "0.221"), (0.1, "0.1")]
)
def test_explorer_cells_read_as_charts_js_writes_them(value, text) -> None:
    assert explorer.seconds_text(value) == text


def test_the_vendored_bundle_is_the_basic_partial_at_the_targeted_version() -> None:
    bundle = ROOT / "docs" / "assets" / "vendor" / "plotly" / "plotly-basic.min.js"
    head = bundle.read_text(encoding="utf-8")[:200]
    version = plotly.offline.get_plotlyjs_version()
    assert f"plotly.js (basic - minified) v{version}" in head
    assert (bundle.parent / "LICENSE").read_text().startswith("MIT License")
    assert version in (bundle.parent / "README.txt").read_text()
