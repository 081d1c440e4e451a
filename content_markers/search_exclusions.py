"""Keep what is not reading matter out of the search index: a Markdown extension of its
own (`content_markers.search_exclusions` in mkdocs.yml), whose `exclude` setting lists
the elements, as `tag.class` or `.class`.

The index is built from each page's HTML, and every page's first visit fetches it
(266 KB before this). A reader searches for what the pages teach: not the text of
buttons ("RunResetStop" was a search result), not quiz solutions or worked answers
(they give the answer away, and the teaching is in the pages), not the code behind a
computed table. Both engines leave out an element marked `data-search-exclude`
(Material's search plugin, and Zensical's); this marks the listed ones, after raw
HTML is back in place, so the markup of quizzes and runnable blocks is covered too.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# A start tag with a class attribute, as Python-Markdown and this site's HTML write it.
START_TAG = re.compile(
    r'<(?P<tag>[a-z][a-z0-9]*)\b(?P<attrs>[^<>]*?\bclass="(?P<class>[^"]*)"[^<>]*?)>'
)


def parse(selector: str) -> tuple[str, str]:
    """'details.success' -> ('details', 'success'); '.quiz-hint' -> ('', 'quiz-hint')."""
    tag, dot, name = selector.partition(".")
    if not dot or not name or not re.fullmatch(r"[a-z0-9]*", tag):
        raise ValueError(f"search_exclusions: {selector!r} is not 'tag.class' or '.class'")
    return tag, name


def mark(html: str, selectors: list[tuple[str, str]]) -> str:
    """`html` with `data-search-exclude` on each start tag one of `selectors` matches."""

    def marked(match: re.Match[str]) -> str:
        classes = match["class"].split()
        hit = any(name in classes and tag in ("", match["tag"]) for tag, name in selectors)
        if not hit or "data-search-exclude" in match["attrs"]:
            return match.group(0)
        return f"<{match['tag']}{match['attrs']} data-search-exclude>"

    return START_TAG.sub(marked, html)


class SearchExclusions(Postprocessor):
    def __init__(self, md: Markdown, selectors: list[tuple[str, str]]) -> None:
        super().__init__(md)
        self.selectors = selectors

    def run(self, text: str) -> str:
        return mark(text, self.selectors)


class SearchExclusionsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "exclude": [[], "Elements kept out of the search index: tag.class or .class"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        selectors = [parse(selector) for selector in self.getConfig("exclude")]
        # After raw HTML (quizzes, runnable blocks) is put back, at 30.
        md.postprocessors.register(SearchExclusions(md, selectors), "search_exclusions", 15)


def makeExtension(**kwargs) -> SearchExclusionsExtension:
    return SearchExclusionsExtension(**kwargs)
