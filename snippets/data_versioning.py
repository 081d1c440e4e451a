"""Version data by its content, as DVC and Git do: the same bytes get the same id.

A version id is a SHA-256 digest of the data itself, so changing one number changes
the id, and an unchanged dataset keeps its id however often it is regenerated.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

import numpy as np


# --8<-- [start:hash]
def content_hash(*values: Any) -> str:
    """SHA-256 of the values' content: arrays by dtype, shape and bytes; dataclasses by field."""
    digest = hashlib.sha256()
    for value in values:
        _feed(digest, value)
    return digest.hexdigest()


def _feed(digest: Any, value: Any) -> None:
    if isinstance(value, np.ndarray):
        digest.update(f"{value.dtype}{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _feed(digest, getattr(value, field.name))
    else:
        digest.update(repr(value).encode())


# --8<-- [end:hash]


# --8<-- [start:registry]
class DataVersions:
    """A log of dataset versions: `commit` records a new version only if the content changed."""

    def __init__(self) -> None:
        self.history: dict[str, list[str]] = {}

    def commit(self, name: str, data: Any) -> tuple[str, bool]:
        """Return (version id, whether it is new) for the dataset `name`."""
        version = content_hash(data)[:12]
        versions = self.history.setdefault(name, [])
        is_new = not versions or versions[-1] != version
        if is_new:
            versions.append(version)
        return version, is_new


# --8<-- [end:registry]
