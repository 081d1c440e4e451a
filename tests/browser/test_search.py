"""Material's search (a web worker over search/search_index.json) finds the site's text."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# A phrase the performance page explains; the test checks it is really there.
TERM = "gradient descent"


def search(page, query: str) -> None:
    """Type into the header's search box (shown as a box at the default desktop width),
    once the search worker has loaded the index (it drops queries typed before)."""
    expect(page.locator(".md-search-result__meta")).to_have_text(
        "Type to start searching", timeout=15_000
    )
    box = page.locator("input.md-search__input")
    box.click()
    # Keystrokes, not fill(): Material's search listens for key events.
    box.press_sequentially(query, delay=20)


def test_search_finds_a_term_from_the_performance_page(built_site: Path, open_page) -> None:
    html = (built_site / "performance" / "index.html").read_text(encoding="utf-8")
    assert TERM in html.lower(), f"'{TERM}' is no longer on the performance page: pick another"

    page, watched = open_page("")
    search(page, TERM)
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert any(urlsplit(href).path == "/performance/" for href in hrefs), hrefs
    # The match is highlighted in the result's text (the glossary's "Gradient descent"
    # entry may come first, capitalised).
    expect(page.locator(".md-search-result mark").first).to_contain_text(
        "gradient", ignore_case=True
    )
    assert not watched.problems()


def test_search_says_so_when_nothing_matches(open_page) -> None:
    page, _ = open_page("")
    search(page, "zzqxv")
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    expect(page.locator("li.md-search-result__item")).to_have_count(0)
