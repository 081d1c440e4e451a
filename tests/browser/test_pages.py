"""Every page of the built site loads in Chromium with no console error, no failed
request and no request to any other host, under its Content-Security-Policy (the
policy's other checks are in test_csp.py); and it is styled once, not again when
Material starts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import visit, watch
from tests.conftest import page_paths
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


@pytest.mark.parametrize("path", [*page_paths(), "404.html"], ids=lambda path: f"/{path}")
def test_the_page_loads_cleanly_under_its_policy(path: str, new_context, site_url) -> None:
    """Loaded and scrolled to its end: no console error, no failed request, no request to
    another host, one <h1> in the article (but on the 404 page); and, served as GitHub
    Pages serves it, no violation of the Content-Security-Policy its own <meta> tag
    carries, with Material's inline set-up (allowed by its hash) and bundle run."""
    seen = visit(new_context(), site_url + path)
    assert not seen.problems, f"/{path}: {seen.problems}"
    assert not seen.violations, f"/{path}: CSP violations: {seen.violations}"
    assert seen.material_ran, f"/{path}: Material's scripts did not run under the policy"
    if path != "404.html":
        assert seen.headings == 1, f"/{path}: {seen.headings} <h1> in the article, not one"


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
