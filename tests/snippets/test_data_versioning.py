"""Content hashes: same content, same id; any change, a new id."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from snippets.data_versioning import DataVersions, content_hash
from snippets.mlops_pipeline import make_datasets


def test_same_content_same_hash_even_when_regenerated():
    assert content_hash(make_datasets(1)[0]) == content_hash(make_datasets(1)[0])


def test_one_changed_number_changes_the_hash():
    dataset = make_datasets(1)[0]
    changed = dataset.features.copy()
    changed[3, 2] += 1e-9
    assert content_hash(dataset.features) != content_hash(changed)


def test_shape_and_dtype_are_part_of_the_content():
    values = np.arange(6, dtype=np.int64)
    assert content_hash(values) != content_hash(values.reshape(2, 3))
    assert content_hash(values) != content_hash(values.astype(np.int32))


def test_plain_values_hash_by_repr_and_order_matters():
    assert content_hash(1, "a") == content_hash(1, "a")
    assert content_hash(1, "a") != content_hash("a", 1)


def test_containers_hash_every_item_not_a_summary():
    values = np.zeros(5000)  # numpy's repr shows only the ends of an array this long
    edited = values.copy()
    edited[2500] = 1.0
    assert content_hash((values,)) != content_hash((edited,))
    assert content_hash([values]) != content_hash([edited])
    assert content_hash({"x": values}) != content_hash({"x": edited})
    assert content_hash(((1, 2), 3)) != content_hash((1, (2, 3)))


def test_registry_records_a_version_only_when_content_changes():
    versions = DataVersions()
    data = make_datasets(1)[0]
    first, new = versions.commit("sales", data)
    assert new and len(first) == 12
    assert versions.commit("sales", make_datasets(1)[0]) == (first, False)
    second, new = versions.commit("sales", make_datasets(1, seed=1)[0])
    assert new and second != first
    assert versions.history == {"sales": [first, second]}


WORDS = ["drift", "gate", "fold", "refit", "canary", "label", "batch", "seed"]
IN_A_PROCESS = (
    "import sys; from snippets.data_versioning import content_hash; "
    "words = sys.argv[1:]; print(repr(set(words)), content_hash(set(words)), "
    "content_hash({'tags': frozenset(words)}))"
)


def run_with_hash_seed(seed: int) -> list[str]:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(root)}
    command = [sys.executable, "-c", IN_A_PROCESS, *WORDS]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    text, set_hash, frozen_hash = out.rsplit(" ", 2)
    return [text, set_hash, frozen_hash.strip()]


def test_a_set_of_strings_hashes_the_same_in_every_process():
    """The set's order (its repr) changes with PYTHONHASHSEED; its content hash does not."""
    runs = [run_with_hash_seed(seed) for seed in (1, 2, 3, 4)]
    assert len({text for text, _, _ in runs}) > 1  # the order did change between processes
    assert len({(set_hash, frozen) for _, set_hash, frozen in runs}) == 1
    assert runs[0][1] == content_hash(set(WORDS)) == content_hash(set(reversed(WORDS)))


def test_sets_hash_their_items_and_their_kind():
    assert content_hash({1, 2, 3}) != content_hash({1, 2, 4})
    assert content_hash({1, 2}) != content_hash(frozenset({1, 2}))
    assert content_hash({1, 2}) != content_hash([1, 2])
    assert content_hash({(1, 2)}) != content_hash({1, 2})


@dataclass(frozen=True)
class Price:
    amount: float


@dataclass(frozen=True)
class Weight:
    amount: float


def test_a_dataclass_hashes_its_type_as_well_as_its_fields():
    assert content_hash(Price(1.0)) == content_hash(Price(1.0))
    assert content_hash(Price(1.0)) != content_hash(Weight(1.0))


@pytest.mark.parametrize(
    "value",
    [object(), len, lambda x: x, Path("data.csv"), np.array([1, "a"], dtype=object)],
    ids=["object", "builtin", "lambda", "path", "object array"],
)
def test_a_value_it_cannot_hash_by_content_is_refused(value):
    """Their repr holds an address or is not their content: refused, not hashed."""
    with pytest.raises(TypeError, match="cannot hash"):
        content_hash(value)
    with pytest.raises(TypeError, match="cannot hash"):
        content_hash([1, {"nested": value}])  # however deep it sits
