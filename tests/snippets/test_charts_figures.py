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
from snippets import devops_pipeline, mlops_pipeline, nested_training
from snippets.charts import CHARTS, explorer, render_chart, wall_time
from snippets.charts.benchmark import main as benchmark_main
from snippets.cost_model import pipeline_costs

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
    ratio = MLOPS_PER_ITEM / DEVOPS_PER_ITEM
    assert f"does {ratio:,.0f} times" in render_chart("pipeline_growth")


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


def test_stage_bars_stack_each_steps_count() -> None:
    devops = traces("devops_stages")
    assert list(devops) == ["build", "test", "deploy"]  # pipeline order
    sizes = growth_charts.STAGE_SIZES
    lines = devops_pipeline.LINES_PER_SERVICE
    assert devops["build"]["y"] == [lines * n for n in sizes]
    assert devops["test"]["y"] == [lines // 2 * n for n in sizes]
    assert devops["deploy"]["y"] == list(sizes)
    mlops = traces("mlops_stages")
    assert list(mlops) == ["preprocess", "train_model", "evaluate_model", "deploy_model"]
    assert sum(mlops[s]["y"][-1] for s in mlops) == MLOPS_PER_ITEM * sizes[-1]
    assert figure_of("mlops_stages")["layout"]["barmode"] == "stack"


def test_rendering_again_from_scratch_gives_the_same_bytes() -> None:
    first = render_chart("pipeline_growth")
    growth_charts.pipeline_measurements.cache_clear()
    assert render_chart("pipeline_growth") == first


def test_recorded_wall_times_say_when_and_where() -> None:
    data = json.loads((ROOT / "data" / "wall_times.json").read_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["measured_on"])
    assert {"cores", "cpu", "python"} <= set(data["machine"])
    assert data["sizes"] == sorted(data["sizes"]) and len(data["sizes"]) >= 4
    for seconds in data["seconds"].values():
        assert len(seconds) == len(data["sizes"]) and all(s > 0 for s in seconds)


def test_wall_time_chart_draws_the_data_without_measuring(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("snippets.growth.measure", pytest.fail)
    monkeypatch.setattr("snippets.charts.benchmark.measure", pytest.fail)
    data = {
        "measured_on": "2026-01-02",
        "command": "make measure",
        "machine": {"cores": 3, "cpu": "Test CPU", "python": "3.99", "system": "Test"},
        "repeats": 7,
        "sizes": [1, 2],
        "seconds": {"DevOps": [0.5, 1.0], "MLOps": [2.0, 4.0]},
    }
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    out = wall_time.wall_time(path)
    shown = json.loads(FIGURE.search(out).group(1))["data"]
    assert [(t["name"], t["x"], t["y"]) for t in shown] == [
        ("DevOps", [1, 2], [0.5, 1.0]),
        ("MLOps", [1, 2], [2.0, 4.0]),
    ]
    for fact in ("2026-01-02", "median of 7 runs", "3 cores", "Test CPU", "Python 3.99"):
        assert fact in out


def test_benchmark_command_writes_the_data_file(tmp_path, capsys) -> None:
    out = tmp_path / "sub" / "w.json"
    benchmark_main(["--out", str(out), "--sizes", "1", "2", "--repeats", "1"])
    data = json.loads(out.read_text())
    assert data["sizes"] == [1, 2] and data["repeats"] == 1
    assert set(data["seconds"]) == {"DevOps", "MLOps"}
    assert all(len(s) == 2 and min(s) > 0 for s in data["seconds"].values())
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]
    assert "wrote" in capsys.readouterr().out


def test_cpu_model_falls_back_without_proc(monkeypatch) -> None:
    from snippets.charts import benchmark

    monkeypatch.setattr(benchmark, "Path", lambda _: Path("/no/such/cpuinfo"))
    assert benchmark.cpu_model()


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
            [costs.devops.total_operations, costs.mlops.total_operations],
            [costs.devops.wall_operations, costs.mlops.wall_operations],
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
    # pipeline_costs accepts exactly these names.
    pipeline_costs(**{c.name: c.default for c in explorer.CONTROLS})
    # The initial figure is the default state.
    default = pipeline_costs(**{c.name: c.default for c in explorer.CONTROLS})
    shown = [t["y"] for t in figure_of("explorer")["data"]]
    assert shown[0] == [default.devops.total_operations, default.mlops.total_operations]
    # Its table holds the state on show (charts.js refills it): a row per pipeline.
    d, m = default.devops, default.mlops
    assert (
        f"<tr><td>DevOps</td><td>{d.total_operations:,}</td><td>{d.wall_operations:,}</td></tr>"
        f"<tr><td>MLOps</td><td>{m.total_operations:,}</td><td>{m.wall_operations:,}</td></tr>"
    ) in out


def test_the_vendored_bundle_is_the_basic_partial_at_the_targeted_version() -> None:
    bundle = ROOT / "docs" / "assets" / "vendor" / "plotly" / "plotly-basic.min.js"
    head = bundle.read_text(encoding="utf-8")[:200]
    version = plotly.offline.get_plotlyjs_version()
    assert f"plotly.js (basic - minified) v{version}" in head
    assert (bundle.parent / "LICENSE").read_text().startswith("MIT License")
    assert version in (bundle.parent / "README.txt").read_text()
