"""Instrumentation shared by both pipelines: count unit operations, time each step."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


# --8<-- [start:meter]
@dataclass
class Meter:
    """Counts how often each step runs, the unit operations it does, and its time."""

    calls: Counter[str] = field(default_factory=Counter)
    operations: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time one run of a step and count the call."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start
            self.calls[name] += 1

    def count(self, name: str, operations: int) -> None:
        """Record `operations` unit operations done by step `name`."""
        self.operations[name] += operations

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def total_operations(self) -> int:
        return sum(self.operations.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


# --8<-- [end:meter]
