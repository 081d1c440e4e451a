"""tools.pins: which pins have a newer release, and the newest that resolves here."""

from __future__ import annotations

import pytest

from tools import pins


def test_only_exact_pins_are_read():
    text = "# a comment\nmkdocs==1.6.1\n-e .\nplotly==7.1.0  # why\nloose>=1\n\n"
    assert pins.pins(text) == [("mkdocs", "1.6.1"), ("plotly", "7.1.0")]


@pytest.fixture
def registry(monkeypatch):
    """A fake registry: published releases newest first, and which ones resolve."""
    published = {"zensical": ["0.1.4", "0.1.3", "0.1.2", "0.1.1"], "ruff": ["0.17.6"]}
    resolves = {("zensical", "0.1.2"), ("zensical", "0.1.1")}
    monkeypatch.setattr(pins, "releases", lambda name: published.get(name, []))
    monkeypatch.setattr(pins, "installs", lambda name, v: (name, v) in resolves)
    return resolves


def test_a_newer_release_that_cannot_install_is_reported_as_such(registry):
    assert pins.drift("zensical", "0.1.2") == pins.Drift("zensical", "0.1.2", "0.1.4", None)


def test_the_newest_release_that_installs_is_named(registry):
    registry.add(("zensical", "0.1.3"))
    assert pins.drift("zensical", "0.1.1").installable == "0.1.3"


def test_a_pin_at_the_newest_release_or_unknown_to_the_registry_is_not_reported(registry):
    assert pins.drift("ruff", "0.17.6") is None
    assert pins.drift("not-published", "1.0") is None
