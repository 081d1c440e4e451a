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
    """SHA-256 of the values' content: arrays by dtype, shape and bytes; dataclasses by
    field; tuples, lists and dicts item by item; anything else by its repr."""
    return content_digest(*values)[0]


def content_digest(*values: Any) -> tuple[str, int]:
    """The content hash, and how many bytes it read: a hash reads all of its input."""
    digest = hashlib.sha256()
    read = sum(_feed(digest, value) for value in values)
    return digest.hexdigest(), read


def _feed(digest: Any, value: Any) -> int:
    if isinstance(value, np.ndarray):
        return _update(digest, f"{value.dtype}{value.shape}".encode()) + _update(
            digest, np.ascontiguousarray(value).tobytes()
        )
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(_feed(digest, getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list, dict)):
        # Element by element, never by repr: numpy's repr of a long array shows only its
        # ends ("..."), so a change in the middle would keep the hash. The type and length
        # come first, so that ((1, 2), 3) and (1, (2, 3)) differ.
        items = value.items() if isinstance(value, dict) else value
        head = _update(digest, f"{type(value).__name__}{len(value)}".encode())
        return head + sum(_feed(digest, item) for item in items)
    return _update(digest, repr(value).encode())


def _update(digest: Any, data: bytes) -> int:
    digest.update(data)
    return len(data)


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
