"""Every page of the built site loads in Chromium with no console error, no failed
request and no request to any other host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Visit, watch
from tools.serve import serve

pytestmark = pytest.mark.browser


def test_watcher_reports_what_the_page_test_forbids(new_context, tmp_path: Path) -> None:
    """A page with each fault is caught, so a clean result below means something."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>faulty</title><p>text</p>"
        '<img src="missing.png" alt="">'
        "<script>console.error('boom'); undefinedFunction();</script>"
        '<link rel="stylesheet" href="http://example.invalid/x.css">',
        encoding="utf-8",
    )
    page = new_context().new_page()
    with serve(tmp_path) as url:
        watched = watch(page, urlsplit(url).netloc)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
    problems = "\n".join(watched.problems())
    assert "console error: boom" in problems
    assert "console error: uncaught: undefinedFunction is not defined" in problems
    assert re.search(r"failed request: 404 http://127\.0\.0\.1:\d+/missing\.png", problems)
    assert "request to another host: http://example.invalid/x.css" in problems


@pytest.mark.xdist_group("visits")  # with test_csp.py's, which reads the same visits
def test_every_page_loads_cleanly(visits: dict[str, Visit]) -> None:
    assert len(visits) >= 11
    problems = {f"/{path}": visit.problems for path, visit in visits.items() if visit.problems}
    assert not problems, f"pages with problems: {problems}"
    headings = {f"/{path}": v.headings for path, v in visits.items() if path != "404.html"}
    assert set(headings.values()) == {1}, f"not one <h1> in the article: {headings}"


# Records each change to a stylesheet link's href, whether the page had a body yet, and
# the root element's classes when the body arrives.
WATCH_START_UP = """
window.stylesheetChanges = [];
new MutationObserver(changes => {
  for (const change of changes) {
    if (change.target.rel === "stylesheet")
      stylesheetChanges.push({href: change.target.href, withBody: document.body !== null});
    for (const node of change.addedNodes)
      if (node.nodeName === "BODY") window.rootClassAtBody = document.documentElement.className;
  }
}).observe(document, {attributes: true, attributeFilter: ["href"], childList: true, subtree: true});
"""


def test_the_page_is_styled_once_not_again_when_material_starts(new_context, site_url) -> None:
    """Material's bundle, once the page is drawn, makes relative links absolute (instant
    navigation) and swaps the root's "no-js" class for "js". On a stylesheet link the
    first re-parses the sheet, and each restyles the whole page: about 100 ms of blocking
    time on a phone. scope.js does both first, in the <head>, before there is a body.
    Checked on a top-level and a nested page."""
    for path in ("", "practice/review/"):
        page = new_context().new_page()
        page.add_init_script(WATCH_START_UP)
        page.goto(site_url + path, wait_until="load")
        changes = page.evaluate("stylesheetChanges")
        assert changes, f"/{path}: scope.js did not make the stylesheet links absolute"
        late = [change["href"] for change in changes if change["withBody"]]
        assert not late, f"/{path}: stylesheets reloaded after the page had a body: {late}"
        classes = page.evaluate("rootClassAtBody").split()
        assert "js" in classes and "no-js" not in classes, f"/{path}: root class {classes}"
        page.close()
