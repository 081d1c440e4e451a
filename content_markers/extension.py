"""The Python-Markdown adapter: the one module here that knows Python-Markdown.

Listed once under `markdown_extensions` in mkdocs.yml (`content_markers`), so MkDocs
and Zensical both run it. It registers three processors:

- `content_markers_source`, before any other, keeps the page's text as it came in,
  so that an error can give the marker's line;
- `content_markers` (priority 22) renders each marker line. It runs after fenced code
  is stashed (25; pymdownx.snippets includes at 32, earlier still), so a marker shown
  in a code block stays as it is, and before raw HTML is stashed (20), which would
  keep a marker as a comment. A table (from the registry the `tables` setting names)
  goes back in as Markdown lines; a chart (`charts`) or a quiz goes into the HTML
  stash, like any raw HTML block; `md:run` and `md:check` wrap the stashed code block
  after them. Then every quiz bank is checked, whether this page shows it or not
  (parsed at the first page and reused: quizzes.load_banks);
- `content_markers_stray`, after raw HTML is put back (30), fails on any marker-like
  comment left in the page (one written inside a line of text, say).
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import HTML_PLACEHOLDER

from content_markers.markers import (
    Marker,
    MarkerError,
    line_in_source,
    parse_line,
    stray_marker,
    stray_marker_error,
)
from content_markers.quizzes import load_banks
from content_markers.render import Kind, Registry, kinds, registry, render
from content_markers.runnable import CHECK, RUN, Checker, check_wrapper, load_checker, wrapper

# The settings that name the site's tables and charts (import paths).
REGISTRIES = ("tables", "charts")
# Where Python-Markdown left a stashed block (fenced code is stashed before markers).
STASHED = re.compile(HTML_PLACEHOLDER.replace("%s", r"(\d+)"))


def engine_page(md: Markdown) -> str:
    """The path of the page being converted, if the engine tells; else ''.

    Zensical registers it (`rendering_context`, a preprocessor holding the page);
    MkDocs does not, and hooks/marker_errors.py names the page there instead.
    """
    if "rendering_context" not in md.preprocessors:
        return ""
    page = getattr(md.preprocessors["rendering_context"], "page", None)
    return str(getattr(page, "path", "") or "")


class SourcePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: ContentMarkersExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.source_lines = list(lines)
        return lines


class MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: ContentMarkersExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        banks = load_banks(Path(self.extension.getConfig("quiz_banks")))
        # Made at the page's first table, chart or quiz: a page without one imports no
        # table or chart module (nor the libraries they import).
        known: dict[str, Kind] = {}
        output: list[str] = []
        seen: dict[str, int] = {}  # how many times each marker text came before
        lines = list(lines)
        while lines:
            line = lines.pop(0)
            try:
                marker = parse_line(line)
                if marker is None:
                    output.append(line)
                    continue
                if marker.kind in (RUN, CHECK):
                    at = line_in_source(
                        self.extension.source_lines, line.strip(), seen.get(line.strip(), 0)
                    )
                    block = self.runnable(marker, lines, self.extension.source_lines[at:])
                else:
                    known = known or kinds(banks, *map(self.extension.registry, REGISTRIES))
                    block = self.rendered(marker, known)
            except MarkerError as error:
                text = line.strip()
                error.line = line_in_source(self.extension.source_lines, text, seen.get(text, 0))
                error.page = engine_page(self.md)
                raise
            seen[marker.text] = seen.get(marker.text, 0) + 1
            output += ["", *(marker.indent + part for part in block), ""]
        banks.check()
        return output

    def rendered(self, marker: Marker, known: dict[str, Kind]) -> list[str]:
        """A table's Markdown lines, or a stash placeholder for a chart's or a quiz's HTML."""
        rendered = render(marker, known)
        if known[marker.kind].is_markdown:
            # A computed table is data, not reading matter: the search index leaves it
            # out (as content_markers/search_exclusions.py does the rest). md_in_html
            # reads `markdown` only at the top level; inside a block (a collapsed note)
            # Python-Markdown ends the HTML at the blank line and renders the table
            # itself, so the attribute would stay in the page.
            opening = (
                "<div data-search-exclude>"
                if marker.indent
                else "<div data-search-exclude markdown>"
            )
            return [opening, "", *rendered.splitlines(), "", "</div>"]
        # Stored as Python-Markdown stores a raw HTML block: ending in a newline.
        return [self.md.htmlStash.store(rendered + "\n")]

    def runnable(self, marker: Marker, lines: list[str], written_after: list[str]) -> list[str]:
        """The code block that follows (taken from `lines`), wrapped to run in a browser.
        `written_after` is what the page's author wrote after the marker: blank lines (the
        Markdown linter asks for one before a fence), then the block's fence."""
        while lines and not lines[0].strip():
            lines.pop(0)
        stashed = STASHED.fullmatch(lines[0].strip()) if lines else None
        fence = next((line.strip() for line in written_after if line.strip()), "")
        if stashed is None or fence != "```python":
            raise MarkerError(
                f"'{marker.text}' must stand right above a ```python block (a blank line between)"
            )
        block_html = str(self.md.htmlStash.rawHtmlBlocks[int(stashed.group(1))])
        served = Path(self.extension.getConfig("browser_files"))
        if marker.kind == RUN:
            modules = self.extension.getConfig("browser_modules")
            opening, closing = wrapper(marker.name, block_html, modules, served)
        else:
            opening, closing = check_wrapper(marker.name, block_html, self.extension.checker())
        store = self.md.htmlStash.store
        return [store(opening + "\n"), "", lines.pop(0).strip(), "", store(closing + "\n")]


class StrayMarkerPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, extension: ContentMarkersExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        stray = stray_marker(text)
        if stray:
            error = stray_marker_error(stray, "\n".join(self.extension.source_lines))
            error.page = engine_page(self.md)
            raise error
        return text


class ContentMarkersExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "quiz_banks": ["quizzes", "Folder of the quiz banks, from the working directory"],
            "tables": ["", "Import path of the tables <!-- md:table NAME --> names (NAME -> str)"],
            "charts": ["", "Import path of the charts <!-- md:chart NAME --> names (NAME -> str)"],
            "browser_modules": [[], "Modules a runnable block may import besides the stdlib"],
            "check_steps": ["", "Module whose STEPS <!-- md:check STEP --> names (hands_on.check)"],
            "browser_files": [
                "docs/assets/python",
                "Folder the browser's modules are served from, from the working directory",
            ],
        }
        self.source_lines: list[str] = []
        self._checker: Checker | None = None
        super().__init__(**kwargs)

    def registry(self, setting: str) -> Registry:
        """The tables or the charts: the registry the setting names, imported by its path."""
        return registry(setting, self.getConfig(setting))

    def checker(self) -> Checker:
        """The hands-on checker, loaded on the first md:check of the build."""
        if self._checker is None:
            served = Path(self.getConfig("browser_files"))
            self._checker = load_checker(self.getConfig("check_steps"), served)
        return self._checker

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(SourcePreprocessor(md, self), "content_markers_source", 1000)
        md.preprocessors.register(MarkerPreprocessor(md, self), "content_markers", 22)
        md.postprocessors.register(StrayMarkerPostprocessor(md, self), "content_markers_stray", 25)

    def reset(self) -> None:
        self.source_lines = []


def makeExtension(**kwargs) -> ContentMarkersExtension:
    return ContentMarkersExtension(**kwargs)
