"""The glossary on a phone, and the abbreviations on every page: an A-Z index that lands
on each letter, bold terms, and an abbreviation's expansion for a tap and for Tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 915}
EXPANSION = "abbr => getComputedStyle(abbr, '::after').content"


def test_the_a_to_z_index_lands_on_each_letter_and_terms_are_bold(open_page) -> None:
    page, watched = open_page("glossary/", viewport=PHONE, is_mobile=True, has_touch=True)
    letters = page.locator("nav.glossary-index a")
    assert letters.count() >= 15
    weights = page.locator("article h3").evaluate_all(
        "hs => hs.map(h => getComputedStyle(h).fontWeight)"
    )
    assert len(weights) >= 60 and set(weights) == {"700"}, set(weights)
    for index in range(letters.count()):
        page.evaluate("scrollTo(0, 0)")
        letter = letters.nth(index)
        target = "#" + letter.get_attribute("href").split("#")[1]
        letter.tap()
        expect(page.locator(target)).to_be_in_viewport()
        # 24 px at the least: a target a finger can hit (WCAG 2.5.8).
        box = letter.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (target, box)
    assert not watched.problems(), watched.problems()


def test_a_tapped_abbreviation_shows_its_expansion_on_screen(open_page) -> None:
    """Any occurrence, not only the first: a tap gives it the focus."""
    page, _ = open_page("trade-offs/", viewport=PHONE, is_mobile=True, has_touch=True)
    later = page.locator('article abbr[tabindex="-1"]').first
    later.scroll_into_view_if_needed()
    later.tap()
    assert later.evaluate("abbr => document.activeElement === abbr")
    title = later.get_attribute("title")
    assert later.evaluate(EXPANSION) == f'"{title}"'
    bar = later.evaluate(
        "abbr => { const s = getComputedStyle(abbr, '::after'); return [s.position, s.bottom]; }"
    )
    assert bar[0] == "fixed", bar
    page.locator("article h1").tap()  # elsewhere: it closes
    assert later.evaluate(EXPANSION) in ("none", "normal")


def test_tab_reaches_the_first_of_each_abbreviation_and_shows_it(open_page) -> None:
    page, _ = open_page("trade-offs/")
    titles = page.locator("article abbr[title]").evaluate_all(
        "abbrs => [...new Set(abbrs.filter(a => !a.closest('a, summary')).map(a => a.title))]"
    )
    reached = {}
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement").as_element()
        if focused.evaluate("el => el.tagName") == "ABBR":
            reached[focused.get_attribute("title")] = focused.evaluate(EXPANSION)
        if len(reached) == len(titles):
            break
    assert titles and sorted(reached) == sorted(titles)
    assert all(shown == f'"{title}"' for title, shown in reached.items()), reached
