"""The marker syntax, `<!-- md:KIND NAME -->` on a line of its own (plain functions).

A marker is an HTML comment, so a page's Markdown reads cleanly in a diff and on
GitHub. That is also its danger: an engine that does not render it, or a marker
spelt slightly wrong, leaves an invisible comment and the page silently loses its
table. So anything that looks meant as a marker but is not exactly one is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The one spelling: a space after `<!--`, `md:` and the kind in lower case, one space,
# the name, one space, `-->`. Indented like the block it belongs to (in an admonition).
MARKER_LINE = re.compile(
    r"^(?P<indent> *)(?P<text><!-- md:(?P<kind>[a-z]+) (?P<name>\S+) -->)[ \t]*$"
)
# Any HTML comment that starts with `md:`, however spaced or cased: meant as a marker.
LOOKS_LIKE_A_MARKER = re.compile(r"<!--\s*md\s*:(?:(?!-->).)*(?:-->)?", re.IGNORECASE)
LOOSE_PARTS = re.compile(
    r"<!--\s*md\s*:\s*(?P<kind>[\w-]*)\s*(?P<name>(?:(?!-->)\S)*)\s*(?:-->)?", re.IGNORECASE
)


@dataclass(frozen=True)
class Marker:
    kind: str
    name: str
    text: str  # as written in the page
    indent: str = ""


class MarkerError(ValueError):
    """A marker that cannot be rendered.

    `line` is its line in the Markdown the converter was given (1-based), or 0 when it
    is not in it (text a `--8<--` include brought in); `page` is the page's path when
    the engine says which page it converts. Under MkDocs, hooks/marker_errors.py turns
    both into the page's file and line.
    """

    def __init__(self, problem: str, line: int = 0, page: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.page = page

    def __str__(self) -> str:
        where = f"line {self.line} after the front matter" if self.line else "included text"
        return f"{self.page + ', ' if self.page else ''}{where}: {self.problem}"


def spelled_out(kind: str, name: str) -> str:
    return f"<!-- md:{kind.lower() or 'KIND'} {name or 'NAME'} -->"


def parse_line(line: str) -> Marker | None:
    """The marker on `line`; None if the line is not meant as one.

    A line that starts as an HTML comment beginning `md:` but is not exactly a marker
    (`<!--md:table x-->`, `<!-- MD:table x -->`, `<!-- md: table x -->`, no name)
    raises MarkerError with the spelling that works.
    """
    match = MARKER_LINE.match(line)
    if match:
        kind, name, text, indent = match.group("kind", "name", "text", "indent")
        return Marker(kind, name, text, indent)
    stripped = line.strip()
    if not (stripped.startswith("<!--") and LOOKS_LIKE_A_MARKER.match(stripped)):
        return None
    parts = LOOSE_PARTS.match(stripped)
    kind, name = parts.group("kind", "name") if parts else ("", "")
    raise MarkerError(
        f"'{stripped}' is not a marker as written: write it exactly as "
        f"'{spelled_out(kind, name)}', on a line of its own"
    )


def stray_marker(html: str) -> str | None:
    """The first marker-like HTML comment left in finished `html`, if any.

    Code shows `<` escaped, so what is found here is a real comment: a marker written
    inside a line of text or a raw HTML block, which no engine would render.
    """
    match = LOOKS_LIKE_A_MARKER.search(html)
    return match.group(0) if match else None


def stray_marker_error(text: str, source: str) -> MarkerError:
    """The error for a marker-like comment `text` that stayed in the page."""
    position = source.find(text)
    line = source.count("\n", 0, position) + 1 if position >= 0 else 0
    parts = LOOSE_PARTS.match(text)
    spelling = spelled_out(*parts.group("kind", "name")) if parts else spelled_out("", "")
    return MarkerError(
        f"'{text}' would stay an invisible HTML comment: a marker is written "
        f"'{spelling}' on a line of its own, with a blank line before and after",
        line,
    )


def line_in_source(source_lines: list[str], text: str, occurrence: int) -> int:
    """1-based line of the `occurrence`-th (0-based) line reading `text`, or 0.

    The converter's lines have shifted by the time markers render (includes expanded,
    code blocks stashed), so a marker is found again in the text as it came in.
    """
    seen = 0
    for number, line in enumerate(source_lines, start=1):
        if line.strip() == text:
            if seen == occurrence:
                return number
            seen += 1
    return 0
