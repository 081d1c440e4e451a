"""Give every link that leaves the site `rel="noopener"`.

A page opened from ours, in a new tab or window, then gets no handle on our page
(`window.opener`), so it cannot navigate it elsewhere. Runs on the finished HTML, so
links from pages, hooks and the theme (the "edit this page" button) are all covered.

`noreferrer` is deliberately not added: the browsers' default Referrer-Policy
(strict-origin-when-cross-origin) already sends a cited source only our origin, never
the page or the reader, and a source seeing where its readers come from is fair.
"""

from __future__ import annotations

import re

# Regions whose text is not markup (kept as they are), or an <a> start tag.
SKIPPED_OR_ANCHOR = re.compile(
    r"(?P<skip><script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->)"
    r"|(?P<anchor><a\b[^>]*>)",
    re.IGNORECASE | re.DOTALL,
)
ATTRIBUTE = r"""\s{name}\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))"""
HREF = re.compile(ATTRIBUTE.format(name="href"), re.IGNORECASE)
REL = re.compile(ATTRIBUTE.format(name="rel"), re.IGNORECASE)
REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def _value(match: re.Match[str]) -> str:
    return next(
        v for v in (match.group("dq"), match.group("sq"), match.group("bare")) if v is not None
    )


def is_external(href: str, site_url: str | None) -> bool:
    """True for an http(s) or protocol-relative URL outside `site_url`."""
    if not REMOTE.match(href):
        return False
    return not (site_url and href.startswith(site_url))


def with_noopener(tag: str) -> str:
    """The `<a ...>` start tag with `noopener` among its rel values."""
    rel = REL.search(tag)
    if rel is None:
        return f'{tag[:2]} rel="noopener"{tag[2:]}'
    values = _value(rel).split()
    if "noopener" in (v.lower() for v in values):
        return tag
    return f'{tag[: rel.start()]} rel="{" ".join([*values, "noopener"])}"{tag[rel.end() :]}'


def add_noopener(html: str, site_url: str | None = None) -> str:
    """`html` with `rel="noopener"` on every <a> whose href leaves the site."""

    def rewrite(match: re.Match[str]) -> str:
        tag = match.group("anchor")
        if tag is None:
            return match.group(0)
        href = HREF.search(tag)
        if href is None or not is_external(_value(href), site_url):
            return tag
        return with_noopener(tag)

    return SKIPPED_OR_ANCHOR.sub(rewrite, html)


def on_post_page(output, page, config, **kwargs):
    return add_noopener(output, config.get("site_url"))
