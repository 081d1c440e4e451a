"""The site runs under its Content-Security-Policy in a real browser: no page breaks a
rule of the policy its own <meta> tag carries (hooks/csp.py) through instant
navigation, and Material's inline scripts keep what they must. On each page's load,
the policy is checked with the page's other load checks (test_pages.py, one visit per
page); each page's policy is tested without a browser in tests/hooks/test_csp.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.csp import POLICY, csp_hash
from tests.browser.conftest import RECORD_VIOLATIONS, site_pages, visit
from tests.conftest import published_url
from tools.serve import serve


@pytest.mark.browser
def test_the_violation_detector_sees_a_blocked_inline_script(new_context, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><script>document.title = 'ran'</script>", encoding="utf-8"
    )
    with serve(tmp_path, headers={"Content-Security-Policy": POLICY.format(hashes="")}) as url:
        found = visit(new_context(), url)
    assert found.title == "t", "the inline script ran despite the policy"
    assert any("script-src" in v and "inline" in v for v in found.violations), found.violations
    # Chromium names the hash that would allow the script: the one csp_hash computes.
    assert any(csp_hash("document.title = 'ran'") in v for v in found.violations), found


@pytest.mark.browser
def test_materials_inline_scripts_keep_the_scope_and_the_chosen_palette(
    built_site: Path, new_context
) -> None:
    """The scope script finds the site root from a nested page, and the palette script
    applies the palette chosen on one page to the next, before Material's bundle runs:
    both inline, allowed by their hashes."""
    page = new_context(color_scheme="light").new_page()
    with serve(built_site) as url:
        page.goto(url + "practice/review/", wait_until="load")
        assert page.evaluate("__md_scope.href") == url, "the scope is not the site root"
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
        for _ in range(3):  # auto -> light -> dark
            if page.evaluate(scheme) == "slate" and page.evaluate("__md_get('__palette')"):
                break
            toggle.first.click()
        assert page.evaluate(scheme) == "slate"
        # Without Material's bundle, only the inline palette script can apply the saved
        # palette (it does so before the page first paints, which is why it is inline).
        page.route("**/bundle.*.min.js", lambda route: route.abort())
        page.goto(url + "glossary/", wait_until="load")
        assert page.evaluate(scheme) == "slate", "the saved palette was not applied"


@pytest.mark.browser
def test_markup_planted_in_a_title_stays_text(new_context, tmp_path: Path) -> None:
    """A title (an abbreviation's definition, a link's title) shows in the browser's own
    tooltip, as text. Material's content.tooltips would parse it as HTML, so it is off
    (mkdocs.yml); this fails if it comes back. Served without the CSP, as a host that
    sends no headers would."""
    from tests.conftest import make_site, page
    from tools.site import build_here

    planted = "<img src=x onerror=window.planted=1>"
    body = f'# Home\n\nZQX and [a link](#home "{planted}").\n\n*[ZQX]: {planted}'
    result = build_here(tmp_path / "site", make_site(tmp_path, {"index.md": page(body)}))
    assert result.returncode == 0, result.stderr[-3000:]
    browser_page = new_context().new_page()
    with serve(tmp_path / "site") as url:
        browser_page.goto(url, wait_until="load")
        for element in ("article abbr", "article a:text('a link')"):
            target = browser_page.locator(element).first
            target.hover()
            assert target.get_attribute("title") == planted, element
        browser_page.wait_for_timeout(500)  # a tooltip would render on hover
        assert browser_page.locator("img, .md-tooltip2").count() == 0
    assert browser_page.evaluate("window.planted") is None


@pytest.mark.browser
def test_instant_navigation_through_every_page_runs_under_the_policy(
    built_site: Path, new_context
) -> None:
    """Instant navigation works only at the site's public address (see test_charts.py):
    the browser is shown that address, each request answered by the local server."""
    public = published_url(built_site)
    context = new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    with serve(built_site) as url:
        context.route(
            f"{public}**",
            lambda route: route.fulfill(
                response=route.fetch(url=url + route.request.url.removeprefix(public))
            ),
        )
        page.goto(public, wait_until="load")
        page.evaluate("window.sameDocument = true")
        for path in [p for p in site_pages(built_site) if p]:
            page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{path}"]').first.click()
            page.wait_for_url(public + path)
            page.wait_for_load_state("networkidle")
        assert page.evaluate("window.sameDocument === true"), "a full reload, not instant"
        violations = page.evaluate("window.__cspViolations")
    assert not violations, f"CSP violations during instant navigation: {violations}"
