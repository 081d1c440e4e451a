"""A DevOps pipeline: for each service, build, test and deploy it.

Each step does real, small work on generated source code: `build` hashes and
packages the source, `test` compiles it and runs its checks, `deploy` writes the
artifact to a target folder. A `Meter` counts the unit operations of each step.
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


def make_services(n: int, seed: int = 0) -> list[Service]:
    """Generate `n` services, each a small module of functions with a self-check."""
    rng = random.Random(seed)
    services = []
    for i in range(n):
        lines = []
        for j in range(LINES_PER_SERVICE // 2):
            a, b = rng.randint(1, 99), rng.randint(1, 99)
            lines.append(f"def f{j}(x): return x * {a} + {b}")
            lines.append(f"assert f{j}(1) == {a + b}")
        services.append(Service(name=f"service-{i:04d}", source="\n".join(lines) + "\n"))
    return services


def build(service: Service, meter: Meter) -> Artifact:
    """Hash the source line by line and package it as a zip archive."""
    with meter.step("build"):
        digest = hashlib.sha256()
        lines = service.source.splitlines()
        for line in lines:
            digest.update(line.encode())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            # A fixed timestamp keeps the package byte-identical from run to run.
            info = zipfile.ZipInfo(f"{service.name}.py", date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, service.source)
        meter.count("build", len(lines))
    return Artifact(service.name, digest.hexdigest(), buffer.getvalue(), service.source)


def test(artifact: Artifact, meter: Meter) -> bool:
    """Compile the service and run its checks; raise AssertionError if one fails."""
    with meter.step("test"):
        code = compile(artifact.source, artifact.name, "exec")
        exec(code, {})  # the generated module asserts its own behaviour
        checks = artifact.source.count("assert ")
        meter.count("test", checks)
    return True


def deploy(artifact: Artifact, target: Path, meter: Meter) -> Path:
    """Write the package to the target folder, named by its content hash."""
    with meter.step("deploy"):
        path = target / f"{artifact.name}-{artifact.digest[:12]}.zip"
        path.write_bytes(artifact.package)
        meter.count("deploy", 1)
    return path


# --8<-- [start:pipeline]
def run_devops_pipeline(services: list[Service], target: Path, meter: Meter) -> None:
    for service in services:
        artifact = build(service, meter)
        test(artifact, meter)
        deploy(artifact, target, meter)


# --8<-- [end:pipeline]
