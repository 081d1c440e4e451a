"""What the built site gives a reader is safe: glossary text is escaped, no element
carries an inline event handler or a `javascript:` URL (both need 'unsafe-inline' under
the site's CSP), a link that opens a new window gives it no handle on ours, and the
site's own scripts never parse a string as markup or code.

Quiz and chart escaping are tested beside their code (tests/content_markers/,
tests/snippets/test_charts_html.py); the CSP in tests/hooks/test_csp.py (the policy of
each page) and tests/browser/test_csp.py (pages run under it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_site, page
from tools.site import build_here

pytestmark = pytest.mark.build

PLANTED = '<script>alert("planted")</script>'
# Text that is not markup: script and style bodies, comments, and code a page shows.
NOT_MARKUP = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<pre\b.*?</pre\s*>",
    re.IGNORECASE | re.DOTALL,
)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)


def markup(html: str) -> str:
    return NOT_MARKUP.sub("", html)


def event_handlers(html: str) -> list[str]:
    """Inline event-handler attributes (onclick=, onload=, ...) on any element."""
    return EVENT_HANDLER.findall(markup(html))


def test_event_handler_scan_sees_handlers_in_markup_only() -> None:
    html = (
        '<img src="x.png" onerror="alert(1)"><button\n  type="button" onClick="go()">'
        "<script>el.onclick = go; // <b onload=x></script>"
        '<pre><code>&lt;a onclick="x"&gt;</code></pre><a data-on="1" aria-controls="m">a</a>'
    )
    assert event_handlers(html) == ["onerror", "onClick"]


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(built_site)): path.read_text(encoding="utf-8")
        for path in sorted(built_site.rglob("*.html"))
    }


def test_no_inline_event_handlers_or_javascript_urls(pages: dict[str, str]) -> None:
    assert len(pages) >= 10
    found = {name: event_handlers(html) for name, html in pages.items() if event_handlers(html)}
    assert not found, f"inline event handlers (attach listeners from a .js file): {found}"
    urls = [name for name, html in pages.items() if JAVASCRIPT_URL.search(markup(html))]
    assert not urls, f"javascript: URLs: {urls}"


def test_a_link_that_opens_a_new_window_says_noopener(pages: dict[str, str]) -> None:
    """Only a link that opens a new window (target) could hand that page our page
    (window.opener); browsers now imply noopener for target="_blank", and the one such
    link, Material's footer credit, says it too. The site's own links open in place."""
    new_window = [
        f"{name}: {tag}"
        for name, html in pages.items()
        for tag in ANCHOR.findall(markup(html))
        if re.search(r"\starget\s*=", tag) and not re.search(r"\srel=[\"'][^\"']*noopener", tag)
    ]
    assert not new_window, f"links that open a new window without rel=noopener: {new_window}"


def build_glossary(tmp_path: Path, glossary: str) -> str:
    """Build a small site with `glossary` as its glossary page; return that page's HTML."""
    config = make_site(tmp_path, {"index.md": page("# Home"), "glossary.md": glossary})
    result = build_here(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    return (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")


def test_a_script_planted_in_a_glossary_abbreviation_shows_as_text(tmp_path: Path) -> None:
    # Abbreviations become <abbr title="...">, escaped once: the browser shows a title
    # as text (tests/browser/test_csp.py hovers one).
    html = build_glossary(
        tmp_path, page(f"# Glossary\n\nXSS\n:   A term.\n\n*[XSS]: {PLANTED} & more")
    )
    title = 'title="&lt;script&gt;alert(&quot;planted&quot;)&lt;/script&gt; &amp; more"'
    assert f'<abbr tabindex="0" {title}>XSS</abbr>' in html
    assert PLANTED not in html


def test_a_script_planted_in_a_glossary_definition_fails_the_build(tmp_path: Path) -> None:
    # Markdown passes raw HTML through by design, so a <script> typed into a definition
    # would reach the page, where the browser's policy would refuse to run it: the build
    # fails instead (hooks/csp.py), naming the page.
    config = make_site(
        tmp_path,
        {"index.md": page("# Home"), "glossary.md": page(f"# Glossary\n\nDrift\n:   {PLANTED}.")},
    )
    result = build_here(tmp_path / "site", config)
    assert result.returncode != 0
    assert "glossary.md: an inline <script> ('alert(\"planted\")')" in result.stderr


# Ways a script turns a string into markup or code. Our scripts build elements and set
# textContent instead; plotly.js (vendored, docs/assets/vendor/) is not ours to change.
STRING_TO_MARKUP_OR_CODE = re.compile(
    r"\.(?:innerHTML|outerHTML)\s*\+?=|\binsertAdjacentHTML\(|\bdocument\.write(?:ln)?\("
    r"|\beval\(|\bnew\s+Function\(|\bset(?:Timeout|Interval)\(\s*[\"'`]"
)


def test_the_string_to_markup_scan_catches_what_it_should() -> None:
    bad = [
        "el.innerHTML = text",
        "el.innerHTML += t",
        "x.insertAdjacentHTML('beforeend', t)",
        "document.write(t)",
        "eval(code)",
        "new Function('a', b)",
        "setTimeout('go()', 5)",
    ]
    good = ["el.textContent = text", "setTimeout(() => go(), 5)", "const html = el.innerHTML;"]
    assert [bool(STRING_TO_MARKUP_OR_CODE.search(line)) for line in bad + good] == (
        [True] * len(bad) + [False] * len(good)
    )


def test_our_scripts_never_parse_strings_as_markup_or_code() -> None:
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").rglob("*.js"))
    scripts += sorted((ROOT / "overrides").rglob("*.js"))
    assert scripts, "no site scripts found"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}"
        for path in scripts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if STRING_TO_MARKUP_OR_CODE.search(line)
    ]
    assert not found, "build elements and set textContent instead:\n" + "\n".join(found)
