"""Every repository path that a comment or docstring of the project's own code (or
DECISIONS.md) names exists, so a file moved or deleted leaves no stale pointer behind
(docstrings named a tables hook in hooks/ long after it became snippets/tables.py).

A path is a name that starts with one of the repository's top-level folders
(`snippets/growth.py`, `docs/assets/javascripts/`, `tests/hands_on/test_gate.py`),
read relative to the repository or to the file's own folder. One with a placeholder
(`quizzes/NAME.md`, `tests/hands_on/test_<step>.py`, `docs/*.md`) is a pattern and must
match at least one path. A `:section` or `:line` after a path is left off.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

TOP = ("snippets", "content_markers", "hooks", "hands_on", "tools", "tests", "docs",
       "overrides", "quizzes", "includes", "data", "templates", ".github", ".ci")  # fmt: skip
NAMED_PATH = re.compile(
    r"(?<![\w/.<{-])((?:" + "|".join(re.escape(t) for t in TOP) + r")/[\w./*<>{}-]*[\w*>}])"
)
# An upper-case word (NAME, STEP), a <step> or {stem}: any name there.
PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_]+\b|<[^>/]*>|\{[^}/]*\}")
# `//` after a colon or quote is a URL or a string, not a comment.
C_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*", re.DOTALL)
MARKUP_COMMENT = re.compile(r"<!--.*?-->|\{#.*?#\}", re.DOTALL)
# A file's text -> (line, text) of each of its comments and docstrings.
Notes = Callable[[str], Iterator[tuple[int, str]]]


def python_notes(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each comment and docstring of a Python module."""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(text)):
        kinds = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        if isinstance(node, kinds) and (doc := ast.get_docstring(node, clean=False)):
            yield node.body[0].lineno, doc


def pattern_notes(pattern: re.Pattern[str]) -> Notes:
    def notes(text: str) -> Iterator[tuple[int, str]]:
        for match in pattern.finditer(text):
            yield text.count("\n", 0, match.start()) + 1, match.group()

    return notes


def hash_notes(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each `#` comment of a Makefile, shell script or YAML file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" in line:
            yield number, line[line.index("#") :]


def own_files() -> Iterator[tuple[Path, Notes]]:
    """The project's own code and configuration, each with the reader of its notes."""
    for folder in ("snippets", "content_markers", "hooks", "hands_on", "tools", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, python_notes
    for folder in ("docs/assets", "overrides"):
        for path in sorted((ROOT / folder).rglob("*")):
            if "vendor" in path.relative_to(ROOT).parts or path.is_symlink():
                continue
            if path.suffix in (".js", ".mjs", ".css"):
                yield path, pattern_notes(C_COMMENT)
            elif path.suffix == ".html":
                yield path, pattern_notes(MARKUP_COMMENT)
    for name in ("Makefile", ".ci/run", "mkdocs.yml", ".pre-commit-config.yaml"):
        yield ROOT / name, hash_notes
    for path in sorted((ROOT / ".github").rglob("*.yml")):
        yield path, hash_notes
    yield ROOT / "DECISIONS.md", whole_text


def whole_text(text: str) -> Iterator[tuple[int, str]]:
    """Each line of a file that is all notes (DECISIONS.md)."""
    yield from enumerate(text.splitlines(), start=1)


def exists(named: str, beside: Path) -> bool:
    path = named.split(":")[0].rstrip(".")
    parts = PLACEHOLDER.sub("*", path).split("/")
    pattern = "/".join(part if part == "**" else re.sub(r"\*+", "*", part) for part in parts)
    for base in (ROOT, beside):
        if "*" in pattern and any(base.glob(pattern)):
            return True
        if "*" not in pattern and (base / path).exists():
            return True
    return False


def stale(path: Path, notes: Notes) -> list[str]:
    found = []
    for line, text in notes(path.read_text(encoding="utf-8")):
        for match in NAMED_PATH.finditer(text):
            if not exists(match.group(1), path.parent):
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(1)}")
    return found


def test_every_path_a_comment_or_docstring_names_exists() -> None:
    files = list(own_files())
    assert len(files) > 150
    problems = [problem for path, notes in files for problem in stale(path, notes)]
    assert problems == [], "no such file or folder (moved? renamed?):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"""Built by hooks/tables.py, as snippets/tables.py says."""\n', ["hooks/tables.py"]),
        ("# see quizzes/NAME.md and tests/hands_on/test_<step>.py\nx = 1\n", []),
        ("# docs/*.md and docs/nothing-*.md\nx = 1\n", ["docs/nothing-*.md"]),
        ("# snippets/growth.py:fit, snippets/tables.py:12.\nx = 1\n", []),
        ('x = "hooks/tables.py"  # a string, not a note\n', []),
        ("# lighthouse/docs/throttling.md: another repository's path\nx = 1\n", []),
    ],
)
def test_a_stale_path_is_found_and_a_pattern_or_a_string_is_not(tmp_path, text, found) -> None:
    module = ROOT / "tests" / "planted_note.py"  # read from tmp_path, named as if here
    planted = tmp_path / "planted_note.py"
    planted.write_text(text, encoding="utf-8")
    problems = [p.split(": ", 1)[1] for p in stale_text(planted, module)]
    assert problems == found


def stale_text(planted: Path, as_if: Path) -> list[str]:
    problems = []
    for line, text in python_notes(planted.read_text(encoding="utf-8")):
        for match in NAMED_PATH.finditer(text):
            if not exists(match.group(1), as_if.parent):
                problems.append(f"{line}: {match.group(1)}")
    return problems
