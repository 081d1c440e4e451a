"""The real site builds strictly, every page in nav has a meta description, and no
page or stylesheet refers to an asset on another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import page_paths, published_url
from tools.serve import site_pages

pytestmark = pytest.mark.build

# src= / href= on elements that load something (not plain <a> links), and CSS url()/@import.
LOADED_ATTRIBUTE = re.compile(
    r"<(?P<tag>script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"'](?P<url>[^\"']+)[\"']",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])(?P<url>[^\"')\s]+)", re.IGNORECASE)
REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def remote_assets(html: str) -> list[str]:
    """URLs on another host that the page would load (links readers click are fine)."""
    found = []
    for match in LOADED_ATTRIBUTE.finditer(html):
        tag, url = match.group("tag").lower(), match.group("url")
        element = match.group(0).lower()
        # <link rel="canonical"> and friends name a URL but load nothing.
        if tag == "link" and not re.search(
            r"rel=[\"'](?:stylesheet|preload|modulepreload|icon|preconnect|dns-prefetch|manifest)",
            element,
        ):
            continue
        if REMOTE.match(url):
            found.append(url)
    found += [m.group("url") for m in CSS_URL.finditer(html) if REMOTE.match(m.group("url"))]
    return found


def test_remote_asset_detector_catches_what_it_should() -> None:
    page = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://example.org/page/">'
        '<script src="//cdn.example.com/x.js"></script>'
        '<a href="https://example.org">a link</a>'
        "<style>@import 'https://cdn.example.com/a.css'; b{background:url(/local.png)}</style>"
    )
    assert remote_assets(page) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.com/x.js",
        "https://cdn.example.com/a.css",
    ]


def test_no_page_or_stylesheet_loads_a_third_party_asset(built_site: Path) -> None:
    offenders = {}
    for path in sorted(built_site.rglob("*")):
        if path.suffix not in {".html", ".css"}:
            continue
        urls = remote_assets(path.read_text(encoding="utf-8", errors="replace"))
        if urls:
            offenders[str(path.relative_to(built_site))] = sorted(set(urls))
    assert not offenders, f"third-party assets referenced: {offenders}"


def test_every_page_has_its_meta_description(built_site: Path) -> None:
    pages = sorted(p for p in built_site.rglob("index.html") if p.parent.name not in {"404"})
    assert len(pages) >= 10
    generic = re.search(
        r'<meta name="description" content="([^"]*)"', (built_site / "404.html").read_text()
    )
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, f"{page.relative_to(built_site)} has no meta description"
        if generic and page != built_site / "index.html":
            assert match.group(1) != generic.group(1), (
                f"{page.relative_to(built_site)} uses the site-wide description, not its own"
            )


def test_site_pages_matches_the_sitemap(built_site: Path) -> None:
    """The page list the browser tests and tools walk is the site's own list of pages."""
    locs = re.findall(r"<loc>([^<]*)</loc>", (built_site / "sitemap.xml").read_text("utf-8"))
    home = published_url(built_site)
    assert sorted(site_pages(built_site)) == sorted(loc.removeprefix(home) for loc in locs)


def test_the_pages_tests_take_one_by_one_are_the_pages_the_build_writes(built_site: Path) -> None:
    """The browser tests take one page each from page_paths(), read from nav before the
    site is built: a new page is picked up as soon as it is in nav, which it must be."""
    assert page_paths() == sorted(site_pages(built_site))
