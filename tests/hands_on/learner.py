"""A learner's file, as the hands-on tests write it, and what the checker said of it."""

from __future__ import annotations

import textwrap
from pathlib import Path


def saved(tmp_path: Path, code: str, name: str = "mine.py") -> Path:
    """`code` saved as a learner would save it, in a file of their own."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def failed_rules(lines: list[str]) -> set[str]:
    """The rules a checker's report says FAIL to."""
    return {line.removeprefix("FAIL  ") for line in lines if line.startswith("FAIL  ")}
