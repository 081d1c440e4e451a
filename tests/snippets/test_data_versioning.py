"""Content hashes: same content, same id; any change, a new id."""

from __future__ import annotations

import numpy as np

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
