"""hooks/code_spans.py: name and whitespace spans go, their text and every other span stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from hooks.code_spans import unwrap_invisible_spans

SOURCE = 'def run(items: list[int]) -> int:\n    return sum(x * 2 for x in items if x)  # "<&"\n'


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_unwraps_names_and_whitespace_and_keeps_the_text() -> None:
    html = highlight(SOURCE, PythonLexer(), HtmlFormatter())
    assert '<span class="n">' in html and '<span class="w">' in html
    out = unwrap_invisible_spans(html)
    assert '<span class="n">' not in out and '<span class="w">' not in out
    assert visible_text(out) == visible_text(html)
    # Tokens drawn in their own colour keep their span.
    for kept in ("k", "nf", "o", "p", "mi", "c1", "nb"):
        assert html.count(f'<span class="{kept}">') == out.count(f'<span class="{kept}">'), kept


@pytest.mark.parametrize(
    "html",
    [
        '<span class="nf">run</span>',  # a function name has its own colour
        '<span class="n md-x">x</span>',  # not the highlighter's exact markup
        '<p><span class="n">x<b>y</b></span></p>',  # markup inside: not a token
    ],
)
def test_leaves_everything_else_alone(html: str) -> None:
    assert unwrap_invisible_spans(html) == html


@pytest.mark.build
def test_the_built_site_has_no_name_or_whitespace_spans(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    left = [p for p in pages if re.search(r'<span class="[nw]">', p.read_text("utf-8"))]
    assert left == []
    code = (built_site / "performance" / "index.html").read_text("utf-8")
    assert '<span class="k">def</span>' in code  # still highlighted
