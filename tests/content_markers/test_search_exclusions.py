"""content_markers/search_exclusions.py: the listed elements carry `data-search-exclude`,
in raw HTML blocks as in Markdown's own; nothing else changes."""

from __future__ import annotations

import markdown
import pytest

from content_markers.search_exclusions import mark, parse

PAGE = """Text.

<div class="runnable__toolbar" hidden><button class="md-button">Run</button></div>

??? success "Solution"

    The answer.

!!! success "A note"

    Stays.
"""


def convert(exclude: list[str]) -> str:
    extensions = ["admonition", "pymdownx.details", "content_markers.search_exclusions"]
    configs = {"content_markers.search_exclusions": {"exclude": exclude}}
    return markdown.markdown(PAGE, extensions=extensions, extension_configs=configs)


def test_listed_elements_are_marked_and_the_rest_is_as_it_was() -> None:
    plain = convert([])
    html = convert([".runnable__toolbar", "details.success"])
    assert '<div class="runnable__toolbar" hidden data-search-exclude>' in html
    assert '<details class="success" data-search-exclude>' in html
    # A <div class="admonition success"> is not a <details>: it stays in the index.
    assert '<div class="admonition success">' in html
    assert html.replace(" data-search-exclude", "") == plain


@pytest.mark.parametrize(
    "html",
    [
        '<p class="quiz-hintish">x</p>',  # a class that only starts the same
        '<p data-search-exclude class="quiz-hint">x</p>',  # marked already
        "<p>class=&quot;quiz-hint&quot;</p>",  # text, not a tag
    ],
)
def test_nothing_else_is_marked(html: str) -> None:
    assert mark(html, [parse(".quiz-hint")]) == html


@pytest.mark.parametrize("selector", ["success", "details.", "Details.x", "div > .x"])
def test_a_selector_it_cannot_read_fails_with_its_text(selector: str) -> None:
    with pytest.raises(ValueError, match=r"is not 'tag\.class' or '\.class'"):
        parse(selector)
