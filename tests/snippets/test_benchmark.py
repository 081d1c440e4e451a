"""`make measure`: every repeat runs every measurement, in one order then the reverse, and
the data file says when, where, how often and under what load it was measured."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from snippets import benchmark, learners
from snippets.wall_times import load_limit

ROOT = Path(__file__).resolve().parents[2]


def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """A measurement small enough for a test: two counts of items, two sizes per side."""
    monkeypatch.setattr(benchmark, "ITEMS", (1, 2))
    monkeypatch.setattr(benchmark, "PER_ITEM_AT", 2)
    monkeypatch.setattr(
        benchmark, "ITEM_SIZES", {"DevOps": ("lines", (20, 40)), "MLOps": ("rows", (50, 100))}
    )
    monkeypatch.setattr(benchmark, "COMPILE_LINES", (20, 40))
    monkeypatch.setattr(benchmark, "FILE_COUNTS", (2,))
    monkeypatch.setattr(learners, "ROWS", {name: (30, 60) for name in learners.LEARNERS})


def test_the_command_writes_the_data_file(tmp_path, capsys, monkeypatch) -> None:
    small(monkeypatch)
    monkeypatch.setattr(benchmark, "load_average", lambda: 9.0)  # a busy machine
    out = tmp_path / "sub" / "w.json"
    benchmark.main(["--out", str(out), "--repeats", "2"])
    data = json.loads(out.read_text())
    assert data["repeats"] == 2 and data["per_item_at"] == 2
    devops = [(r["items"], r["lines"]) for r in data["pipelines"]["DevOps"]]
    assert devops == [(1, 20), (2, 20), (2, 40)]  # growth at the default size, then bigger
    mlops = data["pipelines"]["MLOps"]
    assert [(r["items"], r["rows"]) for r in mlops] == [(1, 50), (2, 50), (2, 100)]
    assert list(mlops[0]["seconds"]) == [
        "preprocess",
        "train_model",
        "evaluate_model",
        "deploy_model",
    ]
    assert all(len(s) == 2 for r in mlops for s in r["seconds"].values())
    step = data["test_step"][1]
    assert step["lines"] == 40 and step["compile_peak_bytes"] > 0
    assert {"compile_one_module", "compile_functions_first", "compile_pieces", "run_checks"} < set(
        step
    )
    assert data["file_writes"][0]["files"] == 2 and len(data["file_writes"][0]["disk"]) == 2
    assert all(fit["rows"] == [30, 60] for fit in data["learners"]["fits"].values())
    assert all(len(s) == 2 for fit in data["learners"]["fits"].values() for s in fit["seconds"])
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]
    assert data["load_average"] == {"before": 9.0, "during": [9.0, 9.0], "after": 9.0}
    cores = data["machine"]["cores"]
    assert data["load_limit"] == {
        "per_core": 0.25,
        "limit": 0.25 * cores,
        "others_at_most": 9.0,
        "within": False,
    }
    printed = capsys.readouterr()
    assert "wrote" in printed.out
    assert "other programs are using the machine now" in printed.err  # before it starts
    assert f"load average reached 9.0, {9 / (0.25 * cores):.3g} times the limit" in printed.err


def test_an_idle_machine_measures_without_a_warning(tmp_path, capsys, monkeypatch) -> None:
    small(monkeypatch)
    monkeypatch.setattr(benchmark, "load_average", lambda: 0.0)
    out = tmp_path / "w.json"
    benchmark.main(["--out", str(out), "--repeats", "1"])
    assert json.loads(out.read_text())["load_limit"]["within"] is True
    assert "WARNING" not in capsys.readouterr().err


def test_every_repeat_runs_every_task_forward_then_backward() -> None:
    calls = []
    tasks = {name: (lambda name=name: calls.append(name) or {"s": 1.0}) for name in "abc"}
    loads: list = []
    results = benchmark.rounds(tasks, 3, loads)
    assert calls == list("abc") + list("cba") + list("abc")
    assert results["b"] == {"s": [1.0, 1.0, 1.0]} and len(loads) == 3


def test_the_plan_takes_turns_and_meets_at_the_default_size(monkeypatch) -> None:
    small(monkeypatch)
    assert benchmark.plan() == [
        ("DevOps", 1, 20),
        ("MLOps", 1, 50),
        ("DevOps", 2, 20),
        ("MLOps", 2, 50),
        ("DevOps", 2, 40),
        ("MLOps", 2, 100),
    ]
    monkeypatch.setattr(
        benchmark, "ITEM_SIZES", {"DevOps": ("lines", (20, 40)), "MLOps": ("rows", (50,))}
    )
    with pytest.raises(ValueError, match="as many item sizes"):
        benchmark.plan()
    monkeypatch.setattr(
        benchmark, "ITEM_SIZES", {"DevOps": ("lines", (20,)), "MLOps": ("rows", (50,))}
    )
    monkeypatch.setattr(benchmark, "PER_ITEM_AT", 3)
    with pytest.raises(ValueError, match="must include 3"):
        benchmark.plan()


def test_the_plan_covers_the_explorers_sizes() -> None:
    from snippets.charts.explorer import CONTROLS

    sizes = {c.name: set(c.values) for c in CONTROLS}
    assert sizes["lines"] <= set(benchmark.SERVICE_LINES)
    assert sizes["rows"] <= set(benchmark.DATASET_ROWS)


def test_the_compile_task_times_each_way_of_compiling() -> None:
    figures = benchmark.compile_task(40)()
    assert set(figures) == {
        "compile_one_module",
        "compile_functions_first",
        "compile_pieces",
        "run_checks",
    }
    assert all(s > 0 for s in figures.values())
    assert benchmark.compile_peak_bytes(400) > benchmark.compile_peak_bytes(40) > 0


def test_files_are_written_on_the_disk_and_in_memory(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(benchmark, "MEMORY", tmp_path)
    assert set(benchmark.file_task(3)()) == {"disk", "memory"}
    monkeypatch.setattr(benchmark, "MEMORY", tmp_path / "none")
    assert set(benchmark.file_task(3)()) == {"disk"}
    assert not list(tmp_path.iterdir()), "the files are removed"


def write(root: Path, index: int, level: str, kind: str, size: str) -> None:
    folder = root / f"index{index}"
    folder.mkdir(parents=True)
    for name, text in (("level", level), ("type", kind), ("size", size)):
        (folder / name).write_text(text + "\n")


def test_cpu_caches_reads_the_data_caches(tmp_path) -> None:
    write(tmp_path, 0, "1", "Data", "48K")
    write(tmp_path, 1, "1", "Instruction", "32K")
    write(tmp_path, 2, "2", "Unified", "1024K")
    write(tmp_path, 3, "3", "Unified", "32M")
    assert benchmark.cpu_caches(tmp_path) == {"L1d": 48 * 2**10, "L2": 2**20, "L3": 32 * 2**20}
    assert benchmark.cpu_caches(tmp_path / "missing") == {}


def test_cpu_model_falls_back_without_proc(monkeypatch) -> None:
    monkeypatch.setattr(benchmark, "Path", lambda _: Path("/no/such/cpuinfo"))
    assert benchmark.cpu_model()


def busy(cores: int, before: float, during: list[float], after: float) -> str | None:
    load = {"before": before, "during": during, "after": after}
    data = {"machine": {"cores": cores}, "load_limit": load_limit(cores, load)}
    return benchmark.busy_warning(data)


def test_the_measuring_process_itself_is_not_competition() -> None:
    assert busy(3, 0.12, [0.12, 1.3], 0.34) is None
    assert busy(2, 0.2, [0.2, 1.3], 1.3) is None  # idle, then this command's own load
    assert "reached 1.1, 2.2 times the limit of 0.5" in busy(2, 0.2, [0.2, 1.3], 2.1)
    assert busy(2, 0.2, [0.2, 2.5], 1.2) is not None  # another program ran meanwhile


def test_no_chart_imports_the_measuring_command() -> None:
    for path in ROOT.glob("snippets/charts/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
        }
        assert "snippets.benchmark" not in imported, path.name


def test_the_command_starts_without_a_warning() -> None:
    """`python -m snippets.benchmark` once warned that the module was imported twice."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "snippets.benchmark", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Measure wall times" in result.stdout
