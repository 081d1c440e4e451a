"""The header's palette toggle (Material's palette component): system, light and dark in
turn; the choice is saved for the next page; "system" follows the system; and the first
frame of a page is in the reader's scheme (overrides/assets/javascripts/theme/early.js)."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image, ImageStat

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-md-component=palette] label:not([hidden])"


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
    # No option is checked until the reader picks one: Tab reaches the group's first.
    page.locator("form[data-md-component=palette] input").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("__md_get('__palette').index") == 1
    assert page.evaluate(SCHEME) == "default"
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"


# ---- The first frame is in the reader's scheme -----------------------------------------

# Frames as Chromium draws them, with a mid-range phone's CPU (4x slower): the slower the
# CPU, the longer a wrong scheme would show before a late script corrects it.
FRAMES = ["devtools.timeline", "disabled-by-default-devtools.screenshot"]
PHONE = {"width": 412, "height": 915}


def drawn_frames(browser, page, load) -> list[tuple[float, int]]:
    """(ms after the first frame, median brightness 0-255) of every frame `load()` draws
    that shows something (a frame of one colour is the blank before the first paint)."""
    browser.start_tracing(page=page, screenshots=True, categories=FRAMES)
    load()
    page.wait_for_timeout(500)  # frames after "load": charts, late scripts
    events = json.loads(browser.stop_tracing())["traceEvents"]
    shots = sorted((e for e in events if e.get("name") == "Screenshot"), key=lambda e: e["ts"])
    frames = []
    for shot in shots:
        image = Image.open(io.BytesIO(base64.b64decode(shot["args"]["snapshot"]))).convert("L")
        low, high = image.getextrema()
        if low != high:
            frames.append(
                ((shot["ts"] - shots[0]["ts"]) / 1000, int(ImageStat.Stat(image).median[0]))
            )
    assert frames, "no frame was recorded"
    return frames


def throttled_page(new_context, **options):
    context = new_context(viewport=PHONE, **options)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return page


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_every_frame_of_a_load_is_in_the_system_scheme(browser, new_context, site_url, scheme):
    """Following the system (no saved choice), on a first visit, a repeat visit and a
    click to another page of the site (a full load from 127.0.0.1: see test_charts)."""
    page = throttled_page(new_context, color_scheme=scheme)
    wrong = (lambda b: b > 128) if scheme == "dark" else (lambda b: b < 128)
    loads = {
        "first visit": lambda: page.goto(site_url + "performance/", wait_until="load"),
        "repeat visit": lambda: page.goto(site_url + "performance/", wait_until="load"),
        "a click to the next page": lambda: page.locator("a.md-footer__link--next").click(),
    }
    for visit, load in loads.items():
        frames = drawn_frames(browser, page, load)
        flashes = [f"{ms:.0f} ms: brightness {b}" for ms, b in frames if wrong(b)]
        assert not flashes, f"{visit}: frames not {scheme}: {flashes}"
    assert page.url.endswith("/cost-drivers/")  # the click did load the next page


def test_a_saved_choice_is_painted_from_the_first_frame(browser, new_context, site_url):
    """A reader who chose light on a dark system sees light from the first frame."""
    page = throttled_page(new_context, color_scheme="dark")
    page.goto(site_url + "glossary/", wait_until="load")
    page.locator(TOGGLE).click()  # system -> light
    assert page.evaluate("__md_get('__palette').color.scheme") == "default"
    frames = drawn_frames(browser, page, lambda: page.goto(site_url + "performance/"))
    assert all(b > 128 for _, b in frames), frames
