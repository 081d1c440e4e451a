"""The model registry: versions, aliases and one-step rollback."""

from __future__ import annotations

import pytest

from snippets.model_registry import ModelRegistry


def registry_of(n: int) -> ModelRegistry:
    registry = ModelRegistry()
    for i in range(n):
        registry.register(f"model-{i}")
    return registry


def test_versions_count_from_one_and_keep_their_model():
    registry = registry_of(3)
    assert registry.models == {1: "model-0", 2: "model-1", 3: "model-2"}
    assert registry.serving() is None


def test_a_rollback_returns_to_what_served_before_and_deletes_nothing():
    registry = registry_of(3)
    registry.promote(1)
    registry.promote(3)
    assert registry.rollback() == 1
    assert registry.serving() == 1
    assert set(registry.models) == {1, 2, 3}
    registry.promote(3)
    assert registry.serving() == 3


def test_the_log_keeps_a_rolled_back_version_and_records_the_rollback():
    registry = registry_of(3)
    registry.promote(1)
    registry.promote(3)
    registry.rollback()
    registry.promote(3)  # promoting what already serves is no event
    registry.promote(3)
    assert registry.log == [
        ("promote", "champion", 1),
        ("promote", "champion", 3),
        ("rollback", "champion", 1),
        ("promote", "champion", 3),
    ]


def test_promoting_what_serves_adds_no_step():
    registry = registry_of(2)
    for version in (1, 2, 2):
        registry.promote(version)
    assert registry.rollback() == 1
    with pytest.raises(ValueError, match="no earlier version"):
        registry.rollback()


def test_unknown_versions_and_empty_histories_are_refused():
    registry = registry_of(1)
    with pytest.raises(ValueError, match="no version 2"):
        registry.promote(2)
    with pytest.raises(ValueError):
        registry.rollback()


def test_aliases_are_independent():
    registry = registry_of(3)
    registry.promote(1)
    registry.promote(2)
    registry.promote(3, alias="challenger")
    assert (registry.serving(), registry.serving("challenger")) == (2, 3)
    assert registry.rollback() == 1
    assert registry.serving("challenger") == 3
