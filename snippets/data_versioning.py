"""Version data by its content, as DVC and Git do: the same bytes get the same id.

A version id is a SHA-256 digest of the data itself, so changing one number changes
the id, and an unchanged dataset keeps its id however often it is regenerated, in any
process: a type whose content it cannot hash the same way every time is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

import numpy as np


# --8<-- [start:hash]
def content_hash(*values: Any) -> str:
    """SHA-256 of the values' content: arrays by dtype, shape and bytes; dataclasses by
    type and field; tuples, lists and dicts item by item; sets by their items' sorted
    hashes; None, numbers, strings and bytes by their repr. Any other type raises
    TypeError: its repr may hold a memory address, or an order that changes from one
    process to the next, and a key that changes with the process is no version."""
    return content_digest(*values)[0]


def content_digest(*values: Any) -> tuple[str, int]:
    """The content hash, and how many bytes it read: a hash reads all of its input."""
    digest = hashlib.sha256()
    read = sum(_feed(digest, value) for value in values)
    return digest.hexdigest(), read


# Types whose repr is their content, the same in every process.
SCALARS = (type(None), bool, int, float, complex, str, bytes, np.generic)


def _feed(digest: Any, value: Any) -> int:
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:  # its bytes are pointers, not content
            raise TypeError("cannot hash an array of Python objects by content")
        return _update(digest, f"{value.dtype}{value.shape}".encode()) + _update(
            digest, np.ascontiguousarray(value).tobytes()
        )
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # The type's name first: two kinds of record with the same fields differ.
        head = _update(digest, type(value).__qualname__.encode())
        return head + sum(_feed(digest, getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list, dict)):
        # Element by element, never by repr: numpy's repr of a long array shows only its
        # ends ("..."), so a change in the middle would keep the hash. The type and length
        # come first, so that ((1, 2), 3) and (1, (2, 3)) differ.
        items = value.items() if isinstance(value, dict) else value
        head = _update(digest, f"{type(value).__name__}{len(value)}".encode())
        return head + sum(_feed(digest, item) for item in items)
    if isinstance(value, (set, frozenset)):
        # A set's order, and so its repr, changes with PYTHONHASHSEED for strings: each
        # item is hashed alone, and the digests go in sorted.
        head = _update(digest, f"{type(value).__name__}{len(value)}".encode())
        parts = sorted(content_digest(item) for item in value)
        return head + sum(read + _update(digest, part.encode()) for part, read in parts)
    if isinstance(value, SCALARS):
        return _update(digest, repr(value).encode())
    raise TypeError(f"cannot hash a {type(value).__qualname__} by content: convert it first")


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
