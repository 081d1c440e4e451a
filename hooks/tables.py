"""Render `<!-- md:table NAME -->` with the table that `snippets.tables` computes.

Numbers in tables come from the same code the page shows, at build time.
"""

from __future__ import annotations

from markers import replace_markers

from snippets.tables import render_table


def on_page_markdown(markdown, page, **kwargs):
    return replace_markers(
        markdown, page.file.src_path, page.file.content_string, "table", render_table
    )
