"""The site works under a Content-Security-Policy that allows scripts only from its own
origin (`script-src 'self'`), with no exception.

Material's inline set-up scripts are moved into files by overrides/partials/javascripts/;
hooks/notebooks.py drops mkdocs-jupyter's inline scripts from the lab page. Should a
pinned plugin's template ever need an inline script, allow it by its sha256 hash in
ALLOWED_INLINE_SCRIPTS, with a comment naming where it comes from (see CONTRIBUTING.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# The policy every built page carries (hooks/csp.py); the tests also send it as a header.
from csp import ALLOWED_INLINE_SCRIPTS, POLICY

from tests.browser.conftest import site_pages, watch
from tests.browser.test_charts import published_url
from tests.conftest import ROOT
from tools.serve import serve

SCRIPT = re.compile(
    r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
# Script types a browser executes (a missing type is JavaScript); JSON data blocks are inert.
EXECUTABLE = re.compile(
    r"""\btype\s*=\s*["']?(?:module|(?:text|application)/(?:x-)?(?:java|ecma)script)\b""", re.I
)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in `html` that a browser would execute."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        if "type=" in attrs.lower() and not EXECUTABLE.search(attrs):
            continue
        found.append(match.group("body"))
    return found


def csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


def test_policy_allows_scripts_from_the_site_only() -> None:
    assert POLICY.startswith("script-src 'self'")
    assert all(f"'{h}'" in POLICY for h in ALLOWED_INLINE_SCRIPTS)
    assert "unsafe-inline" not in POLICY and "unsafe-eval" not in POLICY


def test_inline_scripts_finds_executable_scripts_only() -> None:
    html = (
        "<script>a()</script><script type='module'>b()</script>"
        '<script type="text/javascript">c()</script>'
        '<script src="x.js"></script><script type="application/json">{"d": 1}</script>'
        '<script type="text/x-mathjax-config">e()</script>'
    )
    assert inline_scripts(html) == ["a()", "b()", "c()"]


@pytest.mark.build
def test_every_inline_script_in_the_site_is_allowed(built_site: Path) -> None:
    """Fast and without a browser: names the page and script a new inline script breaks."""
    unexpected, used = [], set()
    for path in sorted(built_site.rglob("*.html")):
        for script in inline_scripts(path.read_text(encoding="utf-8")):
            digest = csp_hash(script)
            used.add(digest)
            if digest not in ALLOWED_INLINE_SCRIPTS:
                unexpected.append(f"{path.relative_to(built_site)}: {script.strip()[:80]!r}")
    assert not unexpected, (
        "inline scripts the CSP would block (move them to a file under docs/assets/ or "
        f"overrides/; see CONTRIBUTING.md): {unexpected}"
    )
    stale = set(ALLOWED_INLINE_SCRIPTS) - used
    assert not stale, f"hashes allowed for scripts no page has any more, remove them: {stale}"


# Chromium reports each blocked script as a `securitypolicyviolation` event; an init
# script (which the page's CSP does not govern) records them for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || "?"}:${event.lineNumber})`);
});
"""


def visit(page, url: str) -> list[str]:
    """Load `url`, scroll through it (charts draw near the viewport), return violations."""
    seen = watch(page, urlsplit(url).netloc)
    page.goto(url, wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    console = [e for e in seen.console_errors if "Content Security Policy" in e]
    return page.evaluate("window.__cspViolations") + console


@pytest.mark.browser
def test_the_violation_detector_sees_a_blocked_inline_script(new_context, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><script>document.title = 'ran'</script>", encoding="utf-8"
    )
    page = new_context().new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    with serve(tmp_path, headers={"Content-Security-Policy": POLICY}) as url:
        violations = visit(page, url)
        assert page.title() == "t", "the inline script ran despite the policy"
    assert any("script-src" in v and "inline" in v for v in violations), violations
    # Chromium names the hash that would allow the script: the one csp_hash computes.
    assert any(csp_hash("document.title = 'ran'") in v for v in violations), violations


@pytest.mark.browser
def test_every_page_runs_under_the_policy(built_site: Path, new_context) -> None:
    pages = site_pages(built_site)
    assert len(pages) >= 10
    page = new_context().new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    problems = {}
    with serve(built_site, headers={"Content-Security-Policy": POLICY}) as url:
        for path in [*pages, "404.html"]:
            violations = visit(page, url + path)
            if violations:
                problems[f"/{path}"] = violations
        assert not problems, f"CSP violations (policy: {POLICY}): {problems}"
        # Material's set-up ran from its files, and its bundle after it.
        page.goto(url, wait_until="load")
        ran = page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'")
        assert ran, "Material's scripts did not run under the policy"


@pytest.mark.browser
def test_materials_moved_scripts_keep_the_scope_and_the_chosen_palette(
    built_site: Path, new_context
) -> None:
    """scope.js finds the site root from a nested page; palette.js applies the palette
    chosen on one page to the next (reading it back through scope.js's __md_get)."""
    page = new_context(color_scheme="light").new_page()
    with serve(built_site, headers={"Content-Security-Policy": POLICY}) as url:
        page.goto(url + "practice/review/", wait_until="load")
        assert page.evaluate("__md_scope.href") == url, "scope.js: the scope is not the site root"
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        toggle = page.locator("form[data-site-palette] label:not([hidden])")
        for _ in range(3):  # auto -> light -> dark
            if page.evaluate(scheme) == "slate" and page.evaluate("__md_get('__palette')"):
                break
            toggle.first.click()
        assert page.evaluate(scheme) == "slate"
        # Without Material's bundle, only palette.js can apply the saved palette (it
        # does so before the page first paints, which is why it runs inline upstream).
        page.route("**/bundle.*.min.js", lambda route: route.abort())
        page.goto(url + "glossary/", wait_until="load")
        assert page.evaluate(scheme) == "slate", "palette.js did not apply the saved palette"


# Material's partials whose inline scripts overrides/assets/javascripts/theme/ holds as files.
THEME_SCRIPTS = {
    "base.html": ["scope.js"],
    "palette.html": ["palette.js"],
    "content.html": ["tabs-link.js", "content.js"],
}


def test_the_moved_scripts_match_the_installed_material() -> None:
    """After a Material upgrade changes one of these scripts, this names the file to
    update (copy the new script; keep scope.js's own scope line)."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = ROOT / "overrides" / "assets" / "javascripts" / "theme"
    for partial, files in THEME_SCRIPTS.items():
        upstream = re.findall(r"<script>(.*?)</script>", (partials / partial).read_text("utf-8"))
        assert len(upstream) == len(files), f"{partial}: Material's inline scripts changed"
        for script, name in zip(upstream, files, strict=True):
            code = (ours / name).read_text("utf-8").splitlines()[-1]
            if name == "scope.js":  # the one deliberate change: how the scope is found
                script, code = (text[text.index("__md_hash=") :] for text in (script, code))
            assert code == script, (
                f"overrides/assets/javascripts/theme/{name} differs from {partial}"
            )


@pytest.mark.browser
def test_markup_planted_in_a_title_stays_text(new_context, tmp_path: Path) -> None:
    """A title (an abbreviation's definition, a link's title) shows in the browser's own
    tooltip, as text. Material's content.tooltips would parse it as HTML, so it is off
    (mkdocs.yml); this fails if it comes back. Served without the CSP, as a host that
    sends no headers would."""
    from tests.conftest import make_site, page
    from tools.site import build_site

    planted = "<img src=x onerror=window.planted=1>"
    body = f'# Home\n\nZQX and [a link](#home "{planted}").\n\n*[ZQX]: {planted}'
    result = build_site(tmp_path / "site", make_site(tmp_path, {"index.md": page(body)}))
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


# Material's instant navigation swaps this container in and re-creates each <script> in
# it: with src, attributes are copied; without, only its text, as executable inline
# JavaScript (even a JSON block), which the policy blocks.
CONTAINER = re.compile(r'data-md-component="container".*?(?=<script id="__config")', re.DOTALL)


@pytest.mark.build
def test_no_script_without_src_where_instant_navigation_re_creates_it(built_site: Path) -> None:
    found = []
    for path in sorted(built_site.rglob("*.html")):
        container = CONTAINER.search(path.read_text(encoding="utf-8"))
        assert container, f"{path.relative_to(built_site)}: Material's container not found"
        found += [
            f"{path.relative_to(built_site)}: {tag}"
            for tag in re.findall(r"<script\b[^>]*>", container.group(0))
            if not re.search(r"\bsrc\s*=", tag)
        ]
    assert not found, f"put data in an inert element (hidden div), code in a file: {found}"


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
    with serve(built_site, headers={"Content-Security-Policy": POLICY}) as url:
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
