"""What each marker kind renders, and the message a contributor gets when it cannot.

Plain functions: the Markdown adapter (extension.py) only decides where the output
goes. A table is Markdown, parsed with the page (so it is a Markdown table like any
other); a chart or a quiz is finished HTML, kept as it is. The tables and charts there
are come from the site, named by import path in the extension's settings (`tables:
snippets.tables:TABLES`): this package knows no site content.
"""

from __future__ import annotations

import os
import pkgutil
import sysconfig
import traceback
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from content_markers.markers import Marker, MarkerError
from content_markers.quiz_html import render_bank
from content_markers.quizzes import Banks, QuizError
from content_markers.runnable import CHECK, RUN

# NAME -> a function returning the table's Markdown, or the chart's HTML.
Registry = Mapping[str, Callable[[], str]]


@dataclass(frozen=True)
class Kind:
    plural: str
    names: Callable[[], Collection[str]]
    render: Callable[[str], str]
    is_markdown: bool  # else finished HTML


def registry(setting: str, import_path: str) -> Registry:
    """The registry the setting names ('package.module:NAME'); empty if it names none."""
    if not import_path:
        return {}
    try:
        found = pkgutil.resolve_name(import_path)
    except (ImportError, AttributeError, ValueError) as error:
        raise ValueError(
            f"content_markers setting {setting}: '{import_path}' does not name a registry "
            f"('package.module:NAME'): {type(error).__name__}: {error}"
        ) from error
    if not isinstance(found, Mapping):
        raise ValueError(
            f"content_markers setting {setting}: '{import_path}' is a "
            f"{type(found).__name__}, not a mapping of names to functions"
        )
    return found


def kinds(banks: Banks, tables: Registry, charts: Registry) -> dict[str, Kind]:
    """The marker kinds, keyed by the word after `md:`."""
    return {
        "table": Kind("tables", tables.keys, lambda name: tables[name](), is_markdown=True),
        "chart": Kind("charts", charts.keys, lambda name: charts[name](), is_markdown=False),
        "quiz": Kind(
            "quizzes",
            banks.names,
            lambda name: render_bank(name, banks.get(name)),
            is_markdown=False,
        ),
    }


def render(marker: Marker, known: dict[str, Kind]) -> str:
    """The marker's output, or MarkerError naming the marker and what to fix."""
    kind = known.get(marker.kind)
    if kind is None:
        kinds_list = ", ".join(f"md:{name}" for name in sorted({*known, RUN, CHECK}))
        raise MarkerError(f"unknown marker '{marker.text}' (the markers are {kinds_list})")
    names = sorted(kind.names())
    if marker.name not in names:
        there_are = f"the {kind.plural} are {', '.join(names)}" if names else f"no {kind.plural}"
        raise MarkerError(f"unknown {marker.kind} '{marker.name}' ({there_are})")
    try:
        return kind.render(marker.name)
    except QuizError as error:  # names its bank file and line already
        raise MarkerError(f"{marker.kind} '{marker.name}' failed: QuizError: {error}") from error
    except Exception as error:
        raise MarkerError(
            f"{marker.kind} '{marker.name}' failed: {type(error).__name__}: {error}"
            f"{raised_at(error)}"
        ) from error


# Frames in these folders are libraries, not the project's code.
LIBRARY_FOLDERS = tuple(
    {sysconfig.get_path(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    | {str(Path(__file__).parent)}
)


def raised_at(error: BaseException) -> str:
    """' (raised at snippets/growth.py:12 in f)': the innermost frame of the project's own code."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.startswith(LIBRARY_FOLDERS)
    ]
    if not frames:
        return ""
    frame = frames[-1]
    path = os.path.relpath(frame.filename)
    if path.startswith(".."):
        path = frame.filename
    return f" (raised at {path}:{frame.lineno} in {frame.name})"
