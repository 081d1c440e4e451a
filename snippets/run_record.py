"""A record of one training run: what went in (code, data, parameters, seed, environment)
and what came out (metrics), so that a model can be traced to its inputs, compared with
another run, and trained again.

Experiment trackers such as MLflow Tracking keep records like this one for every run; the
fields here are the ones a team needs to answer "why did the metric change?". The data's
version is its content hash (snippets/data_versioning.py), passed in by the caller.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from typing import Any

# --8<-- [start:record]
OUTPUTS = ("metrics", "artefacts")  # what came out of a run, not what went in


@dataclass(frozen=True)
class RunRecord:
    code_version: str  # the commit the training code ran from (and whether it had edits)
    data_version: str  # the content hash of the training data
    params: dict[str, Any]  # hyperparameters and settings
    seed: int  # the seed of every random number generator the run uses
    environment: dict[str, str]  # the Python, the platform, each package's version
    metrics: dict[str, float] = field(default_factory=dict)  # what came out
    artefacts: dict[str, str] = field(default_factory=dict)  # each file saved: its hash

    def inputs(self) -> dict[str, Any]:
        """Everything that went in, flattened: {"params.k": 2, "environment.python": ...}."""
        flat: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if name in OUTPUTS:
                continue
            if isinstance(value, dict):
                flat.update({f"{name}.{key}": item for key, item in value.items()})
            else:
                flat[name] = value
        return flat

    def fingerprint(self) -> str:
        """A hash of the inputs: two runs with the same fingerprint had the same inputs."""
        text = json.dumps(self.inputs(), sort_keys=True, default=repr)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def environment(packages: tuple[str, ...] = ()) -> dict[str, str]:
    """The parts of the environment a run depends on: Python, the platform, and the
    installed version of each package named."""
    found = {"python": platform.python_version(), "platform": platform.platform(terse=True)}
    return found | {name: version(name) for name in packages}


def changed_inputs(before: RunRecord, after: RunRecord) -> list[str]:
    """The inputs that differ between two runs, by name: where to look first when their
    metrics differ."""
    old, new = before.inputs(), after.inputs()
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


# --8<-- [end:record]
