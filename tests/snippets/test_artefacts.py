"""A pinned artefact loads only when its bytes are the ones its run recorded, and a
pickle runs code while it loads, which is why the check comes first."""

from __future__ import annotations

import pickle

import pytest

from snippets.artefacts import digest, load_pinned, save
from snippets.run_record import RunRecord

RUN = RunRecord("4d1e0c2", "9f00aa12bc34", {"gap": 7}, seed=0, environment={"python": "3.11.2"})
MODEL = {"weights": [0.5, -1.25], "bias": 0.1}


CALLS: list[str] = []


def _record_call(text: str) -> None:
    CALLS.append(text)


class _Loud:
    """A pickle that calls a function while it is loaded, as a malicious one would."""

    def __reduce__(self):
        return (_record_call, ("ran while loading",))


def test_the_digest_is_a_sha256_of_the_bytes():
    assert (
        digest(b"abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_save_records_the_hash_and_leaves_the_inputs_alone():
    blob, recorded = save(MODEL, RUN, "model.pkl")
    assert recorded.artefacts == {"model.pkl": digest(blob)}
    assert RUN.artefacts == {}
    assert recorded.fingerprint() == RUN.fingerprint()
    assert load_pinned(blob, recorded, "model.pkl") == MODEL


def test_bytes_that_differ_from_the_record_are_refused_before_unpickling():
    _, recorded = save(MODEL, RUN, "model.pkl")
    CALLS.clear()
    swapped = pickle.dumps(_Loud())
    with pytest.raises(ValueError, match="these bytes are not the ones the run recorded"):
        load_pinned(swapped, recorded, "model.pkl")
    assert CALLS == []
    pickle.loads(swapped)
    assert CALLS == ["ran while loading"]


def test_an_artefact_the_record_does_not_name_is_refused():
    blob, recorded = save(MODEL, RUN, "model.pkl")
    with pytest.raises(LookupError, match="names no artefact"):
        load_pinned(blob, recorded, "scaler.pkl")
