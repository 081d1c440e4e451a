"""The header's palette toggle (assets/javascripts/palette-toggle.js): system, light and
dark in turn; the choice is saved for the next page; "system" follows the system."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-site-palette] label:not([hidden])"


def test_the_toggle_cycles_system_light_dark_and_saves_the_choice(open_page) -> None:
    page, watched = open_page("glossary/", color_scheme="dark")
    # No saved choice: "follow the system" is on, and the system is dark.
    assert page.evaluate(SCHEME) == "slate"
    assert page.locator(TOGGLE).count() == 1
    seen = []
    for _ in range(3):
        page.locator(TOGGLE).click()
        saved = page.evaluate("__md_get('__palette')")
        seen.append((page.evaluate(SCHEME), saved["index"], saved["color"]["scheme"]))
        assert page.locator(TOGGLE).count() == 1, "exactly one label shows"
    assert seen == [("default", 1, "default"), ("slate", 2, "slate"), ("slate", 0, "slate")]
    # The choice carries to the next page (applied before its first paint).
    page.locator(TOGGLE).click()  # light
    page.goto(page.url.replace("glossary/", "references/"), wait_until="load")
    assert page.evaluate(SCHEME) == "default"
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content")
    assert not watched.problems(), watched.problems()


def test_following_the_system_follows_its_changes(open_page) -> None:
    page, watched = open_page("", color_scheme="light")
    assert page.evaluate(SCHEME) == "default"
    page.emulate_media(color_scheme="dark")
    # A function, not a string: the site's CSP forbids eval.
    page.wait_for_function(f"() => {SCHEME} === 'slate'")
    page.emulate_media(color_scheme="light")
    page.wait_for_function(f"() => {SCHEME} === 'default'")
    assert not watched.problems(), watched.problems()


def test_enter_on_the_focused_option_switches_to_the_next(open_page) -> None:
    page, _ = open_page("", color_scheme="light")
    page.locator("form[data-site-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("__md_get('__palette').index") == 1
    assert page.evaluate(SCHEME) == "default"
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"
