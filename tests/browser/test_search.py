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
    # The whole query at once, then a key event, which Material's search listens for:
    # typed letter by letter, a busy machine showed the results of a query half typed.
    box.fill(query)
    box.press("End")


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


def result_links(page, query: str) -> list[str]:
    """The result links for `query`, in order, as 'path/#anchor' (or 'path/')."""
    search(page, query)
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    links = []
    for href in (link.get_attribute("href") for link in results.all()):
        parts = urlsplit(href)
        links.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    return links


def test_a_glossary_term_is_a_result_of_its_own_that_lands_on_the_term(open_page) -> None:
    """'canary' found the whole glossary as one result, landing at its top."""
    page, watched = open_page("")
    links = result_links(page, "canary")
    assert "glossary/#canary-release" in links, links
    page.locator(
        'a.md-search-result__link[href*="glossary/"][href$="#canary-release"]'
    ).first.click()
    page.wait_for_url(lambda url: url.endswith("/glossary/?h=canary#canary-release"))
    heading = page.locator("#canary-release")
    expect(heading).to_be_in_viewport()
    assert not watched.problems(), watched.problems()


@pytest.mark.parametrize("query", ["Big-O", "big o"])
def test_big_o_finds_its_definition_first_which_leads_to_the_complexity_section(
    open_page, query: str
) -> None:
    """Material's search splits 'Big-O' into 'big' and 'o' (any word starting with o):
    the term's own section ranks first, and its definition links to the analysis."""
    page, _ = open_page("")
    sections = [link for link in result_links(page, query) if "#" in link]
    assert sections[0] == "glossary/#big-o-notation", sections[:5]
    page.goto(page.url.split("?")[0] + "glossary/")
    link = page.locator('#big-o-notation + p a[href$="performance/#how-the-work-grows"]')
    expect(link).to_have_count(1)


def test_o_n_finds_the_complexity_section(open_page) -> None:
    page, _ = open_page("")
    assert "performance/#how-the-work-grows" in result_links(page, "O(n)")


def test_a_word_that_opens_a_bracket_is_found(open_page) -> None:
    """The separator drops a word's opening bracket: '(hover' is found by 'hover'."""
    page, _ = open_page("")
    assert any(link.startswith("glossary/") for link in result_links(page, "hover"))
