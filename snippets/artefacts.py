"""A model file is code: loading a pickle runs whatever the file says to run. So a
service loads only the exact bytes its training run produced, checked against the hash
that run recorded, before unpickling anything.

The hash check proves the bytes are the ones the run wrote; it says nothing about
whether that run was trustworthy. Formats that do not run code on loading (ONNX, skops)
remove the risk the check only contains.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from typing import Any

from snippets.run_record import RunRecord


# --8<-- [start:pinned]
def digest(blob: bytes) -> str:
    """The artefact's content hash, as the run record stores it."""
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def save(model: Any, record: RunRecord, name: str) -> tuple[bytes, RunRecord]:
    """Serialise a model and return its bytes with a record that names their hash."""
    blob = pickle.dumps(model, protocol=5)
    return blob, replace(record, artefacts={**record.artefacts, name: digest(blob)})


def load_pinned(blob: bytes, record: RunRecord, name: str) -> Any:
    """Unpickle the artefact only if its bytes are the ones the run recorded."""
    expected = record.artefacts.get(name)
    if expected is None:
        raise LookupError(f"the run record names no artefact {name!r}: nothing to check against")
    if digest(blob) != expected:
        raise ValueError(f"{name}: these bytes are not the ones the run recorded")
    return pickle.loads(blob)  # only now: loading a pickle can run code


# --8<-- [end:pinned]
