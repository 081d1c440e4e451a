"""The Python-Markdown adapter: the one module here that knows Python-Markdown.

Listed once under `markdown_extensions` in mkdocs.yml (`content_markers`), so MkDocs
and Zensical both run it. It registers three processors:

- `content_markers_source`, before any other, keeps the page's text as it came in,
  so that an error can give the marker's line;
- `content_markers` (priority 22) renders each marker line. It runs after fenced code
  is stashed (25; pymdownx.snippets includes at 32, earlier still), so a marker shown
  in a code block stays as it is, and before raw HTML is stashed (20), which would
  keep a marker as a comment. A table goes back in as Markdown lines; a chart or a
  quiz goes into the HTML stash, like any raw HTML block. Then every quiz bank is
  checked, whether this page shows it or not;
- `content_markers_stray`, after raw HTML is put back (30), fails on any marker-like
  comment left in the page (one written inside a line of text, say).
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from content_markers.markers import (
    MarkerError,
    line_in_source,
    parse_line,
    stray_marker,
    stray_marker_error,
)
from content_markers.quizzes import load_banks
from content_markers.render import kinds, render


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
        known = kinds(banks)
        output: list[str] = []
        seen: dict[str, int] = {}  # how many times each marker text came before
        for line in lines:
            try:
                marker = parse_line(line)
                if marker is None:
                    output.append(line)
                    continue
                rendered = render(marker, known)
            except MarkerError as error:
                text = line.strip()
                error.line = line_in_source(self.extension.source_lines, text, seen.get(text, 0))
                error.page = engine_page(self.md)
                raise
            seen[marker.text] = seen.get(marker.text, 0) + 1
            if known[marker.kind].is_markdown:
                block = rendered.splitlines()
            else:
                # Stored as Python-Markdown stores a raw HTML block: ending in a newline.
                block = [self.md.htmlStash.store(rendered + "\n")]
            output += ["", *(marker.indent + part for part in block), ""]
        banks.check()
        return output


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
        }
        self.source_lines: list[str] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(SourcePreprocessor(md, self), "content_markers_source", 1000)
        md.preprocessors.register(MarkerPreprocessor(md, self), "content_markers", 22)
        md.postprocessors.register(StrayMarkerPostprocessor(md, self), "content_markers_stray", 25)

    def reset(self) -> None:
        self.source_lines = []


def makeExtension(**kwargs) -> ContentMarkersExtension:
    return ContentMarkersExtension(**kwargs)
