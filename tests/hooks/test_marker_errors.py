"""hooks/marker_errors.py: under MkDocs, a marker's error names the page's file and line
(the extension itself knows only the line in the Markdown it was given)."""

from __future__ import annotations

from pathlib import Path

import pytest
from marker_errors import file_line

from snippets.tables import TABLES
from tests.conftest import page
from tests.content_markers.sample_bank import GOOD


@pytest.mark.parametrize(
    ("source", "markdown"),
    [
        pytest.param("---\ndescription: x\n---\n\n# P\n\nText.\n", "# P\n\nText.\n", id="yaml"),
        pytest.param("# P\n\nText.\n", "# P\n\nText.\n", id="no-front-matter"),
    ],
)
def test_the_markdown_line_moves_down_by_the_front_matter(source, markdown) -> None:
    assert file_line(source, markdown, 3) == source.splitlines().index("Text.") + 1


def test_a_markdown_that_a_hook_rewrote_keeps_its_own_line() -> None:
    assert file_line("---\na: b\n---\n\nText.\n", "Changed.\n", 1) == 1


# --- In a real MkDocs build ----------------------------------------------------------------

MARKER = "<!-- md:quiz bank -->"
QUIZ_PAGE = page(f"# Quiz\n\nSome text.\n\n{MARKER}\n")
MARKER_LINE = QUIZ_PAGE.splitlines().index(MARKER) + 1


def banks(folder: Path, **texts: str) -> dict[str, Path]:
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return {"quizzes": folder}


@pytest.mark.build
def test_an_unknown_table_fails_the_build_naming_file_line_and_the_tables(build_small_site) -> None:
    result = build_small_site(
        {"index.md": page("# Home"), "bad.md": page("# Bad\n\n<!-- md:table no_such_table -->")}
    )
    assert result.returncode != 0
    assert (
        f"bad.md:7: unknown table 'no_such_table' (the tables are {', '.join(sorted(TABLES))})"
        in result.stderr
    ), result.stderr


@pytest.mark.build
def test_a_broken_bank_fails_the_build_naming_bank_line_and_question_before_any_page(
    build_small_site, tmp_path: Path
) -> None:
    """Shown on a page or not, a broken bank is reported as itself: MkDocs would
    announce an error raised while a page renders as "Error reading page" of that page."""
    broken = GOOD.replace("- [x] Continuous training", "- [ ] Continuous training")
    unused = GOOD.replace("ct-is-unique", "other-id").replace("difficulty: easy", "difficulty: ?")
    folders = banks(tmp_path / "b", bank=broken, unused=unused)
    result = build_small_site({"index.md": QUIZ_PAGE}, folders=folders)
    options = broken.splitlines().index("- [ ] Continuous integration") + 1
    difficulty = unused.splitlines().index("difficulty: ?") + 1
    assert result.returncode != 0
    assert (
        f"ERROR   -  quizzes/bank.md:{options}: question 'ct-is-unique': "
        "no option is marked correct" in result.stderr
    ), result.stderr
    assert f"quizzes/unused.md:{difficulty}: question 'other-id': difficulty '?'" in result.stderr
    assert "Error reading page" not in result.stderr
    assert "Traceback" not in result.stderr
