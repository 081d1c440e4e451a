"""hooks/csp.py: each built page carries its policy, which allows the site's own scripts
and exactly the theme's inline scripts on that page; any other inline script fails the
build; pages `mkdocs serve` serves carry none. (tests/browser/test_csp.py runs the pages
under their policies in Chromium.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
# Material's scope script as its template renders it for a page two folders deep.
SCOPE = (
    '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.char'
    'CodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"'
    '."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.'
    "stringify(_))}catch(e){}}"
)


def test_inline_scripts_finds_executable_scripts_only() -> None:
    html = (
        "<script>a()</script><script type='module'>b()</script>"
        '<script type="text/javascript">c()</script>'
        '<script src="x.js"></script><script type="application/json">{"d": 1}</script>'
        '<script type="text/x-mathjax-config">e()</script>'
    )
    assert csp.inline_scripts(html) == ["a()", "b()", "c()"]


def test_the_policy_allows_the_sites_own_scripts_and_the_themes_by_hash() -> None:
    policy = csp.policy_for(f"<head><script>{SCOPE}</script></head>", "a/b/page.md")
    assert policy == (
        f"script-src 'self' '{csp.csp_hash(SCOPE)}'; object-src 'none'; base-uri 'self'"
    )
    assert "unsafe" not in policy
    assert csp.policy_for("<p>No script.</p>", "page.md") == csp.POLICY.format(hashes="")


def test_any_other_inline_script_fails_naming_the_page() -> None:
    changed = SCOPE.replace("localStorage", "sessionStorage", 1)
    for script in ('alert("planted")', changed):
        with pytest.raises(PluginError, match=r"^notes/page\.md: an inline <script>"):
            csp.policy_for(f"<script>{SCOPE}</script><script>{script}</script>", "notes/page.md")


def test_the_policy_is_the_first_thing_in_head_and_added_once() -> None:
    page = "<html><head><script src='a.js'></script></head><body><head></body></html>"
    out = csp.with_policy(page, "page.md")
    assert out.startswith('<html><head>\n    <meta http-equiv="Content-Security-Policy"')
    assert out.count("Content-Security-Policy") == 1


@pytest.mark.parametrize(("command", "expected"), [("build", 1), ("gh-deploy", 1), ("serve", 0)])
def test_only_served_previews_go_without_the_policy(command: str, expected: int) -> None:
    csp.on_startup(command=command, dirty=False)
    try:
        out = csp.on_post_template("<html><head></head></html>", "404.html", config=None)
    finally:
        csp.on_startup(command="build", dirty=False)
    assert out.count("Content-Security-Policy") == expected


def policies(built_site: Path) -> dict[str, tuple[str, str]]:
    """{page: (its html, the policy its first <head> element carries)}."""
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        head = re.search(r"<head>\s*(<[^>]+>)", html)
        meta = META.fullmatch(head.group(1)) if head else None
        assert meta, f"{path.relative_to(built_site)}: the policy is not the first in <head>"
        found[str(path.relative_to(built_site))] = (html, meta.group(1))
    return found


@pytest.mark.build
def test_every_page_allows_exactly_its_own_inline_scripts(built_site: Path) -> None:
    """The stale-hash check: a hash in a policy is a script on that page, and the reverse."""
    for name, (html, policy) in policies(built_site).items():
        allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
        scripts = {csp.csp_hash(script) for script in csp.inline_scripts(html)}
        assert allowed == scripts, f"{name}: policy {sorted(allowed)}, scripts {sorted(scripts)}"
        assert policy.startswith("script-src 'self'") and "unsafe" not in policy, name


# Material's instant navigation swaps this container in and re-creates each <script> in
# it: with src, attributes are copied; without, only its text, as inline JavaScript
# (even a JSON block's), which runs under the policy of the page first loaded.
CONTAINER = re.compile(r'data-md-component="container".*?(?=<script id="__config")', re.DOTALL)


@pytest.mark.build
def test_what_instant_navigation_re_creates_is_allowed_on_every_page(built_site: Path) -> None:
    pages = policies(built_site)
    re_created = {}
    for name, (html, _) in pages.items():
        container = CONTAINER.search(html)
        assert container, f"{name}: Material's container not found"
        data = re.findall(r"<script\b(?![^>]*\bsrc=)[^>]*\btype=[^>]*>", container.group(0))
        assert not data, f"{name}: put data in an inert element (a hidden div), not {data}"
        for script in csp.inline_scripts(container.group(0)):
            re_created[csp.csp_hash(script)] = f"{name}: {script[:60]!r}"
    for name, (_, policy) in pages.items():
        missing = [where for digest, where in re_created.items() if digest not in policy]
        assert not missing, f"{name}'s policy would block, after instant navigation: {missing}"
