"""Shared parsing for `<!-- md:KIND NAME -->` markers (no MkDocs event of its own).

Markers are HTML comments, so raw Markdown reads cleanly in a diff and on GitHub.
Each feature hook replaces its own kind; `unknown_markers.py` fails on any left over.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError

MARKER = re.compile(r"<!--\s*md:(?P<kind>[\w-]+)(?:[ \t]+(?P<name>[^\s>]+))?\s*-->")


def source_line(source: str, marker_text: str, occurrence: int) -> int:
    """1-based line of the `occurrence`-th (0-based) `marker_text` in the page's source."""
    position = -1
    for _ in range(occurrence + 1):
        position = source.find(marker_text, position + 1)
        if position < 0:
            return 0
    return source.count("\n", 0, position) + 1


def replace_markers(
    markdown: str, src_path: str, source: str, kind: str, render: Callable[[str], str]
) -> str:
    """Replace every marker of `kind` with `render(name)`.

    Any exception from `render` (an unknown name raises KeyError) becomes a build
    error that names the page's file and line, the marker kind and the name.
    """
    seen: dict[str, int] = {}

    def substitute(match: re.Match[str]) -> str:
        if match.group("kind") != kind:
            return match.group(0)
        text = match.group(0)
        occurrence = seen.get(text, 0)
        seen[text] = occurrence + 1
        name = match.group("name")
        where = f"{src_path}:{source_line(source, text, occurrence)}"
        if not name:
            raise PluginError(f"{where}: '{text}' names no {kind}")
        try:
            return render(name)
        except KeyError as error:
            raise PluginError(f"{where}: unknown {kind} '{name}' ({error})") from error
        except Exception as error:
            raise PluginError(
                f"{where}: {kind} '{name}' failed: {type(error).__name__}: {error}"
            ) from error

    return MARKER.sub(substitute, markdown)
