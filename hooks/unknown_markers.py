"""Fail the build on any `<!-- md:... -->` marker that no hook replaced (a typo, say).

Listed last in mkdocs.yml, after the hooks that render markers.
"""

from __future__ import annotations

from markers import MARKER, source_line
from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, **kwargs):
    match = MARKER.search(markdown)
    if match:
        line = source_line(page.file.content_string, match.group(0), 0)
        raise PluginError(
            f"{page.file.src_path}:{line}: unknown marker '{match.group(0)}' "
            f"(no hook renders md:{match.group('kind')})"
        )
    return markdown
