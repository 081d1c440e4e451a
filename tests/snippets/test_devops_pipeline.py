"""The DevOps pipeline: three steps per service, real work in each."""

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
    run_devops_pipeline(make_services(n), tmp_path, meter)
    assert meter.calls == {"build": n, "test": n, "deploy": n}
    # build hashes every line, test runs one check per function, deploy writes once.
    assert meter.operations == {
        "build": n * LINES_PER_SERVICE,
        "test": n * LINES_PER_SERVICE // 2,
        "deploy": n,
    }
    assert len(list(tmp_path.glob("service-*.zip"))) == n


def test_package_holds_the_source_and_is_byte_identical_across_builds():
    [service] = make_services(1)
    first, again = build(service, Meter()), build(service, Meter())
    assert first.package == again.package and first.digest == again.digest
    with zipfile.ZipFile(io.BytesIO(first.package)) as archive:
        assert archive.read(f"{service.name}.py").decode() == service.source


def test_a_broken_service_fails_its_tests():
    [service] = make_services(1)
    broken = replace(service, source=service.source.replace("x *", "x -", 1))
    with pytest.raises(AssertionError):
        # Imported through the module: a bare `test` would be collected by pytest.
        devops_pipeline.test(build(broken, Meter()), Meter())
