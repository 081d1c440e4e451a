"""The browser tests' own set-up: without Chromium they skip, except in CI where they fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import conftest
from tools import chromium


def test_missing_chromium_skips_locally_and_fails_in_ci(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install Debian's chromium"):
        conftest.require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set and every test must run"):
        conftest.require_chromium()


def test_present_chromium_is_used_by_path(monkeypatch, tmp_path: Path) -> None:
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    monkeypatch.setattr(chromium, "CHROMIUM", browser)
    assert conftest.require_chromium() == str(browser)
