"""A small data file in the shape `make measure` writes, with seconds that follow known
power laws, so that the slopes, ratios and words drawn from it can be checked exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from snippets import benchmark
from snippets.wall_times import load_limit

REPEATS = (1.0, 1.5)  # the second repeat of everything is half as slow again
ITEMS = (2, 4, 8)
PER_ITEM_AT = 4
LINES = (20, 40, 80)
ROWS = (200, 400, 800)
LOAD = {"before": 0.12, "during": [0.12, 1.1], "after": 0.34}  # idle, then the measurement


def timed(seconds: float) -> list[float]:
    """One measurement in every repeat."""
    return [round(seconds * factor, 9) for factor in REPEATS]


def devops_seconds(items: int, lines: int) -> dict[str, list[float]]:
    """Build ~ items x lines^0.5, test ~ items x lines^1.5, deploy ~ items^1.5."""
    size = lines / LINES[0]
    return {
        "build": timed(0.001 * items * size**0.5),
        "test": timed(0.002 * items * size**1.5),
        "deploy": timed(0.0005 * items**1.5),
    }


def mlops_seconds(items: int, rows: int) -> dict[str, list[float]]:
    """Every own step ~ items x rows^0.5; the write ~ items."""
    size = rows / ROWS[0]
    return {
        "preprocess": timed(0.0005 * items * size**0.5),
        "train_model": timed(0.001 * items * size**0.5),
        "evaluate_model": timed(0.0005 * items * size**0.5),
        "deploy_model": timed(0.003 * items),
    }


def recorded_data() -> dict:
    """Runs over ITEMS items of the default size, then over PER_ITEM_AT items of each
    bigger size, as `make measure` plans them."""
    points = [(n, 0) for n in ITEMS] + [(PER_ITEM_AT, i) for i in (1, 2)]
    return {
        "measured_on": "2026-01-02",
        "command": "make measure",
        "machine": {
            "cores": 3,
            "cpu": "Test CPU",
            "caches": {"L1d": 48 * 2**10, "L2": 2**20, "L3": 32 * 2**20},
            "python": "3.99",
            "system": "Test",
        },
        "load_average": LOAD,
        "load_limit": load_limit(3, LOAD),
        "repeats": len(REPEATS),
        "order": benchmark.ORDER,
        "per_item_at": PER_ITEM_AT,
        "pipelines": {
            "DevOps": [
                {"items": n, "lines": LINES[i], "seconds": devops_seconds(n, LINES[i])}
                for n, i in points
            ],
            "MLOps": [
                {"items": n, "rows": ROWS[i], "seconds": mlops_seconds(n, ROWS[i])}
                for n, i in points
            ],
        },
        "test_step": [
            {
                "lines": lines,
                "compile_one_module": timed(1e-5 * lines * (lines / 20) ** 0.5),
                "compile_functions_first": timed(1e-5 * lines * (lines / 20) ** 0.25),
                "compile_pieces": timed(1e-5 * lines),
                "run_checks": timed(1e-7 * lines),
                "compile_peak_bytes": 4500 * lines,
            }
            for lines in (20, 2000)
        ],
        "file_writes": [
            {"files": files, "disk": timed(1e-4 * files**1.5), "memory": timed(2e-5 * files)}
            for files in (10, 1000)
        ],
        "learners": {
            "features": 10,
            "fits": {
                "Quadratic": {
                    "rows": [100, 200, 400],
                    "seconds": [timed(1e-6 * n**2) for n in (100, 200, 400)],
                },
                "Linear": {
                    "rows": [100, 200, 400],
                    "seconds": [timed(1e-4 * n) for n in (100, 200, 400)],
                },
            },
        },
    }


@pytest.fixture
def data() -> dict:
    return recorded_data()


@pytest.fixture
def data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The recorded data as a file; nothing may measure anew."""
    monkeypatch.setattr(benchmark, "rounds", pytest.fail)
    path = tmp_path / "wall_times.json"
    path.write_text(json.dumps(recorded_data()))
    return path
