"""content_markers/abbreviations.py: each abbreviation takes the focus, the first of
each on a page in the Tab order, none inside a link or another control."""

from __future__ import annotations

import markdown

PAGE = """CI runs, and [CI docs](x) too. Then CI again, and CD.

??? note "CD in a summary"

    More CI.

*[CI]: Continuous integration
*[CD]: Continuous delivery
"""


def test_the_first_of_each_is_in_the_tab_order_the_rest_take_a_tap() -> None:
    html = markdown.markdown(
        PAGE, extensions=["abbr", "admonition", "pymdownx.details", "content_markers.abbreviations"]
    )
    first_ci = '<abbr tabindex="0" title="Continuous integration">CI</abbr> runs'
    assert first_ci in html
    assert '<a href="x"><abbr title="Continuous integration">CI</abbr> docs</a>' in html
    assert 'again, and <abbr tabindex="0" title="Continuous delivery">CD</abbr>' in html
    assert '<summary><abbr title="Continuous delivery">CD</abbr> in a summary</summary>' in html
    assert html.count('tabindex="-1"') == 2  # "CI again" and "More CI"
    assert html.count('tabindex="0"') == 2
