"""The DevOps pipeline: three steps per service, real work in each, no deploy without tests."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from snippets import devops_pipeline
from snippets.devops_pipeline import LINES_PER_SERVICE, build, make_services, run_devops_pipeline
from snippets.meter import Meter


@pytest.mark.parametrize("n", [1, 4, 25])
def test_three_step_runs_per_service_and_exact_operations(tmp_path, n):
    meter = Meter()
    assert run_devops_pipeline(make_services(n), tmp_path, meter) == []
    assert meter.calls == {"build": n, "test": n, "deploy": n}
    # build hashes every line, test runs one check per function, deploy writes once.
    assert meter.operations == {
        "build": n * LINES_PER_SERVICE,
        "test": n * LINES_PER_SERVICE // 2,
        "deploy": n,
    }
    assert len(list(tmp_path.glob("service-*.zip"))) == n


@pytest.mark.parametrize("lines", [2, 20, 200])
def test_build_and_test_work_grow_with_the_lines_of_code(tmp_path, lines):
    meter = Meter()
    run_devops_pipeline(make_services(3, lines=lines), tmp_path, meter)
    assert meter.operations["build"] == 3 * lines
    assert meter.operations["test"] == 3 * lines // 2
    assert meter.operations["deploy"] == 3  # one package per service, whatever its size


@pytest.mark.parametrize("lines", [0, 3])
def test_a_service_has_pairs_of_lines(lines):
    with pytest.raises(ValueError):
        make_services(1, lines=lines)


def test_package_holds_the_source_and_is_byte_identical_across_builds():
    [service] = make_services(1)
    first, again = build(service, Meter()), build(service, Meter())
    assert first.package == again.package and first.digest == again.digest
    with zipfile.ZipFile(io.BytesIO(first.package)) as archive:
        assert archive.read(f"{service.name}.py").decode() == service.source


def test_the_digest_tells_where_one_line_ends_and_the_next_begins():
    # Lines hashed one after another with nothing between them would give these two
    # sources, which differ by a line break, the same digest.
    joined, split = "x = 1y = 2\n", "x = 1\ny = 2\n"
    assert build(devops_pipeline.Service("a", joined), Meter()).digest != (
        build(devops_pipeline.Service("a", split), Meter()).digest
    )


def broken(service):
    return replace(service, source=service.source.replace("x *", "x -", 1))


def test_a_broken_service_fails_its_tests():
    [service] = make_services(1)
    # Imported through the module: a bare `test` would be collected by pytest.
    assert devops_pipeline.test(build(service, Meter()), Meter()) is True
    assert devops_pipeline.test(build(broken(service), Meter()), Meter()) is False


def test_pipeline_deploys_only_services_whose_tests_pass(tmp_path):
    services = make_services(3)
    services[1] = broken(services[1])
    meter = Meter()
    assert run_devops_pipeline(services, tmp_path, meter) == ["service-0001"]
    assert meter.calls == {"build": 3, "test": 3, "deploy": 2}
    assert sorted(p.name.split("-")[1] for p in tmp_path.iterdir()) == ["0000", "0002"]
