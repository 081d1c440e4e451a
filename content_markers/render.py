"""What each marker kind renders, and the message a contributor gets when it cannot.

Plain functions: the Markdown adapter (extension.py) only decides where the output
goes. A table is Markdown, parsed with the page (so it is a Markdown table like any
other); a chart or a quiz is finished HTML, kept as it is.
"""

from __future__ import annotations

import os
import sysconfig
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from content_markers.markers import Marker, MarkerError
from content_markers.quiz_html import render_bank
from content_markers.quizzes import Banks, QuizError
from content_markers.runnable import CHECK, RUN
from snippets.charts import CHARTS, render_chart
from snippets.tables import TABLES, render_table


@dataclass(frozen=True)
class Kind:
    plural: str
    names: Callable[[], Collection[str]]
    render: Callable[[str], str]
    is_markdown: bool  # else finished HTML


def kinds(banks: Banks) -> dict[str, Kind]:
    """The marker kinds, keyed by the word after `md:`."""
    return {
        "table": Kind("tables", TABLES.keys, render_table, is_markdown=True),
        "chart": Kind("charts", CHARTS.keys, render_chart, is_markdown=False),
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
        raise MarkerError(
            f"unknown {marker.kind} '{marker.name}' (the {kind.plural} are {', '.join(names)})"
        )
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
    """' (raised at snippets/x.py:12 in f)': the innermost frame of the project's own code."""
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
