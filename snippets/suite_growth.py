"""Test work over a repository's life: the whole suite on every change grows quadratically.

The repository gains one service (and its checks) per change. If every change runs
the whole pipeline, change i tests i services, so c changes run the checks of
1 + 2 + ... + c = c(c + 1) / 2 services: O(c^2). If CI builds and tests only what
changed (content hashes, as in `run_devops_incremental`), each change tests one
service: O(c). Both counts come from the real DevOps pipeline's meter.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from snippets.devops_pipeline import make_services, run_devops_pipeline
from snippets.incremental import run_devops_incremental
from snippets.meter import Meter


# --8<-- [start:history]
def checks_per_change(changes: int, incremental: bool) -> list[int]:
    """Checks CI runs at each change of a repository that gains one service per change."""
    built: dict[str, str] = {}  # what the incremental run has built, by content hash
    per_change = []
    with tempfile.TemporaryDirectory() as folder:
        for change in range(1, changes + 1):
            services = make_services(change)  # the repository after this change
            meter = Meter()
            if incremental:
                run_devops_incremental(services, Path(folder), meter, built)
            else:
                run_devops_pipeline(services, Path(folder), meter)
            per_change.append(meter.operations["test"])
    return per_change


# --8<-- [end:history]
