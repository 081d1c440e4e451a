"""The recorded seconds are read in one place, and what is drawn from them (fastest
repeats, slopes with their spread, the sides' ratio) is what the data says."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from snippets import wall_times
from snippets.wall_times import (
    Ratio,
    along_items,
    along_size,
    compile_profile,
    file_writes,
    learner_slopes,
    load,
    load_limit,
    mebibytes,
    ordering,
    per_item_seconds,
    provenance,
    sides_ratio,
    slope,
    step_slopes,
)

ROOT = Path(__file__).resolve().parents[2]


def test_runs_along_each_axis_meet_at_the_default_size(data) -> None:
    items = along_items(data, "DevOps")
    assert [(p.items, p.size) for p in items] == [(2, 20), (4, 20), (8, 20)]
    size = along_size(data, "MLOps")
    assert [(p.items, p.size) for p in size] == [(4, 200), (4, 400), (4, 800)]
    # Own steps add up within each repeat; the file write is apart.
    point = items[0]
    assert point.own("DevOps") == pytest.approx((0.001 * 2 + 0.002 * 2, 1.5 * 0.006))
    assert point.write("DevOps") == point.seconds["deploy"]


def test_per_item_seconds_are_the_fastest_repeat_over_per_item_at_items(data) -> None:
    devops = per_item_seconds(data, "DevOps")
    assert list(devops) == [20, 40, 80]
    # build ~ items x lines^0.5 at 4 items: 0.001 x 4 x 2^0.5 / 4 per service at 40 lines.
    assert devops[40]["build"] == pytest.approx(0.001 * 2**0.5, rel=1e-6)


@pytest.mark.parametrize("k", [0.5, 1.0, 2.0])
def test_a_slope_recovers_a_power_law_and_its_spread(k) -> None:
    sizes = [10, 20, 40, 80]
    repeats = [(n**k, 3 * n**k) for n in sizes]
    fitted = slope(sizes, repeats)
    assert (fitted.k, fitted.low, fitted.high) == pytest.approx((k, k, k))
    assert (fitted.first, fitted.last) == pytest.approx((k, k))


def test_a_slope_that_bends_shows_it_at_its_ends() -> None:
    """A fixed cost of 1 plus linear work: flat at first, linear at the end."""
    sizes = [1, 10, 100, 1000, 10000]
    fitted = slope(sizes, [(1 + n / 100,) for n in sizes])
    assert fitted.first < 0.1 and fitted.last > 0.9
    # Two repeats whose growth differs: the spread holds both.
    two = slope([1, 2, 4], [(1, 1), (2, 4), (4, 16)])
    assert (two.low, two.high) == pytest.approx((1.0, 2.0))


def test_step_slopes_against_items_and_against_size(data) -> None:
    along = step_slopes(along_items(data, "DevOps"), "DevOps", "items")
    assert along["build"].k == pytest.approx(1) and along["deploy"].k == pytest.approx(1.5)
    assert along["own"].k == pytest.approx(1)
    size = step_slopes(along_size(data, "DevOps"), "DevOps", "size")
    assert size["build"].k == pytest.approx(0.5) and size["test"].k == pytest.approx(1.5)
    assert size["deploy"].k == pytest.approx(0, abs=1e-9)


def test_the_sides_ratio_takes_every_count_and_every_repeat(data) -> None:
    ratio = sides_ratio(data)
    # DevOps's own steps: 0.003 x n; MLOps's: 0.002 x n, in both repeats.
    assert (ratio.low, ratio.high) == pytest.approx((1.5, 1.5))
    assert (ratio.least, ratio.most) == pytest.approx((1.5, 1.5))
    assert ratio.verdict == "neither"


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [(2.0, 9.0, "DevOps"), (0.1, 0.5, "MLOps"), (0.6, 3.0, "neither"), (1.99, 2.5, "neither")],
)
def test_a_side_is_named_only_at_twice_the_other_at_every_count(low, high, verdict) -> None:
    assert Ratio(low, high, low, high).verdict == verdict


@pytest.mark.parametrize(
    ("devops", "mlops", "text"),
    [
        (1.0, 1.99, "too close to order (1.99 x apart)"),
        (1.0, 2.0, "MLOps, 2.0 x as long"),
        (3.0, 1.0, "DevOps, 3.0 x as long"),
    ],
)
def test_ordering_names_the_longer_side_only_past_the_threshold(devops, mlops, text) -> None:
    assert ordering({"DevOps": devops, "MLOps": mlops}) == text


def test_ordering_of_work_says_so() -> None:
    assert ordering({"DevOps": 1.0, "MLOps": 2.6}, unit="the work") == "MLOps, 2.6 x the work"


def test_the_test_step_profile_and_the_file_writes(data) -> None:
    [short, long] = compile_profile(data)
    assert (short.lines, long.lines) == (20, 2000) and long.peak_bytes == 4500 * 2000
    assert min(long.one_module) > min(long.functions_first) > min(long.pieces)
    [few, many] = file_writes(data)
    assert few.files == 10 and len(many.disk) == len(many.memory) == 2


def test_learner_slopes(data) -> None:
    slopes = learner_slopes(data)
    assert slopes["Quadratic"].k == pytest.approx(2) and slopes["Linear"].k == pytest.approx(1)


@pytest.mark.parametrize(
    ("size", "text"), [(48 * 2**10, "48 KiB"), (2**20, "1 MiB"), (32 * 2**20, "32 MiB")]
)
def test_mebibytes(size, text) -> None:
    assert mebibytes(size) == text


def test_provenance_says_when_where_and_under_what_load(data) -> None:
    text = provenance(data)
    for fact in ("2026-01-02", "3 cores", "Test CPU", "L2 1 MiB", "Python 3.99", "2 repeats"):
        assert fact in text
    assert "load average 0.12 before and 0.34 after" in text
    assert "Other programs kept within the limit this project sets for measuring" in text
    assert "a load of 0.25 per core (0.75 on 3 cores)" in text
    assert "repeat alone. Every repeat ran every measurement once" in text  # a sentence


def test_provenance_says_when_the_machine_was_busier_than_the_limit(data) -> None:
    data["load_average"] = {"before": 8.69, "during": [8.69, 9.0], "after": 5.37}
    data["load_limit"] = load_limit(2, data["load_average"])
    data["machine"]["cores"] = 2
    assert data["load_limit"]["others_at_most"] == 8.69 and not data["load_limit"]["within"]
    text = provenance(data)
    assert "Taken on a busy machine: the other programs' load reached 8.69, 17.4 times" in text
    data["load_limit"] = load_limit(2, {"before": None, "during": [None], "after": None})
    assert "No load average was recorded" in provenance(data)


def test_the_measurement_is_within_the_limit_up_to_its_own_load() -> None:
    # The first reading comes before the measuring process runs; later ones count it.
    assert load_limit(2, {"before": 0.5, "during": [0.5, 1.5], "after": 1.5})["within"]
    assert not load_limit(2, {"before": 0.51, "during": [0.51], "after": 1.0})["within"]
    assert not load_limit(2, {"before": 0.1, "during": [0.1, 1.6], "after": 1.0})["within"]
    assert load_limit(4, {"before": 0.9, "during": [], "after": None})["limit"] == 1.0


def test_load_reads_the_file_once(data_file) -> None:
    assert load(data_file) is load(data_file)
    assert load(data_file)["per_item_at"] == 4


def test_the_recorded_file_is_read_in_one_place() -> None:
    """Only snippets/wall_times.py opens data/wall_times.json; the measuring command writes
    it; everything else asks wall_times."""
    assert wall_times.RECORDED == ROOT / "data" / "wall_times.json"
    readers = []
    for path in [*ROOT.glob("snippets/**/*.py"), *ROOT.glob("docs/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        strings = {
            n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) is str
        }
        if "RECORDED" in names or any("wall_times.json" in s for s in strings):
            readers.append(path.relative_to(ROOT).as_posix())
    assert sorted(readers) == ["snippets/benchmark.py", "snippets/wall_times.py"]


def test_recorded_data_is_complete_and_dated() -> None:
    data = load()
    assert data["command"] == "make measure" and len(data["measured_on"]) == 10
    assert {"cores", "cpu", "caches", "python"} <= set(data["machine"])
    assert data["load_average"]["during"] and data["repeats"] >= 5
    # Whether other programs kept within the limit is recorded with the seconds.
    cores = data["machine"]["cores"]
    assert data["load_limit"] == load_limit(cores, data["load_average"])
    for side in wall_times.SIDES:
        for axis in (along_items(data, side), along_size(data, side)):
            assert len(axis) >= 5, "a slope needs a range of sizes"
            for point in axis:
                assert all(len(s) == data["repeats"] for s in point.seconds.values())
                assert all(v > 0 for s in point.seconds.values() for v in s)
    for fit in data["learners"]["fits"].values():
        assert all(len(s) == data["repeats"] for s in fit["seconds"])
    assert all(math.isfinite(s.k) for s in learner_slopes(data).values())
