"""A DevOps pipeline: for each service, build and test it, and deploy it if the tests pass.

Each step does real, small work on generated source code: `build` hashes and
packages the source, `test` compiles it and runs its checks, `deploy` writes the
artifact to a target folder. A service whose checks fail is not deployed. A
`Meter` counts the unit operations of each step.
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from snippets.meter import Meter

LINES_PER_SERVICE = 20


@dataclass(frozen=True)
class Service:
    name: str
    source: str


@dataclass(frozen=True)
class Artifact:
    name: str
    digest: str
    package: bytes
    source: str


def make_services(n: int, seed: int = 0, lines: int = LINES_PER_SERVICE) -> list[Service]:
    """Generate `n` services of `lines` lines each: functions, each with a self-check."""
    if lines < 2 or lines % 2:
        raise ValueError(f"lines must be even (a function, then its check), not {lines}")
    rng = random.Random(seed)
    services = []
    for i in range(n):
        source = []
        for j in range(lines // 2):
            a, b = rng.randint(1, 99), rng.randint(1, 99)
            source.append(f"def f{j}(x): return x * {a} + {b}")
            source.append(f"assert f{j}(1) == {a + b}")
        services.append(Service(name=f"service-{i:04d}", source="\n".join(source) + "\n"))
    return services


def build(service: Service, meter: Meter) -> Artifact:
    """Hash the source line by line and package it as a zip archive."""
    with meter.step("build"):
        digest = hashlib.sha256()
        lines = service.source.splitlines(keepends=True)
        for line in lines:
            digest.update(line.encode())  # its line break kept: "a\nb" is not "ab"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            # A fixed timestamp keeps the package byte-identical from run to run.
            info = zipfile.ZipInfo(f"{service.name}.py", date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, service.source)
        meter.count("build", len(lines))
    return Artifact(service.name, digest.hexdigest(), buffer.getvalue(), service.source)


def test(artifact: Artifact, meter: Meter) -> bool:
    """Compile the service and run its checks: True if every check passes."""
    with meter.step("test"):
        code = compile(artifact.source, artifact.name, "exec")
        try:
            exec(code, {})  # the generated module asserts its own behaviour
            passed = True
        except AssertionError:
            passed = False
        meter.count("test", artifact.source.count("assert "))
    return passed


def deploy(artifact: Artifact, target: Path, meter: Meter) -> Path:
    """Write the package to the target folder, named by its content hash."""
    with meter.step("deploy"):
        path = target / f"{artifact.name}-{artifact.digest[:12]}.zip"
        path.write_bytes(artifact.package)
        meter.count("deploy", 1)
    return path


# --8<-- [start:pipeline]
def run_devops_pipeline(services: list[Service], target: Path, meter: Meter) -> list[str]:
    """Build and test each service and deploy it if its tests pass; return the rejected."""
    rejected = []
    for service in services:
        artifact = build(service, meter)
        if test(artifact, meter):
            deploy(artifact, target, meter)
        else:
            rejected.append(service.name)  # the version in service stays
    return rejected


# --8<-- [end:pipeline]
