"""hooks/table_hosts.py: every plain table gets a <div> of its own; nothing else changes."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from hooks.table_hosts import host_tables

PAGE = """Text before.

| Side | Steps |
|---|--:|
| DevOps | 3 |

Text between.

| A |
|---|
| 1 |
"""


def test_each_markdown_table_is_hosted_and_the_rest_is_unchanged() -> None:
    html = markdown.markdown(PAGE, extensions=["tables"])
    out = host_tables(html)
    assert out.count('<div class="table-host"><table>') == 2
    assert out.count("</table></div>") == 2
    # Remove the hosts again: the page is exactly what it was.
    assert re.sub(r'<div class="table-host">|(?<=</table>)</div>', "", out) == html


@pytest.mark.parametrize(
    "html",
    [
        '<table class="dataframe"><tr><td>1</td></tr></table>',  # Material leaves it alone
        "<p>table</p><pre><code>&lt;table&gt;</code></pre>",  # a table shown as code
    ],
)
def test_leaves_other_tables_and_text_alone(html: str) -> None:
    assert host_tables(html) == html


@pytest.mark.build
def test_every_plain_table_of_the_built_site_is_hosted(built_site: Path) -> None:
    tables = hosted = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        tables += html.count("<table>")
        hosted += html.count('<div class="table-host"><table>')
    assert tables >= 10 and hosted == tables
