"""hooks/external_links.py: links leaving the site get rel="noopener", nothing else changes."""

from __future__ import annotations

import pytest
from external_links import add_noopener, is_external

SITE = "https://example.org/course/"


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("https://dora.dev/research/", True),
        ("http://example.com", True),
        ("//cdn.example.com/x", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("https://example.org/course/glossary/", False),  # our own site, absolute
        ("../glossary/", False),
        ("#section", False),
        ("mailto:someone@example.org", False),
        ("assets/file.pdf", False),
    ],
)
def test_is_external(href: str, external: bool) -> None:
    assert is_external(href, SITE) is external


def test_without_site_url_every_remote_link_is_external() -> None:
    assert is_external("https://example.org/course/", None)


def test_external_link_gets_noopener() -> None:
    html = '<p>See <a href="https://dora.dev/">DORA</a>.</p>'
    assert (
        add_noopener(html, SITE)
        == '<p>See <a rel="noopener" href="https://dora.dev/">DORA</a>.</p>'
    )


def test_existing_rel_values_are_kept_and_noopener_added_once() -> None:
    tagged = add_noopener("<a class='x' rel='nofollow' href='https://a.example'>a</a>", SITE)
    assert tagged == "<a class='x' rel=\"nofollow noopener\" href='https://a.example'>a</a>"
    assert add_noopener(tagged, SITE) == tagged
    already = '<a href="https://a.example" target="_blank" rel="noopener">a</a>'
    assert add_noopener(already, SITE) == already


def test_internal_links_and_non_links_are_untouched() -> None:
    html = (
        '<a href="../glossary/">Glossary</a><a href="https://example.org/course/">Home</a>'
        '<a id="top">anchor</a><abbr title="https://x.example">X</abbr>'
        '<link rel="stylesheet" href="https://cdn.example/a.css">'
    )
    assert add_noopener(html, SITE) == html


def test_scripts_styles_and_comments_are_not_rewritten() -> None:
    html = (
        "<script>var s = '<a href=\"https://a.example\">';</script>"
        '<style>/* <a href="https://a.example"> */</style>'
        '<!-- <a href="https://a.example"> -->'
        '<a href="https://b.example">b</a>'
    )
    expected = html.replace(
        '<a href="https://b.example">', '<a rel="noopener" href="https://b.example">'
    )
    assert add_noopener(html, SITE) == expected


def test_unquoted_and_multiline_tags() -> None:
    html = '<a\n  class="md-button"\n  href=https://a.example>a</a>'
    assert (
        add_noopener(html, SITE)
        == '<a rel="noopener"\n  class="md-button"\n  href=https://a.example>a</a>'
    )
