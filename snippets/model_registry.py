"""A model registry: numbered, immutable versions, aliases that name the version in
service, and a one-step rollback.

It follows the model MLflow's Model Registry uses today: registering a model under a
name adds version 1, 2, 3...; an alias such as "champion" is a mutable, named reference
to one version, and moving the alias is how a new version goes live. The registry here
also keeps each alias's earlier targets, so that a rollback is one call rather than a
search for the version that served before, and an append-only log of every promotion
and rollback: a rollback takes a version off the alias's stack, never out of the record
of what served.

Standard library only: it is also the reference solution of a hands-on step that runs
in the browser's Python.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


# --8<-- [start:registry]
class ModelRegistry:
    """Versions of one model, and the aliases that point at them."""

    def __init__(self) -> None:
        self.models: dict[int, Any] = {}  # version -> the model (a file, or its hash)
        self.history: dict[str, list[int]] = defaultdict(list)  # alias -> stack rollback pops
        self.log: list[tuple[str, str, int]] = []  # (event, alias, version), appended only

    def register(self, model: Any) -> int:
        """Store a model as the next version, 1 for the first, and return that number."""
        version = len(self.models) + 1
        self.models[version] = model
        return version

    def promote(self, version: int, alias: str = "champion") -> None:
        """Point the alias at a registered version: the way a version goes live."""
        if version not in self.models:
            raise ValueError(f"no version {version}: register a model before promoting it")
        if self.serving(alias) != version:  # promoting what already serves changes nothing
            self.history[alias].append(version)
            self.log.append(("promote", alias, version))

    def rollback(self, alias: str = "champion") -> int:
        """Point the alias back at the version it pointed at before, and return it."""
        if len(self.history[alias]) < 2:
            raise ValueError(f"{alias!r} has no earlier version to roll back to")
        self.history[alias].pop()
        self.log.append(("rollback", alias, self.history[alias][-1]))
        return self.history[alias][-1]

    def serving(self, alias: str = "champion") -> int | None:
        """The version the alias points at, or None before its first promotion."""
        return self.history[alias][-1] if self.history[alias] else None


# --8<-- [end:registry]
