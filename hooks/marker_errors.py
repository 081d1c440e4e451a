"""Errors from the content markers name the page's file and line, and a broken quiz
bank is reported as itself.

The Markdown extension (content_markers) renders `<!-- md:... -->` markers but is not
told which page it converts, nor where that page's front matter ends. MkDocs is, so
this hook turns the extension's errors into build errors that name both. The quiz
banks are checked before any page is read: a broken bank is no page's fault, and
MkDocs would announce an error raised while a page renders as "Error reading page"
of whichever page came first. (Zensical runs no hooks: there the extension checks
every bank at the first page.)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from content_markers.extension import ContentMarkersExtension
from content_markers.markers import MarkerError
from content_markers.quizzes import QuizError, load_banks


def file_line(source: str, markdown: str, line: int) -> int:
    """The line in the page's file of `line` in the Markdown that MkDocs converted.

    MkDocs converts the file minus its front matter (and the blank lines after it),
    so the Markdown is the end of the file and the lines before it are the offset.
    """
    if not source.endswith(markdown):  # another hook rewrote it: no offset to add
        return line
    return line + source[: len(source) - len(markdown)].count("\n")


def on_pre_build(config):
    if "content_markers" not in config["markdown_extensions"]:
        return
    settings = config["mdx_configs"].get("content_markers", {})
    folder = ContentMarkersExtension(**settings).getConfig("quiz_banks")
    try:
        load_banks(Path(folder)).check()  # parsed once: the pages reuse it
    except QuizError as error:
        raise PluginError(str(error)) from error


def on_pre_page(page, config, files):
    render = page.render

    def render_naming_the_page(config, files):
        try:
            render(config, files)
        except MarkerError as error:
            where = page.file.src_path
            if error.line:
                where += f":{file_line(page.file.content_string, page.markdown, error.line)}"
            else:
                where += " (in text that an include brought in)"
            raise PluginError(f"{where}: {error.problem}") from error

    page.render = render_naming_the_page
    return page
