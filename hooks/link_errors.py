"""A broken link or anchor names the page's file and line, as every other build error does.

MkDocs says which page holds a link it cannot resolve ("Doc file 'x.md' contains a link
'y.md', but the target is not found among documentation files.") but not where on the
page. This hook puts the file and line in front of its words: "x.md:12: Doc file ...".
The line is where the link is written in the page's file; a link that an include or a
marker brought in is not written there, and the message says so.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

# MkDocs' link warnings (mkdocs/structure/pages.py): a link whose target or anchor is
# missing, an absolute or unrecognised one, one to an excluded page.
LINK_WARNING = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link"
    r" (?:to )?'(?P<link>[^']+)'"
)
# Where a link is written: inline `](link`, a reference `]: link`, HTML `href="link"`,
# an autolink `<link>`.
WRITTEN = r"(?:\]\(\s*<?|\]:\s*<?|href=[\"']|<){link}(?=[\s)\"'>])"


def link_lines(source: str, link: str) -> list[int]:
    """The lines of `source` on which `link` is written as a link, in order."""
    pattern = re.compile(WRITTEN.format(link=re.escape(link)))
    return [source.count("\n", 0, match.start()) + 1 for match in pattern.finditer(source)]


class LinkLines(logging.Filter):
    """Rewrites MkDocs' link warnings to start with the page's file and line."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, str] = {}  # page's src_uri -> its file's text
        self.seen: Counter[tuple[str, str]] = Counter()  # warnings so far per page and link

    def where(self, page: str, link: str) -> str:
        # MkDocs warns once per occurrence of a missing target (in page order), and once
        # per missing anchor whatever its occurrences: the n-th warning, the n-th line.
        lines = link_lines(self.sources[page], link)
        nth = self.seen[page, link]
        self.seen[page, link] += 1
        if not lines:
            return f"{page} (in text that an include or a marker brought in)"
        return f"{page}:{lines[min(nth, len(lines) - 1)]}"

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        match = LINK_WARNING.match(message)
        if match and match["page"] in self.sources:
            record.msg, record.args = f"{self.where(match['page'], match['link'])}: {message}", ()
        return True


LOGGER = logging.getLogger("mkdocs.structure.pages")
FILTER = LinkLines()


def on_startup(**kwargs) -> None:
    LOGGER.addFilter(FILTER)


def on_shutdown(**kwargs) -> None:
    LOGGER.removeFilter(FILTER)


def on_pre_build(**kwargs) -> None:
    FILTER.sources.clear()
    FILTER.seen.clear()


def on_page_markdown(markdown, page, **kwargs):
    FILTER.sources[page.file.src_uri] = page.file.content_string
    return markdown
