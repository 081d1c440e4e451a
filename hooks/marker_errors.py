"""Errors from the content markers name the page's file and line.

The Markdown extension (content_markers) renders `<!-- md:... -->` markers but is not
told which page it converts, nor where that page's front matter ends. MkDocs is, so
this hook turns the extension's errors into build errors that name both.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from content_markers.markers import MarkerError
from content_markers.quizzes import QuizError


def file_line(source: str, markdown: str, line: int) -> int:
    """The line in the page's file of `line` in the Markdown that MkDocs converted.

    MkDocs converts the file minus its front matter (and the blank lines after it),
    so the Markdown is the end of the file and the lines before it are the offset.
    """
    if not source.endswith(markdown):  # another hook rewrote it: no offset to add
        return line
    return line + source[: len(source) - len(markdown)].count("\n")


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
        except QuizError as error:  # a broken bank that this page does not show
            raise PluginError(str(error)) from error

    page.render = render_naming_the_page
    return page
