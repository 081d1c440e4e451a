"""Drop the highlighter's spans that change nothing on screen: names and whitespace.

Pygments wraps every token of a code block in a <span>: a name (`n`) and a run of
whitespace (`w`) too, although Material draws a name in the code block's own text colour
(`--md-code-hl-name-color` is `--md-code-fg-color`) and has no rule for `w`. On this
site they are a fifth of all elements on a code-heavy page, and the browser restyles
every element each time Material's start-up script forces a style recalculation (several
times per load): on a phone that is blocking time (figures: DECISIONS.md, code-spans).
Their text stays exactly as it was, so copying, search and the look of the code do not change.
Runs on the finished HTML, so the lab notebook's code is covered too.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Pygments writes a token as <span class="CLASS">escaped text</span>, never nested.
INVISIBLE_SPAN = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')


def unwrap_invisible_spans(html: str) -> str:
    """`html` with each name and whitespace token span replaced by its text."""
    return INVISIBLE_SPAN.sub(r"\1", html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return unwrap_invisible_spans(output)
