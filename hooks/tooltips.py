"""Text in a `title` attribute shows as text in Material's tooltips, never as markup.

With `content.tooltips`, Material's JavaScript copies an element's title (an
abbreviation's definition, a link's title) into its tooltip as HTML: a title holding
`<img src=x onerror=...>` would become an element and run. Escaping each `<` once more
makes the tooltip show it as text. Without JavaScript, the browser's own tooltip then
shows "&lt;" for "<", and only in titles that contain one.
"""

from __future__ import annotations

import re

# Python-Markdown writes every attribute double-quoted, with "<" escaped as "&lt;".
TITLE = re.compile(r'(?P<start>\stitle=")(?P<value>[^"]*)"', re.IGNORECASE)


def escape_titles(html: str) -> str:
    """`html` with every "<" in a title attribute escaped for a second HTML parse."""

    def escape(match: re.Match[str]) -> str:
        value = match.group("value").replace("<", "&lt;").replace("&lt;", "&amp;lt;")
        return f'{match.group("start")}{value}"'

    return TITLE.sub(escape, html)


def on_page_content(html, page, **kwargs):
    return escape_titles(html)
