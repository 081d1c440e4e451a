"""What a reader on a phone (412 px wide) meets: links to a section land on it, the page
scrolls by as much as the reader scrolls it, and code and tables wider than the screen
show that they scroll."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.browser.conftest import settle, settle_without_scripts
from tests.conftest import page_paths
from tools.serve import site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 915}

# Every section heading; on the glossary, whose terms (h3) follow each other with no
# block between them that could move, its letters.
HEADINGS = """() => {
  const glossary = document.querySelector("article > .glossary-index");
  return [...document.querySelectorAll(glossary ? "article h2[id]" : "article :is(h2, h3)[id]")]
    .map(h => h.id);
}"""
NO_CHART_LOADING = "() => !document.querySelector('figure.chart[data-chart-state=loading]')"


def settled_with_charts(page) -> None:
    """Wait until nothing moves and no chart is being drawn: a chart that comes near the
    screen is drawn in its reserved room, and the test must read the page after that."""
    settle(page)
    page.wait_for_function(NO_CHART_LOADING)
    settle(page)


WHERE = """id => {
  const rect = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return {top: rect.top, bottom: rect.bottom, header, height: innerHeight,
          end: scrollY + innerHeight >= document.scrollingElement.scrollHeight - 1};
}"""


# One test per page, so xdist spreads the pages over its workers (about 200 loads in all).
@pytest.mark.parametrize("path", page_paths(), ids=lambda path: f"/{path}")
def test_a_link_to_any_section_lands_on_its_heading_and_scrolling_moves_as_far(
    path: str, built_site: Path, new_context, site_url: str
) -> None:
    """Each section heading of each page, opened by a link from elsewhere (a fresh load
    of page#heading): the heading is on screen below the header once the page has
    settled, and a 600 px scroll up moves it 600 px down (skipped rendering with
    estimated sizes moved both: a heading 1,129 px off screen, a 600 px scroll that
    jumped 1,024 px)."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    missed, jumped = [], []
    page.goto(site_url + path, wait_until="load")
    for heading in page.evaluate(HEADINGS):
        page.goto("about:blank")
        page.goto(f"{site_url}{path}#{heading}", wait_until="load")
        settled_with_charts(page)
        at = page.evaluate(WHERE, heading)
        if not (at["header"] - 2 <= at["top"] and at["bottom"] <= at["height"]):
            missed.append(f"/{path}#{heading}: heading at {at['top']:.0f} px")
            continue
        page.evaluate("scrollBy({top: -600, behavior: 'instant'})")
        settled_with_charts(page)
        moved = page.evaluate(WHERE, heading)["top"] - at["top"]
        if abs(moved - 600) > 2 and page.evaluate("scrollY") > 0:
            jumped.append(f"/{path}#{heading}: a 600 px scroll moved it {moved:.0f} px")
    assert not missed and not jumped, "\n".join(missed + jumped)


# ---- Code and tables wider than the screen show that they scroll -------------------

# Every box in the article that scrolls sideways and hides more than 12 px of its
# content to the right (a character and a half of code; a sliver of a few pixels hides
# no word, and its shadow is then mostly covered, as the cue's strength follows how
# much is hidden).
CLIPPED = """() => [...document.querySelectorAll("article *")].filter(box =>
  ["auto", "scroll"].includes(getComputedStyle(box).overflowX)
  && box.scrollWidth > box.clientWidth + 12 && box.getClientRects().length)"""
# The box's text, borders and buttons made invisible, so a screenshot of its edge shows
# only what is drawn there to say that it scrolls.
# (An attribute, not a class: Material styles a table only while it has no class.)
PROBE = """[data-cue-probe], [data-cue-probe] * { color: transparent !important;
  border-color: transparent !important; text-decoration-color: transparent !important;
  outline: none !important; box-shadow: none !important; }
[data-cue-probe] :is(.md-code__nav, .md-clipboard, button) { visibility: hidden !important; }"""
EDGE = 6  # px of the box's right edge that are looked at


def right_edge(page, box) -> tuple[float, ...]:
    """The mean colour of the right EDGE px of the box's visible inside."""
    clip = box.evaluate(
        """(box, edge) => {
          const rect = box.getBoundingClientRect();
          const top = Math.max(rect.top + box.clientTop, 0);
          const bottom = Math.min(rect.top + box.clientTop + box.clientHeight, innerHeight);
          return {x: rect.left + box.clientLeft + box.clientWidth - edge, y: top,
                  width: edge, height: bottom - top};
        }""",
        EDGE,
    )
    image = Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled")))
    return tuple(ImageStat.Stat(image.convert("RGB")).mean)


def clipped_without_a_cue(page) -> tuple[int, list[str]]:
    """(boxes with content hidden to the right, those that do not show it): the right
    edge of each must look different while there is more to the right than at the end."""
    # Not add_style_tag(): it waits for the style's load event, which no page script
    # hears with JavaScript off.
    page.evaluate(
        "css => document.head.append("
        "Object.assign(document.createElement('style'), {textContent: css}))",
        PROBE,
    )
    boxes = page.evaluate_handle(CLIPPED)
    count = page.evaluate("boxes => boxes.length", boxes)
    silent = []
    for index in range(count):
        box = page.evaluate_handle("([boxes, i]) => boxes[i]", [boxes, index]).as_element()
        box.evaluate("box => { box.scrollIntoView({block: 'center'}); box.dataset.cueProbe = ''; }")
        box.evaluate("box => box.scrollLeft = 0")
        hidden = right_edge(page, box)
        box.evaluate("box => box.scrollLeft = box.scrollWidth")
        at_end = right_edge(page, box)
        box.evaluate("box => { box.scrollLeft = 0; delete box.dataset.cueProbe; }")
        if max(abs(a - b) for a, b in zip(hidden, at_end, strict=True)) < 10:
            what = box.evaluate(
                "box => `${box.tagName.toLowerCase()}.${box.className}: ` + "
                "box.innerText.trim().split('\\n')[0].slice(0, 50)"
            )
            silent.append(what)
    return count, silent


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_code_or_table_is_cut_at_a_phones_edge_without_a_sign(
    built_site: Path, open_page, scheme: str, javascript: bool
) -> None:
    """Every box in the article that is wider than a 412 px screen (code, a table, the
    lab's printed output, each <details> opened) shows at its edge that it scrolls; and
    the page itself never scrolls sideways."""
    total, problems = 0, []
    for path in site_pages(built_site):
        page, _ = open_page(
            path,
            viewport=PHONE,
            is_mobile=True,
            color_scheme=scheme,
            java_script_enabled=javascript,
        )
        page.evaluate("for (const d of document.querySelectorAll('article details')) d.open = true")
        (settle if javascript else settle_without_scripts)(page)
        count, silent = clipped_without_a_cue(page)
        total += count
        problems += [f"/{path} {what}" for what in silent]
        if page.evaluate("document.scrollingElement.scrollWidth > innerWidth"):
            problems.append(f"/{path}: the page scrolls sideways")
        page.context.close()
    assert total >= 50, (
        f"only {total} boxes wider than the screen: is the check still finding them?"
    )
    assert not problems, (
        f"{len(problems)} of {total} boxes give no sign that they scroll:\n" + "\n".join(problems)
    )


# ---- A heading's hidden permalink never takes a line of its own ----------------------

# Headings whose permalink is not on the line of their last word: the link's box and
# the last line box of the heading's own text do not overlap vertically.
LONELY_PERMALINKS = """() => [
  ...document.querySelectorAll("article :is(h1, h2, h3, h4) > a.headerlink")
].filter(link => {
    const heading = link.parentElement;
    const text = document.createRange();
    text.setStartBefore(heading.firstChild);
    text.setEndBefore(link);
    const lines = [...text.getClientRects()].filter(r => r.width > 0);
    const last = lines[lines.length - 1], own = link.getBoundingClientRect();
    return !last || own.top >= last.bottom || own.bottom <= last.top;
  })
  .map(link => link.parentElement.textContent.replace(link.textContent, "").trim())"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_headings_permalink_wraps_to_a_line_of_its_own(
    built_site: Path, open_page, javascript: bool
) -> None:
    lonely, headings = [], 0
    for path in site_pages(built_site):
        page, _ = open_page(path, viewport=PHONE, is_mobile=True, java_script_enabled=javascript)
        headings += page.locator("article a.headerlink").count()
        lonely += [f"/{path}: {title}" for title in page.evaluate(LONELY_PERMALINKS)]
        page.context.close()
    assert headings >= 50
    assert not lonely, "\n".join(lonely)
