"""What the built site gives a reader is safe: glossary text is escaped, no element
carries an inline event handler or a `javascript:` URL (both need 'unsafe-inline' under
the site's CSP), every link leaving the site has rel="noopener", and the site's own
scripts never parse a string as markup or code.

Quiz and chart escaping are tested beside their code (tests/content_markers/,
tests/snippets/test_charts_html.py); the CSP itself in tests/browser/test_csp.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from external_links import HREF, REL, is_external

from tests.browser.test_csp import ALLOWED_INLINE_SCRIPTS, csp_hash, inline_scripts
from tests.conftest import ROOT, make_site, page
from tools.site import build_site

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


def test_every_link_leaving_the_site_has_noopener(pages: dict[str, str], built_site: Path) -> None:
    external = unsafe = 0
    for name, html in pages.items():
        for tag in ANCHOR.findall(markup(html)):
            href = HREF.search(tag)
            if href is None or not is_external(href.group("dq") or href.group("sq") or "", None):
                continue
            external += 1
            rel = REL.search(tag)
            if rel is None or "noopener" not in (rel.group("dq") or rel.group("sq") or "").split():
                unsafe += 1
                print(f"{name}: {tag}")
    assert external > len(pages), "expected at least the repository link on every page"
    assert unsafe == 0, f"{unsafe} external links without rel=noopener (printed above)"


def build_glossary(tmp_path: Path, glossary: str) -> str:
    """Build a small site with `glossary` as its glossary page; return that page's HTML."""
    config = make_site(tmp_path, {"index.md": page("# Home"), "glossary.md": glossary})
    result = build_site(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    return (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")


def test_a_script_planted_in_a_glossary_abbreviation_shows_as_text(tmp_path: Path) -> None:
    # Abbreviations become <abbr title="...">, escaped once: the browser shows a title
    # as text (tests/browser/test_csp.py hovers one).
    html = build_glossary(
        tmp_path, page(f"# Glossary\n\nXSS\n:   A term.\n\n*[XSS]: {PLANTED} & more")
    )
    title = 'title="&lt;script&gt;alert(&quot;planted&quot;)&lt;/script&gt; &amp; more"'
    assert f"<abbr {title}>XSS</abbr>" in html
    assert PLANTED not in html


def test_a_script_planted_in_a_glossary_definition_fails_the_csp_check(tmp_path: Path) -> None:
    # Markdown passes raw HTML through by design, so a <script> typed into a definition
    # reaches the page; the CSP check (test_csp.py) then fails the test command on it,
    # and the browser's policy would not run it.
    html = build_glossary(tmp_path, page(f"# Glossary\n\nDrift\n:   Changes {PLANTED}."))
    planted = [s for s in inline_scripts(html) if "planted" in s]
    assert planted == ['alert("planted")']
    assert csp_hash(planted[0]) not in ALLOWED_INLINE_SCRIPTS


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
