"""Give each plain table a <div> of its own, so Material's set-up restyles only the table.

Material's start-up script moves every plain table (`table:not([class])`) into a
scrolling wrapper. Its stylesheet has a sibling rule on such tables
(`.md-typeset table:not([class]) + *`), so the browser restyles every element under the
table's parent when the table moves: for a table written in a page, the whole article,
once per load (the performance page's 1,000-odd elements, on a phone at 4x CPU about
50-100 ms of blocking time). Inside a <div> of its own, the parent is that <div>, and
only the table is restyled. Measured 2026-12-07 (Chromium trace, phone, 4x CPU, median
of 4 loads): elements restyled after the first paint on the performance page 2,444
without this, 1,500 with it; 2,615 and 1,211 on the cost-drivers page (both with the
early script's markers, overrides/README.md). Nothing changes on screen: the <div> has
no style. Runs on the finished HTML, so the lab notebook's tables are covered too.
"""

from __future__ import annotations

import re

# A plain table as Python-Markdown and snippets.charts.html_table write it: no attribute.
# Never nested in this site's tables, so the first </table> closes it.
PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
HOST = '<div class="table-host">{}</div>'


def host_tables(html: str) -> str:
    """`html` with each plain table inside a <div class="table-host">."""
    return PLAIN_TABLE.sub(lambda match: HOST.format(match.group(0)), html)


def on_post_page(output, page, config):
    return host_tables(output)
