"""hooks/tooltips.py: a "<" in a title attribute survives Material's tooltip as text."""

from __future__ import annotations

import html

from tooltips import escape_titles


def test_a_tag_in_an_abbreviation_title_is_escaped_once_more() -> None:
    page = '<abbr title="&lt;img src=x onerror=&quot;go()&quot;&gt; &amp; more">X</abbr>'
    escaped = escape_titles(page)
    assert (
        escaped
        == '<abbr title="&amp;lt;img src=x onerror=&quot;go()&quot;&gt; &amp; more">X</abbr>'
    )
    # What Material reads (the attribute's value) parses as HTML to text, not a tag.
    value = html.unescape(escaped.split('"')[1])
    assert value.startswith("&lt;img") and "<" not in value


def test_raw_less_than_signs_and_link_titles_are_escaped_too() -> None:
    assert escape_titles('<a href="x" title="a <b> c">x</a>') == (
        '<a href="x" title="a &amp;lt;b> c">x</a>'
    )


def test_titles_without_a_tag_and_other_attributes_are_untouched() -> None:
    page = (
        '<abbr title="Continuous integration: R&amp;D &quot;CI&quot;">CI</abbr>'
        '<img alt="&lt;b&gt;" data-title="&lt;x&gt;"><code>title="&lt;x&gt;"</code>'
    )
    assert escape_titles(page) == page
